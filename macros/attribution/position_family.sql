{#-
    The position family, with a first share f and a last share l (spec "Multi-touch
    attribution"): n = 1: all to the one touch; n = 2: f/(f+l) to the first and l/(f+l) to the
    last; n >= 3: f to the first, l to the last, (1-f-l)/(n-2) to each touch between.
    position_based, j_shaped and inverse_j are members; users add their own through the var
    custom_attribution_models, whose shares partner_var() checks (each >= 0, 0 < f + l <= 1).

    Shares are read to the millionth and each weight is one division of whole numbers, so it
    is the double nearest the exact value (0.6/0.8 in floating point is 0.7499999999999999;
    600000/800000 is 0.75).
-#}
{% macro attribution_position_family(first_share, last_share, touch_rank='touch_rank', touch_count='touch_count') -%}
    {%- set scale = 1000000 -%}
    {%- set first_units = (first_share * scale) | round | int -%}
    {%- set last_units = (last_share * scale) | round | int -%}
    case
        when {{ touch_count }} = 1 then cast(1 as {{ type_double() }})
        when {{ touch_count }} = 2
            then case
                when {{ touch_rank }} = 1
                    then cast({{ first_units }} as {{ type_double() }}) / {{ first_units + last_units }}
                else cast({{ last_units }} as {{ type_double() }}) / {{ first_units + last_units }}
            end
        when {{ touch_rank }} = 1 then cast({{ first_units }} as {{ type_double() }}) / {{ scale }}
        when {{ touch_rank }} = {{ touch_count }} then cast({{ last_units }} as {{ type_double() }}) / {{ scale }}
        else cast({{ scale - first_units - last_units }} as {{ type_double() }}) / ({{ scale }} * ({{ touch_count }} - 2))
    end
{%- endmacro %}
