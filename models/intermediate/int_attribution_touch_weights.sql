{#-
    One row per attribution touch, with its weight under every rule-based attribution model
    (spec "Multi-touch attribution"), computed in one pass over the ordered touches.
    Attribution touches of an opportunity: its is_influence touches in the pre-close window W1,
    ordered by occurred_at, then activity_id; touch_count = n. Each model's weights sum to 1
    over an opportunity's touches. The weighting rules live in macros/attribution/.
-#}
{{ by_opportunity_config() }}
{%- set weight_columns = [] -%}
{%- for model in attribution_models() -%}
    {%- do weight_columns.append('cast(' ~ model.weight ~ ' as ' ~ type_double() ~ ') as weight_' ~ model.name) -%}
{%- endfor -%}

with

touches as (
    select * from {{ ref('partner_attribution', 'int_touches_linked_to_opportunities') }}
    where is_pre_close and is_influence and {{ refreshed_opportunities('opportunity_id') }}
),

opportunities as (
    select * from {{ ref('partner_attribution', 'int_opportunities_as_of') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

touch_days as (
    select
        touches.opportunity_id,
        touches.partner_id,
        touches.activity_id,
        touches.occurred_at,
        touches.occurred_at <= opportunities.created_at as is_before_creation,
        -- dbt-duckdb's datediff leaves a space before its closing bracket: lint of the rendered macros
        -- (.sqlfluff-contexts/macros.cfg) would flag it
        cast(
            {{ exact_days_between('touches.occurred_at', 'opportunities.end_at') }}  -- noqa: LT01
            as {{ type_double() }}
        ) as days_before_end
    from touches
    inner join opportunities
        on touches.opportunity_id = opportunities.opportunity_id
),

-- the creation touch is the last touch at or before creation; touches are ordered by time, so
-- its rank is the number of such touches (null when there is none)
positioned as (
    select
        touch_days.*,
        row_number() over (
            partition by opportunity_id
            order by occurred_at, {{ binary_order("activity_id") }}
        ) as touch_rank,
        count(*) over (partition by opportunity_id) as touch_count,
        cast(nullif(
            sum(case when is_before_creation then 1 else 0 end) over (partition by opportunity_id), 0
        ) as {{ dbt.type_bigint() }}) as creation_touch_rank,
        min(days_before_end) over (partition by opportunity_id) as min_days_before_end
    from touch_days
),

-- the time-decay normaliser, added in activity order: a window sum of doubles depends on the
-- order rows arrive in, and so differed in the last bit between two builds of the same export
decay_totals as (
    select
        opportunity_id,
        {{ ordered_sum(attribution_time_decay_factor(), binary_order('activity_id')) }} as decay_total
    from positioned
    group by opportunity_id
),

decayed as (
    select
        positioned.*,
        {{ attribution_time_decay_factor('positioned.days_before_end', 'positioned.min_days_before_end') }}
            as decay_factor,
        decay_totals.decay_total
    from positioned
    inner join decay_totals
        on positioned.opportunity_id = decay_totals.opportunity_id
),

final as (
    select
        opportunity_id,
        partner_id,
        activity_id,
        occurred_at,
        touch_rank,
        touch_count,
        creation_touch_rank,
        days_before_end,
        {{ weight_columns | join(',\n        ') }}
    from decayed
)

select * from final
