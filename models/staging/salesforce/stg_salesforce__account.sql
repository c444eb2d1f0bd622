{#-
    Salesforce's account table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var salesforce_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

landed as (
    select * from {{ crm_landed_table('salesforce', 'account', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('salesforce', 'account', 'account_id', 'landed') }} as account_id,
        {{ crm_landed_field('salesforce', 'account', 'account_name', 'landed') }} as account_name,
        {{ crm_landed_field('salesforce', 'account', 'industry', 'landed') }} as industry,
        {{ crm_landed_field('salesforce', 'account', 'region', 'landed') }} as region,
        {{ crm_landed_field('salesforce', 'account', 'country', 'landed') }} as country,
        {{ crm_landed_field('salesforce', 'account', 'employee_count', 'landed') }} as employee_count,
        {{ crm_landed_field('salesforce', 'account', 'created_at', 'landed') }} as created_at,
        {{ crm_landed_field('salesforce', 'account', 'partner_type', 'landed') }} as partner_type,
        {{ crm_landed_field('salesforce', 'account', 'tier', 'landed') }} as tier,
        {{ crm_landed_field('salesforce', 'account', 'joined_at', 'landed') }} as joined_at,
        {{ crm_landed_field('salesforce', 'account', 'partner_flag', 'landed') }} as partner_flag,
        {{ crm_sync_columns('salesforce', 'account', 'landed') }}
    from landed
)

select * from final
