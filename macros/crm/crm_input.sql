{#-
    The raw rows of a generic table (accounts, partners, opportunities,
    opportunity_stage_history, partner_activities, currency_rates) for the CRM shape that the
    var crm_source names: the generic export's source table, or the staging model that lands a
    connector's tables in the same text columns (stg_salesforce__<table>, stg_hubspot__<table>).
    Checked models and the incremental bookkeeping read their input only through this macro.
-#}
{% macro crm_input(table) -%}
    {%- set crm = crm_source() -%}
    {%- if crm == 'generic' -%}
        {{ return(source(crm_source_name('generic'), table)) }}
    {%- else -%}
        {{ return(ref('partner_attribution', 'stg_' ~ crm ~ '__' ~ table)) }}
    {%- endif -%}
{%- endmacro %}
