{#-
    HubSpot's deal_pipeline_stage table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var hubspot_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

landed as (
    select * from {{ crm_landed_table('hubspot', 'deal_pipeline_stage', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('hubspot', 'deal_pipeline_stage', 'stage_id', 'landed') }} as stage_id,
        {{ crm_landed_field('hubspot', 'deal_pipeline_stage', 'label', 'landed') }} as label,
        {{ crm_landed_field('hubspot', 'deal_pipeline_stage', 'is_closed', 'landed') }} as is_closed,
        {{ crm_landed_field('hubspot', 'deal_pipeline_stage', 'closed_won', 'landed') }} as closed_won,
        {{ crm_landed_field('hubspot', 'deal_pipeline_stage', 'probability', 'landed') }} as probability,
        {{ crm_sync_columns('hubspot', 'deal_pipeline_stage', 'landed') }}
    from landed
)

select * from final
