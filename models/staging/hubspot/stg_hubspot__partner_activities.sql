{#-
    One row per partner activity HubSpot holds, in the generic export's activity columns
    (text): a live engagement (call, meeting, note, task, email) associated with a partner
    company. Engagements with no partner company are the sales team's own work and are left
    out.
    * One row per partner company and deal the engagement is associated with (an engagement
      with none of its deals is account-level); activity_id is the engagement's id, or
      <id>:<partner>:<deal> when it has more than one such pair.
    * account_id: its one customer company (not a partner), empty when it has none or
      several (then the deal's account is used, as for any activity).
    * activity_type: the engagement's own activity_type field where the field map has one
      and it is filled, else its type through the var hubspot_engagement_type_map.
-#}
with

engagements as (
    select * from {{ crm_table('hubspot', 'engagement') }}
),

engagement_companies as (
    select * from {{ crm_table('hubspot', 'engagement_company') }}
),

engagement_deals as (
    select * from {{ crm_table('hubspot', 'engagement_deal') }}
),

partners as (
    select partner_id from {{ ref('stg_hubspot__partners') }}
),

customers as (
    select account_id from {{ ref('stg_hubspot__accounts') }}
),

company_links as (
    select
        {{ crm_field('hubspot', 'engagement_company', 'activity_id', 'engagement_companies') }} as engagement_id,
        {{ crm_field('hubspot', 'engagement_company', 'account_id', 'engagement_companies') }} as company_id
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
        {{ crm_field('hubspot', 'engagement_deal', 'activity_id', 'engagement_deals') }} as engagement_id,
        {{ crm_field('hubspot', 'engagement_deal', 'opportunity_id', 'engagement_deals') }} as opportunity_id
    from engagement_deals
    where {{ crm_row_is_live('hubspot', 'engagement_deal', 'engagement_deals') }}
),

live_engagements as (
    select
        {{ crm_field('hubspot', 'engagement', 'activity_id', 'engagements') }} as engagement_id,
        coalesce(
            {{ clean_text(crm_field('hubspot', 'engagement', 'activity_type', 'engagements')) }},
            {{ crm_value_map(
                crm_field('hubspot', 'engagement', 'type', 'engagements'), var('hubspot_engagement_type_map')) }}
        ) as activity_type,
        {{ crm_field('hubspot', 'engagement', 'occurred_at', 'engagements') }} as occurred_at,
        {{ crm_field('hubspot', 'engagement', 'direction', 'engagements') }} as direction,
        {{ crm_field('hubspot', 'engagement', 'status', 'engagements') }} as status,
        {{ crm_field('hubspot', 'engagement', 'is_qualified', 'engagements') }} as is_qualified,
        {{ crm_field('hubspot', 'engagement', 'funded_by', 'engagements') }} as funded_by,
        {{ crm_field('hubspot', 'engagement', 'amount', 'engagements') }} as amount,
        {{ crm_field('hubspot', 'engagement', 'notes', 'engagements') }} as notes
    from engagements
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
