{#-
    A connector's table, to select from: source(crm, table). A table whose source entry says
    `meta: {optional: true}` may be missing where a connector landed its tables (a
    single-currency org has no dated_conversion_rate): it then reads as a query with no rows
    and the mapped fields as columns, as a missing file does.
-#}
{% macro crm_table(crm, table) -%}
    {%- set relation = source(crm, table) -%}
    {%- set node = graph.sources.get('source.' ~ project_name ~ '.' ~ crm ~ '.' ~ table) if execute else none -%}
    {%- if node is not none and node.meta.get('optional', false)
            and adapter.get_relation(relation.database, relation.schema, relation.identifier) is none -%}
        {%- set select_list = [] -%}
        {%- for field in crm_table_fields(crm, table) -%}
            {%- do select_list.append('cast(null as ' ~ dbt.type_string() ~ ') as ' ~ adapter.quote(field)) -%}
        {%- endfor -%}
        {{ return('(select ' ~ select_list | join(', ') ~ ' where 1 = 0) as missing_' ~ table) }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}
