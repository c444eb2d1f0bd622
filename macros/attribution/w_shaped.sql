{#-
    W-shaped attribution. Key touches: the first, the creation touch (the last one with
    occurred_at <= created_at, if any) and the last; K = the distinct key touches (1 to 3).
    When every touch is a key touch (n = |K|) each gets 1/|K|; else each key touch gets
    0.9/|K| and each other touch 0.1/(n - |K|).
    creation_touch_rank: the creation touch's rank, null when no touch precedes creation.
    The shares are divided in floating point: decimal division keeps only 12 digits on Spark.
-#}
{% macro attribution_w_shaped(touch_rank='touch_rank', touch_count='touch_count',
                              creation_touch_rank='creation_touch_rank') -%}
    {%- set key_count -%}
        (1
        + case when {{ touch_count }} > 1 then 1 else 0 end
        + case when {{ creation_touch_rank }} > 1 and {{ creation_touch_rank }} < {{ touch_count }} then 1 else 0 end)
    {%- endset -%}
    case
        when {{ touch_count }} = {{ key_count }} then cast(1 as {{ type_double() }}) / {{ key_count }}
        when
            {{ touch_rank }} = 1
            or {{ touch_rank }} = {{ touch_count }}
            or {{ touch_rank }} = coalesce({{ creation_touch_rank }}, 0)
            then cast(0.9 as {{ type_double() }}) / {{ key_count }}
        else cast(0.1 as {{ type_double() }}) / ({{ touch_count }} - {{ key_count }})
    end
{%- endmacro %}
