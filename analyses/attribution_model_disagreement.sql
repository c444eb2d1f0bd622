-- How much does the choice of attribution model matter? Each partner's rank by attributed
-- revenue under first touch, last touch, linear, W-shaped and sourced, and the widest gap
-- between its best and worst rank: partners with a wide gap are the ones a single-model
-- report misjudges (an opener ranks high on first touch, a closer on last touch).
with

by_model as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_attribution_by_model') }}
    where attribution_model in ('first_touch', 'last_touch', 'linear', 'w_shaped', 'sourced')
),

ranked as (
    select
        partner_id,
        attribution_model,
        attributed_revenue,
        rank() over (partition by attribution_model order by attributed_revenue desc) as revenue_rank
    from by_model
),

final as (
    select
        partner_id,
        max(case when attribution_model = 'first_touch' then revenue_rank end) as first_touch_rank,
        max(case when attribution_model = 'last_touch' then revenue_rank end) as last_touch_rank,
        max(case when attribution_model = 'linear' then revenue_rank end) as linear_rank,
        max(case when attribution_model = 'w_shaped' then revenue_rank end) as w_shaped_rank,
        max(case when attribution_model = 'sourced' then revenue_rank end) as sourced_rank,
        max(revenue_rank) - min(revenue_rank) as rank_spread
    from ranked
    group by partner_id
)

select * from final
order by rank_spread desc, linear_rank asc
