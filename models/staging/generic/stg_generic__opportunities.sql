{#-
    The generic export's opportunities table as it landed: every row, the export's columns by name
    (a file's extra columns are left behind). The export already has the generic shape, so there is
    nothing to rename or map; the validated layer types and checks every value, where a value it
    cannot read becomes a reject row with its reason.
-#}
{{ config(enabled=crm_source() == 'generic') }}
with

landed as (
    select * from {{ source('partner_attribution_crm', 'opportunities') }}
),

final as (
    select
        opportunity_id,
        account_id,
        opportunity_name,
        opportunity_type,
        stage,
        amount,
        currency,
        created_at,
        closed_at,
        is_won,
        sourced_partner_id,
        reseller_partner_id,
        lead_source
    from landed
)

select * from final
