{#-
    One row per partner and attribution model, custom position models included: the deals the
    model gives the partner some weight on, the weighted deal count, and the pipeline and
    revenue it attributes, with the partner's share of the model's revenue. Where the
    scorecard puts the built-in models side by side in columns, this long form lets a BI tool
    pivot any model, and the models compare fairly: every touch-based model hands out the
    same total (the won amount of deals with attribution touches). The sums of weights and
    amounts are exact (macro exact_sum), so every build gives the same digits.
-#}
{{ config(alias='mart_partner_attribution_by_model') }}
with

partner_attribution as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_partner_attribution') }}
),

by_partner as (
    select
        partner_id,
        attribution_model,
        sum(case when weight > 0 then 1 else 0 end) as attributed_opportunities,
        {{ exact_sum('weight') }} as weighted_opportunities,
        {{ exact_sum('coalesce(attributed_pipeline, 0)') }} as attributed_pipeline,
        {{ exact_sum('coalesce(attributed_revenue, 0)') }} as attributed_revenue
    from partner_attribution
    group by
        partner_id,
        attribution_model
),

final as (
    select
        cast(partner_id as {{ dbt.type_string() }}) as partner_id,
        cast(attribution_model as {{ dbt.type_string() }}) as attribution_model,
        cast(attributed_opportunities as {{ dbt.type_int() }}) as attributed_opportunities,
        cast(weighted_opportunities as {{ type_double() }}) as weighted_opportunities,
        cast(attributed_pipeline as {{ type_double() }}) as attributed_pipeline,
        cast(attributed_revenue as {{ type_double() }}) as attributed_revenue,
        cast(attributed_revenue as {{ type_double() }})
        / nullif({{ exact_sum('attributed_revenue', over='partition by attribution_model') }}, 0)
            as share_of_model_revenue
    from by_partner
)

select * from final
