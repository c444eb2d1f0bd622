{#-
    HubSpot's engagement table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var hubspot_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

landed as (
    select * from {{ crm_landed_table('hubspot', 'engagement', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('hubspot', 'engagement', 'activity_id', 'landed') }} as activity_id,
        {{ crm_landed_field('hubspot', 'engagement', 'type', 'landed') }} as type,
        {{ crm_landed_field('hubspot', 'engagement', 'occurred_at', 'landed') }} as occurred_at,
        {{ crm_landed_field('hubspot', 'engagement', 'activity_type', 'landed') }} as activity_type,
        {{ crm_landed_field('hubspot', 'engagement', 'direction', 'landed') }} as direction,
        {{ crm_landed_field('hubspot', 'engagement', 'status', 'landed') }} as status,
        {{ crm_landed_field('hubspot', 'engagement', 'is_qualified', 'landed') }} as is_qualified,
        {{ crm_landed_field('hubspot', 'engagement', 'funded_by', 'landed') }} as funded_by,
        {{ crm_landed_field('hubspot', 'engagement', 'amount', 'landed') }} as amount,
        {{ crm_landed_field('hubspot', 'engagement', 'notes', 'landed') }} as notes,
        {{ crm_sync_columns('hubspot', 'engagement', 'landed') }}
    from landed
)

select * from final
