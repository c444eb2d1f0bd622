{#-
    Salesforce's deal_registration table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var salesforce_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

landed as (
    select * from {{ crm_landed_table('salesforce', 'deal_registration', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('salesforce', 'deal_registration', 'activity_id', 'landed') }} as activity_id,
        {{ crm_landed_field('salesforce', 'deal_registration', 'partner_id', 'landed') }} as partner_id,
        {{ crm_landed_field('salesforce', 'deal_registration', 'account_id', 'landed') }} as account_id,
        {{ crm_landed_field('salesforce', 'deal_registration', 'opportunity_id', 'landed') }}
            as opportunity_id,
        {{ crm_landed_field('salesforce', 'deal_registration', 'occurred_at', 'landed') }} as occurred_at,
        {{ crm_landed_field('salesforce', 'deal_registration', 'status', 'landed') }} as status,
        {{ crm_landed_field('salesforce', 'deal_registration', 'is_qualified', 'landed') }} as is_qualified,
        {{ crm_landed_field('salesforce', 'deal_registration', 'notes', 'landed') }} as notes,
        {{ crm_landed_field('salesforce', 'deal_registration', 'filter', 'landed') }}
            as filter,
        {{ crm_sync_columns('salesforce', 'deal_registration', 'landed') }}
    from landed
)

select * from final
