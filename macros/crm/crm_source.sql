{#- the var crm_source, checked: generic, salesforce or hubspot -#}
{% macro crm_source() -%}
    {%- set crm = var('crm_source', 'generic') | string | trim | lower -%}
    {%- if crm not in ('generic', 'salesforce', 'hubspot') -%}
        {{ exceptions.raise_compiler_error("The var crm_source is '" ~ var('crm_source')
            ~ "'; use generic (the CRM export of README 'The raw export'), salesforce or hubspot "
            ~ "(as Fivetran lands them).") }}
    {%- endif -%}
    {{ return(crm) }}
{%- endmacro %}
