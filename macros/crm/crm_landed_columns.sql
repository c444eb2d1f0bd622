{#-
    The columns (lower case) of a connector's table as it is landed: in the warehouse schema
    the connector writes to, or in the raw schema where its file was loaded. none where the
    table does not exist. At parse time, when nothing can be looked up, every mapped field; so
    too on the in-memory lint target (profiles.yml), which sqlfluff compiles against and which
    holds no tables: the SQL it lints is the SQL of a table that has every field.
-#}
{% macro crm_landed_columns(crm, table) -%}
    {%- if not execute or target.name == 'lint' -%}
        {{ return(crm_table_fields(crm, table)) }}
    {%- endif -%}
    {%- set relation = crm_source_relation(crm, table) -%}
    {%- set found = adapter.get_relation(relation.database, relation.schema, relation.identifier) -%}
    {%- if found is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set columns = [] -%}
    {%- for column in adapter.get_columns_in_relation(found) -%}
        {%- do columns.append(column.name | lower) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}
