{#-
    Whether a connector's landed table is in Fivetran's history mode: true when it has the
    mapped version columns fivetran_active, fivetran_start and fivetran_end (a table synced
    without history mode has none of them). Such a table holds every version of a record,
    and crm_table marks the one in force at the end of as_of_date.
-#}
{% macro crm_history_mode(crm, table) -%}
    {%- set fields = crm_fields(crm, table) -%}
    {%- set columns = crm_landed_columns(crm, table) or [] -%}
    {%- for column in ['fivetran_active', 'fivetran_start', 'fivetran_end'] -%}
        {%- if fields.get(column) is none or fields[column] not in columns -%}
            {{ return(false) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(true) }}
{%- endmacro %}
