{#-
    The median of a numeric expression within a group, interpolating between the two middle
    values of an even count (as percentile_cont does), ignoring nulls; null for no values.
-#}
{% macro median(expression) -%}
    {{ return(adapter.dispatch('partner_attribution_median', 'partner_attribution')(expression)) }}
{%- endmacro %}

{% macro default__partner_attribution_median(expression) -%}
    median({{ expression }})
{%- endmacro %}

{% macro postgres__partner_attribution_median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro spark__partner_attribution_median(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}
