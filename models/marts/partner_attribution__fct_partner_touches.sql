{#-
    One row per touch and opportunity it is linked to, within the opportunity's lifecycle
    window. touch_sequence numbers an opportunity's linked touches by occurred_at, then
    activity_id; is_pre_close marks the touches in the pre-close window W1.
-#}
{{ config(alias='fct_partner_touches') }}
{{ by_opportunity_config() }}
with

linked_touches as (
    select * from {{ ref('partner_attribution', 'int_touches_linked_to_opportunities') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

final as (
    select
        cast(activity_id as {{ dbt.type_string() }}) as activity_id,
        cast(opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        cast(partner_id as {{ dbt.type_string() }}) as partner_id,
        cast(activity_type as {{ dbt.type_string() }}) as activity_type,
        cast(motion as {{ dbt.type_string() }}) as motion,
        cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
        is_pre_close,
        is_explicit_link,
        is_influence,
        can_source,
        is_deployment,
        is_resale,
        cast(row_number() over (
            partition by opportunity_id
            order by occurred_at, {{ binary_order("activity_id") }}
        ) as {{ dbt.type_int() }}) as touch_sequence
    from linked_touches
)

select * from final
