{#-
    One row per MDF-funded partner activity that happened on or before as_of_date: an activity
    whose type is in var mdf_activity_types (default mdf_campaign) and whose funded_by is in
    var mdf_funded_by (default us and shared, i.e. money we put in). Either direction counts:
    spend is spend, whether the partner or we logged it. Its amount is the spend, taken to be
    in the reporting currency (the export gives activity amounts no currency of their own); a
    campaign without an amount counts as an MDF campaign with no spend.
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
        direction,
        funded_by,
        coalesce(amount, 0) as mdf_spend
    from activities
    where
        activity_type in {{ sql_list(partner_var('mdf_activity_types')) }}
        and funded_by in {{ sql_list(partner_var('mdf_funded_by')) }}
        and occurred_at <= {{ as_of_end_at() }}
)

select * from final
