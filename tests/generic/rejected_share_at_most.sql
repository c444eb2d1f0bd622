{#-
    Bad input is expected, but not much of it: fails when more than var max_rejected_share of a
    raw table's rows are rejected (rows of the raw table `model`, plus its malformed CSV lines,
    against its rows in rejected_rows). A larger share means the export or a definition is
    wrong, and the marts would mislead. Returns one row with the counts, the share rejected and
    the share allowed.
-#}
{% test rejected_share_at_most(model, rejected, source_table, malformed=none) %}

{%- set max_share = partner_var('max_rejected_share') %}

with

rows_in as (
    {{ raw_rows_in(model, source_table, malformed) }}
),

rows_rejected as (
    select count(*) as row_count from {{ rejected }}
    where source_table = '{{ source_table }}'
),

final as (
    select
        '{{ source_table }}' as source_table,
        rows_in.row_count as rows_in,
        rows_rejected.row_count as rows_rejected,
        rows_rejected.row_count * 1.0 / rows_in.row_count as rejected_share,
        {{ max_share }} as max_rejected_share
    from rows_in
    cross join rows_rejected
    where rows_rejected.row_count > {{ max_share }} * rows_in.row_count
)

select * from final

{% endtest %}
