{#-
    The motions the partner scorecard profiles, one share column each (motion_share_<motion>),
    in the order the scorecard shows them: the spec's nine. A motion added to the
    activity_types seed but not listed here still counts, in motion_share_other, so a
    partner's shares always add up to 1.
-#}
{% macro scorecard_motions() -%}
    {{ return(['sourcing', 'influence', 'bd', 'solutions', 'pilot', 'marketing', 'resale', 'deployment',
               'customer_success']) }}
{%- endmacro %}
