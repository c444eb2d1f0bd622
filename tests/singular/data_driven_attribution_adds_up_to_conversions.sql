{{ config(enabled=target.type == 'duckdb') }}
-- For every segment and model of the data-driven attribution, the partners' attributed
-- conversions add up to the segment's conversions, and the attributed revenue to the won amount
-- of the segment's paths (int_partner_paths). Returns each segment and model that is off or missing.
with

attribution as (
    select * from {{ ref('partner_attribution', 'partner_attribution__mart_partner_data_driven_attribution') }}
),

paths as (
    select * from {{ ref('partner_attribution', 'int_partner_paths') }}
    where path_step = 1
),

segments as (
    select
        'all' as region,
        'all' as opportunity_type,
        opportunity_id,
        is_won,
        won_amount
    from paths
    union all
    select
        coalesce(region, 'unknown') as region,
        'all' as opportunity_type,
        opportunity_id,
        is_won,
        won_amount
    from paths
    union all
    select
        'all' as region,
        opportunity_type,
        opportunity_id,
        is_won,
        won_amount
    from paths
),

expected as (
    select
        region,
        opportunity_type,
        count(*) as paths_used,
        sum(case when is_won then 1 else 0 end) as conversions,
        sum(won_amount) as won_amount
    from segments
    group by
        region,
        opportunity_type
),

actual as (
    select
        region,
        opportunity_type,
        attribution_model,
        max(paths_used) as paths_used,
        sum(attributed_conversions) as conversions,
        sum(attributed_revenue) as won_amount
    from attribution
    group by
        region,
        opportunity_type,
        attribution_model
),

models as (
    select 'markov' as attribution_model
    union all
    select 'shapley' as attribution_model
)

select
    expected.*,
    models.attribution_model,
    actual.paths_used as actual_paths_used,
    actual.conversions as actual_conversions,
    actual.won_amount as actual_won_amount
from expected
cross join models
left join actual
    on
        expected.region = actual.region
        and expected.opportunity_type = actual.opportunity_type
        and models.attribution_model = actual.attribution_model
where
    actual.attribution_model is null
    or actual.paths_used <> expected.paths_used
    or abs(actual.conversions - expected.conversions) > 1e-6
    or abs(actual.won_amount - expected.won_amount) > 1e-6 * greatest(1, expected.won_amount)
