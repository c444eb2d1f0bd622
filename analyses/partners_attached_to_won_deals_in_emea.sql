-- Which partners attach most to the deals we win in EMEA, and how much of that revenue did they
-- source rather than touch, resell or deploy?
with

opportunities as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_opportunities') }}
),

opportunity_partners as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_opportunity_partners') }}
),

final as (
    select
        opportunity_partners.partner_id,
        count(*) as won_deals_attached,
        sum(opportunities.amount) as won_amount_attached,
        sum(case when opportunity_partners.is_sourced then 1 else 0 end) as won_deals_sourced,
        sum(case when opportunity_partners.is_resold then 1 else 0 end) as won_deals_resold,
        sum(case when opportunity_partners.is_deployed then 1 else 0 end) as won_deals_deployed
    from opportunity_partners
    inner join opportunities
        on opportunity_partners.opportunity_id = opportunities.opportunity_id
    where
        opportunities.is_won
        and opportunities.region = 'EMEA'
    group by opportunity_partners.partner_id
)

select * from final
order by won_amount_attached desc
limit 20
