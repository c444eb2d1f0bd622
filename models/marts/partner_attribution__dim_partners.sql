{#-
    One row per known partner: who it is, its own region and that region's market motion, as
    int_partners defines them. The marts' partner_id columns point here.
-#}
{{ config(alias='dim_partners') }}
with

partners as (
    select * from {{ ref('partner_attribution', 'int_partners') }}
),

final as (
    select
        cast(partner_id as {{ dbt.type_string() }}) as partner_id,
        cast(partner_name as {{ dbt.type_string() }}) as partner_name,
        cast(partner_type as {{ dbt.type_string() }}) as partner_type,
        cast(tier as {{ dbt.type_string() }}) as tier,
        cast(region as {{ dbt.type_string() }}) as region,
        cast(market_motion as {{ dbt.type_string() }}) as market_motion,
        cast(joined_at as {{ dbt.type_timestamp() }}) as joined_at
    from partners
)

select * from final
