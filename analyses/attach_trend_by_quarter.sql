-- Is partner attach rising? Attach rate and sourced share of attach by fiscal quarter of
-- creation and market motion: the leading indicator, before revenue closes.
with

attach as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_attach') }}
    where
        period_basis = 'created'
        and period_grain = 'fiscal_quarter'
),

regions as (
    select
        fiscal_year,
        fiscal_period as fiscal_quarter,
        region,
        sum(opportunities) as opportunities,
        sum(attached_opportunities) as attached_opportunities,
        sum(sourced_opportunities) as sourced_opportunities
    from attach
    group by
        fiscal_year,
        fiscal_period,
        region
),

final as (
    select
        fiscal_year,
        fiscal_quarter,
        region,
        opportunities,
        attached_opportunities * 1.0 / opportunities as attach_rate,
        sourced_opportunities * 1.0 / nullif(attached_opportunities, 0) as sourced_share_of_attached
    from regions
)

select * from final
order by fiscal_year, fiscal_quarter, region
