{#- Position-based (U-shaped) attribution: the position family with 40% to the first and 40% to the last touch. -#}
{% macro attribution_position_based(touch_rank='touch_rank', touch_count='touch_count') -%}
    {{ attribution_position_family(0.4, 0.4, touch_rank, touch_count) }}
{%- endmacro %}
