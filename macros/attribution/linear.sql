{#- Linear attribution: each of the n attribution touches gets 1/n. -#}
{% macro attribution_linear(touch_count='touch_count') -%}
    1.0 / {{ touch_count }}
{%- endmacro %}
