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
        sum(attached_closed_opportunities) as attached_closed_opportunities,
        sum(not_attached_closed_opportunities) as not_attached_closed_opportunities,
        sum(attached_won_opportunities) * 1.0
        / nullif(sum(attached_closed_opportunities), 0) as attached_win_rate,
        sum(not_attached_won_opportunities) * 1.0
        / nullif(sum(not_attached_closed_opportunities), 0) as not_attached_win_rate,
        -- a weighted mean of the quarterly medians: a guide, not the median of all deals
        sum(attached_median_sales_cycle_days * attached_closed_opportunities)
        / nullif(sum(
            case when attached_median_sales_cycle_days is not null then attached_closed_opportunities end
        ), 0)
            as typical_cycle_days_attached,
        sum(not_attached_median_sales_cycle_days * not_attached_closed_opportunities)
        / nullif(sum(
            case when not_attached_median_sales_cycle_days is not null then not_attached_closed_opportunities end
        ), 0)
            as typical_cycle_days_not_attached
    from attach
    group by opportunity_type
)

select * from final
order by opportunity_type
