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
{%- set double = type_double() %}

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
        sum(case when is_partner_attached then 1 else 0 end) as attached_opportunities,
        sum(case when is_partner_attached then amount else 0 end) as attached_amount,
        sum(case when is_partner_influenced then 1 else 0 end) as influenced_opportunities,
        sum(case when is_partner_influenced then amount else 0 end) as influenced_amount,
        sum(case when is_partner_sourced then 1 else 0 end) as sourced_opportunities,
        sum(case when is_partner_sourced then amount else 0 end) as sourced_amount,
        sum(case when is_partner_resold then 1 else 0 end) as resold_opportunities,
        sum(case when is_partner_resold then amount else 0 end) as resold_amount,
        sum(case when is_partner_deployed then 1 else 0 end) as deployed_opportunities,
        sum(case when is_partner_deployed then amount else 0 end) as deployed_amount,
        sum(case when is_partner_led then 1 else 0 end) as partner_led_opportunities,
        sum(case when is_partner_led then amount else 0 end) as partner_led_amount,
        sum(case when is_closed and is_partner_attached then 1 else 0 end) as attached_closed_opportunities,
        sum(case when is_won and is_partner_attached then 1 else 0 end) as attached_won_opportunities,
        avg(case when is_won and is_partner_attached then amount end) as attached_average_won_amount,
        {{ median('case when is_closed and is_partner_attached then sales_cycle_days end') }}
            as attached_median_sales_cycle_days,
        sum(case when is_closed and not is_partner_attached then 1 else 0 end) as not_attached_closed_opportunities,
        sum(case when is_won and not is_partner_attached then 1 else 0 end) as not_attached_won_opportunities,
        avg(case when is_won and not is_partner_attached then amount end) as not_attached_average_won_amount,
        {{ median('case when is_closed and not is_partner_attached then sales_cycle_days end') }}
            as not_attached_median_sales_cycle_days
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
        cast(attached_opportunities as {{ dbt.type_int() }}) as attached_opportunities,
        cast(attached_amount as {{ type_amount() }}) as attached_amount,
        cast(attached_opportunities as {{ double }}) / opportunities as attached_rate,
        cast(attached_amount as {{ double }}) / nullif(amount, 0) as attached_amount_rate,
        cast(influenced_opportunities as {{ dbt.type_int() }}) as influenced_opportunities,
        cast(influenced_amount as {{ type_amount() }}) as influenced_amount,
        cast(influenced_opportunities as {{ double }}) / opportunities as influenced_rate,
        cast(influenced_amount as {{ double }}) / nullif(amount, 0) as influenced_amount_rate,
        cast(sourced_opportunities as {{ dbt.type_int() }}) as sourced_opportunities,
        cast(sourced_amount as {{ type_amount() }}) as sourced_amount,
        cast(sourced_opportunities as {{ double }}) / opportunities as sourced_rate,
        cast(sourced_amount as {{ double }}) / nullif(amount, 0) as sourced_amount_rate,
        cast(resold_opportunities as {{ dbt.type_int() }}) as resold_opportunities,
        cast(resold_amount as {{ type_amount() }}) as resold_amount,
        cast(resold_opportunities as {{ double }}) / opportunities as resold_rate,
        cast(resold_amount as {{ double }}) / nullif(amount, 0) as resold_amount_rate,
        cast(deployed_opportunities as {{ dbt.type_int() }}) as deployed_opportunities,
        cast(deployed_amount as {{ type_amount() }}) as deployed_amount,
        cast(deployed_opportunities as {{ double }}) / opportunities as deployed_rate,
        cast(deployed_amount as {{ double }}) / nullif(amount, 0) as deployed_amount_rate,
        cast(partner_led_opportunities as {{ dbt.type_int() }}) as partner_led_opportunities,
        cast(partner_led_amount as {{ type_amount() }}) as partner_led_amount,
        cast(partner_led_opportunities as {{ double }}) / opportunities as partner_led_rate,
        cast(partner_led_amount as {{ double }}) / nullif(amount, 0) as partner_led_amount_rate,
        cast(sourced_opportunities as {{ double }}) / nullif(attached_opportunities, 0) as sourced_share_of_attached,
        cast(attached_closed_opportunities as {{ dbt.type_int() }}) as attached_closed_opportunities,
        cast(attached_won_opportunities as {{ dbt.type_int() }}) as attached_won_opportunities,
        cast(attached_won_opportunities as {{ double }})
        / nullif(attached_closed_opportunities, 0) as attached_win_rate,
        cast(attached_average_won_amount as {{ double }}) as attached_average_won_amount,
        cast(attached_median_sales_cycle_days as {{ double }}) as attached_median_sales_cycle_days,
        cast(not_attached_closed_opportunities as {{ dbt.type_int() }}) as not_attached_closed_opportunities,
        cast(not_attached_won_opportunities as {{ dbt.type_int() }}) as not_attached_won_opportunities,
        cast(not_attached_won_opportunities as {{ double }})
        / nullif(not_attached_closed_opportunities, 0) as not_attached_win_rate,
        cast(not_attached_average_won_amount as {{ double }}) as not_attached_average_won_amount,
        cast(not_attached_median_sales_cycle_days as {{ double }}) as not_attached_median_sales_cycle_days
    from aggregated
)

select * from final
