-- Which partners are co-sell partners rather than sourcing partners? Share of each partner's
-- linked pre-close touches by motion, beside how many deals it sourced.
with

touches as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_partner_touches') }}
    where is_pre_close
),

opportunity_partners as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_opportunity_partners') }}
),

motions as (
    select
        partner_id,
        count(*) as touches,
        sum(case when motion = 'influence' then 1 else 0 end) * 1.0 / count(*) as co_sell_share,
        sum(case when motion = 'sourcing' then 1 else 0 end) * 1.0 / count(*) as sourcing_share
    from touches
    group by partner_id
),

sourcing as (
    select
        partner_id,
        sum(case when is_sourced then 1 else 0 end) as deals_sourced,
        sum(case when is_influenced then 1 else 0 end) as deals_influenced
    from opportunity_partners
    group by partner_id
),

final as (
    select
        motions.partner_id,
        motions.touches,
        motions.co_sell_share,
        motions.sourcing_share,
        sourcing.deals_sourced,
        sourcing.deals_influenced,
        motions.co_sell_share > motions.sourcing_share as is_co_sell_partner
    from motions
    left join sourcing
        on motions.partner_id = sourcing.partner_id
)

select * from final
order by co_sell_share desc
