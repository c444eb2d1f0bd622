-- Every deal is counted once per period basis and grain in mart_partner_attach: by creation,
-- all deals of fct_opportunities; by close, the closed ones; likewise their attached deals.
-- Returns each basis and grain whose totals differ.
with

opportunities as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_opportunities') }}
),

attach as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_attach') }}
),

expected as (
    select
        'created' as period_basis,
        count(*) as opportunities,
        sum(case when is_partner_attached then 1 else 0 end) as attached_opportunities
    from opportunities
    union all
    select
        'closed' as period_basis,
        count(*) as opportunities,
        sum(case when is_partner_attached then 1 else 0 end) as attached_opportunities
    from opportunities
    where is_closed
),

actual as (
    select
        period_basis,
        period_grain,
        sum(opportunities) as opportunities,
        sum(attached_opportunities) as attached_opportunities
    from attach
    group by
        period_basis,
        period_grain
),

final as (
    select
        expected.period_basis,
        actual.period_grain,
        expected.opportunities as expected_opportunities,
        actual.opportunities as actual_opportunities
    from expected
    left join actual
        on expected.period_basis = actual.period_basis
    where
        (actual.period_grain is null and expected.opportunities > 0)
        or expected.opportunities <> actual.opportunities
        or expected.attached_opportunities <> actual.attached_opportunities
)

select * from final
