{#-
    What partner attach goes with, one row per segment: overall, by region, by opportunity_type,
    by market_motion and by region x opportunity_type. A column the segment does not split by
    holds 'all'. Only closed deals are read (their outcome is known). For attached and for not
    attached deals: closed and won counts, win rate with a Wilson interval, average won amount
    with a normal-approximation interval, and median sales cycle with an order-statistic
    interval (doc impact_intervals); then attached against not attached, and a flag when either
    side has fewer closed deals than var impact_min_closed_deals.
-#}
{{ config(alias='mart_partner_impact') }}
{#- z: the normal quantile of the 95% intervals; a side with fewer closed deals than min_closed is flagged -#}
{%- set z = 1.96 -%}
{%- set min_closed = partner_var('impact_min_closed_deals') -%}
{%- set double = type_double() %}

with

opportunities as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_opportunities') }}
),

closed as (
    select
        opportunity_id,
        coalesce(region, 'UNKNOWN') as deal_region,
        opportunity_type as deal_opportunity_type,
        market_motion as deal_market_motion,
        is_won,
        is_partner_attached,
        amount,
        sales_cycle_days
    from opportunities
    where is_closed
),

segment_types as (
    select 'overall' as segment
    union all
    select 'region' as segment
    union all
    select 'opportunity_type' as segment
    union all
    select 'market_motion' as segment
    union all
    select 'region_x_opportunity_type' as segment
),

-- each closed deal once per segment type, with 'all' in the columns the type does not split by
segmented as (
    select
        segment_types.segment,
        case
            when segment_types.segment in ('region', 'region_x_opportunity_type') then closed.deal_region
            else 'all'
        end as region,
        case
            when segment_types.segment in ('opportunity_type', 'region_x_opportunity_type')
                then closed.deal_opportunity_type
            else 'all'
        end as opportunity_type,
        case
            when segment_types.segment = 'market_motion' then closed.deal_market_motion
            else 'all'
        end as market_motion,
        closed.opportunity_id,
        closed.is_won,
        closed.is_partner_attached,
        closed.amount,
        closed.sales_cycle_days
    from closed
    cross join segment_types
),

ranked as (
    select
        segmented.*,
        row_number() over (
            partition by segment, region, opportunity_type, market_motion, is_partner_attached
            order by sales_cycle_days asc nulls last, opportunity_id asc
        ) as cycle_rank,
        count(sales_cycle_days) over (
            partition by segment, region, opportunity_type, market_motion, is_partner_attached
        ) as cycle_count,
        -- the won amounts' exact mean per side, from which their spread is summed in a fixed
        -- order: stddev_samp over doubles moved in the last bit between two builds
        avg(case when is_won and is_partner_attached then amount end) over (
            partition by segment, region, opportunity_type, market_motion
        ) as attached_won_amount_mean,
        avg(case when is_won and not is_partner_attached then amount end) over (
            partition by segment, region, opportunity_type, market_motion
        ) as not_attached_won_amount_mean
    from segmented
),

with_interval_ranks as (
    select
        ranked.*,
        {{ median_interval_rank('cycle_count', 'lower', z) }} as cycle_lower_rank,
        {{ median_interval_rank('cycle_count', 'upper', z) }} as cycle_upper_rank
    from ranked
),

aggregated as (
    select
        segment,
        region,
        opportunity_type,
        market_motion,
        sum(case when is_partner_attached then 1 else 0 end) as attached_closed_opportunities,
        sum(case when is_won and is_partner_attached then 1 else 0 end) as attached_won_opportunities,
        avg(case when is_won and is_partner_attached then amount end) as attached_average_won_amount,
        count(case when is_won and is_partner_attached then amount end) as attached_won_amounts,
        {{ ordered_stddev_samp(
            'case when is_won and is_partner_attached then amount end',
            'attached_won_amount_mean',
            binary_order('opportunity_id'),
        ) }} as attached_won_amount_stddev,
        {{ median('case when is_partner_attached then sales_cycle_days end') }}
            as attached_median_sales_cycle_days,
        max(case when is_partner_attached and cycle_rank = cycle_lower_rank then sales_cycle_days end)
            as attached_median_sales_cycle_days_lower_95,
        max(case when is_partner_attached and cycle_rank = cycle_upper_rank then sales_cycle_days end)
            as attached_median_sales_cycle_days_upper_95,
        sum(case when not is_partner_attached then 1 else 0 end) as not_attached_closed_opportunities,
        sum(case when is_won and not is_partner_attached then 1 else 0 end) as not_attached_won_opportunities,
        avg(case when is_won and not is_partner_attached then amount end) as not_attached_average_won_amount,
        count(case when is_won and not is_partner_attached then amount end) as not_attached_won_amounts,
        {{ ordered_stddev_samp(
            'case when is_won and not is_partner_attached then amount end',
            'not_attached_won_amount_mean',
            binary_order('opportunity_id'),
        ) }} as not_attached_won_amount_stddev,
        {{ median('case when not is_partner_attached then sales_cycle_days end') }}
            as not_attached_median_sales_cycle_days,
        max(case when not is_partner_attached and cycle_rank = cycle_lower_rank then sales_cycle_days end)
            as not_attached_median_sales_cycle_days_lower_95,
        max(case when not is_partner_attached and cycle_rank = cycle_upper_rank then sales_cycle_days end)
            as not_attached_median_sales_cycle_days_upper_95
    from with_interval_ranks
    group by
        segment,
        region,
        opportunity_type,
        market_motion
),

measured as (
    select
        segment,
        region,
        opportunity_type,
        market_motion,
        attached_closed_opportunities,
        attached_won_opportunities,
        cast(attached_won_opportunities as {{ double }})
        / nullif(cast(attached_closed_opportunities as {{ double }}), 0) as attached_win_rate,
        {{ wilson_interval('attached_won_opportunities', 'attached_closed_opportunities', 'lower', z) }}
            as attached_win_rate_lower_95,
        {{ wilson_interval('attached_won_opportunities', 'attached_closed_opportunities', 'upper', z) }}
            as attached_win_rate_upper_95,
        cast(attached_average_won_amount as {{ double }}) as attached_average_won_amount,
        {{ normal_interval('attached_average_won_amount', 'attached_won_amount_stddev', 'attached_won_amounts',
            'lower', z) }} as attached_average_won_amount_lower_95,
        {{ normal_interval('attached_average_won_amount', 'attached_won_amount_stddev', 'attached_won_amounts',
            'upper', z) }} as attached_average_won_amount_upper_95,
        attached_median_sales_cycle_days,
        attached_median_sales_cycle_days_lower_95,
        attached_median_sales_cycle_days_upper_95,
        not_attached_closed_opportunities,
        not_attached_won_opportunities,
        cast(not_attached_won_opportunities as {{ double }})
        / nullif(cast(not_attached_closed_opportunities as {{ double }}), 0) as not_attached_win_rate,
        {{ wilson_interval('not_attached_won_opportunities', 'not_attached_closed_opportunities', 'lower', z) }}
            as not_attached_win_rate_lower_95,
        {{ wilson_interval('not_attached_won_opportunities', 'not_attached_closed_opportunities', 'upper', z) }}
            as not_attached_win_rate_upper_95,
        cast(not_attached_average_won_amount as {{ double }}) as not_attached_average_won_amount,
        {{ normal_interval('not_attached_average_won_amount', 'not_attached_won_amount_stddev',
            'not_attached_won_amounts', 'lower', z) }} as not_attached_average_won_amount_lower_95,
        {{ normal_interval('not_attached_average_won_amount', 'not_attached_won_amount_stddev',
            'not_attached_won_amounts', 'upper', z) }} as not_attached_average_won_amount_upper_95,
        not_attached_median_sales_cycle_days,
        not_attached_median_sales_cycle_days_lower_95,
        not_attached_median_sales_cycle_days_upper_95
    from aggregated
),

final as (
    select
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(region as {{ dbt.type_string() }}) as region,
        cast(opportunity_type as {{ dbt.type_string() }}) as opportunity_type,
        cast(market_motion as {{ dbt.type_string() }}) as market_motion,
        cast({{ min_closed }} as {{ dbt.type_int() }}) as min_closed_opportunities,
        cast(attached_closed_opportunities as {{ dbt.type_int() }}) as attached_closed_opportunities,
        cast(attached_won_opportunities as {{ dbt.type_int() }}) as attached_won_opportunities,
        cast(attached_win_rate as {{ double }}) as attached_win_rate,
        cast(attached_win_rate_lower_95 as {{ double }}) as attached_win_rate_lower_95,
        cast(attached_win_rate_upper_95 as {{ double }}) as attached_win_rate_upper_95,
        cast(attached_average_won_amount as {{ double }}) as attached_average_won_amount,
        cast(attached_average_won_amount_lower_95 as {{ double }}) as attached_average_won_amount_lower_95,
        cast(attached_average_won_amount_upper_95 as {{ double }}) as attached_average_won_amount_upper_95,
        cast(attached_median_sales_cycle_days as {{ double }}) as attached_median_sales_cycle_days,
        cast(attached_median_sales_cycle_days_lower_95 as {{ double }}) as attached_median_sales_cycle_days_lower_95,
        cast(attached_median_sales_cycle_days_upper_95 as {{ double }}) as attached_median_sales_cycle_days_upper_95,
        cast(not_attached_closed_opportunities as {{ dbt.type_int() }}) as not_attached_closed_opportunities,
        cast(not_attached_won_opportunities as {{ dbt.type_int() }}) as not_attached_won_opportunities,
        cast(not_attached_win_rate as {{ double }}) as not_attached_win_rate,
        cast(not_attached_win_rate_lower_95 as {{ double }}) as not_attached_win_rate_lower_95,
        cast(not_attached_win_rate_upper_95 as {{ double }}) as not_attached_win_rate_upper_95,
        cast(not_attached_average_won_amount as {{ double }}) as not_attached_average_won_amount,
        cast(not_attached_average_won_amount_lower_95 as {{ double }}) as not_attached_average_won_amount_lower_95,
        cast(not_attached_average_won_amount_upper_95 as {{ double }}) as not_attached_average_won_amount_upper_95,
        cast(not_attached_median_sales_cycle_days as {{ double }}) as not_attached_median_sales_cycle_days,
        cast(not_attached_median_sales_cycle_days_lower_95 as {{ double }})
            as not_attached_median_sales_cycle_days_lower_95,
        cast(not_attached_median_sales_cycle_days_upper_95 as {{ double }})
            as not_attached_median_sales_cycle_days_upper_95,
        cast(attached_win_rate - not_attached_win_rate as {{ double }}) as win_rate_difference,
        cast(attached_average_won_amount / nullif(not_attached_average_won_amount, 0) as {{ double }})
            as average_won_amount_ratio,
        cast(attached_median_sales_cycle_days - not_attached_median_sales_cycle_days as {{ double }})
            as median_sales_cycle_days_difference,
        (
            attached_closed_opportunities < {{ min_closed }}
            or not_attached_closed_opportunities < {{ min_closed }}
        ) as is_too_small_to_read
    from measured
)

select * from final
