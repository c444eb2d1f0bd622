{#- True when a non-empty text value gives null once parsed by `parsed` (a SQL expression). -#}
{% macro is_unparsable(column, parsed) -%}
    ({{ clean_text(column) }} is not null and {{ parsed }} is null)
{%- endmacro %}
