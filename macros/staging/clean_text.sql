{#- Trimmed text, with an empty string read as null (the export's empty field). -#}
{% macro clean_text(column) -%}
    nullif(trim({{ column }}), '')
{%- endmacro %}
