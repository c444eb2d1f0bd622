{#-
    One row per change of a live deal_property_history row of the property dealstage, in the
    generic export's stage history columns (text): the stage's label (its id where no stage
    has it; a deleted or archived stage still names it). HubSpot records the amount as a
    property of its own, so amount is empty.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

history as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__deal_property_history') }}
),

stages as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__deal_pipeline_stage') }}
),

stage_labels as (
    select
        stages.stage_id,
        stages.label as stage_label
    from stages
    where {{ crm_row_is_live('hubspot', 'deal_pipeline_stage', 'stages') }}
),

stage_changes as (
    select
        history.opportunity_id,
        history.value as stage_id,
        history.changed_at
    from history
    -- the dealstage changes of deals not deleted (crm_table_rules)
    where {{ crm_row_is_live('hubspot', 'deal_property_history', 'history') }}
),

final as (
    select
        stage_changes.opportunity_id,
        coalesce(stage_labels.stage_label, stage_changes.stage_id) as stage,
        cast(null as {{ dbt.type_string() }}) as amount,
        stage_changes.changed_at
    from stage_changes
    left join stage_labels
        on stage_changes.stage_id = stage_labels.stage_id
)

select * from final
