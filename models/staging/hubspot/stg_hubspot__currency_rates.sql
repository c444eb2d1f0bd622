{#-
    One row per row of the optional currency_rates table beside the HubSpot tables, already in
    the generic export's columns (text): Fivetran's HubSpot schema has no exchange rates.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

rates as (
    select * from {{ crm_table('hubspot', 'currency_rates') }}
),

final as (
    select
        {{ crm_field('hubspot', 'currency_rates', 'currency', 'rates') }} as currency,
        {{ crm_field('hubspot', 'currency_rates', 'rate_date', 'rates') }} as rate_date,
        {{ crm_field('hubspot', 'currency_rates', 'rate_to_reporting', 'rates') }} as rate_to_reporting
    from rates
)

select * from final
