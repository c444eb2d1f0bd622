-- Where does our MDF pay back? Per partner with MDF spend: campaigns, spend, the deals and won
-- revenue those campaigns reached before close, revenue per unit of spend, and the partner's
-- role, best return first. Influence, not causation: the deals might have closed anyway.
with

scorecard as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_scorecard') }}
),

final as (
    select
        partner_id,
        partner_name,
        role_label,
        market_motion,
        mdf_campaigns,
        mdf_spend,
        mdf_influenced_opportunities,
        mdf_influenced_won_opportunities,
        mdf_influenced_revenue,
        round(mdf_return, 2) as mdf_return
    from scorecard
    where mdf_spend > 0
)

select * from final
order by mdf_return desc
