{#-
    The field names a connector's landed table may lack (crm_field_kinds' optional columns),
    each once: not a field that also fills a required column, nor one the user renamed with the
    var <crm>_fields (a name the user wrote must be there). The file loader (raw_export_tables)
    and the check of a landed table (crm_missing_fields) both read them from here.
-#}
{% macro crm_optional_fields(crm, table) -%}
    {%- set optional = crm_field_kinds(crm)['optional'].get(table, []) -%}
    {%- set renamed = (var(crm ~ '_fields', {}) or {}).keys() | list -%}
    {%- set needed = [] -%}
    {%- for column, field in crm_fields(crm, table).items() if field is not none -%}
        {%- if column not in optional or (table ~ '.' ~ column) in renamed -%}
            {%- do needed.append(field) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(crm_table_fields(crm, table) | reject('in', needed) | list) }}
{%- endmacro %}
