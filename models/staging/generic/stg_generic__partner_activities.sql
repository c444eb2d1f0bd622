{#-
    The generic export's partner_activities table as it landed: every row, the export's columns by name
    (a file's extra columns are left behind). The export already has the generic shape, so there is
    nothing to rename or map; the validated layer types and checks every value, where a value it
    cannot read becomes a reject row with its reason.
-#}
{{ config(enabled=crm_source() == 'generic') }}
with

landed as (
    select * from {{ source('partner_attribution_crm', 'partner_activities') }}
),

final as (
    select
        activity_id,
        partner_id,
        account_id,
        opportunity_id,
        activity_type,
        occurred_at,
        direction,
        status,
        is_qualified,
        funded_by,
        amount,
        notes
    from landed
)

select * from final
