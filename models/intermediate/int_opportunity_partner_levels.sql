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
    select * from {{ ref('partner_attribution', 'int_opportunities_as_of') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

linked_touches as (
    select * from {{ ref('partner_attribution', 'int_touches_linked_to_opportunities') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

sourcing as (
    select * from {{ ref('partner_attribution', 'int_partner_sourced') }}
    where is_sourced and {{ refreshed_opportunities('opportunity_id') }}
),

-- every piece of evidence that ties a partner to a deal, one row each, read in one pass:
-- a linked touch, a sourcing credit, the CRM's partner of record
evidence as (
    select
        opportunity_id,
        partner_id,
        case when is_pre_close then 1 else 0 end as touch_count,
        case when is_pre_close and is_influence then 1 else 0 end as influence_touch_count,
        case when is_resale then 1 else 0 end as resale_touches,
        case when is_deployment then 1 else 0 end as deployment_touches,
        0 as sourcing_rows,
        cast(0 as {{ type_double() }}) as sourced_credit,
        0 as partner_of_record_rows
    from linked_touches
    union all
    select
        opportunity_id,
        partner_id,
        0 as touch_count,
        0 as influence_touch_count,
        0 as resale_touches,
        0 as deployment_touches,
        1 as sourcing_rows,
        sourced_credit,
        0 as partner_of_record_rows
    from sourcing
    union all
    select
        opportunity_id,
        reseller_partner_id as partner_id,
        0 as touch_count,
        0 as influence_touch_count,
        0 as resale_touches,
        0 as deployment_touches,
        0 as sourcing_rows,
        cast(0 as {{ type_double() }}) as sourced_credit,
        1 as partner_of_record_rows
    from opportunities
    where reseller_partner_id is not null
),

pairs as (
    select
        opportunity_id,
        partner_id,
        sum(touch_count) as touch_count,
        sum(influence_touch_count) as influence_touch_count,
        sum(resale_touches) as resale_touches,
        sum(deployment_touches) as deployment_touches,
        sum(sourcing_rows) as sourcing_rows,
        sum(sourced_credit) as sourced_credit,
        sum(partner_of_record_rows) as partner_of_record_rows
    from evidence
    group by
        opportunity_id,
        partner_id
),

levels as (
    select
        pairs.opportunity_id,
        pairs.partner_id,
        pairs.touch_count > 0 as is_touched,
        pairs.influence_touch_count > 0 as is_influenced,
        pairs.sourcing_rows > 0 as is_sourced,
        pairs.sourced_credit,
        opportunities.is_won and (pairs.partner_of_record_rows > 0 or pairs.resale_touches > 0) as is_resold,
        opportunities.is_won and pairs.deployment_touches > 0 as is_deployed,
        pairs.touch_count,
        pairs.influence_touch_count
    from pairs
    inner join opportunities
        on pairs.opportunity_id = opportunities.opportunity_id
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
