{#- J-shaped attribution: the position family with 20% to the first and 60% to the last touch. -#}
{% macro attribution_j_shaped(touch_rank='touch_rank', touch_count='touch_count') -%}
    {{ attribution_position_family(0.2, 0.6, touch_rank, touch_count) }}
{%- endmacro %}
