{#-
    The raw rows of a generic table (accounts, partners, opportunities,
    opportunity_stage_history, partner_activities, currency_rates) for the CRM shape that the
    var crm_source names: the generic export's staging model (stg_generic__<table>), or the
    conformed model that maps a connector's tables into the same text columns
    (conf_salesforce__<table>, conf_hubspot__<table>). This is the one place the layers after
    conformed depend on the shape: the checked models of the validated layer and the incremental
    bookkeeping read their input only through this macro.
-#}
{% macro crm_input(table) -%}
    {%- set crm = crm_source() -%}
    {%- if crm == 'generic' -%}
        {{ return(ref('partner_attribution', 'stg_generic__' ~ table)) }}
    {%- else -%}
        {{ return(ref('partner_attribution', 'conf_' ~ crm ~ '__' ~ table)) }}
    {%- endif -%}
{%- endmacro %}
