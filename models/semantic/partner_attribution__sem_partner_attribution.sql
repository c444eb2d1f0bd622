{#-
    One row per opportunity, partner and attribution model (fct_partner_attribution) with the
    deal's dates and segment, for the semantic layer: MetricFlow needs a metric's time
    dimension in the same table as its measure (segments come through the opportunity
    entity). Attributed pipeline counts by creation, attributed revenue by close.
-#}
{{ config(alias='sem_partner_attribution') }}
with

partner_attribution as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_partner_attribution') }}
),

opportunities as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_opportunities') }}
),

final as (
    select
        {{ dbt.concat(['partner_attribution.opportunity_id', "'|'", 'partner_attribution.partner_id', "'|'",
                       'partner_attribution.attribution_model']) }} as attribution_key,
        partner_attribution.opportunity_id,
        partner_attribution.partner_id,
        partner_attribution.attribution_model,
        partner_attribution.weight,
        partner_attribution.attributed_pipeline,
        partner_attribution.attributed_revenue,
        opportunities.created_at,
        opportunities.closed_at,
        opportunities.is_won
    from partner_attribution
    inner join opportunities
        on partner_attribution.opportunity_id = opportunities.opportunity_id
)

select * from final
