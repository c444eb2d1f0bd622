{#-
    The field names of a connector table's flags (crm_field_kinds: deletion flags, history
    mode's version columns) in the field map in force: optional fields whose absence the log
    does not list, since a table synced without them simply has none.
-#}
{% macro crm_flag_fields(crm, table) -%}
    {%- set fields = crm_fields(crm, table) -%}
    {%- set names = [] -%}
    {%- for column in crm_field_kinds(crm)['flags'] if fields.get(column) is not none -%}
        {%- do names.append(fields[column]) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}
