{#-
    The attach pyramid, one row per period x region x opportunity_type, where a period is a
    fiscal month or quarter (period_grain) of the deals' creation or of their close
    (period_basis; closing periods hold closed deals only). For each level — attached on top,
    then influenced, sourced, resold, deployed and partner-led — the deals and amount with the
    level and their rate of all deals and amount; then attached against not attached: win
    rate (won / closed), average won amount and median sales cycle of closed deals.
    Expansion and renewal deals are included, so customer-success attach shows.
-#}
{{ config(alias='mart_partner_attach') }}
{%- set levels = {
    'attached': 'is_partner_attached',
    'influenced': 'is_partner_influenced',
    'sourced': 'is_partner_sourced',
    'resold': 'is_partner_resold',
    'deployed': 'is_partner_deployed',
    'partner_led': 'is_partner_led',
} -%}
{%- set sides = {'attached': 'is_partner_attached', 'not_attached': 'not is_partner_attached'} -%}
{%- set double = type_double() -%}
{%- set int = dbt.type_int() -%}
{%- set amount_type = type_amount() -%}
{%- set sums = [] -%}
{%- set measures = [] -%}
{%- for level, flag in levels.items() -%}
    {%- do sums.append('sum(case when ' ~ flag ~ ' then 1 else 0 end) as ' ~ level ~ '_opportunities') -%}
    {%- do sums.append('sum(case when ' ~ flag ~ ' then amount else 0 end) as ' ~ level ~ '_amount') -%}
    {%- do measures.append('cast(' ~ level ~ '_opportunities as ' ~ int ~ ') as ' ~ level ~ '_opportunities') -%}
    {%- do measures.append('cast(' ~ level ~ '_amount as ' ~ amount_type ~ ') as ' ~ level ~ '_amount') -%}
    {%- do measures.append('cast(' ~ level ~ '_opportunities as ' ~ double ~ ') / opportunities as '
        ~ level ~ '_rate') -%}
    {%- do measures.append('cast(' ~ level ~ '_amount as ' ~ double ~ ') / nullif(amount, 0) as '
        ~ level ~ '_amount_rate') -%}
{%- endfor -%}
{%- do measures.append('cast(sourced_opportunities as ' ~ double ~ ') / nullif(attached_opportunities, 0)'
    ~ ' as sourced_share_of_attached') -%}
{%- for side, condition in sides.items() -%}
    {%- do sums.append('sum(case when is_closed and ' ~ condition ~ ' then 1 else 0 end) as closed_' ~ side) -%}
    {%- do sums.append('sum(case when is_won and ' ~ condition ~ ' then 1 else 0 end) as won_' ~ side) -%}
    {%- do sums.append('avg(case when is_won and ' ~ condition ~ ' then amount end) as average_won_amount_' ~ side) -%}
    {%- do sums.append(median('case when is_closed and ' ~ condition ~ ' then sales_cycle_days end')
        ~ ' as median_sales_cycle_days_' ~ side) -%}
    {%- do measures.append('cast(closed_' ~ side ~ ' as ' ~ int ~ ') as closed_' ~ side) -%}
    {%- do measures.append('cast(won_' ~ side ~ ' as ' ~ int ~ ') as won_' ~ side) -%}
    {%- do measures.append('cast(won_' ~ side ~ ' as ' ~ double ~ ') / nullif(closed_' ~ side ~ ', 0) as win_rate_'
        ~ side) -%}
    {%- do measures.append('cast(average_won_amount_' ~ side ~ ' as ' ~ double ~ ') as average_won_amount_' ~ side) -%}
    {%- do measures.append('cast(median_sales_cycle_days_' ~ side ~ ' as ' ~ double ~ ') as median_sales_cycle_days_'
        ~ side) -%}
{%- endfor %}

with

opportunities as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_opportunities') }}
),

by_basis as (
    select
        'created' as period_basis,
        {{ fiscal_periods('created_at') }},
        opportunities.*
    from opportunities
    union all
    select
        'closed' as period_basis,
        {{ fiscal_periods('closed_at') }},
        opportunities.*
    from opportunities
    where is_closed
),

by_grain as (
    select
        'fiscal_month' as period_grain,
        fiscal_month as fiscal_period,
        by_basis.*
    from by_basis
    union all
    select
        'fiscal_quarter' as period_grain,
        fiscal_quarter as fiscal_period,
        by_basis.*
    from by_basis
),

aggregated as (
    select
        period_basis,
        period_grain,
        fiscal_year,
        fiscal_period,
        region,
        opportunity_type,
        count(*) as opportunities,
        sum(amount) as amount,
        {{ sums | join(',\n        ') }}
    from by_grain
    group by
        period_basis,
        period_grain,
        fiscal_year,
        fiscal_period,
        region,
        opportunity_type
),

final as (
    select
        cast(period_basis as {{ dbt.type_string() }}) as period_basis,
        cast(period_grain as {{ dbt.type_string() }}) as period_grain,
        cast(fiscal_year as {{ dbt.type_int() }}) as fiscal_year,
        cast(fiscal_period as {{ dbt.type_int() }}) as fiscal_period,
        cast(region as {{ dbt.type_string() }}) as region,
        cast(opportunity_type as {{ dbt.type_string() }}) as opportunity_type,
        cast(opportunities as {{ dbt.type_int() }}) as opportunities,
        cast(amount as {{ type_amount() }}) as amount,
        {{ measures | join(',\n        ') }}
    from aggregated
)

select * from final
