{#-
    The fields a mapping reads of a connector's table: the field map's names that are not
    none, each once (one field can fill two columns, as created_date does on Salesforce's
    account), in the map's order. What a file of that table must have, and the columns of a
    missing optional table.
-#}
{% macro crm_table_fields(crm, table) -%}
    {%- set fields = [] -%}
    {%- for field in crm_fields(crm, table).values() if field is not none and field not in fields -%}
        {%- do fields.append(field) -%}
    {%- endfor -%}
    {{ return(fields) }}
{%- endmacro %}
