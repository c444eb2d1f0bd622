with

base as (
    select * from {{ ref('partner_attribution', 'base_crm__opportunity_stage_history') }}
),

final as (
    select
        opportunity_id,
        stage,
        amount,
        changed_at
    from base
    where rejection_reason is null
)

select * from final
