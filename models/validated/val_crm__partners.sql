with

checked as (
    select * from {{ ref('partner_attribution', 'val_crm__partners_checked') }}
),

final as (
    select
        partner_id,
        partner_name,
        partner_type,
        tier,
        region,
        joined_at
    from checked
    where rejection_reason is null
)

select * from final
