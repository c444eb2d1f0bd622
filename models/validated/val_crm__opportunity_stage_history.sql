with

checked as (
    select * from {{ ref('partner_attribution', 'val_crm__opportunity_stage_history_checked') }}
),

final as (
    select
        opportunity_id,
        stage,
        amount,
        changed_at
    from checked
    where rejection_reason is null
)

select * from final
