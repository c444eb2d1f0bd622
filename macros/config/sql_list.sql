{#- A list of text values as a SQL list of quoted literals, e.g. ('APAC', 'LATAM'); ('') when empty. -#}
{% macro sql_list(values) -%}
    {%- if values | length == 0 -%}
        ('')
    {%- else -%}
        ({% for value in values %}'{{ value | replace("'", "''") }}'{{ ', ' if not loop.last }}{% endfor %})
    {%- endif -%}
{%- endmacro %}
