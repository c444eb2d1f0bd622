{#-
    on-run-start, where the raw tables are read from the warehouse (raw_data_dir ''): checks,
    before anything is built, that every table of the CRM shape in force is there with the
    fields the models read, and stops the run naming every missing table and field at once,
    as the file route does for files. A connector's optional table may be missing and its
    optional fields may be absent (crm_field_kinds): those are listed in the log, since they
    read as empty. The generic shape's tables must have the columns _crm__sources.yml declares.
-#}
{% macro check_landed_tables() -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set crm = crm_source() -%}
    {%- set problems = [] -%}
    {%- set absent_optional = [] -%}
    {%- for raw_table in raw_export_tables() -%}
        {%- set relation = crm_source_relation(crm, raw_table.source_table) -%}
        {%- if crm == 'generic' -%}
            {%- set found = adapter.get_relation(relation.database, relation.schema, relation.identifier) -%}
            {%- set columns = [] -%}
            {%- for column in (adapter.get_columns_in_relation(found) if found is not none else []) -%}
                {%- do columns.append(column.name | lower) -%}
            {%- endfor -%}
            {%- set missing = {
                'table': found is none,
                'required': raw_table.columns | reject('in', columns) | list,
                'optional': [],
                'to_report': [],
            } -%}
        {%- else -%}
            {%- set missing = crm_missing_fields(crm, raw_table.source_table) -%}
        {%- endif -%}
        {%- set name = relation.schema ~ '.' ~ relation.identifier -%}
        {%- if missing['table'] and not raw_table.optional -%}
            {%- do problems.append('table ' ~ name ~ ' is missing') -%}
        {%- elif missing['table'] -%}
            {%- do absent_optional.append('table ' ~ relation.identifier) -%}
        {%- elif missing['required'] -%}
            {%- do problems.append('table ' ~ name ~ ' lacks ' ~ missing['required'] | join(', ')) -%}
        {%- endif -%}
        {%- if missing['to_report'] -%}
            {%- do absent_optional.append(relation.identifier ~ '.' ~ missing['to_report'] | join(', ')) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error("partner_attribution reads the " ~ crm ~ " tables from the warehouse"
            ~ " (raw_data_dir is empty), and " ~ problems | join('; ') ~ ". " ~ check_landed_tables_hint(crm)) }}
    {%- endif -%}
    {%- if absent_optional -%}
        {%- do log('partner_attribution: not found, read as empty (optional): ' ~ absent_optional | join('; '), info=true) -%}
    {%- endif -%}
{%- endmacro %}
