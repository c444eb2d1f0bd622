{#-
    One row per live Salesforce opportunity, in the generic export's opportunity columns (text).
    * closed_at: Salesforce keeps only a close date, so a closed opportunity closed at the end
      of that day (23:59:59 UTC): touches during the close day come before the close. Open
      opportunities have none (their close_date is an expected date) and is_won false.
    * opportunity_type through the var salesforce_opportunity_type_map.
    * reseller_partner_id: the reseller field, else the primary partner on the opportunity
      (opportunity_partner.is_primary) when its role maps to a resale activity type.
-#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

opportunities as (
    select * from {{ ref('partner_attribution', 'stg_salesforce__opportunity') }}
),

opportunity_partners as (
    select * from {{ ref('partner_attribution', 'stg_salesforce__opportunity_partner') }}
),

activity_types as (
    select * from {{ ref('partner_attribution', 'partner_attribution__activity_types') }}
),

live_opportunities as (
    select
        opportunities.opportunity_id,
        opportunities.account_id,
        opportunities.opportunity_name,
        {{ crm_value_map(
            'opportunities.opportunity_type',
            var('salesforce_opportunity_type_map')) }} as opportunity_type,
        opportunities.stage,
        opportunities.amount,
        opportunities.currency,
        opportunities.created_at,
        opportunities.close_date,
        {{ parse_boolean('opportunities.is_closed') }} as is_closed,
        {{ is_invalid_boolean('opportunities.is_closed') }}
            as is_bad_is_closed,
        opportunities.is_won,
        opportunities.sourced_partner_id,
        opportunities.reseller_partner_id,
        opportunities.lead_source
    from opportunities
    where {{ crm_row_is_live('salesforce', 'opportunity', 'opportunities') }}
),

opportunity_partner_roles as (
    select
        opportunity_partners.opportunity_id,
        opportunity_partners.partner_id,
        {{ clean_code(crm_value_map(
            'opportunity_partners.role',
            var('salesforce_partner_role_map'))) }} as activity_type,
        {{ parse_boolean('opportunity_partners.is_primary') }}
            as is_primary
    from opportunity_partners
    where {{ crm_row_is_live('salesforce', 'opportunity_partner', 'opportunity_partners') }}
),

primary_resellers as (
    select
        opportunity_partner_roles.opportunity_id,
        min(opportunity_partner_roles.partner_id) as partner_id
    from opportunity_partner_roles
    inner join activity_types
        on opportunity_partner_roles.activity_type = activity_types.activity_type
    where opportunity_partner_roles.is_primary and activity_types.is_resale
    group by opportunity_partner_roles.opportunity_id
),

final as (
    select
        live_opportunities.opportunity_id,
        live_opportunities.account_id,
        live_opportunities.opportunity_name,
        live_opportunities.opportunity_type,
        live_opportunities.stage,
        live_opportunities.amount,
        live_opportunities.currency,
        live_opportunities.created_at,
        case
            when live_opportunities.is_closed
                then substring(trim(live_opportunities.close_date), 1, 10) || 'T23:59:59'
        end as closed_at,
        case
            when live_opportunities.is_closed then live_opportunities.is_won
            when live_opportunities.is_closed = false then 'false'
        end as is_won,
        live_opportunities.sourced_partner_id,
        coalesce(
            nullif(trim(live_opportunities.reseller_partner_id), ''), primary_resellers.partner_id
        ) as reseller_partner_id,
        live_opportunities.lead_source,
        -- a reason staging adds to the row's own, where the generic columns cannot carry it
        case
            when live_opportunities.is_bad_is_closed then 'invalid boolean in is_closed'
        end as source_rejection_reason
    from live_opportunities
    left join primary_resellers
        on live_opportunities.opportunity_id = primary_resellers.opportunity_id
)

select * from final
