{#-
    One row per live dated_conversion_rate row, in the generic export's currency rate columns
    (text). Salesforce gives units of the currency per unit of the corporate currency, so
    rate_to_reporting is its inverse; the corporate currency must be the reporting currency.
    The inverse is written with the 18 places of a rate (macro invert_rate, correctly rounded
    on every engine), so that multiplying by it is as exact as dividing by the rate: cast
    from a double and read back at 6 places, 1/15,500 was 0.000065 (+0.75% on every IDR deal).
    A rate that does not parse is passed on as it is (staging rejects it as unparsable), and a
    zero rate as 0 (rejected as not positive).
-#}
{{ config(enabled=crm_source() == 'salesforce') }}
with

rates as (
    select * from {{ ref('partner_attribution', 'stg_salesforce__dated_conversion_rate') }}
),

parsed as (
    select
        rates.currency,
        rates.rate_date,
        rates.conversion_rate,
        {{ parse_decimal('rates.conversion_rate', type_rate()) }}
            as conversion_rate_number
    from rates
    where {{ crm_row_is_live('salesforce', 'dated_conversion_rate', 'rates') }}
),

final as (
    select
        currency,
        rate_date,
        case
            when conversion_rate_number > 0
                then cast({{ invert_rate('conversion_rate_number') }} as {{ dbt.type_string() }})
            else conversion_rate
        end as rate_to_reporting
    from parsed
)

select * from final
