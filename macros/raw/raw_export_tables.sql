{#-
    The raw tables the on-run-start hook exposes for the CRM shape named by the var
    crm_source: a list of {name, columns, may_lack, optional}, where name is the table's name
    in the raw schema and its file's name (the source's identifier: the configured object for
    a connector's table), columns are what the models read of it, may_lack those of them a
    file may lack (a connector's optional fields, crm_field_kinds) and optional whether the
    whole file may be missing.
    * generic: the tables of the source crm and their columns declared in _crm__sources.yml;
    * salesforce, hubspot: the tables of that source and the fields of the field map
      (crm_fields) that are not none.
-#}
{% macro raw_export_tables() -%}
    {%- set crm = crm_source() -%}
    {%- set tables = [] -%}
    {%- for source_node in graph.sources.values()
            if source_node.package_name == 'partner_attribution'
                and source_node.source_name == crm_source_name(crm) -%}
        {%- set may_lack = [] -%}
        {%- if crm == 'generic' -%}
            {%- set columns = source_node.columns.keys() | list -%}
        {%- else -%}
            {%- set columns = crm_table_fields(crm, source_node.name) -%}
            {%- set may_lack = crm_optional_fields(crm, source_node.name) -%}
        {%- endif -%}
        {%- do tables.append({
            'name': source_node.identifier,
            'source_table': source_node.name,
            'columns': columns,
            'may_lack': may_lack,
            'optional': source_node.meta.get('optional', false),
        }) -%}
    {%- endfor -%}
    {{ return(tables) }}
{%- endmacro %}
