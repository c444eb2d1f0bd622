{#-
    One row per calendar day from 2015 to 2035: the time spine MetricFlow joins metrics to
    (cumulative metrics, filling empty days). dbt's own date_spine, so it builds on every engine.
-#}
{{ config(alias='metricflow_time_spine') }}
with

days as (
    -- dbt's date_spine puts its select target on the select line
    {{ dbt.date_spine('day', "cast('2015-01-01' as date)", "cast('2036-01-01' as date)") }}  -- noqa: LT09
),

final as (
    select cast(date_day as date) as date_day
    from days
)

select * from final
