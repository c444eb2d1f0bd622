{#-
    One row per partner activity HubSpot holds, in the generic export's activity columns
    (text): a live engagement (call, meeting, note, task, email) associated with a partner
    company. Engagements with no partner company are the sales team's own work and are left
    out (crm_table_rules, with every other row left out of these tables).
    * Two shapes, told apart by the landed engagement table: with its timestamp field, the
      legacy shape (Fivetran until May 2023: time and properties on engagement); without
      it, HubSpot's v3 engagements, whose per-type tables engagement_call, _email, _meeting,
      _note and _task (keyed by engagement_id) hold the time (property_hs_timestamp) and the
      portal's properties (property_<name>), and whose deleted rows mark the engagement
      deleted. Each field is read from the engagement first, then from its per-type row, as
      Fivetran's own package does, so either shape (or a mix) lands the same.
    * One row per partner company and deal the engagement is associated with (an engagement
      with none of its deals is account-level); activity_id is the engagement's id, or
      <id>:<partner>:<deal> when it has more than one such pair.
    * account_id: its one customer company (not a partner), empty when it has none or
      several (then the deal's account is used, as for any activity).
    * activity_type: the engagement's own activity_type field where the field map has one
      and it is filled, else its type through the var hubspot_engagement_type_map.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
{%- set details = [
    'engagement_call', 'engagement_email', 'engagement_meeting', 'engagement_note', 'engagement_task',
] -%}
{%- set engagement_columns = crm_landed_columns('hubspot', 'engagement') -%}
{%- set occurred_field = crm_fields('hubspot', 'engagement')['occurred_at'] -%}
{%- set is_v3 = engagement_columns is not none and occurred_field not in engagement_columns -%}
{%- set landed_details = [] -%}
{%- for detail in details if is_v3 and crm_landed_columns('hubspot', detail) is not none -%}
    {%- do landed_details.append(detail) -%}
{%- endfor -%}
{%- if is_v3 and not landed_details -%}
    {{ exceptions.raise_compiler_error("The HubSpot engagement table has no field " ~ occurred_field
        ~ ": HubSpot's v3 engagements (Fivetran since May 2023), whose time is on the per-type tables "
        ~ details | join(', ') ~ ", but none of them is landed. Sync them with the connector, or name the "
        ~ "engagement's time field with the var hubspot_fields (engagement.occurred_at).") }}
{%- endif -%}
with

engagements as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__engagement') }}
),

engagement_companies as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__engagement_company') }}
),

engagement_deals as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__engagement_deal') }}
),

engagement_calls as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__engagement_call') }}
),

engagement_emails as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__engagement_email') }}
),

engagement_meetings as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__engagement_meeting') }}
),

engagement_notes as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__engagement_note') }}
),

engagement_tasks as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__engagement_task') }}
),


partners as (
    select partner_id from {{ ref('partner_attribution', 'conf_hubspot__partners') }}
),

customers as (
    select account_id from {{ ref('partner_attribution', 'conf_hubspot__accounts') }}
),

company_links as (
    select
        engagement_companies.activity_id as engagement_id,
        engagement_companies.account_id as company_id
    from engagement_companies
    where {{ crm_row_is_live('hubspot', 'engagement_company', 'engagement_companies') }}
),

engagement_partners as (
    select distinct
        company_links.engagement_id,
        partners.partner_id
    from company_links
    inner join partners
        on company_links.company_id = partners.partner_id
),

engagement_customers as (
    select
        company_links.engagement_id,
        case when count(distinct customers.account_id) = 1 then min(customers.account_id) end as account_id
    from company_links
    inner join customers
        on company_links.company_id = customers.account_id
    group by company_links.engagement_id
),

deal_links as (
    select distinct
        engagement_deals.activity_id as engagement_id,
        engagement_deals.opportunity_id
    from engagement_deals
    where {{ crm_row_is_live('hubspot', 'engagement_deal', 'engagement_deals') }}
),

