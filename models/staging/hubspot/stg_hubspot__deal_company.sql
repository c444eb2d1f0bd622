{#-
    HubSpot's deal_company table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var hubspot_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

landed as (
    select * from {{ crm_landed_table('hubspot', 'deal_company', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('hubspot', 'deal_company', 'opportunity_id', 'landed') }} as opportunity_id,
        {{ crm_landed_field('hubspot', 'deal_company', 'account_id', 'landed') }} as account_id,
        {{ crm_landed_field('hubspot', 'deal_company', 'type_id', 'landed') }} as type_id,
        {{ crm_sync_columns('hubspot', 'deal_company', 'landed') }}
    from landed
)

select * from final
