{#-
    The median of a numeric expression within a group, interpolating between the two middle
    values of an even count (as percentile_cont does), ignoring nulls; null for no values.
-#}
{% macro median(expression) -%}
    {{ return(adapter.dispatch('median', 'partner_attribution')(expression)) }}
{%- endmacro %}

{% macro default__median(expression) -%}
    median({{ expression }})
{%- endmacro %}

{% macro postgres__median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro spark__median(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}
