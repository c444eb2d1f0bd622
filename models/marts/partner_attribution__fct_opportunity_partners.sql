{#-
    One row per opportunity and partner attached to it, with every level: the levels
    int_opportunity_partner_levels defines, published. A view: the rows are stored once, in
    the intermediate model, which is refreshed by opportunity.
-#}
{{ config(alias='fct_opportunity_partners', materialized='view') }}
with

levels as (
    select * from {{ ref('partner_attribution', 'int_opportunity_partner_levels') }}
),

final as (
    select
        opportunity_id,
        partner_id,
        is_touched,
        is_influenced,
        is_sourced,
        sourced_credit,
        is_resold,
        is_deployed,
        is_partner_led,
        is_attached,
        touch_count,
        influence_touch_count
    from levels
)

select * from final
