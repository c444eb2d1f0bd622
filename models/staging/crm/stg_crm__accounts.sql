with

base as (
    select * from {{ ref('partner_attribution', 'base_crm__accounts') }}
),

final as (
    select
        account_id,
        account_name,
        industry,
        region,
        country,
        employee_count,
        created_at
    from base
    where rejection_reason is null
)

select * from final
