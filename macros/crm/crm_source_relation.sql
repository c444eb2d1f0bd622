{#-
    A table of a CRM shape's source (crm: generic, salesforce, hubspot) as the graph declares it,
    for code that runs where source() cannot be called (the on-run-start check) or that needs
    the source's entry (its meta): crm_source_node gives the graph's node, crm_source_relation its
    relation; none where the source table is not in the graph (its shape is not the one in force).
-#}
{% macro crm_source_node(crm, table) -%}
    {{ return(graph.sources.get('source.partner_attribution.' ~ crm_source_name(crm) ~ '.' ~ table)) }}
{%- endmacro %}


{% macro crm_source_relation(crm, table) -%}
    {%- set node = crm_source_node(crm, table) -%}
    {%- if node is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.identifier)) }}
{%- endmacro %}
