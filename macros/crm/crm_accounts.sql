{#-
    The live rows of a connector's account table (Salesforce account, HubSpot company) in the
    generic export's columns, as text: customer accounts (is_partner false, for
    stg_<crm>__accounts) or partners (is_partner true, for stg_<crm>__partners). One table
    holds both; the field partner_flag and the var <values_var> tell them apart, so every
    live row lands in exactly one of the two models.
-#}
{% macro crm_accounts(crm, table, values_var, is_partner) -%}
    {%- set is_partner_sql = crm_value_in(crm_field(crm, table, 'partner_flag', 'crm_rows'), var(values_var), values_var) -%}
    select
        {%- if is_partner %}
        {{ crm_field(crm, table, 'account_id', 'crm_rows') }} as partner_id,
        {{ crm_field(crm, table, 'account_name', 'crm_rows') }} as partner_name,
        {{ crm_field(crm, table, 'partner_type', 'crm_rows') }} as partner_type,
        {{ crm_field(crm, table, 'tier', 'crm_rows') }} as tier,
        {{ crm_field(crm, table, 'region', 'crm_rows') }} as region,
        {{ crm_field(crm, table, 'joined_at', 'crm_rows') }} as joined_at
        {%- else %}
        {{ crm_field(crm, table, 'account_id', 'crm_rows') }} as account_id,
        {{ crm_field(crm, table, 'account_name', 'crm_rows') }} as account_name,
        {{ crm_field(crm, table, 'industry', 'crm_rows') }} as industry,
        {{ crm_field(crm, table, 'region', 'crm_rows') }} as region,
        {{ crm_field(crm, table, 'country', 'crm_rows') }} as country,
        {{ crm_field(crm, table, 'employee_count', 'crm_rows') }} as employee_count,
        {{ crm_field(crm, table, 'created_at', 'crm_rows') }} as created_at
        {%- endif %}
    from {{ crm_table(crm, table, 'crm_rows') }}
    where {{ crm_row_is_live(crm, table, 'crm_rows') }}
        and {{ '' if is_partner else 'not ' }}{{ is_partner_sql }}
{%- endmacro %}
