{#-
    One row per touch and opportunity it is linked to, within the opportunity's lifecycle
    window (spec "Touches and windows"):
    * explicit link: the touch names the opportunity (opportunity_id);
    * account-level link: the touch names no opportunity, is on the opportunity's account and
      happened at or after created_at minus attribution_lookback_days. One account-level touch
      can link to several opportunities of its account.
    is_pre_close: the touch is in W1 (occurred_at <= end_at). Every row is in W2
    (occurred_at <= end_at + post_close_window_days, and <= as_of); a linked touch later than
    that counts for nothing and is left out.
-#}
with

touches as (
    select * from {{ ref('int_partner_touches') }}
),

opportunities as (
    select * from {{ ref('int_opportunities_as_of') }}
),

explicit_links as (
    select
        touches.activity_id,
        opportunities.opportunity_id,
        true as is_explicit_link
    from touches
    inner join opportunities
        on touches.opportunity_id = opportunities.opportunity_id
),

account_level_links as (
    select
        touches.activity_id,
        opportunities.opportunity_id,
        false as is_explicit_link
    from touches
    inner join opportunities
        on
            touches.account_id = opportunities.account_id
            and touches.occurred_at
            >= {{ add_days('opportunities.created_at', -partner_var('attribution_lookback_days')) }}
    where touches.opportunity_id is null
),

links as (
    select * from explicit_links
    union all
    select * from account_level_links
),

windowed as (
    select
        links.activity_id,
        links.opportunity_id,
        touches.partner_id,
        touches.activity_type,
        touches.motion,
        touches.is_influence,
        touches.can_source,
        touches.is_deployment,
        touches.is_resale,
        touches.occurred_at,
        touches.status,
        touches.is_qualified,
        touches.funded_by,
        links.is_explicit_link,
        touches.occurred_at <= opportunities.end_at as is_pre_close,
        opportunities.created_at as opportunity_created_at,
        opportunities.end_at as opportunity_end_at
    from links
    inner join touches
        on links.activity_id = touches.activity_id
    inner join opportunities
        on links.opportunity_id = opportunities.opportunity_id
    where
        touches.occurred_at
        <= {{ add_days('opportunities.end_at', partner_var('post_close_window_days')) }}
),

final as (
    select * from windowed
)

select * from final
