-- Does partner attach shorten the sales cycle, and lift the win rate, for renewals and
-- expansions (customer-success attach) as it does for new business? By deal type, over all
-- closing quarters.
with

attach as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_attach') }}
    where
        period_basis = 'closed'
        and period_grain = 'fiscal_quarter'
),

final as (
    select
        opportunity_type,
        sum(closed_attached) as closed_attached,
        sum(closed_not_attached) as closed_not_attached,
        sum(won_attached) * 1.0 / nullif(sum(closed_attached), 0) as win_rate_attached,
        sum(won_not_attached) * 1.0 / nullif(sum(closed_not_attached), 0) as win_rate_not_attached,
        -- a weighted mean of the quarterly medians: a guide, not the median of all deals
        sum(median_sales_cycle_days_attached * closed_attached)
        / nullif(sum(case when median_sales_cycle_days_attached is not null then closed_attached end), 0)
            as typical_cycle_days_attached,
        sum(median_sales_cycle_days_not_attached * closed_not_attached)
        / nullif(sum(case when median_sales_cycle_days_not_attached is not null then closed_not_attached end), 0)
            as typical_cycle_days_not_attached
    from attach
    group by opportunity_type
)

select * from final
order by opportunity_type
