{#-
    One row per step of a closed opportunity's partner path: the partners of its attribution
    touches in their order (occurred_at, then activity_id), with consecutive repeats collapsed
    (A A B A gives A B A). Open opportunities and closed ones without attribution touches have no
    path. Conversion is a win, non-conversion a loss. The data-driven attribution
    (mart_partner_data_driven_attribution) reads the paths; each row carries what it groups by.
-#}
with

attribution_touches as (
    select * from {{ ref('partner_attribution', 'int_attribution_touch_weights') }}
),

opportunities as (
    select * from {{ ref('partner_attribution', 'int_opportunity_levels') }}
    where is_closed
),

ordered as (
    select
        opportunity_id,
        partner_id,
        touch_rank,
        lag(partner_id) over (partition by opportunity_id order by touch_rank) as previous_partner_id
    from attribution_touches
),

steps as (
    select
        opportunity_id,
        partner_id,
        row_number() over (partition by opportunity_id order by touch_rank) as path_step
    from ordered
    where previous_partner_id is null or previous_partner_id <> partner_id
),

path_lengths as (
    select
        opportunity_id,
        count(*) as path_length
    from steps
    group by opportunity_id
),

final as (
    select
        steps.opportunity_id,
        cast(steps.path_step as {{ dbt.type_int() }}) as path_step,
        steps.partner_id,
        cast(path_lengths.path_length as {{ dbt.type_int() }}) as path_length,
        opportunities.region,
        opportunities.opportunity_type,
        opportunities.is_won,
        case when opportunities.is_won then opportunities.amount else 0 end as won_amount
    from steps
    inner join path_lengths
        on steps.opportunity_id = path_lengths.opportunity_id
    inner join opportunities
        on steps.opportunity_id = opportunities.opportunity_id
)

select * from final
