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
    select * from {{ crm_table('salesforce', 'activity') }}
),

opportunity_partners as (
    select * from {{ crm_table('salesforce', 'opportunity_partner') }}
),

registrations as (
    select * from {{ crm_table('salesforce', 'deal_registration') }}
),

opportunities as (
    -- every opportunity row, deleted ones too: a lookup to a deleted opportunity stays an
    -- opportunity id, which staging rejects as unknown, rather than turning account-level
    select distinct
        {{ crm_field('salesforce', 'opportunity', 'opportunity_id', 'opportunity_rows') }} as opportunity_id
    from {{ crm_table('salesforce', 'opportunity', 'opportunity_rows') }}
),

from_activity_object as (
    select
        {{ crm_field('salesforce', 'activity', 'activity_id', 'activities') }} as activity_id,
        {{ crm_field('salesforce', 'activity', 'partner_id', 'activities') }} as partner_id,
        {{ crm_field('salesforce', 'activity', 'account_id', 'activities') }} as account_id,
        opportunities.opportunity_id,
        {{ crm_value_map(
            crm_field('salesforce', 'activity', 'activity_type', 'activities'),
            var('salesforce_activity_type_map')) }} as activity_type,
        {{ crm_field('salesforce', 'activity', 'occurred_at', 'activities') }} as occurred_at,
        {{ crm_field('salesforce', 'activity', 'direction', 'activities') }} as direction,
        {{ crm_field('salesforce', 'activity', 'status', 'activities') }} as status,
        {{ crm_field('salesforce', 'activity', 'is_qualified', 'activities') }} as is_qualified,
        {{ crm_field('salesforce', 'activity', 'funded_by', 'activities') }} as funded_by,
        {{ crm_field('salesforce', 'activity', 'amount', 'activities') }} as amount,
        {{ crm_field('salesforce', 'activity', 'notes', 'activities') }} as notes
    from activities
    left join opportunities
        on {{ crm_field('salesforce', 'activity', 'opportunity_id', 'activities') }} = opportunities.opportunity_id
    where {{ crm_row_is_live('salesforce', 'activity', 'activities') }}
),

from_opportunity_partners as (
    select
        {{ crm_field('salesforce', 'opportunity_partner', 'opportunity_partner_id', 'opportunity_partners') }}
            as activity_id,
        {{ crm_field('salesforce', 'opportunity_partner', 'partner_id', 'opportunity_partners') }} as partner_id,
        cast(null as {{ dbt.type_string() }}) as account_id,
        {{ crm_field('salesforce', 'opportunity_partner', 'opportunity_id', 'opportunity_partners') }}
            as opportunity_id,
        {{ crm_value_map(
            crm_field('salesforce', 'opportunity_partner', 'role', 'opportunity_partners'),
            var('salesforce_partner_role_map')) }} as activity_type,
        {{ crm_field('salesforce', 'opportunity_partner', 'occurred_at', 'opportunity_partners') }} as occurred_at,
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
        {{ crm_field('salesforce', 'deal_registration', 'activity_id', 'registrations') }} as activity_id,
        {{ crm_field('salesforce', 'deal_registration', 'partner_id', 'registrations') }} as partner_id,
        {{ crm_field('salesforce', 'deal_registration', 'account_id', 'registrations') }} as account_id,
        {{ crm_field('salesforce', 'deal_registration', 'opportunity_id', 'registrations') }} as opportunity_id,
        'deal_registration' as activity_type,
        {{ crm_field('salesforce', 'deal_registration', 'occurred_at', 'registrations') }} as occurred_at,
        'inbound' as direction,
        {{ crm_value_map(
            crm_field('salesforce', 'deal_registration', 'status', 'registrations'),
            var('salesforce_registration_status_map')) }} as status,
        {{ crm_field('salesforce', 'deal_registration', 'is_qualified', 'registrations') }} as is_qualified,
        cast(null as {{ dbt.type_string() }}) as funded_by,
        cast(null as {{ dbt.type_string() }}) as amount,
        {{ crm_field('salesforce', 'deal_registration', 'notes', 'registrations') }} as notes
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
