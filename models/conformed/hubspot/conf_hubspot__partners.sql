{#- One row per live HubSpot partner company, in the generic export's partner columns (text). -#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

final as (
    {{ crm_accounts('hubspot', 'company', 'hubspot_partner_company_values', is_partner=true) }}
)

select * from final
