{#-
    Salesforce's activity table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var salesforce_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

landed as (
    select * from {{ crm_landed_table('salesforce', 'activity', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('salesforce', 'activity', 'activity_id', 'landed') }} as activity_id,
        {{ crm_landed_field('salesforce', 'activity', 'partner_id', 'landed') }} as partner_id,
        {{ crm_landed_field('salesforce', 'activity', 'account_id', 'landed') }} as account_id,
        {{ crm_landed_field('salesforce', 'activity', 'opportunity_id', 'landed') }} as opportunity_id,
        {{ crm_landed_field('salesforce', 'activity', 'activity_type', 'landed') }} as activity_type,
        {{ crm_landed_field('salesforce', 'activity', 'occurred_at', 'landed') }} as occurred_at,
        {{ crm_landed_field('salesforce', 'activity', 'direction', 'landed') }} as direction,
        {{ crm_landed_field('salesforce', 'activity', 'status', 'landed') }} as status,
        {{ crm_landed_field('salesforce', 'activity', 'is_qualified', 'landed') }} as is_qualified,
        {{ crm_landed_field('salesforce', 'activity', 'funded_by', 'landed') }} as funded_by,
        {{ crm_landed_field('salesforce', 'activity', 'amount', 'landed') }} as amount,
        {{ crm_landed_field('salesforce', 'activity', 'notes', 'landed') }} as notes,
        {{ crm_sync_columns('salesforce', 'activity', 'landed') }}
    from landed
)

select * from final
