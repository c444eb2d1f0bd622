{%- set raw_columns = ['account_id', 'account_name', 'industry', 'region', 'country', 'employee_count',
    'created_at'] -%}
{{ by_source_key_config(source_table='accounts', key_column='account_id') }}
with

{# the block is laid out inside the macro, where lint cannot follow it -#}
-- noqa: disable=LT02
{% call typed_source_rows(source_rows_to_type('accounts', 'account_id'), clean_text('account_id'), raw_columns) %}
        {{ clean_text('account_id') }} as record_key,
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('account_name') }} as account_name,
        {{ clean_text('industry') }} as industry,
        upper({{ clean_text('region') }}) as region,
        {{ clean_text('country') }} as country,
        {{ parse_integer('employee_count') }} as employee_count,
        {{ parse_timestamp_utc('created_at') }} as created_at,
        {{ is_unparsable('employee_count', parse_integer('employee_count')) }} as is_bad_employee_count,
        {{ is_unparsable('created_at', parse_timestamp_utc('created_at')) }} as is_bad_created_at
{% endcall %},
-- noqa: enable=LT02

reasoned as (
    select
        typed.*,
        {{ rejection_reason([
            ['account_id is null', 'missing account_id'],
            ['has_conflicting_duplicates', 'duplicate account_id with conflicting values'],
            ['copy_number > 1', 'exact duplicate row'],
            ['is_bad_employee_count', 'unparsable employee_count'],
            ['is_bad_created_at', 'unparsable created_at'],
        ]) }} as rejection_reason
    from typed
),

final as (
    select
        record_key,
        account_id,
        account_name,
        industry,
        region,
        country,
        employee_count,
        created_at,
        -- the raw text is what a reject needs to be traced and fixed; usable rows are typed above
        case when rejection_reason is not null then {{ raw_record_json(raw_columns, 'raw__') }} end as raw_record,
        rejection_reason,
        raw_row_hash
    from reasoned
)

select * from final
