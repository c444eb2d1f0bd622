with

source as (
    select * from {{ source('crm', 'opportunity_stage_history') }}
),

opportunities as (
    select opportunity_id from {{ ref('stg_crm__opportunities') }}
),

typed as (
    select
        {{ clean_text('opportunity_id') }} || '@' || coalesce(
            cast({{ parse_timestamp_utc('changed_at') }} as {{ dbt.type_string() }}),
            {{ clean_text('changed_at') }}
        ) as record_key,
        {{ clean_text('opportunity_id') }} as opportunity_id,
        {{ clean_text('stage') }} as stage,
        {{ parse_decimal('amount') }} as amount,
        {{ parse_timestamp_utc('changed_at') }} as changed_at,
        {{ is_unparsable('amount', parse_decimal('amount')) }} as is_bad_amount,
        {{ is_unparsable('changed_at', parse_timestamp_utc('changed_at')) }} as is_bad_changed_at,
        {{ raw_record_json(['opportunity_id', 'stage', 'amount', 'changed_at']) }} as raw_record
    from source
),

{{ duplicate_key_ctes('typed') }},

with_references as (
    select
        with_duplicates.*,
        opportunities.opportunity_id is not null as is_known_opportunity
    from with_duplicates
    left join opportunities
        on with_duplicates.opportunity_id = opportunities.opportunity_id
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
        case when rejection_reason is not null then raw_record end as raw_record,
        rejection_reason
    from reasoned
)

select * from final
