{#-
    One row per opportunity created on or before as_of_date, as it stood at the end of that
    day, with its partner levels rolled up: the rollup int_opportunity_levels defines,
    published. A view: the rows are stored once, in the intermediate model, which is refreshed
    by opportunity.
-#}
{{ config(alias='fct_opportunities', materialized='view') }}
with

opportunities as (
    select * from {{ ref('partner_attribution', 'int_opportunity_levels') }}
),

final as (
    select
        opportunity_id,
        account_id,
        opportunity_type,
        region,
        market_motion,
        created_at,
        closed_at,
        is_closed,
        is_won,
        amount,
        amount_local,
        currency,
        is_partner_attached,
        is_partner_touched,
        is_partner_influenced,
        is_partner_sourced,
        is_partner_resold,
        is_partner_deployed,
        is_partner_led,
        is_sourcing_contested,
        sourcing_partner_id,
        sourcing_partner_count,
        attached_partner_count,
        sales_cycle_days
    from opportunities
)

select * from final
