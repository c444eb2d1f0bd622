{#-
    The columns of a raw file to expose in the raw schema: every declared column (raw_table's
    columns, from raw_export_tables) but a connector's optional fields that the file lacks
    (may_lack), which crm_table then reads as empty and the log names. found: the file's
    columns, lower case. A missing column that is not optional stops the run, naming it
    (check_raw_columns).
-#}
{% macro raw_columns_to_expose(raw_table, raw_dir, found) -%}
    {{- check_raw_columns(raw_table.name, raw_dir, raw_table.columns | reject('in', raw_table.may_lack) | list, found) -}}
    {%- set absent = raw_table.may_lack | reject('in', found) | list -%}
    {%- set to_report = absent | reject('in', crm_flag_fields(crm_source(), raw_table.source_table)) | list
        if absent else [] -%}
    {%- if to_report -%}
        {%- do log('partner_attribution: not found, read as empty (optional): ' ~ raw_table.name ~ '.'
            ~ to_report | join(', '), info=true) -%}
    {%- endif -%}
    {{ return(raw_table.columns | reject('in', absent) | list) }}
{%- endmacro %}
