-- Partner attach against partner-sourced, by region and market motion: in partner-led markets
-- nearly everything is sourced, so attach tells more where sourced saturates.
with

opportunities as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_opportunities') }}
),

final as (
    select
        region,
        market_motion,
        count(*) as opportunities,
        avg(case when is_partner_attached then 1.0 else 0.0 end) as attach_rate,
        avg(case when is_partner_sourced then 1.0 else 0.0 end) as sourced_rate,
        avg(case when is_closed and is_partner_attached then (case when is_won then 1.0 else 0.0 end) end)
            as attached_win_rate,
        avg(case when is_closed and not is_partner_attached then (case when is_won then 1.0 else 0.0 end) end)
            as not_attached_win_rate
    from opportunities
    group by
        region,
        market_motion
)

select * from final
order by region
