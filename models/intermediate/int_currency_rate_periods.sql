{#-
    One row per currency and rate period: the rate that applies to a conversion date from
    valid_from (inclusive) to valid_to (exclusive). Spec: the rate with the latest
    rate_date <= the conversion date, else the currency's earliest rate; so the earliest rate
    also covers every date before it (valid_from is the far past). The reporting currency
    converts at 1 when the rates table does not list it.
-#}
with

rates as (
    select * from {{ ref('partner_attribution', 'val_crm__currency_rates') }}
),

periods as (
    select
        currency,
        rate_to_reporting,
        case
            when row_number() over (partition by currency order by rate_date) = 1
                then cast('0001-01-01' as date)
            else rate_date
        end as valid_from,
        coalesce(
            lead(rate_date) over (partition by currency order by rate_date),
            cast('9999-12-31' as date)
        ) as valid_to
    from rates
),

reporting_currency_rates as (
    select count(*) as rate_count
    from rates
    where currency = '{{ partner_var("reporting_currency") }}'
),

reporting_currency as (
    select
        '{{ partner_var("reporting_currency") }}' as currency,
        cast(1 as {{ type_rate() }}) as rate_to_reporting,
        cast('0001-01-01' as date) as valid_from,
        cast('9999-12-31' as date) as valid_to
    from reporting_currency_rates
    where rate_count = 0
),

final as (
    select
        currency,
        rate_to_reporting,
        valid_from,
        valid_to
    from periods
    union all
    select
        currency,
        rate_to_reporting,
        valid_from,
        valid_to
    from reporting_currency
)

select * from final
