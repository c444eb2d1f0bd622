with

source as (
    select * from {{ source('crm', 'currency_rates') }}
),

typed as (
    select
        upper({{ clean_text('currency') }}) || '@' || coalesce(
            cast(cast({{ parse_timestamp_utc('rate_date') }} as date) as {{ dbt.type_string() }}),
            {{ clean_text('rate_date') }}
        ) as record_key,
        upper({{ clean_text('currency') }}) as currency,
        cast({{ parse_timestamp_utc('rate_date') }} as date) as rate_date,
        {{ parse_decimal('rate_to_reporting') }} as rate_to_reporting,
        {{ is_unparsable('rate_date', parse_timestamp_utc('rate_date')) }} as is_bad_rate_date,
        {{ is_unparsable('rate_to_reporting', parse_decimal('rate_to_reporting')) }} as is_bad_rate,
        {{ raw_record_json(['currency', 'rate_date', 'rate_to_reporting']) }} as raw_record
    from source
),

{{ duplicate_key_ctes('typed') }},

reasoned as (
    select
        with_duplicates.*,
        {{ rejection_reason([
            ['currency is null', 'missing currency'],
            ['rate_date is null and not is_bad_rate_date', 'missing rate_date'],
            ['is_bad_rate_date', 'unparsable rate_date'],
            ['has_conflicting_duplicates', 'duplicate currency and rate_date with conflicting values'],
            ['copy_number > 1', 'exact duplicate row'],
            ['is_bad_rate', 'unparsable rate_to_reporting'],
            ['rate_to_reporting is null and not is_bad_rate', 'missing rate_to_reporting'],
            ['rate_to_reporting <= 0', 'rate_to_reporting is not positive'],
        ]) }} as rejection_reason
    from with_duplicates
),

final as (
    select
        record_key,
        currency,
        rate_date,
        rate_to_reporting,
        -- the raw text is what a reject needs to be traced and fixed; usable rows are typed above
        case when rejection_reason is not null then raw_record end as raw_record,
        rejection_reason
    from reasoned
)

select * from final
