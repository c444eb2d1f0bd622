{#-
    The raw rows of a generic table (accounts, partners, opportunities,
    opportunity_stage_history, partner_activities, currency_rates) for the CRM shape that the
    var crm_source names: the generic export's source table, or the conformed model that maps a
    connector's tables in the same text columns (the conformed models conf_salesforce__<table>,
    conf_hubspot__<table>).
    Base models and the incremental bookkeeping read their input only through this macro.
-#}
{% macro crm_input(table) -%}
    {%- set crm = crm_source() -%}
    {%- if crm == 'generic' -%}
        {{ return(source(crm_source_name('generic'), table)) }}
    {%- else -%}
        {{ return(ref('partner_attribution', 'conf_' ~ crm ~ '__' ~ table)) }}
    {%- endif -%}
{%- endmacro %}
