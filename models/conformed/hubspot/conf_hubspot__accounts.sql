{#- One row per live HubSpot company that is not a partner, in the generic export's account columns (text). -#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

final as (
    {{ crm_accounts('hubspot', 'company', 'hubspot_partner_company_values', is_partner=false) }}
)

select * from final
