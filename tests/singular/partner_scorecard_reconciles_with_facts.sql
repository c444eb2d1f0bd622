-- The partner scorecard adds up to the facts it summarises, counted here straight from them:
-- attached, sourced and resold deal-partner pairs and their won amounts (fct_opportunity_partners),
-- attributed revenue per model (fct_partner_attribution), touches, MDF spend and referrals given
-- (their intermediates); and the quarterly scorecard adds up to the partner one. Returns each
-- check whose two sides differ (amounts by more than 1e-6 relative).
{#- each fact is its query's clauses, one a line, as they land in the comparison's select -#}
{%- set opportunity_partners = ref('partner_attribution', 'partner_attribution__fct_opportunity_partners') -%}
{%- set checks = [
    ('attached pairs', 'sum(attached_opportunities)', ["select count(*)", "from " ~ opportunity_partners]),
    ('sourced pairs', 'sum(sourced_opportunities)',
        ["select count(*)", "from " ~ opportunity_partners, "where is_sourced"]),
    ('resold revenue', 'sum(resold_won_amount)', [
        "select sum(o.amount)",
        "from " ~ opportunity_partners ~ " as p",
        "inner join " ~ ref('partner_attribution', 'partner_attribution__fct_opportunities') ~ " as o",
        "    on p.opportunity_id = o.opportunity_id",
        "where p.is_resold",
    ]),
    ('touches', 'sum(touch_count)',
        ["select count(*)", "from " ~ ref('partner_attribution', 'int_partner_touches')]),
    ('mdf spend', 'sum(mdf_spend)',
        ["select sum(mdf_spend)", "from " ~ ref('partner_attribution', 'int_partner_mdf_spend')]),
    ('referrals given', 'sum(referrals_given)',
        ["select count(*)", "from " ~ ref('partner_attribution', 'int_partner_referrals_given')]),
] -%}
{%- for model in scorecard_attribution_models() -%}
    {%- do checks.append(('revenue ' ~ model, 'sum(attributed_revenue_' ~ model ~ ')', [
        "select sum(attributed_revenue)",
        "from " ~ ref('partner_attribution', 'partner_attribution__fct_partner_attribution'),
        "where attribution_model = '" ~ model ~ "'",
    ])) -%}
{%- endfor -%}
{%- set comparisons = [] -%}
{%- for name, scorecard_sum, fact_clauses in checks -%}
    {%- do comparisons.append(
        "select\n        '" ~ name ~ "' as check_name,"
        ~ "\n        cast((select " ~ scorecard_sum ~ " from scorecard) as " ~ type_double() ~ ") as scorecard_total,"
        ~ "\n        cast((\n            " ~ fact_clauses | join('\n            ')
        ~ "\n        ) as " ~ type_double() ~ ") as fact_total") -%}
    {%- do comparisons.append(
        "select\n        '" ~ name ~ " by quarter' as check_name,"
        ~ "\n        cast((select " ~ scorecard_sum ~ " from quarterly) as " ~ type_double() ~ ") as scorecard_total,"
        ~ "\n        cast((select " ~ scorecard_sum ~ " from scorecard) as " ~ type_double() ~ ") as fact_total") -%}
{%- endfor %}

with

scorecard as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_scorecard') }}
),

quarterly as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_scorecard_quarterly') }}
),

totals as (
    {{ comparisons | join('\n    union all\n    ') }}
),

final as (
    select
        check_name,
        scorecard_total,
        fact_total
    from totals
    where
        abs(coalesce(scorecard_total, 0) - coalesce(fact_total, 0))
        > 1e-6 * (1 + abs(coalesce(fact_total, 0)))
)

select * from final
