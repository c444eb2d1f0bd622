{#-
    One mapped field of a connector's table as it landed, as text, the way the generic export
    carries every value (what its staging model selects as the column):
    cast(<alias>.<field> as text), or an empty (null) text where the field map has none.
    Connectors land typed columns (booleans, timestamps, numbers); their text reads back
    through the same staging parsers as the export's.
-#}
{% macro crm_landed_field(crm, table, column, alias=none) -%}
    {%- set field = crm_fields(crm, table)[column] -%}
    {%- if field is none -%}
        cast(null as {{ dbt.type_string() }})
    {%- else -%}
        cast({{ (alias ~ '.') if alias else '' }}{{ adapter.quote(field) }} as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}
