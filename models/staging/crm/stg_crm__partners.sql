with

base as (
    select * from {{ ref('partner_attribution', 'base_crm__partners') }}
),

final as (
    select
        partner_id,
        partner_name,
        partner_type,
        tier,
        region,
        joined_at
    from base
    where rejection_reason is null
)

select * from final
