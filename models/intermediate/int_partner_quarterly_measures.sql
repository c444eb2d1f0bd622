{#-
    One row per partner and fiscal quarter in which something of it happened, holding the
    scorecard's additive measures (macro scorecard_measures). Each measure sits in the quarter
    of its own event, as RevOps reports them:
    * a level's opportunities and amount (pipeline): the quarter the deal was created;
    * a level's won opportunities and won amount (revenue), and attached closed deals: the
      quarter the deal closed;
    * attributed pipeline: created; attributed revenue: closed;
    * touches by motion, MDF campaigns and spend, referrals given: the quarter they happened;
    * MDF-influenced deals and pipeline: created; MDF-influenced won deals and revenue: closed.
    Summing a partner's quarters gives its all-time scorecard. Amounts are a deal's full
    amount for every partner on it, so they add up across quarters, not across partners.
-#}
{%- set levels = partner_levels() -%}
{%- set motions = scorecard_motions() -%}
{%- set streams = [] -%}

{%- set created = {} -%}
{%- set closed = {'attached_closed_opportunities': '1'} -%}
{%- for level, flag in levels -%}
    {%- do created.update({level ~ '_opportunities': 'case when ' ~ flag ~ ' then 1 else 0 end'}) -%}
    {%- do created.update({level ~ '_amount': 'case when ' ~ flag ~ ' then coalesce(amount, 0) else 0 end'}) -%}
    {%- do closed.update({level ~ '_won_opportunities': 'case when is_won and ' ~ flag ~ ' then 1 else 0 end'}) -%}
    {%- do closed.update({level ~ '_won_amount':
        'case when is_won and ' ~ flag ~ ' then coalesce(amount, 0) else 0 end'}) -%}
{%- endfor -%}
{%- do streams.append({'source': 'deal_levels', 'event_at': 'created_at', 'measures': created}) -%}
{%- do streams.append({'source': 'deal_levels', 'event_at': 'closed_at', 'where': 'is_closed', 'measures': closed}) -%}

{%- set pipeline = {} -%}
{%- set revenue = {} -%}
{%- for model in scorecard_attribution_models() -%}
    {%- do pipeline.update({'attributed_pipeline_' ~ model:
        "case when attribution_model = '" ~ model ~ "' then coalesce(attributed_pipeline, 0) else 0 end"}) -%}
    {%- do revenue.update({'attributed_revenue_' ~ model:
        "case when attribution_model = '" ~ model ~ "' then coalesce(attributed_revenue, 0) else 0 end"}) -%}
{%- endfor -%}
{%- do streams.append({'source': 'attribution', 'event_at': 'created_at', 'measures': pipeline}) -%}
{%- do streams.append({'source': 'attribution', 'event_at': 'closed_at', 'where': 'is_won', 'measures': revenue}) -%}

{%- set touch_measures = {'touch_count': '1'} -%}
{%- for motion in motions -%}
    {%- do touch_measures.update({'touches_' ~ motion: "case when motion = '" ~ motion ~ "' then 1 else 0 end"}) -%}
{%- endfor -%}
{%- do touch_measures.update({'touches_other_motions':
    'case when motion in ' ~ sql_list(motions) ~ ' then 0 else 1 end'}) -%}
{%- do streams.append({'source': 'touches', 'event_at': 'occurred_at', 'measures': touch_measures}) -%}

{%- do streams.append({'source': 'mdf_spend', 'event_at': 'occurred_at',
    'measures': {'mdf_campaigns': '1', 'mdf_spend': 'mdf_spend'}}) -%}
{%- do streams.append({'source': 'mdf_deals', 'event_at': 'created_at',
    'measures': {'mdf_influenced_opportunities': '1', 'mdf_influenced_pipeline': 'coalesce(amount, 0)'}}) -%}
{%- do streams.append({'source': 'mdf_deals', 'event_at': 'closed_at', 'where': 'is_won',
    'measures': {'mdf_influenced_won_opportunities': '1', 'mdf_influenced_revenue': 'coalesce(amount, 0)'}}) -%}
{%- do streams.append({'source': 'referrals_given', 'event_at': 'occurred_at',
    'measures': {'referrals_given': '1'}}) -%}

{%- set measure_names = scorecard_measures() | map(attribute=0) | list -%}
{%- set stream_selects = [] -%}
{%- for stream in streams -%}
    {%- set columns = ['partner_id', fiscal_periods(stream.event_at)] -%}
    {%- for name in measure_names -%}
        {%- do columns.append(stream.measures.get(name, '0') ~ ' as ' ~ name) -%}
    {%- endfor -%}
    {%- do stream_selects.append('select\n        ' ~ columns | join(',\n        ') ~ '\n    from ' ~ stream.source
        ~ ('\n    where ' ~ stream.where if stream.where else '')) -%}
{%- endfor -%}
{%- set sums = scorecard_measure_sums() %}

with

opportunities as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_opportunities') }}
),

opportunity_partners as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_opportunity_partners') }}
),

partner_attribution as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_partner_attribution') }}
),

touches as (
    select * from {{ ref('partner_attribution', 'int_partner_touches') }}
),

linked_touches as (
    select * from {{ ref('partner_attribution', 'int_touches_linked_to_opportunities') }}
),

mdf_spend as (
    select * from {{ ref('partner_attribution', 'int_partner_mdf_spend') }}
),

referrals_given as (
    select * from {{ ref('partner_attribution', 'int_partner_referrals_given') }}
),

deal_levels as (
    select
        opportunity_partners.*,
        opportunities.created_at,
        opportunities.closed_at,
        opportunities.is_closed,
        opportunities.is_won,
        opportunities.amount
    from opportunity_partners
    inner join opportunities
        on opportunity_partners.opportunity_id = opportunities.opportunity_id
),

attribution as (
    select
        partner_attribution.partner_id,
        partner_attribution.attribution_model,
        partner_attribution.attributed_pipeline,
        partner_attribution.attributed_revenue,
        opportunities.created_at,
        opportunities.closed_at,
        opportunities.is_won
    from partner_attribution
    inner join opportunities
        on partner_attribution.opportunity_id = opportunities.opportunity_id
),

mdf_links as (
    -- the deals a partner's MDF-funded touches reached before they closed, each deal once
    select distinct
        linked_touches.partner_id,
        linked_touches.opportunity_id
    from linked_touches
    inner join mdf_spend
        on linked_touches.activity_id = mdf_spend.activity_id
    where linked_touches.is_pre_close
),

mdf_deals as (
    select
        mdf_links.partner_id,
        opportunities.created_at,
        opportunities.closed_at,
        opportunities.is_won,
        opportunities.amount
    from mdf_links
    inner join opportunities
        on mdf_links.opportunity_id = opportunities.opportunity_id
),

events as (
    {{ stream_selects | join('\n    union all\n    ') }}
),

final as (
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        {{ sums | join(',\n        ') }}
    from events
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter
)

select * from final
