{#-
    A connector's table as its staging model has it (stg_<crm>__<table>: every landed row, each
    field of the field map renamed to the map's column and read as text), to select from as
    `<relation> as <alias>` (alias: landed_<table> unless given). The conformed models, the
    left-out rules and audit.crm_left_out_rows read the connector's tables through it; only
    the staging models read what landed (crm_landed_table).
-#}
{% macro crm_table(crm, table, alias=none) -%}
    {{ return(ref('partner_attribution', 'stg_' ~ crm ~ '__' ~ table) ~ ' as ' ~ (alias or 'landed_' ~ table)) }}
{%- endmacro %}
