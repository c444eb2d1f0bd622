{#- What to do about a missing landed table or field of a CRM shape: the sentence the errors end with. -#}
{% macro check_landed_tables_hint(crm) -%}
    {%- if crm == 'generic' -%}
        {{ return("Load the export's tables into the schema named by the var crm_schema (now "
            ~ (var('crm_schema', '') or partner_raw_schema()) ~ "), or set the var raw_data_dir to the "
            ~ "directory of its files.") }}
    {%- endif -%}
    {{ return("Set the var " ~ crm ~ "_schema to the schema the connector writes to (now "
        ~ var(crm ~ '_schema', crm) ~ "), or name the field your org uses with the var " ~ crm
        ~ "_fields (docs/crm_sources.md lists every field and its default).") }}
{%- endmacro %}
