{#-
    Window columns that tell duplicates apart, for a CTE with `record_key` and `raw_record`:
    has_conflicting_duplicates: another row shares the key with different values (all such
    rows are rejected: the export does not say which one is right);
    copy_number: 1 for the first of several identical rows (later copies are rejected as
    exact duplicates, the first is kept).
-#}
{% macro duplicate_key_columns() -%}
    record_key is not null
    and min(raw_record) over (partition by record_key)
    <> max(raw_record) over (partition by record_key) as has_conflicting_duplicates,
    row_number() over (partition by record_key, raw_record order by raw_record) as copy_number
{%- endmacro %}