-- v3: the time and properties of each engagement, from its per-type row (live: not deleted)
engagement_details as (
    select
        engagement_calls.activity_id as engagement_id,
        engagement_calls.occurred_at,
        engagement_calls.activity_type,
        engagement_calls.direction,
        engagement_calls.status,
        engagement_calls.is_qualified,
        engagement_calls.funded_by,
        engagement_calls.amount,
        engagement_calls.notes
    from engagement_calls
    where {{ crm_row_is_live('hubspot', 'engagement_call', 'engagement_calls') }}

    union all

    select
        engagement_emails.activity_id as engagement_id,
        engagement_emails.occurred_at,
        engagement_emails.activity_type,
        engagement_emails.direction,
        engagement_emails.status,
        engagement_emails.is_qualified,
        engagement_emails.funded_by,
        engagement_emails.amount,
        engagement_emails.notes
    from engagement_emails
    where {{ crm_row_is_live('hubspot', 'engagement_email', 'engagement_emails') }}

    union all

    select
        engagement_meetings.activity_id as engagement_id,
        engagement_meetings.occurred_at,
        engagement_meetings.activity_type,
        engagement_meetings.direction,
        engagement_meetings.status,
        engagement_meetings.is_qualified,
        engagement_meetings.funded_by,
        engagement_meetings.amount,
        engagement_meetings.notes
    from engagement_meetings
    where {{ crm_row_is_live('hubspot', 'engagement_meeting', 'engagement_meetings') }}

    union all

    select
        engagement_notes.activity_id as engagement_id,
        engagement_notes.occurred_at,
        engagement_notes.activity_type,
        engagement_notes.direction,
        engagement_notes.status,
        engagement_notes.is_qualified,
        engagement_notes.funded_by,
        engagement_notes.amount,
        engagement_notes.notes
    from engagement_notes
    where {{ crm_row_is_live('hubspot', 'engagement_note', 'engagement_notes') }}

    union all

    select
        engagement_tasks.activity_id as engagement_id,
        engagement_tasks.occurred_at,
        engagement_tasks.activity_type,
        engagement_tasks.direction,
        engagement_tasks.status,
        engagement_tasks.is_qualified,
        engagement_tasks.funded_by,
        engagement_tasks.amount,
        engagement_tasks.notes
    from engagement_tasks
    where {{ crm_row_is_live('hubspot', 'engagement_task', 'engagement_tasks') }}
),

live_engagements as (
    select
        engagements.activity_id as engagement_id,
        coalesce(
            {{ clean_text('engagements.activity_type') }},
            {{ clean_text('engagement_details.activity_type') }},
            {{ crm_value_map(
                'engagements.type', var('hubspot_engagement_type_map')) }}
        ) as activity_type,
        coalesce(
            engagements.occurred_at, engagement_details.occurred_at
        ) as occurred_at,
        coalesce(
            engagements.direction, engagement_details.direction
        ) as direction,
        coalesce(
            engagements.status, engagement_details.status
        ) as status,
        coalesce(
            engagements.is_qualified, engagement_details.is_qualified
        ) as is_qualified,
        coalesce(
            engagements.funded_by, engagement_details.funded_by
        ) as funded_by,
        coalesce(
            engagements.amount, engagement_details.amount
        ) as amount,
        coalesce(
            engagements.notes, engagement_details.notes
        ) as notes
    from engagements
    left join engagement_details
        on engagements.activity_id = engagement_details.engagement_id
    where {{ crm_row_is_live('hubspot', 'engagement', 'engagements') }}
),

partner_deal_pairs as (
    select
        live_engagements.*,
        engagement_partners.partner_id,
        deal_links.opportunity_id,
        count(*) over (partition by live_engagements.engagement_id) as pair_count
    from live_engagements
    inner join engagement_partners
        on live_engagements.engagement_id = engagement_partners.engagement_id
    left join deal_links
        on live_engagements.engagement_id = deal_links.engagement_id
),

final as (
    select
        case
            when partner_deal_pairs.pair_count = 1 then partner_deal_pairs.engagement_id
            else partner_deal_pairs.engagement_id || ':' || partner_deal_pairs.partner_id
                || ':' || coalesce(partner_deal_pairs.opportunity_id, '')
        end as activity_id,
        partner_deal_pairs.partner_id,
        engagement_customers.account_id,
        partner_deal_pairs.opportunity_id,
        partner_deal_pairs.activity_type,
        partner_deal_pairs.occurred_at,
        partner_deal_pairs.direction,
        partner_deal_pairs.status,
        partner_deal_pairs.is_qualified,
        partner_deal_pairs.funded_by,
        partner_deal_pairs.amount,
        partner_deal_pairs.notes
    from partner_deal_pairs
    left join engagement_customers
        on partner_deal_pairs.engagement_id = engagement_customers.engagement_id
)

select * from final
