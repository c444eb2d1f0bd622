{#-
    WHAT COUNTS AS PARTNER-SOURCED: the one home of the sourcing rule
    (docs/definitions.md, "Sourcing"; README "What counts as partner-sourced").

    One row per opportunity and sourcing candidate partner. Only opportunities whose type is
    in var sourceable_opportunity_types can be sourced.
    1. When var sourcing_trust_crm_field is true and the CRM's sourced_partner_id names a known
       partner, that partner sourced the deal, credit 1 (sourcing_method = 'crm_field').
    2. Otherwise the candidates are the partners with a touch linked to the deal that
       * has an activity type that can_source (seed activity_types),
       * happened in [created_at - sourcing_lookback_days, created_at + sourcing_grace_days],
       * is not a rejected or expired registration,
       * is qualified, when sourcing_requires_qualification,
       * was not funded by us, when sourcing_exclude_us_funded
       (sourcing_method = 'touch'). One candidate: it sourced the deal. Several: by
       sourcing_tie_breaker, `earliest` credits the partner of the earliest candidate touch
       (ties broken by activity_id), `split` gives each of the k partners 1/k, `contested`
       credits nobody and marks the deal sourcing-contested.
    Candidates that did not win are kept with is_sourced false and credit 0, so an analyst can
    see who else claimed the deal.
-#}
{{ by_opportunity_config() }}
{%- set tie_breaker = partner_var('sourcing_tie_breaker') -%}
{%- set trust_crm_field = 'true' if partner_var('sourcing_trust_crm_field') else 'false' -%}
{%- set requires_qualification = 'true' if partner_var('sourcing_requires_qualification') else 'false' -%}
{%- set exclude_us_funded = 'true' if partner_var('sourcing_exclude_us_funded') else 'false' -%}
{%- set created_at = 'linked_touches.opportunity_created_at' -%}

with

opportunities as (
    select * from {{ ref('partner_attribution', 'int_opportunities_as_of') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

linked_touches as (
    select * from {{ ref('partner_attribution', 'int_touches_linked_to_opportunities') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

crm_sourced as (
    select
        opportunity_id,
        sourced_partner_id as partner_id
    from opportunities
    where
        is_sourceable
        and sourced_partner_id is not null
        and {{ trust_crm_field }}
),

candidate_touches as (
    select
        linked_touches.opportunity_id,
        linked_touches.partner_id,
        linked_touches.activity_id,
        linked_touches.occurred_at
    from linked_touches
    inner join opportunities
        on linked_touches.opportunity_id = opportunities.opportunity_id
    where
        opportunities.is_sourceable
        and linked_touches.can_source
        and linked_touches.occurred_at >= {{ subtract_days(created_at, partner_var('sourcing_lookback_days')) }}
        and linked_touches.occurred_at <= {{ add_days(created_at, partner_var('sourcing_grace_days')) }}
        and coalesce(linked_touches.status, 'none') not in ('rejected', 'expired')
        and (not {{ requires_qualification }} or coalesce(linked_touches.is_qualified, false))
        and (not {{ exclude_us_funded }} or coalesce(linked_touches.funded_by, 'none') <> 'us')
        and linked_touches.opportunity_id not in (select crm_sourced.opportunity_id from crm_sourced)
),

ranked_touches as (
    select
        opportunity_id,
        partner_id,
        activity_id,
        row_number() over (
            partition by opportunity_id
            order by occurred_at, {{ binary_order("activity_id") }}
        ) as candidate_rank
    from candidate_touches
),

candidates as (
    select
        opportunity_id,
        partner_id,
        min(candidate_rank) as best_candidate_rank,
        count(*) as candidate_touch_count
    from ranked_touches
    group by
        opportunity_id,
        partner_id
),

counted_candidates as (
    select
        opportunity_id,
        partner_id,
        best_candidate_rank,
        candidate_touch_count,
        count(*) over (partition by opportunity_id) as candidate_partner_count
    from candidates
),

touch_sourced as (
    select
        opportunity_id,
        partner_id,
        'touch' as sourcing_method,
        candidate_partner_count,
        candidate_touch_count,
        case
            when '{{ tie_breaker }}' = 'split' then true
            when '{{ tie_breaker }}' = 'contested' then candidate_partner_count = 1
            else best_candidate_rank = 1
        end as is_sourced,
        '{{ tie_breaker }}' = 'contested' and candidate_partner_count > 1 as is_sourcing_contested
    from counted_candidates
),

touch_credited as (
    select
        touch_sourced.*,
        case
            when not is_sourced then cast(0 as {{ type_double() }})
            when '{{ tie_breaker }}' = 'split' then cast(1 as {{ type_double() }}) / candidate_partner_count
            else cast(1 as {{ type_double() }})
        end as sourced_credit
    from touch_sourced
),

final as (
    select
        opportunity_id,
        partner_id,
        'crm_field' as sourcing_method,
        1 as candidate_partner_count,
        0 as candidate_touch_count,
        true as is_sourced,
        cast(1 as {{ type_double() }}) as sourced_credit,
        false as is_sourcing_contested
    from crm_sourced
    union all
    select
        opportunity_id,
        partner_id,
        sourcing_method,
        candidate_partner_count,
        candidate_touch_count,
        is_sourced,
        sourced_credit,
        is_sourcing_contested
    from touch_credited
)

select * from final
