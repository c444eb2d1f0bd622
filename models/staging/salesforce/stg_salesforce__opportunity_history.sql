{#-
    Salesforce's opportunity_history table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var salesforce_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

landed as (
    select * from {{ crm_landed_table('salesforce', 'opportunity_history', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('salesforce', 'opportunity_history', 'opportunity_id', 'landed') }}
            as opportunity_id,
        {{ crm_landed_field('salesforce', 'opportunity_history', 'stage', 'landed') }} as stage,
        {{ crm_landed_field('salesforce', 'opportunity_history', 'amount', 'landed') }} as amount,
        {{ crm_landed_field('salesforce', 'opportunity_history', 'changed_at', 'landed') }} as changed_at,
        {{ crm_sync_columns('salesforce', 'opportunity_history', 'landed') }}
    from landed
)

select * from final
