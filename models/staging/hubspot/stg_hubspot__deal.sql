{#-
    HubSpot's deal table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var hubspot_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

landed as (
    select * from {{ crm_landed_table('hubspot', 'deal', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('hubspot', 'deal', 'opportunity_id', 'landed') }} as opportunity_id,
        {{ crm_landed_field('hubspot', 'deal', 'opportunity_name', 'landed') }} as opportunity_name,
        {{ crm_landed_field('hubspot', 'deal', 'opportunity_type', 'landed') }} as opportunity_type,
        {{ crm_landed_field('hubspot', 'deal', 'stage_id', 'landed') }} as stage_id,
        {{ crm_landed_field('hubspot', 'deal', 'amount', 'landed') }} as amount,
        {{ crm_landed_field('hubspot', 'deal', 'currency', 'landed') }} as currency,
        {{ crm_landed_field('hubspot', 'deal', 'created_at', 'landed') }} as created_at,
        {{ crm_landed_field('hubspot', 'deal', 'closed_at', 'landed') }} as closed_at,
        {{ crm_landed_field('hubspot', 'deal', 'sourced_partner_id', 'landed') }} as sourced_partner_id,
        {{ crm_landed_field('hubspot', 'deal', 'reseller_partner_id', 'landed') }} as reseller_partner_id,
        {{ crm_landed_field('hubspot', 'deal', 'lead_source', 'landed') }} as lead_source,
        {{ crm_sync_columns('hubspot', 'deal', 'landed') }}
    from landed
)

select * from final
