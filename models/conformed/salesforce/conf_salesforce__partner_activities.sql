{#-
    One row per partner activity Salesforce holds, in the generic export's activity columns
    (text), from three objects:
    * the activity object (var salesforce_activity_object: task, event or a custom object):
      its live rows with a partner; rows without one are the sales team's own work, left out
      (crm_table_rules). Its
      opportunity field (what_id on a task) is the opportunity when it names one, and empty
      when it names another object (an account, a campaign). activity_type through the var
      salesforce_activity_type_map;
    * opportunity_partner: a partner on an opportunity, its role through the var
      salesforce_partner_role_map (a reseller becomes a resale touch, a system integrator an
      implementation), dated when it was added; the opportunity's account is its account;
    * deal registrations (var salesforce_deal_registration_object): rows whose filter field
      holds one of salesforce_deal_registration_filter_values, as deal_registration
      activities, their status through salesforce_registration_status_map.
    Salesforce ids are unique across objects, so each row keeps its own id as activity_id.
-#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

activities as (
    select * from {{ ref('partner_attribution', 'stg_salesforce__activity') }}
),

opportunity_partners as (
    select * from {{ ref('partner_attribution', 'stg_salesforce__opportunity_partner') }}
),

registrations as (
    select * from {{ ref('partner_attribution', 'stg_salesforce__deal_registration') }}
),

opportunities as (
    -- every opportunity row, deleted ones too: a lookup to a deleted opportunity stays an
    -- opportunity id, which staging rejects as unknown, rather than turning account-level
    select distinct opportunity_rows.opportunity_id
    from {{ ref('partner_attribution', 'stg_salesforce__opportunity') }} as opportunity_rows
),

from_activity_object as (
    select
        activities.activity_id,
        activities.partner_id,
        activities.account_id,
        opportunities.opportunity_id,
        {{ crm_value_map(
            'activities.activity_type',
            var('salesforce_activity_type_map')) }} as activity_type,
        activities.occurred_at,
        activities.direction,
        activities.status,
        activities.is_qualified,
        activities.funded_by,
        activities.amount,
        activities.notes
    from activities
    left join opportunities
        on activities.opportunity_id = opportunities.opportunity_id
    where {{ crm_row_is_live('salesforce', 'activity', 'activities') }}
),

from_opportunity_partners as (
    select
        opportunity_partners.opportunity_partner_id
            as activity_id,
        opportunity_partners.partner_id,
        cast(null as {{ dbt.type_string() }}) as account_id,
        opportunity_partners.opportunity_id,
        {{ crm_value_map(
            'opportunity_partners.role',
            var('salesforce_partner_role_map')) }} as activity_type,
        opportunity_partners.occurred_at,
        'inbound' as direction,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as {{ dbt.type_string() }}) as is_qualified,
        cast(null as {{ dbt.type_string() }}) as funded_by,
        cast(null as {{ dbt.type_string() }}) as amount,
        cast(null as {{ dbt.type_string() }}) as notes
    from opportunity_partners
    where {{ crm_row_is_live('salesforce', 'opportunity_partner', 'opportunity_partners') }}
),

from_registrations as (
    select
        registrations.activity_id,
        registrations.partner_id,
        registrations.account_id,
        registrations.opportunity_id,
        'deal_registration' as activity_type,
        registrations.occurred_at,
        'inbound' as direction,
        {{ crm_value_map(
            'registrations.status',
            var('salesforce_registration_status_map')) }} as status,
        registrations.is_qualified,
        cast(null as {{ dbt.type_string() }}) as funded_by,
        cast(null as {{ dbt.type_string() }}) as amount,
        registrations.notes
    from registrations
    where {{ crm_row_is_live('salesforce', 'deal_registration', 'registrations') }}
),

final as (
    select * from from_activity_object
    union all
    select * from from_opportunity_partners
    union all
    select * from from_registrations
)

select * from final
