with

checked as (
    select * from {{ ref('partner_attribution', 'val_crm__currency_rates_checked') }}
),

final as (
    select
        currency,
        rate_date,
        rate_to_reporting
    from checked
    where rejection_reason is null
)

select * from final
