{#-
    One row per touch and opportunity it is linked to, within the opportunity's lifecycle
    window: the links int_touches_linked_to_opportunities defines, published. A view: the
    rows are stored once, in the intermediate model, which is refreshed by opportunity.
-#}
{{ config(alias='fct_partner_touches', materialized='view') }}
with

linked_touches as (
    select * from {{ ref('partner_attribution', 'int_touches_linked_to_opportunities') }}
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
        touch_sequence
    from linked_touches
)

select * from final
