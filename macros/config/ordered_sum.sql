{#-
    The sum of a floating-point expression added in a fixed order, so that it is the same on
    every run, to the last bit: a plain sum of doubles depends on the order the rows arrive in,
    which changes with how a table was built (a full or an incremental build) and with the
    threads of a parallel engine. exact_sum fixes that by rounding to 12 places, which is too
    coarse for a weight that can be 1e-20 (an old touch under time decay); this keeps every bit.
    order_by must be unique within a group. Spark has no ordered aggregates: a plain sum there.
-#}
{% macro ordered_sum(expression, order_by) -%}
    {{ return(adapter.dispatch('partner_attribution_ordered_sum', 'partner_attribution')(expression, order_by)) }}
{%- endmacro %}

{% macro default__partner_attribution_ordered_sum(expression, order_by) -%}
    sum({{ expression }} order by {{ order_by }})
{%- endmacro %}

{% macro spark__partner_attribution_ordered_sum(expression, order_by) -%}
    sum({{ expression }})
{%- endmacro %}
