{%- set raw_columns = ['partner_id', 'partner_name', 'partner_type', 'tier', 'region', 'joined_at'] -%}
with

{# the block is laid out inside the macro, where lint cannot follow it -#}
-- noqa: disable=LT02
{% call typed_source_rows(crm_input('partners'), clean_text('partner_id'), raw_columns) %}
        {{ clean_text('partner_id') }} as record_key,
        {{ clean_text('partner_id') }} as partner_id,
        {{ clean_text('partner_name') }} as partner_name,
        {{ clean_code('partner_type') }} as partner_type,
        {{ clean_code('tier') }} as tier,
        upper({{ clean_text('region') }}) as region,
        {{ parse_timestamp_utc('joined_at') }} as joined_at,
        {{ is_unparsable('joined_at', parse_timestamp_utc('joined_at')) }} as is_bad_joined_at
{% endcall %},
-- noqa: enable=LT02

reasoned as (
    select
        typed.*,
        {{ rejection_reason([
            ['partner_id is null', 'missing partner_id'],
            ['has_conflicting_duplicates', 'duplicate partner_id with conflicting values'],
            ['copy_number > 1', 'exact duplicate row'],
            ['is_bad_joined_at', 'unparsable joined_at'],
        ]) }} as rejection_reason
    from typed
),

final as (
    select
        record_key,
        partner_id,
        partner_name,
        partner_type,
        tier,
        region,
        joined_at,
        -- the raw text is what a reject needs to be traced and fixed; usable rows are typed above
        case when rejection_reason is not null then {{ raw_record_json(raw_columns, 'raw__') }} end as raw_record,
        rejection_reason
    from reasoned
)

select * from final
