{#-
    A connector's table as it landed, to select from, as `<relation or subquery> as <alias>`
    (alias: landed_<table> unless given). Only its staging model (stg_<crm>__<table>) reads it;
    everything else reads that model (crm_table).
    * A table whose source entry says `meta: {optional: true}` may be missing (a
      single-currency org has no dated_conversion_rate): it then reads as a query with no rows
      and the mapped fields as columns, as a missing file does. A missing table that is not
      optional, or a landed table that lacks a required field, stops the run naming them (the
      on-run-start check, check_landed_tables, names them all before anything is built).
    * An optional field the table lacks (crm_field_kinds: a custom field, a deletion flag, a
      multi-currency org's currency) reads as an empty column.
    * History mode (crm_history_mode): the column _pa_is_version_in_force marks, per record
      (the table's key), the version in force at the end of as_of_date: _fivetran_active when
      as_of_date is today or later; otherwise the version whose _fivetran_start <= that
      instant <= _fivetran_end (Fivetran's end is inclusive: the next version starts a
      millisecond later), or, for a record with no version yet at that instant (created later,
      or history mode switched on later), its first version, which the as-of rules then judge
      by its dates. crm_left_out_rule leaves the other versions out as `inactive version`.
-#}
{% macro crm_landed_table(crm, table, alias=none) -%}
    {%- set relation = source(crm_source_name(crm), table) -%}
    {%- set alias = alias or 'landed_' ~ table -%}
    {%- if not execute -%}
        {{ return(relation ~ ' as ' ~ alias) }}
    {%- endif -%}
    {%- set missing = crm_missing_fields(crm, table) -%}
    {%- if missing['table'] -%}
        {%- set node = crm_source_node(crm, table) -%}
        {%- if node is none or not node.meta.get('optional', false) -%}
            {{ exceptions.raise_compiler_error("The " ~ crm ~ " table " ~ relation ~ " does not exist; "
                ~ check_landed_tables_hint(crm)) }}
        {%- endif -%}
        {%- set select_list = [] -%}
        {%- for field in crm_table_fields(crm, table) -%}
            {%- do select_list.append('cast(null as ' ~ dbt.type_string() ~ ') as ' ~ adapter.quote(field)) -%}
        {%- endfor -%}
        {{ return('(select ' ~ select_list | join(', ') ~ ' where 1 = 0) as ' ~ alias) }}
    {%- endif -%}
    {%- if missing['required'] -%}
        {{ exceptions.raise_compiler_error("The " ~ crm ~ " table " ~ relation ~ " lacks the field(s) "
            ~ missing['required'] | join(', ') ~ ", which the mapping reads; "
            ~ check_landed_tables_hint(crm)) }}
    {%- endif -%}
    {%- set history = crm_history_mode(crm, table) -%}
    {%- if not missing['optional'] and not history -%}
        {{ return(relation ~ ' as ' ~ alias) }}
    {%- endif -%}
    {%- set select_list = ['landed.*'] -%}
    {%- for field in missing['optional'] -%}
        {%- do select_list.append('cast(null as ' ~ dbt.type_string() ~ ') as ' ~ adapter.quote(field)) -%}
    {%- endfor -%}
    {%- if history -%}
        {%- set version_start = parse_timestamp_utc(crm_landed_field(crm, table, 'fivetran_start', 'landed')) -%}
        {%- set version_end = parse_timestamp_utc(crm_landed_field(crm, table, 'fivetran_end', 'landed')) -%}
        {%- if partner_var('as_of_date') >= run_started_at.strftime('%Y-%m-%d') -%}
            {%- set in_force = 'coalesce(' ~ parse_boolean(crm_landed_field(crm, table, 'fivetran_active', 'landed'))
                ~ ', true)' -%}
        {%- else -%}
            {%- set record = [] -%}
            {%- for column in crm_field_kinds(crm)['key'][table] -%}
                {%- do record.append(crm_landed_field(crm, table, column, 'landed')) -%}
            {%- endfor -%}
            {%- set in_force = 'coalesce(' ~ version_start ~ ' <= ' ~ as_of_end_at() ~ ' and ' ~ version_end
                ~ ' >= ' ~ as_of_end_at() ~ ', false) or coalesce(' ~ version_start ~ ' > ' ~ as_of_end_at()
                ~ ' and ' ~ version_start ~ ' = min(' ~ version_start ~ ') over (partition by '
                ~ record | join(', ') ~ '), false)' -%}
        {%- endif -%}
        {%- do select_list.append('(' ~ in_force ~ ') as _pa_is_version_in_force') -%}
    {%- endif -%}
    {{ return('(select ' ~ select_list | join(', ') ~ ' from ' ~ relation ~ ' as landed) as ' ~ alias) }}
{%- endmacro %}
