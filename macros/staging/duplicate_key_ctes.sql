{#-
    Two CTEs that tell duplicate keys apart, over a relation with `record_key` and
    `raw_record` (the raw row as text): `keyed` counts the rows of each key, and
    `with_duplicates` adds
    has_conflicting_duplicates: another row shares the key with different values (all such
    rows are rejected: the export does not say which one is right);
    copy_number: 1 for the first of several identical rows (later copies are rejected as
    exact duplicates, the first is kept).
    Only keys with more than one row go through the window functions over raw_record: sorting
    every row by its raw text took most of a million-deal build (docs/benchmarks.md), and a
    key of one row is neither conflicting nor a copy.
-#}
{% macro duplicate_key_ctes(relation) -%}
keyed as (
    select
        {{ relation }}.*,
        count(*) over (partition by record_key) as key_rows
    from {{ relation }}
),

with_duplicates as (
    select
        keyed.*,
        false as has_conflicting_duplicates,
        cast(1 as {{ dbt.type_bigint() }}) as copy_number
    from keyed
    where key_rows = 1
    union all
    select
        keyed.*,
        record_key is not null
        and min(raw_record) over (partition by record_key)
        <> max(raw_record) over (partition by record_key) as has_conflicting_duplicates,
        row_number() over (partition by record_key, raw_record order by raw_record) as copy_number
    from keyed
    where key_rows > 1
)
{%- endmacro %}
