{#-
    Salesforce's dated conversion rates are units of a currency per unit of the org's corporate
    currency, and conf_salesforce__currency_rates inverts them into units of the reporting
    currency: right only when the two are the same currency, whose own rate is then 1. Returns
    the rates of the reporting currency that are not 1 (another corporate currency: every
    converted amount would be off). Built only when the var crm_source is salesforce.
-#}
{{ config(enabled=crm_source() == 'salesforce') }}

with

rates as (
    select * from {{ ref('partner_attribution', 'stg_salesforce__dated_conversion_rate') }}
),

reporting_currency_rates as (
    select
        rates.currency,
        rates.rate_date,
        {{ parse_decimal('rates.conversion_rate') }} as conversion_rate
    from rates
    where {{ crm_row_is_live('salesforce', 'dated_conversion_rate', 'rates') }}
        and upper(trim(rates.currency)) = '{{ partner_var("reporting_currency") }}'
),

final as (
    select * from reporting_currency_rates
    where conversion_rate is null or conversion_rate <> 1
)

select * from final
