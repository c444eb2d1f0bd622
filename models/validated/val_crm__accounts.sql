with

checked as (
    select * from {{ ref('partner_attribution', 'val_crm__accounts_checked') }}
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
    from checked
    where rejection_reason is null
)

select * from final
