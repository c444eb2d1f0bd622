{#-
    The partner scorecard, one row per known partner over everything up to as_of_date: who it
    is and its market motion; the role it plays (label from its touches' motions); deals and
    amounts at every level (pipeline by creation, revenue by close); attributed pipeline and
    revenue per attribution model side by side; its motion profile; MDF spend and the revenue
    it reached; and reciprocity (referrals we gave it against deals it sourced for us).
    Partners with no activity have a row of zeros, so the scorecard lists every partner.
    The additive measures are the sums of mart_partner_scorecard_quarterly's.
-#}
{{ config(alias='mart_partner_scorecard') }}
{%- set sums = scorecard_measure_sums() %}

with

partners as (
    select * from {{ ref('partner_attribution', 'partner_attribution__dim_partners') }}
),

quarterly_measures as (
    select * from {{ ref('partner_attribution', 'int_partner_quarterly_measures') }}
),

role_touches as (
    select * from {{ ref('partner_attribution', 'int_partner_role_touches') }}
),

partner_totals as (
    select
        partner_id,
        {{ sums | join(',\n        ') }}
    from quarterly_measures
    group by partner_id
),

partner_role_touches as (
    select
        partner_id,
        partner_role,
        role_priority,
        sum(touches) as touches
    from role_touches
    group by
        partner_id,
        partner_role,
        role_priority
),

leading_roles as (
    {{ leading_role('partner_role_touches') }}
),

measured as (
    select
        partners.partner_id,
        {{ scorecard_columns('partner_totals', fill_missing_with_zero=true) | join(',\n        ') }}
    from partners
    left join partner_totals
        on partners.partner_id = partner_totals.partner_id
    left join leading_roles
        on partners.partner_id = leading_roles.partner_id
),

final as (
    select
        measured.*,
        {{ scorecard_ratios() | join(',\n        ') }}
    from measured
)

select * from final
