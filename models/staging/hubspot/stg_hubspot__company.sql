{#-
    HubSpot's company table as it landed: one row per landed row (in history mode, every
    version; the conformed models keep the live ones), each field of the field map (crm_fields,
    var hubspot_fields) under the mapping's column name, as text. No row is dropped and nothing is
    joined: what the conformed models leave out, audit.crm_left_out_rows says why.
-#}
{{ config(enabled=crm_source() == 'hubspot') }}
with

landed as (
    select * from {{ crm_landed_table('hubspot', 'company', 'landed') }}
),

final as (
    select
        {{ crm_landed_field('hubspot', 'company', 'account_id', 'landed') }} as account_id,
        {{ crm_landed_field('hubspot', 'company', 'account_name', 'landed') }} as account_name,
        {{ crm_landed_field('hubspot', 'company', 'industry', 'landed') }} as industry,
        {{ crm_landed_field('hubspot', 'company', 'region', 'landed') }} as region,
        {{ crm_landed_field('hubspot', 'company', 'country', 'landed') }} as country,
        {{ crm_landed_field('hubspot', 'company', 'employee_count', 'landed') }} as employee_count,
        {{ crm_landed_field('hubspot', 'company', 'created_at', 'landed') }} as created_at,
        {{ crm_landed_field('hubspot', 'company', 'partner_type', 'landed') }} as partner_type,
        {{ crm_landed_field('hubspot', 'company', 'tier', 'landed') }} as tier,
        {{ crm_landed_field('hubspot', 'company', 'joined_at', 'landed') }} as joined_at,
        {{ crm_landed_field('hubspot', 'company', 'partner_flag', 'landed') }} as partner_flag,
        {{ crm_sync_columns('hubspot', 'company', 'landed') }}
    from landed
)

select * from final
