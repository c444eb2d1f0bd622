{#-
    One row per touch: an inbound partner activity (an empty direction is inbound) that
    happened on or before as_of_date, with the meaning of its type from the activity_types
    seed. Outbound activities are not touches; they feed the reciprocity ledger alone.
    A view: a filter and a join with the seed, cheaper to run inside its readers than to
    write out (9M rows at a million deals; docs/benchmarks.md).
-#}
{{ config(materialized='view') }}
with

activities as (
    select * from {{ ref('partner_attribution', 'val_crm__partner_activities') }}
),

activity_types as (
    select * from {{ ref('partner_attribution', 'partner_attribution__activity_types') }}
),

final as (
    select
        activities.activity_id,
        activities.partner_id,
        activities.account_id,
        activities.opportunity_id,
        activities.activity_type,
        activity_types.motion,
        activity_types.is_influence,
        activity_types.can_source,
        activity_types.is_deployment,
        activity_types.is_resale,
        activities.occurred_at,
        activities.status,
        activities.is_qualified,
        activities.funded_by,
        activities.amount
    from activities
    inner join activity_types
        on activities.activity_type = activity_types.activity_type
    where
        activities.direction = 'inbound'
        and activities.occurred_at <= {{ as_of_end_at() }}
)

select * from final
