{#-
    One row per partner and fiscal quarter in which something of it happened, holding the
    scorecard's additive measures. Each measure sits in the quarter of its own event, as
    RevOps reports them:
    * a level's opportunities and amount (pipeline): the quarter the deal was created;
    * a level's won opportunities and won amount (revenue), and attached closed deals: the
      quarter the deal closed;
    * attributed pipeline: created; attributed revenue: closed;
    * touches by motion, MDF campaigns and spend, referrals given: the quarter they happened;
    * MDF-influenced deals and pipeline: created; MDF-influenced won deals and revenue: closed.
    Summing a partner's quarters gives its all-time scorecard. Amounts are a deal's full
    amount for every partner on it, so they add up across quarters, not across partners.
    Each stream of events is summed on its own (level_pipeline ... referrals) and the streams
    meet on partner_quarters; a measure a stream does not have is 0 in its quarter.
-#}
with

opportunities as (
    select * from {{ ref('partner_attribution', 'int_opportunity_levels') }}
),

opportunity_partners as (
    select * from {{ ref('partner_attribution', 'int_opportunity_partner_levels') }}
),

partner_attribution as (
    select * from {{ ref('partner_attribution', 'int_partner_attribution_credit') }}
),

touches as (
    select * from {{ ref('partner_attribution', 'int_partner_touches') }}
),

linked_touches as (
    select * from {{ ref('partner_attribution', 'int_touches_linked_to_opportunities') }}
),

mdf_spend as (
    select * from {{ ref('partner_attribution', 'int_partner_mdf_spend') }}
),

referrals_given as (
    select * from {{ ref('partner_attribution', 'int_partner_referrals_given') }}
),

deal_levels as (
    select
        opportunity_partners.*,
        opportunities.created_at,
        opportunities.closed_at,
        opportunities.is_closed,
        opportunities.is_won,
        opportunities.amount
    from opportunity_partners
    inner join opportunities
        on opportunity_partners.opportunity_id = opportunities.opportunity_id
),

attribution as (
    select
        partner_attribution.partner_id,
        partner_attribution.attribution_model,
        partner_attribution.attributed_pipeline,
        partner_attribution.attributed_revenue,
        opportunities.created_at,
        opportunities.closed_at,
        opportunities.is_won
    from partner_attribution
    inner join opportunities
        on partner_attribution.opportunity_id = opportunities.opportunity_id
),

mdf_links as (
    -- the deals a partner's MDF-funded touches reached before they closed, each deal once
    select distinct
        linked_touches.partner_id,
        linked_touches.opportunity_id
    from linked_touches
    inner join mdf_spend
        on linked_touches.activity_id = mdf_spend.activity_id
    where linked_touches.is_pre_close
),

mdf_deals as (
    select
        mdf_links.partner_id,
        opportunities.created_at,
        opportunities.closed_at,
        opportunities.is_won,
        opportunities.amount
    from mdf_links
    inner join opportunities
        on mdf_links.opportunity_id = opportunities.opportunity_id
),

-- each stream of events with the fiscal quarter its measures sit in
deal_levels_by_creation as (
    select
        deal_levels.*,
        {{ fiscal_periods('deal_levels.created_at') }}
    from deal_levels
),

deal_levels_by_close as (
    select
        deal_levels.*,
        {{ fiscal_periods('deal_levels.closed_at') }}
    from deal_levels
    where deal_levels.is_closed
),

attribution_by_creation as (
    select
        attribution.*,
        {{ fiscal_periods('attribution.created_at') }}
    from attribution
),

attribution_by_win as (
    select
        attribution.*,
        {{ fiscal_periods('attribution.closed_at') }}
    from attribution
    where attribution.is_won
),

touches_by_quarter as (
    select
        touches.*,
        {{ fiscal_periods('touches.occurred_at') }}
    from touches
),

mdf_spend_by_quarter as (
    select
        mdf_spend.*,
        {{ fiscal_periods('mdf_spend.occurred_at') }}
    from mdf_spend
),

mdf_deals_by_creation as (
    select
        mdf_deals.*,
        {{ fiscal_periods('mdf_deals.created_at') }}
    from mdf_deals
),

mdf_deals_by_win as (
    select
        mdf_deals.*,
        {{ fiscal_periods('mdf_deals.closed_at') }}
    from mdf_deals
    where mdf_deals.is_won
),

referrals_by_quarter as (
    select
        referrals_given.*,
        {{ fiscal_periods('referrals_given.occurred_at') }}
    from referrals_given
),

-- the credit of each attribution model, summed exactly (exact_sum: the same digits on every
-- build), before the models become columns
model_pipeline as (
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        attribution_model,
        {{ exact_sum('coalesce(attributed_pipeline, 0)') }} as attributed_pipeline
    from attribution_by_creation
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter,
        attribution_model
),

model_revenue as (
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        attribution_model,
        {{ exact_sum('coalesce(attributed_revenue, 0)') }} as attributed_revenue
    from attribution_by_win
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter,
        attribution_model
),

level_pipeline as (
    -- each level's deals and amount (pipeline), in the quarter the deal was created
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        sum(case when is_attached then 1 else 0 end) as attached_opportunities,
        sum(case when is_attached then coalesce(amount, 0) else 0 end) as attached_amount,
        sum(case when is_touched then 1 else 0 end) as touched_opportunities,
        sum(case when is_touched then coalesce(amount, 0) else 0 end) as touched_amount,
        sum(case when is_influenced then 1 else 0 end) as influenced_opportunities,
        sum(case when is_influenced then coalesce(amount, 0) else 0 end) as influenced_amount,
        sum(case when is_sourced then 1 else 0 end) as sourced_opportunities,
        sum(case when is_sourced then coalesce(amount, 0) else 0 end) as sourced_amount,
        sum(case when is_resold then 1 else 0 end) as resold_opportunities,
        sum(case when is_resold then coalesce(amount, 0) else 0 end) as resold_amount,
        sum(case when is_deployed then 1 else 0 end) as deployed_opportunities,
        sum(case when is_deployed then coalesce(amount, 0) else 0 end) as deployed_amount,
        sum(case when is_partner_led then 1 else 0 end) as partner_led_opportunities,
        sum(case when is_partner_led then coalesce(amount, 0) else 0 end) as partner_led_amount
    from deal_levels_by_creation
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter
),

level_revenue as (
    -- each level's won deals and amount (revenue), and the closed deals, in the quarter the
    -- deal closed
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        sum(case when is_won and is_attached then 1 else 0 end) as attached_won_opportunities,
        sum(case when is_won and is_attached then coalesce(amount, 0) else 0 end) as attached_won_amount,
        sum(case when is_won and is_touched then 1 else 0 end) as touched_won_opportunities,
        sum(case when is_won and is_touched then coalesce(amount, 0) else 0 end) as touched_won_amount,
        sum(case when is_won and is_influenced then 1 else 0 end) as influenced_won_opportunities,
        sum(case when is_won and is_influenced then coalesce(amount, 0) else 0 end) as influenced_won_amount,
        sum(case when is_won and is_sourced then 1 else 0 end) as sourced_won_opportunities,
        sum(case when is_won and is_sourced then coalesce(amount, 0) else 0 end) as sourced_won_amount,
        sum(case when is_won and is_resold then 1 else 0 end) as resold_won_opportunities,
        sum(case when is_won and is_resold then coalesce(amount, 0) else 0 end) as resold_won_amount,
        sum(case when is_won and is_deployed then 1 else 0 end) as deployed_won_opportunities,
        sum(case when is_won and is_deployed then coalesce(amount, 0) else 0 end) as deployed_won_amount,
        sum(case when is_won and is_partner_led then 1 else 0 end) as partner_led_won_opportunities,
        sum(case when is_won and is_partner_led then coalesce(amount, 0) else 0 end) as partner_led_won_amount,
        count(*) as attached_closed_opportunities
    from deal_levels_by_close
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter
),

attributed_pipeline as (
    -- the pipeline each model credits the partner with, in the quarter the deal was created
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        sum(case when attribution_model = 'first_touch' then attributed_pipeline else 0 end)
            as attributed_pipeline_first_touch,
        sum(case when attribution_model = 'last_touch' then attributed_pipeline else 0 end)
            as attributed_pipeline_last_touch,
        sum(case when attribution_model = 'linear' then attributed_pipeline else 0 end)
            as attributed_pipeline_linear,
        sum(case when attribution_model = 'position_based' then attributed_pipeline else 0 end)
            as attributed_pipeline_position_based,
        sum(case when attribution_model = 'j_shaped' then attributed_pipeline else 0 end)
            as attributed_pipeline_j_shaped,
        sum(case when attribution_model = 'inverse_j' then attributed_pipeline else 0 end)
            as attributed_pipeline_inverse_j,
        sum(case when attribution_model = 'w_shaped' then attributed_pipeline else 0 end)
            as attributed_pipeline_w_shaped,
        sum(case when attribution_model = 'time_decay' then attributed_pipeline else 0 end)
            as attributed_pipeline_time_decay,
        sum(case when attribution_model = 'sourced' then attributed_pipeline else 0 end)
            as attributed_pipeline_sourced
    from model_pipeline
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter
),

attributed_revenue as (
    -- the revenue each model credits the partner with, in the quarter the deal was won
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        sum(case when attribution_model = 'first_touch' then attributed_revenue else 0 end)
            as attributed_revenue_first_touch,
        sum(case when attribution_model = 'last_touch' then attributed_revenue else 0 end)
            as attributed_revenue_last_touch,
        sum(case when attribution_model = 'linear' then attributed_revenue else 0 end)
            as attributed_revenue_linear,
        sum(case when attribution_model = 'position_based' then attributed_revenue else 0 end)
            as attributed_revenue_position_based,
        sum(case when attribution_model = 'j_shaped' then attributed_revenue else 0 end)
            as attributed_revenue_j_shaped,
        sum(case when attribution_model = 'inverse_j' then attributed_revenue else 0 end)
            as attributed_revenue_inverse_j,
        sum(case when attribution_model = 'w_shaped' then attributed_revenue else 0 end)
            as attributed_revenue_w_shaped,
        sum(case when attribution_model = 'time_decay' then attributed_revenue else 0 end)
            as attributed_revenue_time_decay,
        sum(case when attribution_model = 'sourced' then attributed_revenue else 0 end)
            as attributed_revenue_sourced
    from model_revenue
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter
),

touch_motions as (
    -- the partner's touches by motion, in the quarter they happened; a motion the scorecard does
    -- not list (one added to the activity_types seed) counts in touches_other_motions
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        count(*) as touch_count,
        sum(case when motion = 'sourcing' then 1 else 0 end) as touches_sourcing,
        sum(case when motion = 'influence' then 1 else 0 end) as touches_influence,
        sum(case when motion = 'bd' then 1 else 0 end) as touches_bd,
        sum(case when motion = 'solutions' then 1 else 0 end) as touches_solutions,
        sum(case when motion = 'pilot' then 1 else 0 end) as touches_pilot,
        sum(case when motion = 'marketing' then 1 else 0 end) as touches_marketing,
        sum(case when motion = 'resale' then 1 else 0 end) as touches_resale,
        sum(case when motion = 'deployment' then 1 else 0 end) as touches_deployment,
        sum(case when motion = 'customer_success' then 1 else 0 end) as touches_customer_success,
        sum(
            case
                when motion in (
                        'sourcing', 'influence', 'bd', 'solutions', 'pilot',
                        'marketing', 'resale', 'deployment', 'customer_success'
                    )
                    then 0
                else 1
            end
        ) as touches_other_motions
    from touches_by_quarter
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter
),

mdf_campaigns as (
    -- MDF campaigns and their spend, in the quarter they happened
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        count(*) as mdf_campaigns,
        sum(mdf_spend) as mdf_spend
    from mdf_spend_by_quarter
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter
),

mdf_pipeline as (
    -- the deals the partner's MDF reached, in the quarter the deal was created
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        count(*) as mdf_influenced_opportunities,
        sum(coalesce(amount, 0)) as mdf_influenced_pipeline
    from mdf_deals_by_creation
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter
),

mdf_revenue as (
    -- the won deals the partner's MDF reached, in the quarter the deal was won
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        count(*) as mdf_influenced_won_opportunities,
        sum(coalesce(amount, 0)) as mdf_influenced_revenue
    from mdf_deals_by_win
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter
),

referrals as (
    -- the referrals we gave the partner, in the quarter we gave them
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        count(*) as referrals_given
    from referrals_by_quarter
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter
),

-- every partner and quarter in which something of it happened
partner_quarters as (
    select
        partner_id,
        fiscal_year,
        fiscal_quarter
    from level_pipeline
    union
    select
        partner_id,
        fiscal_year,
        fiscal_quarter
    from level_revenue
    union
    select
        partner_id,
        fiscal_year,
        fiscal_quarter
    from attributed_pipeline
    union
    select
        partner_id,
        fiscal_year,
        fiscal_quarter
    from attributed_revenue
    union
    select
        partner_id,
        fiscal_year,
        fiscal_quarter
    from touch_motions
    union
    select
        partner_id,
        fiscal_year,
        fiscal_quarter
    from mdf_campaigns
    union
    select
        partner_id,
        fiscal_year,
        fiscal_quarter
    from mdf_pipeline
    union
    select
        partner_id,
        fiscal_year,
        fiscal_quarter
    from mdf_revenue
    union
    select
        partner_id,
        fiscal_year,
        fiscal_quarter
    from referrals
),

final as (
    select
        partner_quarters.partner_id,
        partner_quarters.fiscal_year,
        partner_quarters.fiscal_quarter,
        coalesce(level_pipeline.attached_opportunities, 0) as attached_opportunities,
        coalesce(level_pipeline.attached_amount, 0) as attached_amount,
        coalesce(level_pipeline.touched_opportunities, 0) as touched_opportunities,
        coalesce(level_pipeline.touched_amount, 0) as touched_amount,
        coalesce(level_pipeline.influenced_opportunities, 0) as influenced_opportunities,
        coalesce(level_pipeline.influenced_amount, 0) as influenced_amount,
        coalesce(level_pipeline.sourced_opportunities, 0) as sourced_opportunities,
        coalesce(level_pipeline.sourced_amount, 0) as sourced_amount,
        coalesce(level_pipeline.resold_opportunities, 0) as resold_opportunities,
        coalesce(level_pipeline.resold_amount, 0) as resold_amount,
        coalesce(level_pipeline.deployed_opportunities, 0) as deployed_opportunities,
        coalesce(level_pipeline.deployed_amount, 0) as deployed_amount,
        coalesce(level_pipeline.partner_led_opportunities, 0) as partner_led_opportunities,
        coalesce(level_pipeline.partner_led_amount, 0) as partner_led_amount,
        coalesce(level_revenue.attached_won_opportunities, 0) as attached_won_opportunities,
        coalesce(level_revenue.attached_won_amount, 0) as attached_won_amount,
        coalesce(level_revenue.touched_won_opportunities, 0) as touched_won_opportunities,
        coalesce(level_revenue.touched_won_amount, 0) as touched_won_amount,
        coalesce(level_revenue.influenced_won_opportunities, 0) as influenced_won_opportunities,
        coalesce(level_revenue.influenced_won_amount, 0) as influenced_won_amount,
        coalesce(level_revenue.sourced_won_opportunities, 0) as sourced_won_opportunities,
        coalesce(level_revenue.sourced_won_amount, 0) as sourced_won_amount,
        coalesce(level_revenue.resold_won_opportunities, 0) as resold_won_opportunities,
        coalesce(level_revenue.resold_won_amount, 0) as resold_won_amount,
        coalesce(level_revenue.deployed_won_opportunities, 0) as deployed_won_opportunities,
        coalesce(level_revenue.deployed_won_amount, 0) as deployed_won_amount,
        coalesce(level_revenue.partner_led_won_opportunities, 0) as partner_led_won_opportunities,
        coalesce(level_revenue.partner_led_won_amount, 0) as partner_led_won_amount,
        coalesce(level_revenue.attached_closed_opportunities, 0) as attached_closed_opportunities,
        coalesce(attributed_pipeline.attributed_pipeline_first_touch, 0) as attributed_pipeline_first_touch,
        coalesce(attributed_pipeline.attributed_pipeline_last_touch, 0) as attributed_pipeline_last_touch,
        coalesce(attributed_pipeline.attributed_pipeline_linear, 0) as attributed_pipeline_linear,
        coalesce(attributed_pipeline.attributed_pipeline_position_based, 0) as attributed_pipeline_position_based,
        coalesce(attributed_pipeline.attributed_pipeline_j_shaped, 0) as attributed_pipeline_j_shaped,
        coalesce(attributed_pipeline.attributed_pipeline_inverse_j, 0) as attributed_pipeline_inverse_j,
        coalesce(attributed_pipeline.attributed_pipeline_w_shaped, 0) as attributed_pipeline_w_shaped,
        coalesce(attributed_pipeline.attributed_pipeline_time_decay, 0) as attributed_pipeline_time_decay,
        coalesce(attributed_pipeline.attributed_pipeline_sourced, 0) as attributed_pipeline_sourced,
        coalesce(attributed_revenue.attributed_revenue_first_touch, 0) as attributed_revenue_first_touch,
        coalesce(attributed_revenue.attributed_revenue_last_touch, 0) as attributed_revenue_last_touch,
        coalesce(attributed_revenue.attributed_revenue_linear, 0) as attributed_revenue_linear,
        coalesce(attributed_revenue.attributed_revenue_position_based, 0) as attributed_revenue_position_based,
        coalesce(attributed_revenue.attributed_revenue_j_shaped, 0) as attributed_revenue_j_shaped,
        coalesce(attributed_revenue.attributed_revenue_inverse_j, 0) as attributed_revenue_inverse_j,
        coalesce(attributed_revenue.attributed_revenue_w_shaped, 0) as attributed_revenue_w_shaped,
        coalesce(attributed_revenue.attributed_revenue_time_decay, 0) as attributed_revenue_time_decay,
        coalesce(attributed_revenue.attributed_revenue_sourced, 0) as attributed_revenue_sourced,
        coalesce(touch_motions.touch_count, 0) as touch_count,
        coalesce(touch_motions.touches_sourcing, 0) as touches_sourcing,
        coalesce(touch_motions.touches_influence, 0) as touches_influence,
        coalesce(touch_motions.touches_bd, 0) as touches_bd,
        coalesce(touch_motions.touches_solutions, 0) as touches_solutions,
        coalesce(touch_motions.touches_pilot, 0) as touches_pilot,
        coalesce(touch_motions.touches_marketing, 0) as touches_marketing,
        coalesce(touch_motions.touches_resale, 0) as touches_resale,
        coalesce(touch_motions.touches_deployment, 0) as touches_deployment,
        coalesce(touch_motions.touches_customer_success, 0) as touches_customer_success,
        coalesce(touch_motions.touches_other_motions, 0) as touches_other_motions,
        coalesce(mdf_campaigns.mdf_campaigns, 0) as mdf_campaigns,
        coalesce(mdf_campaigns.mdf_spend, 0) as mdf_spend,
        coalesce(mdf_pipeline.mdf_influenced_opportunities, 0) as mdf_influenced_opportunities,
        coalesce(mdf_pipeline.mdf_influenced_pipeline, 0) as mdf_influenced_pipeline,
        coalesce(mdf_revenue.mdf_influenced_won_opportunities, 0) as mdf_influenced_won_opportunities,
        coalesce(mdf_revenue.mdf_influenced_revenue, 0) as mdf_influenced_revenue,
        coalesce(referrals.referrals_given, 0) as referrals_given
    from partner_quarters
    left join level_pipeline
        on
            partner_quarters.partner_id = level_pipeline.partner_id
            and partner_quarters.fiscal_year = level_pipeline.fiscal_year
            and partner_quarters.fiscal_quarter = level_pipeline.fiscal_quarter
    left join level_revenue
        on
            partner_quarters.partner_id = level_revenue.partner_id
            and partner_quarters.fiscal_year = level_revenue.fiscal_year
            and partner_quarters.fiscal_quarter = level_revenue.fiscal_quarter
    left join attributed_pipeline
        on
            partner_quarters.partner_id = attributed_pipeline.partner_id
            and partner_quarters.fiscal_year = attributed_pipeline.fiscal_year
            and partner_quarters.fiscal_quarter = attributed_pipeline.fiscal_quarter
    left join attributed_revenue
        on
            partner_quarters.partner_id = attributed_revenue.partner_id
            and partner_quarters.fiscal_year = attributed_revenue.fiscal_year
            and partner_quarters.fiscal_quarter = attributed_revenue.fiscal_quarter
    left join touch_motions
        on
            partner_quarters.partner_id = touch_motions.partner_id
            and partner_quarters.fiscal_year = touch_motions.fiscal_year
            and partner_quarters.fiscal_quarter = touch_motions.fiscal_quarter
    left join mdf_campaigns
        on
            partner_quarters.partner_id = mdf_campaigns.partner_id
            and partner_quarters.fiscal_year = mdf_campaigns.fiscal_year
            and partner_quarters.fiscal_quarter = mdf_campaigns.fiscal_quarter
    left join mdf_pipeline
        on
            partner_quarters.partner_id = mdf_pipeline.partner_id
            and partner_quarters.fiscal_year = mdf_pipeline.fiscal_year
            and partner_quarters.fiscal_quarter = mdf_pipeline.fiscal_quarter
    left join mdf_revenue
        on
            partner_quarters.partner_id = mdf_revenue.partner_id
            and partner_quarters.fiscal_year = mdf_revenue.fiscal_year
            and partner_quarters.fiscal_quarter = mdf_revenue.fiscal_quarter
    left join referrals
        on
            partner_quarters.partner_id = referrals.partner_id
            and partner_quarters.fiscal_year = referrals.fiscal_year
            and partner_quarters.fiscal_quarter = referrals.fiscal_quarter
)

select * from final
