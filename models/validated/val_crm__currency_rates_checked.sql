{%- set raw_columns = ['currency', 'rate_date', 'rate_to_reporting'] -%}
{#- the key and the block are laid out inside the macro, where lint cannot follow them -#}
-- noqa: disable=LT02
{#- the key a duplicate shares: the parsed date when it parses, else the text -#}
{%- set record_key -%}
    upper({{ clean_text('currency') }}) || '@' || coalesce(
        cast(cast({{ parse_timestamp_utc('rate_date') }} as date) as {{ dbt.type_string() }}),
        {{ clean_text('rate_date') }}
    )
{%- endset %}
with

{% call typed_source_rows(crm_input('currency_rates'), record_key, raw_columns) %}
        {{ record_key }} as record_key,
        upper({{ clean_text('currency') }}) as currency,
        cast({{ parse_timestamp_utc('rate_date') }} as date) as rate_date,
        {#- a rate keeps 18 places (macro type_rate): at an amount's 6, 1/15,500 was 0.000065 #}
        {{ parse_decimal('rate_to_reporting', type_rate()) }} as rate_to_reporting,
        {{ is_unparsable('rate_date', parse_timestamp_utc('rate_date')) }} as is_bad_rate_date,
        {{ is_unparsable('rate_to_reporting', parse_decimal('rate_to_reporting', type_rate())) }} as is_bad_rate
{% endcall %},
-- noqa: enable=LT02

reasoned as (
    select
        typed.*,
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
    from typed
),

final as (
    select
        record_key,
        currency,
        rate_date,
        rate_to_reporting,
        -- the raw text is what a reject needs to be traced and fixed; usable rows are typed above
        case when rejection_reason is not null then {{ raw_record_json(raw_columns, 'raw__') }} end as raw_record,
        rejection_reason
    from reasoned
)

select * from final
