{#-
    One row per opportunity created on or before as_of_date, as it stood at the end of that
    day, with its partner levels rolled up: an opportunity is partner-attached when any
    partner is attached to it, and likewise for the other levels. sourcing_partner_id is the
    partner that sourced it when exactly one did (under the split tie breaker several may:
    see sourcing_partner_count and int_opportunity_partner_levels).
-#}
{{ by_opportunity_config() }}
with

opportunities as (
    select * from {{ ref('partner_attribution', 'int_opportunities_as_of') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

opportunity_partners as (
    select * from {{ ref('partner_attribution', 'int_opportunity_partner_levels') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

sourcing as (
    select * from {{ ref('partner_attribution', 'int_partner_sourced') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

partner_rollup as (
    select
        opportunity_id,
        count(*) as attached_partner_count,
        max(case when is_touched then 1 else 0 end) = 1 as is_partner_touched,
        max(case when is_influenced then 1 else 0 end) = 1 as is_partner_influenced,
        max(case when is_sourced then 1 else 0 end) = 1 as is_partner_sourced,
        max(case when is_resold then 1 else 0 end) = 1 as is_partner_resold,
        max(case when is_deployed then 1 else 0 end) = 1 as is_partner_deployed,
        max(case when is_partner_led then 1 else 0 end) = 1 as is_partner_led,
        sum(case when is_sourced then 1 else 0 end) as sourcing_partner_count,
        max(case when is_sourced then partner_id end) as any_sourcing_partner_id
    from opportunity_partners
    group by opportunity_id
),

contested as (
    select distinct opportunity_id
    from sourcing
    where is_sourcing_contested
),

final as (
    select
        cast(opportunities.opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        cast(opportunities.account_id as {{ dbt.type_string() }}) as account_id,
        cast(opportunities.opportunity_type as {{ dbt.type_string() }}) as opportunity_type,
        cast(opportunities.region as {{ dbt.type_string() }}) as region,
        cast(opportunities.market_motion as {{ dbt.type_string() }}) as market_motion,
        cast(opportunities.created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(opportunities.closed_at as {{ dbt.type_timestamp() }}) as closed_at,
        opportunities.is_closed,
        opportunities.is_won,
        cast(opportunities.amount as {{ type_amount() }}) as amount,
        cast(opportunities.amount_local as {{ type_amount() }}) as amount_local,
        cast(opportunities.currency as {{ dbt.type_string() }}) as currency,
        coalesce(partner_rollup.attached_partner_count, 0) > 0 as is_partner_attached,
        coalesce(partner_rollup.is_partner_touched, false) as is_partner_touched,
        coalesce(partner_rollup.is_partner_influenced, false) as is_partner_influenced,
        coalesce(partner_rollup.is_partner_sourced, false) as is_partner_sourced,
        coalesce(partner_rollup.is_partner_resold, false) as is_partner_resold,
        coalesce(partner_rollup.is_partner_deployed, false) as is_partner_deployed,
        coalesce(partner_rollup.is_partner_led, false) as is_partner_led,
        contested.opportunity_id is not null as is_sourcing_contested,
        cast(case
            when partner_rollup.sourcing_partner_count = 1 then partner_rollup.any_sourcing_partner_id
        end as {{ dbt.type_string() }}) as sourcing_partner_id,
        cast(coalesce(partner_rollup.sourcing_partner_count, 0) as {{ dbt.type_int() }})
            as sourcing_partner_count,
        cast(coalesce(partner_rollup.attached_partner_count, 0) as {{ dbt.type_int() }})
            as attached_partner_count,
        cast(opportunities.sales_cycle_days as {{ dbt.type_int() }}) as sales_cycle_days
    from opportunities
    left join partner_rollup
        on opportunities.opportunity_id = partner_rollup.opportunity_id
    left join contested
        on opportunities.opportunity_id = contested.opportunity_id
)

select * from final
