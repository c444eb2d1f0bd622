{#-
    The CTEs that read a raw table, type it and tell duplicate keys apart. Called as a block:
        {% call typed_source_rows(source('crm', 'x'), key_sql, raw_columns) %}
            <typed select-list over the raw columns, one column named record_key>
        {% endcall %}
    The last CTE, `typed`, has one row per raw row with
    * the typed columns of the block;
    * the raw text of every column in `raw_columns`, as raw__<column>, to build the raw record
      of a rejected row at the end (raw_record_json(raw_columns, 'raw__'));
    * has_conflicting_duplicates: another row shares the key (`key`, the SQL of record_key)
      with different values (all such rows are rejected: the export does not say which one is
      right);
    * copy_number: 1 for the first of several identical rows (later copies are rejected as
      exact duplicates, the first is kept);
    * raw_text: the raw row as JSON for rows of repeated keys (what they are compared by),
      else empty;
    * raw_row_hash: a hash of the whole raw row, by which an incremental run finds the keys
      whose raw rows changed (macros/incremental/by_source_key.sql; null off DuckDB).
    `relation` is a relation or a parenthesised query (source_rows_to_type).
    The raw table is read in three streams and nothing is stored between them: the keys with
    more than one row; the rows of every other key (nearly all), typed in one pass without a
    window; and the rows of the repeated keys, compared by their raw text in window functions.
    Windows over every row's raw text took most of a million-deal build (docs/benchmarks.md).
    Rows without a key are compared among themselves like a key of their own ('' stands for
    it: no key is empty once cleaned).
-#}
{% macro typed_source_rows(relation, key, raw_columns) -%}
{%- set typed_columns = caller() | trim -%}
{%- set carried_raw_columns -%}
    {%- for column in raw_columns %}
        {{ adapter.quote(column) }} as {{ adapter.quote('raw__' ~ column) }},
    {%- endfor %}
        {{ raw_row_hash('raw_rows') }} as raw_row_hash,
{%- endset -%}
{#- raw_rows is needed: a parenthesised query needs an alias on PostgreSQL, and raw_row_hash
    reads the whole row by it (hash(raw_rows)); sqlfluff's aliasing.unused counts only qualified
    columns, so each `from` below says so, once for every model that calls this -#}
{%- set is_repeated_key = 'coalesce(' ~ key ~ ", '') in (select repeated_keys.record_key from repeated_keys)" -%}
repeated_keys as (
    select coalesce({{ key }}, '') as record_key
    from {{ relation }} as raw_rows  -- noqa: AL05
    group by coalesce({{ key }}, '')
    having count(*) > 1
),

single_rows as (
    select
        {{ typed_columns }},
        {{- carried_raw_columns }}
        cast(null as {{ dbt.type_string() }}) as raw_text,
        false as has_conflicting_duplicates,
        cast(1 as {{ dbt.type_bigint() }}) as copy_number
    from {{ relation }} as raw_rows  -- noqa: AL05
    where not {{ is_repeated_key }}
),

repeated_rows as (
    select
        {{ typed_columns }},
        {{- carried_raw_columns }}
        {{ raw_record_json(raw_columns) }} as raw_text
    from {{ relation }} as raw_rows  -- noqa: AL05
    where {{ is_repeated_key }}
),

compared_rows as (
    select
        repeated_rows.*,
        repeated_rows.record_key is not null
        and min(repeated_rows.raw_text) over (partition by repeated_rows.record_key)
        <> max(repeated_rows.raw_text) over (partition by repeated_rows.record_key) as has_conflicting_duplicates,
        cast(row_number() over (
            partition by repeated_rows.record_key, repeated_rows.raw_text
            order by repeated_rows.raw_text
        ) as {{ dbt.type_bigint() }}) as copy_number
    from repeated_rows
),

typed as (
    select * from single_rows
    union all
    select * from compared_rows
)
{%- endmacro %}
