-- Where does partner attach go with a clearly higher win rate? Segments that are big enough to
-- read, with the attached and not attached win rates and their Wilson 95% intervals; "clear"
-- when the intervals do not overlap. Associations, not effects: partners go where deals look
-- promising, and won deals collect resale and deployment partners after they close.
with

impact as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_impact') }}
    where not is_too_small_to_read
),

final as (
    select
        segment,
        region,
        opportunity_type,
        market_motion,
        attached_closed_opportunities,
        not_attached_closed_opportunities,
        round(attached_win_rate, 3) as attached_win_rate,
        round(attached_win_rate_lower_95, 3) as attached_lower_95,
        round(not_attached_win_rate, 3) as not_attached_win_rate,
        round(not_attached_win_rate_upper_95, 3) as not_attached_upper_95,
        round(win_rate_difference, 3) as win_rate_difference,
        attached_win_rate_lower_95 > not_attached_win_rate_upper_95 as is_clearly_higher,
        round(median_sales_cycle_days_difference, 1) as median_cycle_difference_days
    from impact
)

select * from final
order by is_clearly_higher desc, win_rate_difference desc
