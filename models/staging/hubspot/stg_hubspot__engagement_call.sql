{#-
    HubSpot's engagement_call table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var hubspot_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

landed as (
    select * from {{ crm_landed_table('hubspot', 'engagement_call', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('hubspot', 'engagement_call', 'activity_id', 'landed') }} as activity_id,
        {{ crm_landed_field('hubspot', 'engagement_call', 'occurred_at', 'landed') }} as occurred_at,
        {{ crm_landed_field('hubspot', 'engagement_call', 'activity_type', 'landed') }} as activity_type,
        {{ crm_landed_field('hubspot', 'engagement_call', 'direction', 'landed') }} as direction,
        {{ crm_landed_field('hubspot', 'engagement_call', 'status', 'landed') }} as status,
        {{ crm_landed_field('hubspot', 'engagement_call', 'is_qualified', 'landed') }} as is_qualified,
        {{ crm_landed_field('hubspot', 'engagement_call', 'funded_by', 'landed') }} as funded_by,
        {{ crm_landed_field('hubspot', 'engagement_call', 'amount', 'landed') }} as amount,
        {{ crm_landed_field('hubspot', 'engagement_call', 'notes', 'landed') }} as notes,
        {{ crm_sync_columns('hubspot', 'engagement_call', 'landed') }}
    from landed
)

select * from final
