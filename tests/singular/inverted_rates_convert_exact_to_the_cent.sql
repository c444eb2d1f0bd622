{#-
    Salesforce's inverted rates, through the whole chain to the cent, on every engine: a
    dated conversion rate (units per unit of the reporting currency, as text) is inverted as
    conf_salesforce__currency_rates does (macro invert_rate, written out as text), read back
    as val_crm__currency_rates_checked reads a rate (parse_decimal at type_rate), and converts an
    amount as int_opportunities_as_of does (convert_amount). 3.1 bn IDR at 15,500 per USD is
    200,000.00 USD exactly (the double inverse read back at 6 places made it 201,500), and
    likewise VND, KRW, JPY and BHD (3 decimals); the total is 510,001.00. Returns the
    conversions that miss. Built on every engine and source, as the model itself is built
    only when crm_source is salesforce.
-#}
with

cases as (
    select
        'IDR' as currency,
        '15500' as conversion_rate,
        '3100000000' as amount_local,
        200000 as expected
    union all
    select
        'VND' as currency,
        '24500' as conversion_rate,
        '2450000000' as amount_local,
        100000 as expected
    union all
    select
        'KRW' as currency,
        '1350' as conversion_rate,
        '135000000' as amount_local,
        100000 as expected
    union all
    select
        'JPY' as currency,
        '150' as conversion_rate,
        '15000000' as amount_local,
        100000 as expected
    union all
    select
        'BHD' as currency,
        '0.376' as conversion_rate,
        '3760.376' as amount_local,
        10001 as expected
),

inverted as (
    select
        currency,
        amount_local,
        expected,
        cast({{ invert_rate(parse_decimal('conversion_rate', type_rate())) }} as {{ dbt.type_string() }})
            as rate_to_reporting
    from cases
),

converted as (
    select
        currency,
        expected,
        {{ convert_amount(parse_decimal('amount_local'), parse_decimal('rate_to_reporting', type_rate())) }} as amount
    from inverted
),

misses as (
    select
        currency,
        amount,
        expected
    from converted
    where amount is null or amount <> cast(expected as {{ type_amount() }})
    union all
    select
        'total' as currency,
        sum(amount) as amount,
        510001 as expected
    from converted
    having sum(amount) <> cast(510001 as {{ type_amount() }})
),

final as (
    select * from misses
)

select * from final
