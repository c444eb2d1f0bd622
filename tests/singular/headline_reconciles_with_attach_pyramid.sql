{#-
    mart_partner_headline holds exactly one row, and its deal counts and amounts are the attach
    pyramid's (mart_partner_attach, the deals by fiscal quarter of creation) added up: two marts
    that count the same deals must agree. Returns a row per disagreement.
-#}
with

headline as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_headline') }}
),

pyramid as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_attach') }}
),

pyramid_totals as (
    select
        coalesce(sum(opportunities), 0) as opportunities,
        coalesce(sum(amount), 0) as amount,
        coalesce(sum(attached_opportunities), 0) as attached_opportunities,
        coalesce(sum(attached_amount), 0) as attached_amount,
        coalesce(sum(sourced_opportunities), 0) as sourced_opportunities,
        coalesce(sum(sourced_amount), 0) as sourced_amount
    from pyramid
    where period_basis = 'created' and period_grain = 'fiscal_quarter'
),

headline_rows as (
    select count(*) as row_count
    from headline
),

disagreements as (
    select 'headline rows' as check_name
    from headline_rows
    where row_count <> 1
    union all
    select 'totals' as check_name
    from headline
    cross join pyramid_totals
    where
        headline.opportunities <> pyramid_totals.opportunities
        or headline.amount <> pyramid_totals.amount
        or headline.attached_opportunities <> pyramid_totals.attached_opportunities
        or headline.attached_amount <> pyramid_totals.attached_amount
        or headline.sourced_opportunities <> pyramid_totals.sourced_opportunities
        or headline.sourced_amount <> pyramid_totals.sourced_amount
),

final as (
    select * from disagreements
)

select * from final
