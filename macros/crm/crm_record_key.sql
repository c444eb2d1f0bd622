{#-
    The key of a row of a connector's table as text (crm_field_kinds' key: one field, or
    several joined with ':'), as audit.crm_left_out_rows records it and the staging models'
    keys read (test crm_rows_land_or_are_left_out).
-#}
{% macro crm_record_key(crm, table, alias) -%}
    {%- set parts = [] -%}
    {%- for column in crm_field_kinds(crm)['key'][table] -%}
        {%- do parts.append('coalesce(' ~ (alias ~ '.' ~ column) ~ ", '')") -%}
    {%- endfor -%}
    {{ parts | join(" || ':' || ") }}
{%- endmacro %}
