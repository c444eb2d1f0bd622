{#- Inverse-J attribution: the position family with 60% to the first and 20% to the last touch. -#}
{% macro attribution_inverse_j(touch_rank='touch_rank', touch_count='touch_count') -%}
    {{ attribution_position_family(0.6, 0.2, touch_rank, touch_count) }}
{%- endmacro %}
