{#-
    The generic export's opportunity_stage_history table as it landed: every row, the export's columns by name
    (a file's extra columns are left behind). The export already has the generic shape, so there is
    nothing to rename or map; the validated layer types and checks every value, where a value it
    cannot read becomes a reject row with its reason.
-#}
{{ config(enabled=crm_source() == 'generic') }}
with

landed as (
    select * from {{ source('partner_attribution_crm', 'opportunity_stage_history') }}
),

final as (
    select
        opportunity_id,
        stage,
        amount,
        changed_at
    from landed
)

select * from final
