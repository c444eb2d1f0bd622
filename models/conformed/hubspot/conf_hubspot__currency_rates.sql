{#-
    One row per row of the optional currency_rates table beside the HubSpot tables, already in
    the generic export's columns (text): Fivetran's HubSpot schema has no exchange rates.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

rates as (
    select * from {{ ref('partner_attribution', 'stg_hubspot__currency_rates') }}
),

final as (
    select
        rates.currency,
        rates.rate_date,
        rates.rate_to_reporting
    from rates
)

select * from final
