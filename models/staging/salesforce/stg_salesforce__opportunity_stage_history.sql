{#-
    One row per live opportunity_history row (a stage or amount change), in the generic
    export's stage history columns (text).
-#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

history as (
    select * from {{ crm_table('salesforce', 'opportunity_history') }}
),

final as (
    select
        {{ crm_field('salesforce', 'opportunity_history', 'opportunity_id', 'history') }} as opportunity_id,
        {{ crm_field('salesforce', 'opportunity_history', 'stage', 'history') }} as stage,
        {{ crm_field('salesforce', 'opportunity_history', 'amount', 'history') }} as amount,
        {{ crm_field('salesforce', 'opportunity_history', 'changed_at', 'history') }} as changed_at
    from history
    where {{ crm_row_is_live('salesforce', 'opportunity_history', 'history') }}
)

select * from final
