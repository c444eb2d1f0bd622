{#-
    Nothing is lost between a raw table and staging: rows in the raw table (`model`, a source)
    = rows in its staging model (`used`) + its rows in rejected_rows (`rejected`, filtered on
    source_table). Rows in also count the lines of the file that never reached the raw table
    (`malformed`, the source partner_attribution_load.malformed_lines, which only DuckDB writes). Returns one
    row, with the three counts, when they disagree.
-#}
{% test rows_reconcile(model, used, rejected, source_table, malformed=none) %}

with

rows_in as (
    {{ raw_rows_in(model, source_table, malformed) }}
),

rows_used as (
    select count(*) as row_count from {{ used }}
),

rows_rejected as (
    select count(*) as row_count from {{ rejected }}
    where source_table = '{{ source_table }}'
),

final as (
    select
        rows_in.row_count as rows_in,
        rows_used.row_count as rows_used,
        rows_rejected.row_count as rows_rejected
    from rows_in
    cross join rows_used
    cross join rows_rejected
    where rows_in.row_count <> rows_used.row_count + rows_rejected.row_count
)

select * from final

{% endtest %}
