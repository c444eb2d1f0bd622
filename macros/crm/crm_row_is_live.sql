{#-
    A condition that keeps the rows of a connector's table that the mapping lands: those that
    no rule of crm_left_out_rule leaves out (an old version, a deleted row, a row that is not
    partner data).
-#}
{% macro crm_row_is_live(crm, table, alias) -%}
    {{ crm_left_out_rule(crm, table, alias) }} is null
{%- endmacro %}
