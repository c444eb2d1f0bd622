{#-
    What a connector's landed table lacks of the field map: {'table': true when the table
    itself is missing, 'required': fields it must have and lacks, 'optional': fields it may
    lack and does (crm_optional_fields: not one that also fills a required column, nor one
    the user renamed with <crm>_fields), 'to_report': those optional ones that are not flags,
    which the run's log names}.
-#}
{% macro crm_missing_fields(crm, table) -%}
    {%- set columns = crm_landed_columns(crm, table) -%}
    {%- set missing = {'table': columns is none, 'required': [], 'optional': [], 'to_report': []} -%}
    {%- if columns is not none -%}
        {%- set may_lack = crm_optional_fields(crm, table) -%}
        {%- for field in crm_table_fields(crm, table) if field not in columns -%}
            {%- do missing['optional' if field in may_lack else 'required'].append(field) -%}
        {%- endfor -%}
        {%- do missing.update({'to_report': missing['optional'] | reject('in', crm_flag_fields(crm, table)) | list}) -%}
    {%- endif -%}
    {{ return(missing) }}
{%- endmacro %}
