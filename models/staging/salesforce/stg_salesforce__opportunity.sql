{#-
    Salesforce's opportunity table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var salesforce_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

landed as (
    select * from {{ crm_landed_table('salesforce', 'opportunity', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('salesforce', 'opportunity', 'opportunity_id', 'landed') }} as opportunity_id,
        {{ crm_landed_field('salesforce', 'opportunity', 'account_id', 'landed') }} as account_id,
        {{ crm_landed_field('salesforce', 'opportunity', 'opportunity_name', 'landed') }} as opportunity_name,
        {{ crm_landed_field('salesforce', 'opportunity', 'opportunity_type', 'landed') }} as opportunity_type,
        {{ crm_landed_field('salesforce', 'opportunity', 'stage', 'landed') }} as stage,
        {{ crm_landed_field('salesforce', 'opportunity', 'amount', 'landed') }} as amount,
        {{ crm_landed_field('salesforce', 'opportunity', 'currency', 'landed') }} as currency,
        {{ crm_landed_field('salesforce', 'opportunity', 'created_at', 'landed') }} as created_at,
        {{ crm_landed_field('salesforce', 'opportunity', 'close_date', 'landed') }} as close_date,
        {{ crm_landed_field('salesforce', 'opportunity', 'is_closed', 'landed') }} as is_closed,
        {{ crm_landed_field('salesforce', 'opportunity', 'is_won', 'landed') }} as is_won,
        {{ crm_landed_field('salesforce', 'opportunity', 'sourced_partner_id', 'landed') }}
            as sourced_partner_id,
        {{ crm_landed_field('salesforce', 'opportunity', 'reseller_partner_id', 'landed') }}
            as reseller_partner_id,
        {{ crm_landed_field('salesforce', 'opportunity', 'lead_source', 'landed') }} as lead_source,
        {{ crm_sync_columns('salesforce', 'opportunity', 'landed') }}
    from landed
)

select * from final
