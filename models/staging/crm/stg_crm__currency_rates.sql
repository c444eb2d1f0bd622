with

base as (
    select * from {{ ref('partner_attribution', 'base_crm__currency_rates') }}
),

final as (
    select
        currency,
        rate_date,
        rate_to_reporting
    from base
    where rejection_reason is null
)

select * from final
