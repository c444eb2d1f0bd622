{#-
    One row per opportunity and partner attached to it, with every level
    (spec "Levels, per opportunity o and partner p"):
    touched (any touch in W1), influenced (an is_influence touch in W1), sourced (see
    int_partner_sourced), resold (won, and the partner of record or an is_resale touch in W2),
    deployed (won, and an is_deployment touch in W2), partner-led (sourced and resold by the
    same partner), attached (any of these).
-#}
{{ by_opportunity_config() }}
with

opportunities as (
    select * from {{ ref('int_opportunities_as_of') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

linked_touches as (
    select * from {{ ref('int_touches_linked_to_opportunities') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

sourcing as (
    select * from {{ ref('int_partner_sourced') }}
    where is_sourced and {{ refreshed_opportunities('opportunity_id') }}
),

touch_levels as (
    select
        opportunity_id,
        partner_id,
        sum(case when is_pre_close then 1 else 0 end) as touch_count,
        sum(case when is_pre_close and is_influence then 1 else 0 end) as influence_touch_count,
        max(case when is_resale then 1 else 0 end) = 1 as has_resale_touch,
        max(case when is_deployment then 1 else 0 end) = 1 as has_deployment_touch
    from linked_touches
    group by
        opportunity_id,
        partner_id
),

partner_of_record as (
    select
        opportunity_id,
        reseller_partner_id as partner_id
    from opportunities
    where reseller_partner_id is not null
),

pairs as (
    select
        opportunity_id,
        partner_id
    from touch_levels
    union
    select
        opportunity_id,
        partner_id
    from sourcing
    union
    select
        opportunity_id,
        partner_id
    from partner_of_record
),

levels as (
    select
        pairs.opportunity_id,
        pairs.partner_id,
        coalesce(touch_levels.touch_count, 0) > 0 as is_touched,
        coalesce(touch_levels.influence_touch_count, 0) > 0 as is_influenced,
        sourcing.partner_id is not null as is_sourced,
        coalesce(sourcing.sourced_credit, 0) as sourced_credit,
        opportunities.is_won and (
            coalesce(opportunities.reseller_partner_id = pairs.partner_id, false)
            or coalesce(touch_levels.has_resale_touch, false)
        ) as is_resold,
        opportunities.is_won and coalesce(touch_levels.has_deployment_touch, false) as is_deployed,
        coalesce(touch_levels.touch_count, 0) as touch_count,
        coalesce(touch_levels.influence_touch_count, 0) as influence_touch_count
    from pairs
    inner join opportunities
        on pairs.opportunity_id = opportunities.opportunity_id
    left join touch_levels
        on
            pairs.opportunity_id = touch_levels.opportunity_id
            and pairs.partner_id = touch_levels.partner_id
    left join sourcing
        on
            pairs.opportunity_id = sourcing.opportunity_id
            and pairs.partner_id = sourcing.partner_id
),

final as (
    select
        cast(opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        cast(partner_id as {{ dbt.type_string() }}) as partner_id,
        is_touched,
        is_influenced,
        is_sourced,
        cast(sourced_credit as {{ type_double() }}) as sourced_credit,
        is_resold,
        is_deployed,
        is_sourced and is_resold as is_partner_led,
        is_touched or is_influenced or is_sourced or is_resold or is_deployed as is_attached,
        cast(touch_count as {{ dbt.type_int() }}) as touch_count,
        cast(influence_touch_count as {{ dbt.type_int() }}) as influence_touch_count
    from levels
    where is_touched or is_influenced or is_sourced or is_resold or is_deployed
)

select * from final
