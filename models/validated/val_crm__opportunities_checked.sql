{#-
    All raw opportunities, typed, each with the reason it cannot be used (null when usable).
    Joins here only check references against the usable rows of other tables; the rules are
    in docs/definitions.md, "Bad input".
-#}
{%- set raw_columns = ['opportunity_id', 'account_id', 'opportunity_name', 'opportunity_type', 'stage', 'amount',
    'currency', 'created_at', 'closed_at', 'is_won', 'sourced_partner_id', 'reseller_partner_id', 'lead_source'] -%}
{{ by_source_key_config(
    source_table='opportunities',
    key_column='opportunity_id',
    references=[
        {'column': 'account_id', 'model': 'val_crm__accounts', 'key': 'account_id'},
        {'column': 'sourced_partner_id', 'model': 'val_crm__partners', 'key': 'partner_id'},
        {'column': 'reseller_partner_id', 'model': 'val_crm__partners', 'key': 'partner_id'},
        {'column': 'currency', 'model': 'val_crm__currency_rates', 'key': 'currency'},
    ],
    vars=['reporting_currency'],
) }}
with

accounts as (
    select account_id from {{ ref('partner_attribution', 'val_crm__accounts') }}
),

partners as (
    select partner_id from {{ ref('partner_attribution', 'val_crm__partners') }}
),

rated_currencies as (
    select distinct currency from {{ ref('partner_attribution', 'val_crm__currency_rates') }}
),

{# the block is laid out inside the macro, where lint cannot follow it -#}
-- noqa: disable=LT02
{%- set rows_to_type = source_rows_to_type('opportunities', 'opportunity_id') %}
{% call typed_source_rows(rows_to_type, clean_text('opportunity_id'), raw_columns) %}
        {{ clean_text('opportunity_id') }} as record_key,
        {{ clean_text('opportunity_id') }} as opportunity_id,
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('opportunity_name') }} as opportunity_name,
        {{ clean_code('opportunity_type') }} as opportunity_type,
        {{ clean_text('stage') }} as stage,
        {{ parse_decimal('amount') }} as amount,
        -- an empty currency is the reporting currency (single-currency CRMs leave it blank)
        coalesce(upper({{ clean_text('currency') }}), '{{ partner_var("reporting_currency") }}') as currency,
        {{ parse_timestamp_utc('created_at') }} as created_at,
        {{ parse_timestamp_utc('closed_at') }} as closed_at,
        {{ parse_boolean('is_won') }} as is_won,
        {{ clean_text('sourced_partner_id') }} as sourced_partner_id,
        {{ clean_text('reseller_partner_id') }} as reseller_partner_id,
        {{ clean_text('lead_source') }} as lead_source,
        {#- a connector's mapping (conf_<crm>__opportunities) may reject a row for what the generic
            columns cannot carry, such as a stage no pipeline has -#}
        {%- if crm_source() == 'generic' %}
        cast(null as {{ dbt.type_string() }}) as source_rejection_reason,
        {%- else %}
        source_rejection_reason,
        {%- endif %}
        {{ is_unparsable('amount', parse_decimal('amount')) }} as is_bad_amount,
        {{ is_unparsable('created_at', parse_timestamp_utc('created_at')) }} as is_bad_created_at,
        {{ is_unparsable('closed_at', parse_timestamp_utc('closed_at')) }} as is_bad_closed_at,
        {{ is_invalid_boolean('is_won') }} as is_bad_is_won
{% endcall %},
-- noqa: enable=LT02

with_references as (
    select
        typed.*,
        accounts.account_id is not null as is_known_account,
        sourced_partners.partner_id is not null as is_known_sourced_partner,
        reseller_partners.partner_id is not null as is_known_reseller_partner,
        typed.currency = '{{ partner_var("reporting_currency") }}'
        or rated_currencies.currency is not null as has_currency_rate
    from typed
    left join accounts
        on typed.account_id = accounts.account_id
    left join partners as sourced_partners
        on typed.sourced_partner_id = sourced_partners.partner_id
    left join partners as reseller_partners
        on typed.reseller_partner_id = reseller_partners.partner_id
    left join rated_currencies
        on typed.currency = rated_currencies.currency
),

reasoned as (
    select
        with_references.*,
        nullif(concat_ws('; ', source_rejection_reason, {{ rejection_reason([
            ['opportunity_id is null', 'missing opportunity_id'],
            ['has_conflicting_duplicates', 'duplicate opportunity_id with conflicting values'],
            ['copy_number > 1', 'exact duplicate row'],
            ['account_id is null', 'missing account_id'],
            ['account_id is not null and not is_known_account', 'unknown account_id'],
            ['opportunity_type is null', 'missing opportunity_type'],
            ["opportunity_type not in ('new_business', 'expansion', 'renewal')", 'unknown opportunity_type'],
            ['is_bad_amount', 'unparsable amount'],
            ['amount < 0', 'negative amount'],
            ['not has_currency_rate', 'currency with no rate'],
            ['created_at is null and not is_bad_created_at', 'missing created_at'],
            ['is_bad_created_at', 'unparsable created_at'],
            ['is_bad_closed_at', 'unparsable closed_at'],
            ['closed_at < created_at', 'closed_at before created_at'],
            ['is_bad_is_won', 'invalid boolean in is_won'],
        ]) }}), '') as rejection_reason
    from with_references
),

final as (
    select
        record_key,
        opportunity_id,
        account_id,
        opportunity_name,
        opportunity_type,
        stage,
        amount,
        currency,
        created_at,
        closed_at,
        is_won,
        sourced_partner_id,
        reseller_partner_id,
        lead_source,
        is_known_sourced_partner,
        is_known_reseller_partner,
        -- the raw text is what a reject needs to be traced and fixed; usable rows are typed above
        case when rejection_reason is not null then {{ raw_record_json(raw_columns, 'raw__') }} end as raw_record,
        rejection_reason,
        raw_row_hash
    from reasoned
)

select * from final
