{#-
    All raw partner activities, typed, each with the reason it cannot be used (null when
    usable). An activity with an opportunity_id and no account_id takes the opportunity's
    account (spec "Bad input"). References are checked against the usable rows of partners,
    accounts, opportunities and the activity_types seed.
-#}
{%- set raw_columns = ['activity_id', 'partner_id', 'account_id', 'opportunity_id', 'activity_type',
    'occurred_at', 'direction', 'status', 'is_qualified', 'funded_by', 'amount', 'notes'] -%}
{#-
    The stored account_id is the resolved one: an opportunity's account reaches it through the
    opportunity's carried account_id.
-#}
{{ by_source_key_config(
    source_table='partner_activities',
    key_column='activity_id',
    references=[
        {'column': 'partner_id', 'model': 'val_crm__partners', 'key': 'partner_id'},
        {'column': 'account_id', 'model': 'val_crm__accounts', 'key': 'account_id'},
        {'column': 'opportunity_id', 'model': 'val_crm__opportunities', 'key': 'opportunity_id',
         'carried': ['account_id']},
        {'column': 'activity_type', 'model': 'partner_attribution__activity_types', 'key': 'activity_type'},
    ],
) }}
with

partners as (
    select partner_id from {{ ref('partner_attribution', 'val_crm__partners') }}
),

accounts as (
    select account_id from {{ ref('partner_attribution', 'val_crm__accounts') }}
),

opportunities as (
    select
        opportunity_id,
        account_id
    from {{ ref('partner_attribution', 'val_crm__opportunities') }}
),

activity_types as (
    select activity_type from {{ ref('partner_attribution', 'partner_attribution__activity_types') }}
),

{# the block is laid out inside the macro, where lint cannot follow it -#}
-- noqa: disable=LT02
{%- set rows_to_type = source_rows_to_type('partner_activities', 'activity_id') %}
{% call typed_source_rows(rows_to_type, clean_text('activity_id'), raw_columns) %}
        {{ clean_text('activity_id') }} as record_key,
        {{ clean_text('activity_id') }} as activity_id,
        {{ clean_text('partner_id') }} as partner_id,
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('opportunity_id') }} as opportunity_id,
        {{ clean_code('activity_type') }} as activity_type,
        {{ parse_timestamp_utc('occurred_at') }} as occurred_at,
        -- empty direction = inbound (spec "Raw input")
        coalesce({{ clean_code('direction') }}, 'inbound') as direction,
        {{ clean_code('status') }} as status,
        {{ parse_boolean('is_qualified') }} as is_qualified,
        {{ clean_code('funded_by') }} as funded_by,
        {{ parse_decimal('amount') }} as amount,
        {{ clean_text('notes') }} as notes,
        {{ is_unparsable('occurred_at', parse_timestamp_utc('occurred_at')) }} as is_bad_occurred_at,
        {{ is_unparsable('amount', parse_decimal('amount')) }} as is_bad_amount,
        {{ is_invalid_boolean('is_qualified') }} as is_bad_is_qualified
{% endcall %},
-- noqa: enable=LT02

with_references as (
    select
        typed.*,
        coalesce(typed.account_id, opportunities.account_id) as resolved_account_id,
        partners.partner_id is not null as is_known_partner,
        accounts.account_id is not null as is_known_account,
        opportunities.opportunity_id is not null as is_known_opportunity,
        activity_types.activity_type is not null as is_known_activity_type
    from typed
    left join partners
        on typed.partner_id = partners.partner_id
    left join accounts
        on typed.account_id = accounts.account_id
    left join opportunities
        on typed.opportunity_id = opportunities.opportunity_id
    left join activity_types
        on typed.activity_type = activity_types.activity_type
),

reasoned as (
    select
        with_references.*,
        {{ rejection_reason([
            ['activity_id is null', 'missing activity_id'],
            ['has_conflicting_duplicates', 'duplicate activity_id with conflicting values'],
            ['copy_number > 1', 'exact duplicate row'],
            ['partner_id is null', 'missing partner_id'],
            ['partner_id is not null and not is_known_partner', 'unknown partner_id'],
            ['account_id is null and opportunity_id is null', 'missing account_id and opportunity_id'],
            ['account_id is not null and not is_known_account', 'unknown account_id'],
            ['opportunity_id is not null and not is_known_opportunity', 'unknown opportunity_id'],
            ['activity_type is null', 'missing activity_type'],
            ['activity_type is not null and not is_known_activity_type', 'unknown activity_type'],
            ['occurred_at is null and not is_bad_occurred_at', 'missing occurred_at'],
            ['is_bad_occurred_at', 'unparsable occurred_at'],
            ["direction not in ('inbound', 'outbound')", 'unknown direction'],
            ["status not in ('submitted', 'approved', 'rejected', 'expired')", 'unknown status'],
            ['is_bad_is_qualified', 'invalid boolean in is_qualified'],
            ["funded_by not in ('partner', 'us', 'shared')", 'unknown funded_by'],
            ['is_bad_amount', 'unparsable amount'],
            ['amount < 0', 'negative amount'],
        ]) }} as rejection_reason
    from with_references
),

final as (
    select
        record_key,
        activity_id,
        partner_id,
        resolved_account_id as account_id,
        opportunity_id,
        activity_type,
        occurred_at,
        direction,
        status,
        is_qualified,
        funded_by,
        amount,
        notes,
        -- the raw text is what a reject needs to be traced and fixed; usable rows are typed above
        case when rejection_reason is not null then {{ raw_record_json(raw_columns, 'raw__') }} end as raw_record,
        rejection_reason,
        raw_row_hash
    from reasoned
)

select * from final
