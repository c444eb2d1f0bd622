-- What does the CRM export get wrong, and where? Rejected raw rows by table and reason, to take
-- back to the CRM admins (a row with several problems lists them joined with '; ').
with

rejected as (
    select * from {{ ref('rejected_rows') }}
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
order by rejected_rows desc
