{#-
    A warning, not a failure: rows were rejected. It returns each raw table and reason with its
    count, and stores them in dbt_test__audit.rejected_rows_are_reported after every build: what
    the CRM export gets wrong, and where, to take back to its admins. audit.rejected_rows holds
    every rejected row. The build fails only when a table's rejected share passes var
    max_rejected_share (the rejected_share_at_most test on each source).
-#}
{{ config(severity='warn', store_failures=true) }}

with

rejected as (
    select * from {{ ref('partner_attribution', 'partner_attribution__rejected_rows') }}
),

final as (
    select
        source_table,
        reason,
        count(*) as rejected_rows
    from rejected
    group by
        source_table,
        reason
)

select * from final
