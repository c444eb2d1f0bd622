{#-
    One row per opportunity created on or before as_of_date, as it stood at the end of that day
    (spec "As of"): a deal that closed later is open (is_closed and is_won false, closed_at
    empty); end_at = closed_at for a closed deal, else the end of as_of_date. Amounts are
    converted to the reporting currency at the rate of the conversion date (closed_at's date
    when closed, else as_of_date): the exact product of the amount and the rate (18 places),
    rounded once to 6 places (macro convert_amount).
-#}
with

opportunities as (
    select * from {{ ref('partner_attribution', 'val_crm__opportunities') }}
),

accounts as (
    select * from {{ ref('partner_attribution', 'val_crm__accounts') }}
),

rate_periods as (
    select * from {{ ref('partner_attribution', 'int_currency_rate_periods') }}
),

as_of as (
    select
        opportunities.opportunity_id,
        opportunities.account_id,
        opportunities.opportunity_name,
        opportunities.opportunity_type,
        opportunities.stage,
        opportunities.amount as amount_local,
        opportunities.currency,
        opportunities.created_at,
        opportunities.sourced_partner_id,
        opportunities.reseller_partner_id,
        opportunities.lead_source,
        opportunities.closed_at as crm_closed_at,
        opportunities.is_won as crm_is_won,
        accounts.region,
        coalesce(opportunities.closed_at <= {{ as_of_end_at() }}, false) as is_closed
    from opportunities
    inner join accounts
        on opportunities.account_id = accounts.account_id
    where opportunities.created_at <= {{ as_of_end_at() }}
),

with_end as (
    select
        as_of.*,
        case when is_closed then crm_closed_at end as closed_at,
        is_closed and coalesce(crm_is_won, false) as is_won,
        case when is_closed then crm_closed_at else {{ as_of_end_at() }} end as end_at,
        case
            when is_closed then cast(crm_closed_at as date)
            else cast('{{ partner_var("as_of_date") }}' as date)
        end as conversion_date
    from as_of
),

converted as (
    select
        with_end.*,
        rate_periods.rate_to_reporting as exchange_rate,
        {{ convert_amount('with_end.amount_local', 'rate_periods.rate_to_reporting') }} as amount
    from with_end
    left join rate_periods
        on
            with_end.currency = rate_periods.currency
            and with_end.conversion_date >= rate_periods.valid_from
            and with_end.conversion_date < rate_periods.valid_to
),

final as (
    select
        opportunity_id,
        account_id,
        opportunity_name,
        opportunity_type,
        stage,
        region,
        {{ market_motion('region') }} as market_motion,
        opportunity_type in {{ sql_list(partner_var('sourceable_opportunity_types')) }} as is_sourceable,
        created_at,
        closed_at,
        end_at,
        is_closed,
        is_won,
        amount_local,
        currency,
        conversion_date,
        exchange_rate,
        amount,
        case
            when is_closed
                -- dbt-duckdb's datediff renders trailing whitespace and a space before its closing bracket
                -- noqa: disable=LT01
                then {{ dbt.datediff('cast(created_at as date)', 'cast(closed_at as date)', 'day') }}
                -- noqa: enable=LT01
        end as sales_cycle_days,
        sourced_partner_id,
        reseller_partner_id,
        lead_source
    from converted
)

select * from final
