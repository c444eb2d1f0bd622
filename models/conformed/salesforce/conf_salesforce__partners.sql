{#- One row per live Salesforce partner account, in the generic export's partner columns (text). -#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

final as (
    {{ crm_accounts('salesforce', 'account', 'salesforce_partner_account_values', is_partner=true) }}
)

select * from final
