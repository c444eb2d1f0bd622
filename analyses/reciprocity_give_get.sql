-- Is the relationship reciprocal? Per partner: referrals we gave it against deals it sourced
-- for us (and their won revenue), the give/get ratio, and the last four fiscal quarters' trend.
-- Partners we give to and get nothing back from come first, then the most lopsided.
with

scorecard as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_scorecard') }}
),

quarterly as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_scorecard_quarterly') }}
),

recent_quarters as (
    select distinct
        fiscal_year,
        fiscal_quarter,
        dense_rank() over (order by fiscal_year desc, fiscal_quarter desc) as quarters_ago
    from quarterly
),

recent as (
    select
        quarterly.partner_id,
        sum(quarterly.referrals_given) as referrals_given_last_4q,
        sum(quarterly.sourced_opportunities) as sourced_last_4q
    from quarterly
    inner join recent_quarters
        on
            quarterly.fiscal_year = recent_quarters.fiscal_year
            and quarterly.fiscal_quarter = recent_quarters.fiscal_quarter
    where recent_quarters.quarters_ago <= 4
    group by quarterly.partner_id
),

final as (
    select
        scorecard.partner_id,
        scorecard.partner_name,
        scorecard.role_label,
        scorecard.referrals_given,
        scorecard.sourced_opportunities,
        scorecard.sourced_won_amount,
        round(scorecard.give_get_ratio, 2) as give_get_ratio,
        coalesce(recent.referrals_given_last_4q, 0) as referrals_given_last_4q,
        coalesce(recent.sourced_last_4q, 0) as sourced_last_4q
    from scorecard
    left join recent
        on scorecard.partner_id = recent.partner_id
    where scorecard.referrals_given > 0 or scorecard.sourced_opportunities > 0
)

select * from final
order by
    case when sourced_opportunities = 0 then 0 else 1 end,
    give_get_ratio desc
