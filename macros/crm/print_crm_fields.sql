{#-
    run-operation: print a CRM shape's field map as JSON, with any <crm>_fields overrides
    applied, e.g. `dbt run-operation print_crm_fields --args '{crm: salesforce}'`. Shows what a
    mapping reads before a build; docs/crm_sources.md is checked against it.
-#}
{% macro print_crm_fields(crm) -%}
    {%- do print(tojson(crm_fields(crm), sort_keys=true)) -%}
{%- endmacro %}
