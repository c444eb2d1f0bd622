{#-
    The rules of one connector table that leave a live row out because it is not partner
    data, as [condition, rule] pairs over the row (alias: the one crm_table gave); the first
    that holds names the rule (crm_left_out_rule). One home for each: the staging models and
    audit.crm_left_out_rows both read them from here.
-#}
{% macro crm_table_rules(crm, table, alias) -%}
    {%- set rules = [] -%}
    {%- if crm == 'salesforce' and table == 'activity' -%}
        {#- the sales team's own tasks: no partner on them -#}
        {%- do rules.append([
            clean_text((alias ~ '.partner_id')) ~ ' is null', 'not a partner activity']) -%}
    {%- elif crm == 'salesforce' and table == 'deal_registration' and crm_fields(crm, table)['filter'] is not none -%}
        {#- leads that are not partner registrations (by their lead source) -#}
        {%- do rules.append(['not ' ~ crm_value_in(
            (alias ~ '.filter'),
            var('salesforce_deal_registration_filter_values'),
            'salesforce_deal_registration_filter_values'), 'not a deal registration']) -%}
    {%- elif crm == 'hubspot' -%}
        {%- set rules = hubspot_table_rules(table, alias) -%}
    {%- endif -%}
    {{ return(rules) }}
{%- endmacro %}
