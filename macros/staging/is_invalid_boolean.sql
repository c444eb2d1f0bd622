{#- True when a non-empty text value is none of the spec's boolean spellings. -#}
{% macro is_invalid_boolean(column) -%}
    ({{ clean_text(column) }} is not null and {{ parse_boolean(column) }} is null)
{%- endmacro %}
