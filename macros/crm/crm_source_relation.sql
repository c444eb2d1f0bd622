{#-
    The relation of a table of a CRM shape's source (crm: generic, salesforce, hubspot) as the graph declares it,
    for code that runs where source() cannot be called (the on-run-start check); none where
    the source table is not in the graph (its shape is not the one in force).
-#}
{% macro crm_source_relation(crm, table) -%}
    {%- set node = graph.sources.get('source.partner_attribution.' ~ crm_source_name(crm) ~ '.' ~ table) -%}
    {%- if node is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.identifier)) }}
{%- endmacro %}
