{#-
    A text column compared byte by byte, for orderings that break ties (activity_id): the spec's
    "ties by activity_id" must pick the same touch on every engine, whatever its collation.
-#}
{% macro binary_order(column) -%}
    {{ return(adapter.dispatch('partner_attribution_binary_order', 'partner_attribution')(column)) }}
{%- endmacro %}

{% macro default__partner_attribution_binary_order(column) -%}
    {{ column }}
{%- endmacro %}

{% macro postgres__partner_attribution_binary_order(column) -%}
    {{ column }} collate "C"
{%- endmacro %}
