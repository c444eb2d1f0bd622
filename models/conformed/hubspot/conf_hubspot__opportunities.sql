{#-
    One row per live HubSpot deal, in the generic export's opportunity columns (text).
    * Outcome of the deal's stage (deal_pipeline_stage, as Fivetran carries it): won where
      closed_won (or, where closed_won is empty, is_closed and a probability of 1), lost where
      is_closed and not won, open where is_closed is false, whatever the probability: a 0%
      stage that is not closed is open. Older landings without is_closed (empty) keep the
      rule that came before it: won where closed_won, lost where the probability is 0, else
      open. The var hubspot_stage_outcomes overrides it by stage_id. A deleted or archived
      stage still names its deals' stage and outcome (crm_table_rules). A closed deal closed at
      its closedate; an open one has none and is_won false.
    * stage: the stage's label. A stage_id that no stage has is rejected
      (`unknown deal_pipeline_stage_id`).
    * account_id: the deal's customer, a company that is not a partner (links to partner
      companies and to deleted companies are left out, crm_table_rules): its primary company
      (deal_company.type_id = var hubspot_primary_company_type_id), else its only one. A deal
      with several and none primary is rejected (`several customer companies, no single primary`); one with
      none is rejected by staging as `missing account_id`.
    * opportunity_type through the var hubspot_deal_type_map.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
{%- set outcomes = var('hubspot_stage_outcomes') or {} -%}
{%- if outcomes is not mapping -%}
    {{ exceptions.raise_compiler_error("The var hubspot_stage_outcomes must map stage_id to won, lost or open, "
        ~ "e.g. {closedwon: won, closedlost: lost}; got " ~ outcomes) }}
{%- endif -%}
{%- for stage_id, outcome in outcomes.items() if outcome not in ('won', 'lost', 'open') -%}
    {{ exceptions.raise_compiler_error("The var hubspot_stage_outcomes gives stage " ~ stage_id ~ " the outcome '"
        ~ outcome ~ "'; use won, lost or open.") }}
{%- endfor -%}
with

deals as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__deal') }}
),

stages as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__deal_pipeline_stage') }}
),

deal_companies as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__deal_company') }}
),

customers as (
    select account_id from {{ ref('partner_attribution', 'conf_hubspot__accounts') }}
),

stage_rows as (
    select
        stages.stage_id,
        stages.label as stage_label,
        {{ parse_boolean('stages.is_closed') }} as is_closed,
        {{ parse_boolean('stages.closed_won') }} as is_closed_won,
        {{ parse_decimal('stages.probability') }} as probability
    from stages
    where {{ crm_row_is_live('hubspot', 'deal_pipeline_stage', 'stages') }}
),

stage_outcomes as (
    select
        stage_id,
        stage_label,
        case
            {% for stage_id, outcome in outcomes.items() -%}
                when stage_id = '{{ stage_id | string | replace("'", "''") }}' then '{{ outcome }}'
            {% endfor -%}
            when is_closed_won then 'won'
            -- older landings, without is_closed: a 0% stage is lost
            when is_closed is null and probability = 0 then 'lost'
            when is_closed is null then 'open'
            when not is_closed then 'open'
            when is_closed_won is null and probability = 1 then 'won'
            else 'lost'
        end as outcome
    from stage_rows
),

customer_links as (
    select
        deal_companies.opportunity_id,
        customers.account_id,
        deal_companies.type_id
        = '{{ var("hubspot_primary_company_type_id") }}' as is_primary
    from deal_companies
    inner join customers
        on deal_companies.account_id = customers.account_id
    where {{ crm_row_is_live('hubspot', 'deal_company', 'deal_companies') }}
),

deal_customers as (
    select
        opportunity_id,
        count(distinct account_id) as customer_count,
        count(distinct case when is_primary then account_id end) as primary_count,
        min(account_id) as any_account_id,
        min(case when is_primary then account_id end) as primary_account_id
    from customer_links
    group by opportunity_id
),

live_deals as (
    select
        deals.opportunity_id,
        deals.opportunity_name,
        {{ crm_value_map(
            'deals.opportunity_type', var('hubspot_deal_type_map')) }}
            as opportunity_type,
        deals.stage_id,
        deals.amount,
        deals.currency,
        deals.created_at,
        deals.closed_at,
        deals.sourced_partner_id,
        deals.reseller_partner_id,
        deals.lead_source
    from deals
    where {{ crm_row_is_live('hubspot', 'deal', 'deals') }}
),

final as (
    select
        live_deals.opportunity_id,
        case
            when deal_customers.primary_count = 1 then deal_customers.primary_account_id
            when deal_customers.customer_count = 1 then deal_customers.any_account_id
        end as account_id,
        live_deals.opportunity_name,
        live_deals.opportunity_type,
        coalesce(stage_outcomes.stage_label, live_deals.stage_id) as stage,
        live_deals.amount,
        live_deals.currency,
        live_deals.created_at,
        case when stage_outcomes.outcome in ('won', 'lost') then live_deals.closed_at end as closed_at,
        case when stage_outcomes.outcome = 'won' then 'true' else 'false' end as is_won,
        live_deals.sourced_partner_id,
        live_deals.reseller_partner_id,
        live_deals.lead_source,
        -- reasons staging adds to the row's own, where the generic columns cannot carry them
        nullif(concat_ws(
            '; ',
            case
                when {{ clean_text('live_deals.stage_id') }} is not null and stage_outcomes.stage_id is null
                    then 'unknown deal_pipeline_stage_id'
            end,
            case
                when deal_customers.primary_count <> 1 and deal_customers.customer_count > 1
                    then 'several customer companies, no single primary'
            end
        ), '') as source_rejection_reason
    from live_deals
    left join stage_outcomes
        on live_deals.stage_id = stage_outcomes.stage_id
    left join deal_customers
        on live_deals.opportunity_id = deal_customers.opportunity_id
)

select * from final
