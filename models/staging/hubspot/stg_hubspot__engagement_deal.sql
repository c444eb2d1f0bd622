{#-
    HubSpot's engagement_deal table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var hubspot_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

landed as (
    select * from {{ crm_landed_table('hubspot', 'engagement_deal', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('hubspot', 'engagement_deal', 'activity_id', 'landed') }} as activity_id,
        {{ crm_landed_field('hubspot', 'engagement_deal', 'opportunity_id', 'landed') }} as opportunity_id,
        {{ crm_sync_columns('hubspot', 'engagement_deal', 'landed') }}
    from landed
)

select * from final
