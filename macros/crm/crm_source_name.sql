{#-
    The dbt source that holds the raw tables of a CRM shape (generic, salesforce, hubspot), or
    the loader's own record (load). Every name starts with the package's name: installed in a
    host project, source() searches the host's sources first, and a host that declares its own
    `salesforce` source must not take the place of this package's.
-#}
{% macro crm_source_name(crm) -%}
    {{ return('partner_attribution_' ~ ('crm' if crm == 'generic' else crm)) }}
{%- endmacro %}
