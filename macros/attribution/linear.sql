{#- Linear attribution: each of the n attribution touches gets 1/n (in floating point: decimal division is coarse on Spark). -#}
{% macro attribution_linear(touch_count='touch_count') -%}
    cast(1 as {{ type_double() }}) / {{ touch_count }}
{%- endmacro %}
