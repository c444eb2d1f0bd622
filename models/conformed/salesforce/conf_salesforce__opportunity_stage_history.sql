{#-
    One row per live opportunity_history row (a stage or amount change), in the generic
    export's stage history columns (text).
-#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

history as (
    select * from {{ ref('partner_attribution', 'stg_salesforce__opportunity_history') }}
),

final as (
    select
        history.opportunity_id,
        history.stage,
        history.amount,
        history.changed_at
    from history
    where {{ crm_row_is_live('salesforce', 'opportunity_history', 'history') }}
)

select * from final
