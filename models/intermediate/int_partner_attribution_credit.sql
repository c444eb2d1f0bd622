{#-
    One row per opportunity, partner and attribution model: the partner's weight (the sum of
    its touches' weights; under `sourced`, its sourcing credit) and the pipeline and revenue
    that weight attributes to it. attributed_pipeline = weight * amount; attributed_revenue =
    weight * amount when the deal is won, else 0. Amounts are in the reporting currency.
    Touch-based models cover deals with at least one attribution touch; `sourced` covers
    sourced deals.
-#}
{{ by_opportunity_config() }}
{%- set model_name_rows = [] -%}
{%- set weight_sums = [] -%}
{%- set weight_cases = [] -%}
{%- for model in attribution_models() -%}
    {%- do model_name_rows.append("select '" ~ model.name ~ "' as attribution_model") -%}
    {#- in touch order: the same weight whatever order the touches are stored in -#}
    {%- do weight_sums.append(ordered_sum("weight_" ~ model.name, binary_order("activity_id"))
        ~ " as weight_" ~ model.name) -%}
    {%- do weight_cases.append("when '" ~ model.name ~ "' then partner_weights.weight_" ~ model.name) -%}
{%- endfor -%}

with

touch_weights as (
    select * from {{ ref('partner_attribution', 'int_attribution_touch_weights') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

opportunity_partners as (
    select * from {{ ref('partner_attribution', 'int_opportunity_partner_levels') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

opportunities as (
    select * from {{ ref('partner_attribution', 'int_opportunities_as_of') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

model_names as (
    {{ model_name_rows | join('\n    union all\n    ') }}
),

-- every model's weight of a partner in one pass over the touches, then one row per model
partner_weights as (
    select
        opportunity_id,
        partner_id,
        {{ weight_sums | join(',\n        ') }}
    from touch_weights
    group by
        opportunity_id,
        partner_id
),

touch_based as (
    select
        partner_weights.opportunity_id,
        partner_weights.partner_id,
        model_names.attribution_model,
        case model_names.attribution_model
            {{ weight_cases | join('\n            ') }}
        end as weight
    from partner_weights
    cross join model_names
),

sourced as (
    select
        opportunity_id,
        partner_id,
        'sourced' as attribution_model,
        sourced_credit as weight
    from opportunity_partners
    where is_sourced
),

weights as (
    select * from touch_based
    union all
    select * from sourced
),

final as (
    select
        cast(weights.opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        cast(weights.partner_id as {{ dbt.type_string() }}) as partner_id,
        cast(weights.attribution_model as {{ dbt.type_string() }}) as attribution_model,
        cast(weights.weight as {{ type_double() }}) as weight,
        cast(weights.weight * opportunities.amount as {{ type_double() }}) as attributed_pipeline,
        cast(case
            when opportunities.is_won then weights.weight * opportunities.amount else 0
        end as {{ type_double() }}) as attributed_revenue
    from weights
    inner join opportunities
        on weights.opportunity_id = opportunities.opportunity_id
)

select * from final
