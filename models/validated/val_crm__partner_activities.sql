with

checked as (
    select * from {{ ref('partner_attribution', 'val_crm__partner_activities_checked') }}
),

final as (
    select
        activity_id,
        partner_id,
        account_id,
        opportunity_id,
        activity_type,
        occurred_at,
        direction,
        status,
        is_qualified,
        funded_by,
        amount,
        notes
    from checked
    where rejection_reason is null
)

select * from final
