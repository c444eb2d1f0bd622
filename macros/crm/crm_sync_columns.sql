{#-
    The columns a connector's sync adds to a table, as a staging model selects them after the
    table's own fields: the deletion flags and history mode's version columns that the field
    map names for the table (crm_field_kinds' flags: as text, empty where the landed table lacks
    them), then _pa_is_version_in_force: in history mode whether this is the version in force at
    the end of as_of_date (crm_landed_table), else true (a table without history mode holds one
    version of each record). `alias` is the landed table's.
-#}
{% macro crm_sync_columns(crm, table, alias) -%}
    {%- set fields = crm_fields(crm, table) -%}
    {%- set columns = [] -%}
    {%- for flag in crm_field_kinds(crm)['flags'] if flag in fields -%}
        {%- do columns.append(crm_landed_field(crm, table, flag, alias) ~ ' as ' ~ flag) -%}
    {%- endfor -%}
    {%- set in_force = (alias ~ '._pa_is_version_in_force') if crm_history_mode(crm, table) else 'true' -%}
    {%- do columns.append(in_force ~ ' as _pa_is_version_in_force') -%}
    {{ columns | join(',\n        ') }}
{%- endmacro %}
