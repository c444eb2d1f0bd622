{#-
    Schemas are named after the layer alone (staging, intermediate, marts, ...) rather than
    dbt's default <target_schema>_<layer>, so BI tools find the marts in a stable `marts`
    schema whatever the target. A target whose schema is not `main` keeps dbt's prefixing,
    so several developers can share one warehouse.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- elif target.schema in ('main', 'public', 'default') -%}
        {{ custom_schema_name | trim }}
    {%- else -%}
        {{ target.schema }}_{{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
