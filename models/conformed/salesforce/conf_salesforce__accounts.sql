{#- One row per live Salesforce account that is not a partner, in the generic export's account columns (text). -#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

final as (
    {{ crm_accounts('salesforce', 'account', 'salesforce_partner_account_values', is_partner=false) }}
)

select * from final
