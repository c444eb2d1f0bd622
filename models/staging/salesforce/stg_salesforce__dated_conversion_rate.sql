{#-
    Salesforce's dated_conversion_rate table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var salesforce_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

landed as (
    select * from {{ crm_landed_table('salesforce', 'dated_conversion_rate', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('salesforce', 'dated_conversion_rate', 'currency', 'landed') }} as currency,
        {{ crm_landed_field('salesforce', 'dated_conversion_rate', 'rate_date', 'landed') }} as rate_date,
        {{ crm_landed_field('salesforce', 'dated_conversion_rate', 'conversion_rate', 'landed') }}
            as conversion_rate,
        {{ crm_sync_columns('salesforce', 'dated_conversion_rate', 'landed') }}
    from landed
)

select * from final
