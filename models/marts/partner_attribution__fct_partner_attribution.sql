{#-
    One row per opportunity, partner and attribution model, with the partner's weight and the
    pipeline and revenue it is credited with: the credit int_partner_attribution_credit
    defines, published. A view: the rows are stored once, in the intermediate model, which is
    refreshed by opportunity.
-#}
{{ config(alias='fct_partner_attribution', materialized='view') }}
with

credit as (
    select * from {{ ref('partner_attribution', 'int_partner_attribution_credit') }}
),

final as (
    select
        opportunity_id,
        partner_id,
        attribution_model,
        weight,
        attributed_pipeline,
        attributed_revenue
    from credit
)

select * from final
