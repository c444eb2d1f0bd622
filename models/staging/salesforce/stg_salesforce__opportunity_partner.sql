{#-
    Salesforce's opportunity_partner table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var salesforce_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

landed as (
    select * from {{ crm_landed_table('salesforce', 'opportunity_partner', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('salesforce', 'opportunity_partner', 'opportunity_partner_id', 'landed') }}
            as opportunity_partner_id,
        {{ crm_landed_field('salesforce', 'opportunity_partner', 'opportunity_id', 'landed') }}
            as opportunity_id,
        {{ crm_landed_field('salesforce', 'opportunity_partner', 'partner_id', 'landed') }} as partner_id,
        {{ crm_landed_field('salesforce', 'opportunity_partner', 'role', 'landed') }}
            as role,
        {{ crm_landed_field('salesforce', 'opportunity_partner', 'is_primary', 'landed') }} as is_primary,
        {{ crm_landed_field('salesforce', 'opportunity_partner', 'occurred_at', 'landed') }} as occurred_at,
        {{ crm_sync_columns('salesforce', 'opportunity_partner', 'landed') }}
    from landed
)

select * from final
