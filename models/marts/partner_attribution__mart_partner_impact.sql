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
{%- set sides = {'attached': 'is_partner_attached', 'not_attached': 'not is_partner_attached'} -%}
{%- set z = 1.96 -%}
{%- set min_closed = partner_var('impact_min_closed_deals') -%}
{%- set double = type_double() -%}
{%- set int = dbt.type_int() -%}
{%- set text = dbt.type_string() -%}
{%- set sums = [] -%}
{%- set measures = [] -%}
{%- set columns = [] -%}
{%- for side, condition in sides.items() -%}
    {%- set won = 'is_won and ' ~ condition -%}
    {%- do sums.append('sum(case when ' ~ condition ~ ' then 1 else 0 end) as ' ~ side ~ '_closed_opportunities') -%}
    {%- do sums.append('sum(case when ' ~ won ~ ' then 1 else 0 end) as ' ~ side ~ '_won_opportunities') -%}
    {%- do sums.append('avg(case when ' ~ won ~ ' then amount end) as ' ~ side ~ '_average_won_amount') -%}
    {%- do sums.append('count(case when ' ~ won ~ ' then amount end) as ' ~ side ~ '_won_amounts') -%}
    {%- do sums.append('stddev_samp(case when ' ~ won ~ ' then cast(amount as ' ~ double ~ ') end) as '
        ~ side ~ '_won_amount_stddev') -%}
    {%- do sums.append(median('case when ' ~ condition ~ ' then sales_cycle_days end')
        ~ ' as ' ~ side ~ '_median_sales_cycle_days') -%}
    {%- do sums.append('max(case when ' ~ condition ~ ' and cycle_rank = cycle_lower_rank then sales_cycle_days end)'
        ~ ' as ' ~ side ~ '_median_sales_cycle_days_lower_95') -%}
    {%- do sums.append('max(case when ' ~ condition ~ ' and cycle_rank = cycle_upper_rank then sales_cycle_days end)'
        ~ ' as ' ~ side ~ '_median_sales_cycle_days_upper_95') -%}

    {%- set average = 'cast(' ~ side ~ '_average_won_amount as ' ~ double ~ ')' -%}
    {%- set margin = 'cast(' ~ z ~ ' as ' ~ double ~ ') * ' ~ side ~ '_won_amount_stddev / sqrt(cast('
        ~ side ~ '_won_amounts as ' ~ double ~ '))' -%}
    {%- do measures.append(side ~ '_closed_opportunities') -%}
    {%- do measures.append(side ~ '_won_opportunities') -%}
    {%- do measures.append('cast(' ~ side ~ '_won_opportunities as ' ~ double ~ ') / nullif(cast('
        ~ side ~ '_closed_opportunities as ' ~ double ~ '), 0) as ' ~ side ~ '_win_rate') -%}
    {%- for bound in ['lower', 'upper'] -%}
        {%- do measures.append(wilson_interval(side ~ '_won_opportunities', side ~ '_closed_opportunities', bound, z)
            ~ ' as ' ~ side ~ '_win_rate_' ~ bound ~ '_95') -%}
    {%- endfor -%}
    {%- do measures.append(average ~ ' as ' ~ side ~ '_average_won_amount') -%}
    {%- do measures.append('case when ' ~ side ~ '_won_amounts >= 2 then ' ~ average ~ ' - ' ~ margin
        ~ ' end as ' ~ side ~ '_average_won_amount_lower_95') -%}
    {%- do measures.append('case when ' ~ side ~ '_won_amounts >= 2 then ' ~ average ~ ' + ' ~ margin
        ~ ' end as ' ~ side ~ '_average_won_amount_upper_95') -%}
    {%- for suffix in ['', '_lower_95', '_upper_95'] -%}
        {%- do measures.append(side ~ '_median_sales_cycle_days' ~ suffix) -%}
    {%- endfor -%}

    {%- for count in ['closed_opportunities', 'won_opportunities'] -%}
        {%- do columns.append('cast(' ~ side ~ '_' ~ count ~ ' as ' ~ int ~ ') as ' ~ side ~ '_' ~ count) -%}
    {%- endfor -%}
    {%- for measure in ['win_rate', 'win_rate_lower_95', 'win_rate_upper_95', 'average_won_amount',
                        'average_won_amount_lower_95', 'average_won_amount_upper_95', 'median_sales_cycle_days',
                        'median_sales_cycle_days_lower_95', 'median_sales_cycle_days_upper_95'] -%}
        {%- do columns.append('cast(' ~ side ~ '_' ~ measure ~ ' as ' ~ double ~ ') as ' ~ side ~ '_' ~ measure) -%}
    {%- endfor -%}
{%- endfor %}

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
        ) as cycle_count
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
        {{ sums | join(',\n        ') }}
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
        {{ measures | join(',\n        ') }}
    from aggregated
),

final as (
    select
        cast(segment as {{ text }}) as segment,
        cast(region as {{ text }}) as region,
        cast(opportunity_type as {{ text }}) as opportunity_type,
        cast(market_motion as {{ text }}) as market_motion,
        cast({{ min_closed }} as {{ int }}) as min_closed_opportunities,
        {{ columns | join(',\n        ') }},
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
