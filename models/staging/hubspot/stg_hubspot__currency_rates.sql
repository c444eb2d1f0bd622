{#-
    HubSpot's currency_rates table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var hubspot_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

landed as (
    select * from {{ crm_landed_table('hubspot', 'currency_rates', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('hubspot', 'currency_rates', 'currency', 'landed') }} as currency,
        {{ crm_landed_field('hubspot', 'currency_rates', 'rate_date', 'landed') }} as rate_date,
        {{ crm_landed_field('hubspot', 'currency_rates', 'rate_to_reporting', 'landed') }}
            as rate_to_reporting,
        {{ crm_sync_columns('hubspot', 'currency_rates', 'landed') }}
    from landed
)

select * from final
