{#- Last-touch attribution: all the credit to the last attribution touch (touch_rank = touch_count). -#}
{% macro attribution_last_touch(touch_rank='touch_rank', touch_count='touch_count') -%}
    case when {{ touch_rank }} = {{ touch_count }} then 1.0 else 0.0 end
{%- endmacro %}
