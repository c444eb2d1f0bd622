{#-
    One row per referral we gave a partner, on or before as_of_date: an outbound activity (us
    to the partner) whose type is in var referral_activity_types (default referral). With the
    deals a partner sourced for us, these make the reciprocity ledger (give / get).
-#}
with

activities as (
    select * from {{ ref('partner_attribution', 'val_crm__partner_activities') }}
),

final as (
    select
        activity_id,
        partner_id,
        account_id,
        opportunity_id,
        activity_type,
        occurred_at,
        status
    from activities
    where
        direction = 'outbound'
        and activity_type in {{ sql_list(partner_var('referral_activity_types')) }}
        and occurred_at <= {{ as_of_end_at() }}
)

select * from final
