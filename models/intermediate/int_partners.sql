{#-
    One row per known partner (the usable rows of the partners table): who it is, its own region
    and that region's market motion (partner_led when in var partner_led_regions, else direct).
    dim_partners publishes it. A view: the partners are few, and their rows are stored once, in
    the mart.
-#}
{{ config(materialized='view') }}
with

partners as (
    select * from {{ ref('partner_attribution', 'val_crm__partners') }}
),

final as (
    select
        partner_id,
        partner_name,
        partner_type,
        tier,
        region,
        {{ market_motion('region') }} as market_motion,
        joined_at
    from partners
)

select * from final
