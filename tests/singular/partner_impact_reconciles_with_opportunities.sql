-- mart_partner_impact reads every closed deal of fct_opportunities once per segment type: the
-- overall row holds them all, split into attached and not attached, and the rows of each other
-- segment type add up to the same counts. Returns each segment type whose closed or won counts
-- differ from fct_opportunities (a missing segment type shows with empty actual counts).
with

opportunities as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_opportunities') }}
),

impact as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_impact') }}
),

expected as (
    select
        sum(case when is_partner_attached then 1 else 0 end) as attached_closed_opportunities,
        sum(case when not is_partner_attached then 1 else 0 end) as not_attached_closed_opportunities,
        sum(case when is_partner_attached and is_won then 1 else 0 end) as attached_won_opportunities,
        sum(case when not is_partner_attached and is_won then 1 else 0 end) as not_attached_won_opportunities
    from opportunities
    where is_closed
),

segment_types as (
    select 'overall' as segment
    union all
    select 'region' as segment
    union all
    select 'opportunity_type' as segment
    union all
    select 'market_motion' as segment
    union all
    select 'region_x_opportunity_type' as segment
),

actual as (
    select
        segment,
        sum(attached_closed_opportunities) as attached_closed_opportunities,
        sum(not_attached_closed_opportunities) as not_attached_closed_opportunities,
        sum(attached_won_opportunities) as attached_won_opportunities,
        sum(not_attached_won_opportunities) as not_attached_won_opportunities
    from impact
    group by segment
),

final as (
    select
        segment_types.segment,
        expected.attached_closed_opportunities as expected_attached_closed,
        actual.attached_closed_opportunities as actual_attached_closed,
        expected.not_attached_closed_opportunities as expected_not_attached_closed,
        actual.not_attached_closed_opportunities as actual_not_attached_closed
    from segment_types
    cross join expected
    left join actual
        on segment_types.segment = actual.segment
    where
        coalesce(actual.attached_closed_opportunities, 0) <> coalesce(expected.attached_closed_opportunities, 0)
        or coalesce(actual.not_attached_closed_opportunities, 0)
        <> coalesce(expected.not_attached_closed_opportunities, 0)
        or coalesce(actual.attached_won_opportunities, 0) <> coalesce(expected.attached_won_opportunities, 0)
        or coalesce(actual.not_attached_won_opportunities, 0) <> coalesce(expected.not_attached_won_opportunities, 0)
)

select * from final
