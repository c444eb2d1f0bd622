{#-
    The partner levels of fct_opportunity_partners, in pyramid order (attached on top): the
    scorecard's name for each and the flag column that holds it.
-#}
{% macro partner_levels() -%}
    {{ return([
        ('attached', 'is_attached'),
        ('touched', 'is_touched'),
        ('influenced', 'is_influenced'),
        ('sourced', 'is_sourced'),
        ('resold', 'is_resold'),
        ('deployed', 'is_deployed'),
        ('partner_led', 'is_partner_led'),
    ]) }}
{%- endmacro %}
