{#-
    The market motion of a region (spec "Levels"): partner_led when the region is one of var
    partner_led_regions (markets where the partner ecosystem is the route to market), else
    direct. Deals take their account's region; partners their own.
-#}
{% macro market_motion(region) -%}
    case
        when {{ region }} in {{ sql_list(partner_var('partner_led_regions')) }} then 'partner_led'
        else 'direct'
    end
{%- endmacro %}
