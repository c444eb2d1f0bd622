{#-
    The live rows of a connector's account table (Salesforce account, HubSpot company) in the
    generic export's columns, as text: customer accounts (is_partner false, for
    conf_<crm>__accounts) or partners (is_partner true, for conf_<crm>__partners). One table
    holds both; the field partner_flag and the var <values_var> tell them apart, so every
    live row lands in exactly one of the two models.
-#}
{% macro crm_accounts(crm, table, values_var, is_partner) -%}
    {%- set is_partner_sql = crm_value_in('crm_rows.partner_flag', var(values_var), values_var) -%}
    select
        {%- if is_partner %}
        crm_rows.account_id as partner_id,
        crm_rows.account_name as partner_name,
        crm_rows.partner_type,
        crm_rows.tier,
        crm_rows.region,
        crm_rows.joined_at
        {%- else %}
        crm_rows.account_id,
        crm_rows.account_name,
        crm_rows.industry,
        crm_rows.region,
        crm_rows.country,
        crm_rows.employee_count,
        crm_rows.created_at
        {%- endif %}
    from {{ crm_table(crm, table, 'crm_rows') }}
    where {{ crm_row_is_live(crm, table, 'crm_rows') }}
        and {{ '' if is_partner else 'not ' }}{{ is_partner_sql }}
{%- endmacro %}
