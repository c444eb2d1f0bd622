{%- set raw_columns = ['opportunity_id', 'stage', 'amount', 'changed_at'] -%}
{#- the key and the block are laid out inside the macro, where lint cannot follow them -#}
-- noqa: disable=LT02
{#- the key a duplicate shares: the parsed date when it parses, else the text -#}
{%- set record_key -%}
    {{ clean_text('opportunity_id') }} || '@' || coalesce(
        cast({{ parse_timestamp_utc('changed_at') }} as {{ dbt.type_string() }}),
        {{ clean_text('changed_at') }}
    )
{%- endset %}
{#- incremental by opportunity: every row of a duplicate key (opportunity@changed_at) shares it -#}
{{ by_source_key_config(
    source_table='opportunity_stage_history',
    key_column='opportunity_id',
    references=[{'column': 'opportunity_id', 'model': 'val_crm__opportunities', 'key': 'opportunity_id'}],
) }}
with

opportunities as (
    select opportunity_id from {{ ref('partner_attribution', 'val_crm__opportunities') }}
),

{% set rows_to_type = source_rows_to_type('opportunity_stage_history', 'opportunity_id') -%}
{% call typed_source_rows(rows_to_type, record_key, raw_columns) %}
        {{ record_key }} as record_key,
        {{ clean_text('opportunity_id') }} as opportunity_id,
        {{ clean_text('stage') }} as stage,
        {{ parse_decimal('amount') }} as amount,
        {{ parse_timestamp_utc('changed_at') }} as changed_at,
        {{ is_unparsable('amount', parse_decimal('amount')) }} as is_bad_amount,
        {{ is_unparsable('changed_at', parse_timestamp_utc('changed_at')) }} as is_bad_changed_at
{% endcall %},
-- noqa: enable=LT02

with_references as (
    select
        typed.*,
        opportunities.opportunity_id is not null as is_known_opportunity
    from typed
    left join opportunities
        on typed.opportunity_id = opportunities.opportunity_id
),

reasoned as (
    select
        with_references.*,
        {{ rejection_reason([
            ['opportunity_id is null', 'missing opportunity_id'],
            ['opportunity_id is not null and not is_known_opportunity', 'unknown opportunity_id'],
            ['changed_at is null and not is_bad_changed_at', 'missing changed_at'],
            ['is_bad_changed_at', 'unparsable changed_at'],
            ['has_conflicting_duplicates', 'duplicate opportunity_id and changed_at with conflicting values'],
            ['copy_number > 1', 'exact duplicate row'],
            ['is_bad_amount', 'unparsable amount'],
            ['amount < 0', 'negative amount'],
        ]) }} as rejection_reason
    from with_references
),

final as (
    select
        record_key,
        opportunity_id,
        stage,
        amount,
        changed_at,
        -- the raw text is what a reject needs to be traced and fixed; usable rows are typed above
        case when rejection_reason is not null then {{ raw_record_json(raw_columns, 'raw__') }} end as raw_record,
        rejection_reason,
        raw_row_hash
    from reasoned
)

select * from final
