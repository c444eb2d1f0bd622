{#-
    Before the run-start hook (re)creates <schema>.<name> in the raw schema: makes sure the
    schema exists, stops the run if a relation of that name is there that this project did not
    create, drops the one it did create (a table's file may change from CSV to Parquet between
    runs, so a view may become a table), and records the name as this project's.
    The record is the table _partner_attribution_relations in the same schema: the names of the
    relations this project created there. The raw schema is the project's own by default
    (partner_raw_schema), but a host may point the var raw_schema at a schema of its own, and a
    relation there must never be lost to a load of the export.
-#}
{% macro claim_raw_relation(schema, name) -%}
    {%- set registry = adapter.quote(schema) ~ '.' ~ adapter.quote('_partner_attribution_relations') -%}
    {%- do run_query('create schema if not exists ' ~ adapter.quote(schema)) -%}
    {%- do run_query('create table if not exists ' ~ registry ~ ' (relation_name ' ~ dbt.type_string() ~ ')'
        ~ (' using parquet' if target.type == 'spark' else '')) -%}
    {%- set claimed = run_query('select relation_name from ' ~ registry).columns[0].values() -%}
    {%- set existing = raw_relation_type(schema, name) -%}
    {%- if existing is not none and name not in claimed -%}
        {{ exceptions.raise_compiler_error("partner_attribution: " ~ schema ~ "." ~ name ~ " exists and was "
            ~ "not created by this project, which will not replace it. Point the var raw_schema at a "
            ~ "schema of this project's own (by default " ~ target.schema ~ "_partner_attribution_raw "
            ~ "when installed as a package, raw standalone), or drop " ~ schema ~ "." ~ name
            ~ " if it is a copy from a version that kept no record.") }}
    {%- endif -%}
    {%- if existing is not none -%}
        {%- do run_query('drop ' ~ existing ~ ' ' ~ adapter.quote(schema) ~ '.' ~ adapter.quote(name)) -%}
    {%- endif -%}
    {%- if name not in claimed -%}
        {%- do run_query('insert into ' ~ registry ~ " values ('" ~ name ~ "')") -%}
    {%- endif -%}
{%- endmacro %}


{#-
    'view' or 'table' for a relation of the raw schema, none when there is none. Through plain
    queries rather than the adapter's relation cache: that opens a transaction the hook never
    commits, and would take the loaded tables with it.
-#}
{% macro raw_relation_type(schema, name) -%}
    {{ return(adapter.dispatch('partner_attribution_raw_relation_type', 'partner_attribution')(schema, name)) }}
{%- endmacro %}


{% macro default__partner_attribution_raw_relation_type(schema, name) -%}
    {%- set found = run_query("select table_type from information_schema.tables where table_schema = '"
        ~ schema ~ "' and table_name = '" ~ name ~ "' and table_catalog = current_database()") -%}
    {%- for row in found.rows -%}
        {{ return('view' if row[0] == 'VIEW' else 'table') }}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro %}


{% macro spark__partner_attribution_raw_relation_type(schema, name) -%}
    {%- if run_query('show views in ' ~ schema ~ " like '" ~ name ~ "'").rows | length > 0 -%}
        {{ return('view') }}
    {%- elif run_query('show tables in ' ~ schema ~ " like '" ~ name ~ "'").rows | length > 0 -%}
        {{ return('table') }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}
