-- Do partners play the role their type says? Each partner's declared type beside the role its
-- touches show (role label by lift over the average partner), with what it brought: deals
-- attached and sourced and the revenue the sourced and linear models credit it with.
-- Partners whose behaviour differs from their type come first.
with

scorecard as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_scorecard') }}
),

expected_roles as (
    select
        partner_id,
        case partner_type
            when 'referral' then 'sources'
            when 'reseller' then 'resells'
            when 'system_integrator' then 'deploys'
            when 'technology' then 'co-sells'
        end as role_expected_from_type
    from scorecard
),

final as (
    select
        scorecard.partner_id,
        scorecard.partner_name,
        scorecard.partner_type,
        expected_roles.role_expected_from_type,
        scorecard.role_label,
        round(scorecard.leading_role_lift, 2) as leading_role_lift,
        scorecard.attached_opportunities,
        scorecard.sourced_opportunities,
        round(scorecard.attributed_revenue_sourced, 0) as sourced_revenue,
        round(scorecard.attributed_revenue_linear, 0) as linear_revenue
    from scorecard
    inner join expected_roles
        on scorecard.partner_id = expected_roles.partner_id
)

select * from final
order by
    case when role_label = role_expected_from_type then 1 else 0 end,
    attached_opportunities desc
