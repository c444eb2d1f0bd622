{#-
    The headline figures, one row over every deal created up to as_of_date: how many deals and
    how much pipeline; the share with a partner attached and the partner-sourced share, of deals
    and of amount; the share of won revenue attached and sourced deals make up; and the win
    rates of attached and of not attached deals, read from mart_partner_impact's overall row,
    their one home. What the summary, the report and a BI tool's headline tiles show, so that
    none of them computes a rate of its own. A rate is empty when its denominator is 0; with
    no deals at all the counts and amounts are 0.
-#}
{{ config(alias='mart_partner_headline') }}
{%- set double = type_double() %}

with

opportunities as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_opportunities') }}
),

impact as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_impact') }}
),

overall_impact as (
    select
        attached_win_rate,
        not_attached_win_rate
    from impact
    where segment = 'overall'
),

totals as (
    select
        count(*) as opportunities,
        coalesce(sum(amount), 0) as amount,
        coalesce(sum(case when is_partner_attached then 1 else 0 end), 0) as attached_opportunities,
        coalesce(sum(case when is_partner_attached then amount else 0 end), 0) as attached_amount,
        coalesce(sum(case when is_partner_sourced then 1 else 0 end), 0) as sourced_opportunities,
        coalesce(sum(case when is_partner_sourced then amount else 0 end), 0) as sourced_amount,
        coalesce(sum(case when is_won then 1 else 0 end), 0) as won_opportunities,
        coalesce(sum(case when is_won then amount else 0 end), 0) as won_amount,
        coalesce(sum(case when is_won and is_partner_attached then amount else 0 end), 0) as attached_won_amount,
        coalesce(sum(case when is_won and is_partner_sourced then amount else 0 end), 0) as sourced_won_amount,
        coalesce(sum(case when is_sourcing_contested then 1 else 0 end), 0) as sourcing_contested_opportunities
    from opportunities
),

final as (
    select
        cast('{{ partner_var("as_of_date") }}' as date) as as_of_date,
        cast(totals.opportunities as {{ dbt.type_int() }}) as opportunities,
        cast(totals.amount as {{ type_amount() }}) as amount,
        cast(totals.attached_opportunities as {{ dbt.type_int() }}) as attached_opportunities,
        cast(totals.attached_opportunities as {{ double }}) / nullif(totals.opportunities, 0) as attached_rate,
        cast(totals.attached_amount as {{ type_amount() }}) as attached_amount,
        cast(totals.attached_amount as {{ double }}) / nullif(totals.amount, 0) as attached_amount_rate,
        cast(totals.sourced_opportunities as {{ dbt.type_int() }}) as sourced_opportunities,
        cast(totals.sourced_opportunities as {{ double }}) / nullif(totals.opportunities, 0) as sourced_rate,
        cast(totals.sourced_amount as {{ type_amount() }}) as sourced_amount,
        cast(totals.sourced_amount as {{ double }}) / nullif(totals.amount, 0) as sourced_amount_rate,
        cast(totals.won_opportunities as {{ dbt.type_int() }}) as won_opportunities,
        cast(totals.won_amount as {{ type_amount() }}) as won_amount,
        cast(totals.attached_won_amount as {{ type_amount() }}) as attached_won_amount,
        cast(totals.attached_won_amount as {{ double }}) / nullif(totals.won_amount, 0) as attached_won_amount_rate,
        cast(totals.sourced_won_amount as {{ type_amount() }}) as sourced_won_amount,
        cast(totals.sourced_won_amount as {{ double }}) / nullif(totals.won_amount, 0) as sourced_won_amount_rate,
        cast(overall_impact.attached_win_rate as {{ double }}) as attached_win_rate,
        cast(overall_impact.not_attached_win_rate as {{ double }}) as not_attached_win_rate,
        cast(totals.sourcing_contested_opportunities as {{ dbt.type_int() }}) as sourcing_contested_opportunities
    from totals
    -- the overall row is missing until a deal has closed: the win rates are then empty
    left join overall_impact
        on 1 = 1
)

select * from final
