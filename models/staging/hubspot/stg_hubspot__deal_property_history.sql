{#-
    HubSpot's deal_property_history table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var hubspot_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

landed as (
    select * from {{ crm_landed_table('hubspot', 'deal_property_history', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('hubspot', 'deal_property_history', 'opportunity_id', 'landed') }}
            as opportunity_id,
        {{ crm_landed_field('hubspot', 'deal_property_history', 'property', 'landed') }} as property,
        {{ crm_landed_field('hubspot', 'deal_property_history', 'value', 'landed') }} as value,
        {{ crm_landed_field('hubspot', 'deal_property_history', 'changed_at', 'landed') }} as changed_at,
        {{ crm_sync_columns('hubspot', 'deal_property_history', 'landed') }}
    from landed
)

select * from final
