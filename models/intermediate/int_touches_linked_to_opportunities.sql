{#-
    One row per touch and opportunity it is linked to, within the opportunity's lifecycle
    window (spec "Touches and windows"):
    * explicit link: the touch names the opportunity (opportunity_id);
    * account-level link: the touch names no opportunity, is on the opportunity's account and
      happened at or after created_at minus attribution_lookback_days. One account-level touch
      can link to several opportunities of its account.
    touch_sequence numbers an opportunity's linked touches by occurred_at, then activity_id.
    is_pre_close: the touch is in W1 (occurred_at <= end_at). Every row is in W2
    (occurred_at <= end_at + post_close_window_days, and <= as_of); a linked touch later than
    that counts for nothing and is left out.
    Each kind of link applies the window in its own join, where both sides are at hand: joining
    the links back to touches and opportunities afterwards let DuckDB choose a plan that
    compares every touch with every opportunity at a million deals (see docs/benchmarks.md).
-#}
{{ by_opportunity_config() }}
{%- set w2_end = add_days('opportunities.end_at', partner_var('post_close_window_days')) -%}
{%- set columns = [
    'touches.activity_id',
    'opportunities.opportunity_id',
    'touches.partner_id',
    'touches.activity_type',
    'touches.motion',
    'touches.is_influence',
    'touches.can_source',
    'touches.is_deployment',
    'touches.is_resale',
    'touches.occurred_at',
    'touches.status',
    'touches.is_qualified',
    'touches.funded_by',
] -%}
{%- set window_columns = [
    'touches.occurred_at <= opportunities.end_at as is_pre_close',
    'opportunities.created_at as opportunity_created_at',
    'opportunities.end_at as opportunity_end_at',
] -%}
with

touches as (
    select * from {{ ref('partner_attribution', 'int_partner_touches') }}
),

opportunities as (
    select * from {{ ref('partner_attribution', 'int_opportunities_as_of') }}
    where {{ refreshed_opportunities('opportunity_id') }}
),

explicit_links as (
    select
        {{ columns | join(',\n        ') }},
        true as is_explicit_link,
        {{ window_columns | join(',\n        ') }}
    from touches
    inner join opportunities
        on touches.opportunity_id = opportunities.opportunity_id
    where touches.occurred_at <= {{ w2_end }}
),

account_level_links as (
    select
        {{ columns | join(',\n        ') }},
        false as is_explicit_link,
        {{ window_columns | join(',\n        ') }}
    from touches
    inner join opportunities
        on
            touches.account_id = opportunities.account_id
            and touches.occurred_at
            >= {{ subtract_days('opportunities.created_at', partner_var('attribution_lookback_days')) }}
            and touches.occurred_at <= {{ w2_end }}
    where touches.opportunity_id is null
),

links as (
    select * from explicit_links
    union all
    select * from account_level_links
),

final as (
    select
        links.*,
        cast(row_number() over (
            partition by links.opportunity_id
            order by links.occurred_at, {{ binary_order("links.activity_id") }}
        ) as {{ dbt.type_int() }}) as touch_sequence
    from links
)

select * from final
