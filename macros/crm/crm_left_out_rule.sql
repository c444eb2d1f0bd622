{#-
    Why a row of a connector's table is left out of the generic tables, as a SQL expression:
    null for a row the mapping lands, else the rule that leaves it out. The rules, in order:
    * `inactive version`: in history mode, a version not in force at the end of as_of_date
      (crm_table);
    * `deleted`: deleted in the CRM (is_deleted, in the recycle bin) or at the source since
      the last sync (_fivetran_deleted), where the field map has those fields;
    * the table's own rules (crm_table_rules: not a partner activity, not a deal
      registration ...).
    Such rows are not data to reject: they are gone from the CRM, an old state of a record,
    or not partner data. The staging models keep the rows where this is null, and
    audit.crm_left_out_rows lists the others with their rule, so rows in = rows left out +
    rows landed (test crm_rows_land_or_are_left_out). `alias` is the one crm_table gave.
-#}
{% macro crm_left_out_rule(crm, table, alias) -%}
    {%- set fields = crm_fields(crm, table) -%}
    {%- set rules = [] -%}
    {%- if crm_history_mode(crm, table) -%}
        {%- do rules.append(['not ' ~ alias ~ '._pa_is_version_in_force', 'inactive version']) -%}
    {%- endif -%}
    {%- for flag in ['is_deleted', 'fivetran_deleted'] if fields.get(flag) is not none -%}
        {%- do rules.append([
            'coalesce(' ~ parse_boolean((alias ~ '.' ~ flag)) ~ ', false)', 'deleted']) -%}
    {%- endfor -%}
    {%- for rule in crm_table_rules(crm, table, alias) -%}
        {%- do rules.append(rule) -%}
    {%- endfor -%}
    {%- if rules -%}
        case
            {%- for condition, rule in rules %}
            when {{ condition }} then '{{ rule }}'
            {%- endfor %}
        end
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}
