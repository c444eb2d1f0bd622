{#-
    Every schema of this project is configured as partner_attribution_<layer> (dbt_project.yml).
    * Standalone (this project is the root), the marts land in a stable `marts` schema whatever
      the target, and so do the other layers (staging, validated, intermediate, audit, ...): the prefix is
      dropped. A target whose schema is not `main` (or public, default) keeps dbt's prefixing,
      so several developers can share one warehouse: <target schema>_marts.
    * Installed as a package, dbt calls the host's generate_schema_name when it has one;
      otherwise this one, which then does what dbt's default does: <target schema>_<configured
      name>, e.g. main_partner_attribution_marts, a schema no host model shares.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set prefix = 'partner_attribution_' -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- elif project_name != 'partner_attribution' -%}
        {{ target.schema }}_{{ custom_schema_name | trim }}
    {%- else -%}
        {%- set layer = custom_schema_name | trim -%}
        {%- set layer = layer[prefix | length:] if layer.startswith(prefix) else layer -%}
        {%- if target.schema in ('main', 'public', 'default') -%}
            {{ layer }}
        {%- else -%}
            {{ target.schema }}_{{ layer }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
