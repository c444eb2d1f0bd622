{#-
    First-touch attribution: all the credit to the first attribution touch (by occurred_at,
    then activity_id). Arguments name the columns of the ordered-touch CTE.
-#}
{% macro attribution_first_touch(touch_rank='touch_rank') -%}
    case when {{ touch_rank }} = 1 then 1.0 else 0.0 end
{%- endmacro %}
