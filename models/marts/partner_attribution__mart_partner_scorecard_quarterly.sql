{#-
    The partner scorecard by fiscal quarter, one row per partner and fiscal quarter in which
    something of it happened (a deal it is attached to was created or closed, a touch, an MDF
    campaign, a referral we gave it). Each measure sits in the quarter of its own event:
    pipeline in the quarter the deal was created, revenue in the quarter it closed, touches,
    MDF spend and referrals in the quarter they happened (see int_partner_quarterly_measures).
    The role label and ratios are the quarter's own.
-#}
{{ config(alias='mart_partner_scorecard_quarterly') }}
{%- set quarter_start = fiscal_quarter_start_date(
    'quarterly_measures.fiscal_year', 'quarterly_measures.fiscal_quarter') %}

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

leading_roles as (
    {{ leading_role('role_touches', ['fiscal_year', 'fiscal_quarter']) }}
),

measured as (
    select
        quarterly_measures.partner_id,
        cast(quarterly_measures.fiscal_year as {{ dbt.type_int() }}) as fiscal_year,
        cast(quarterly_measures.fiscal_quarter as {{ dbt.type_int() }}) as fiscal_quarter,
        {{ quarter_start }} as fiscal_quarter_start_date,
        {{ scorecard_columns('quarterly_measures') | join(',\n        ') }}
    from quarterly_measures
    inner join partners
        on quarterly_measures.partner_id = partners.partner_id
    left join leading_roles
        on
            quarterly_measures.partner_id = leading_roles.partner_id
            and quarterly_measures.fiscal_year = leading_roles.fiscal_year
            and quarterly_measures.fiscal_quarter = leading_roles.fiscal_quarter
),

final as (
    select
        measured.*,
        {{ scorecard_ratios() | join(',\n        ') }}
    from measured
)

select * from final
