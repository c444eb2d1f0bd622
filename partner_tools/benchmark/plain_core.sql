-- plain_core.sql: the project's core marts written directly in DuckDB SQL, as the yardstick
-- for the dbt build (issue 7). From the raw CRM export (one <table>.csv or <table>.parquet per
-- table, docs/definitions.md "Raw input") it builds three tables in the connected
-- database, with the columns of the dbt marts:
--     plain_opportunities          = fct_opportunities
--     plain_opportunity_partners   = fct_opportunity_partners
--     plain_partner_attribution    = fct_partner_attribution
--
-- Parameters are DuckDB variables, set on the connection before this script runs:
--     set variable raw_dir = '/path/to/export';      -- required
--     set variable as_of_date = '2025-12-31';        -- required (the marts describe the end of that day, UTC)
--     set variable raw_format = 'parquet';           -- optional: csv or parquet (default: the format of opportunities.*)
--     set variable temp_directory = '/tmp/spill';    -- optional (default: DuckDB's, next to the database file)
-- and the definitions, each named and typed as the project's var of the same name (dbt_project.yml),
-- all required, so that the yardstick computes what the project, as the user configured it, computes:
--     attribution_lookback_days, post_close_window_days, sourcing_lookback_days,
--     sourcing_grace_days (integers); time_decay_half_life_days (a number);
--     sourcing_requires_qualification, sourcing_exclude_us_funded, sourcing_trust_crm_field (booleans);
--     sourcing_tie_breaker (earliest, split or contested); reporting_currency (text);
--     sourceable_opportunity_types, partner_led_regions (lists of text);
--     custom_attribution_models (the var as JSON text: [{"name": ..., "first_share": ..., "last_share": ...}]);
--     activity_types_seed (the path of the project's seeds/partner_attribution__activity_types.csv,
--     read as the activity vocabulary).
-- python -m partner_tools.benchmark.plain_core sets them all from the project's resolved vars and
-- runs this file (partner_tools/benchmark/plain_core.py); check_plain_core and run_benchmark use it.
--
-- Bad input is handled as the project's staging does (spec "Bad input"): a raw row that cannot
-- be used is dropped, with the same rules (missing or duplicate key: conflicting copies all go,
-- exact copies keep one; unknown references; unparsable values; negative amounts; a currency
-- with no rate). Only the tables the core needs are read (not opportunity_stage_history).

-- ---------------------------------------------------------------------------------------------
-- session: as profiles.yml's duckdb target
-- ---------------------------------------------------------------------------------------------
set memory_limit = '6GB';
set threads = 2;
set temp_directory = coalesce(getvariable('temp_directory'), current_setting('temp_directory'));
set preserve_insertion_order = false;
-- timestamps without an offset are UTC; pin the zone so no local zone leaks into a cast
set TimeZone = 'UTC';

select error('plain_core.sql: set variable raw_dir (the export directory) first')
where getvariable('raw_dir') is null;
select error('plain_core.sql: set variable as_of_date (YYYY-MM-DD) first')
where getvariable('as_of_date') is null;
select error('plain_core.sql: set variable ' || name || ' first (the project var of that name)')
from (
    values
        ('attribution_lookback_days', getvariable('attribution_lookback_days') is null),
        ('post_close_window_days', getvariable('post_close_window_days') is null),
        ('sourcing_lookback_days', getvariable('sourcing_lookback_days') is null),
        ('sourcing_grace_days', getvariable('sourcing_grace_days') is null),
        ('sourcing_requires_qualification', getvariable('sourcing_requires_qualification') is null),
        ('sourcing_exclude_us_funded', getvariable('sourcing_exclude_us_funded') is null),
        ('sourcing_tie_breaker', getvariable('sourcing_tie_breaker') is null),
        ('sourcing_trust_crm_field', getvariable('sourcing_trust_crm_field') is null),
        ('sourceable_opportunity_types', getvariable('sourceable_opportunity_types') is null),
        ('time_decay_half_life_days', getvariable('time_decay_half_life_days') is null),
        ('partner_led_regions', getvariable('partner_led_regions') is null),
        ('reporting_currency', getvariable('reporting_currency') is null),
        ('custom_attribution_models', getvariable('custom_attribution_models') is null),
        ('activity_types_seed', getvariable('activity_types_seed') is null)
) as required (name, is_missing)
where is_missing;
select error('plain_core.sql: sourcing_tie_breaker must be earliest, split or contested, not '
    || getvariable('sourcing_tie_breaker'))
where getvariable('sourcing_tie_breaker') not in ('earliest', 'split', 'contested');

set variable raw_format = coalesce(
    lower(getvariable('raw_format')),
    (
        select case when count(*) > 0 then 'parquet' else 'csv' end
        from glob(rtrim(getvariable('raw_dir'), '/') || '/opportunities.parquet')
    )
);
select error('plain_core.sql: raw_format must be csv or parquet, not ' || getvariable('raw_format'))
where getvariable('raw_format') not in ('csv', 'parquet');

-- currency_rates is optional: without it only the reporting currency converts
set variable has_currency_rates = (
    select count(*) > 0
    from glob(rtrim(getvariable('raw_dir'), '/') || '/currency_rates.' || getvariable('raw_format'))
);

-- the end of as_of_date: the last microsecond of the day
set variable as_of_date = cast(getvariable('as_of_date') as date);
set variable as_of_end = cast(cast(getvariable('as_of_date') as varchar) || ' 23:59:59.999999' as timestamp);

-- ---------------------------------------------------------------------------------------------
-- helpers: reading the export, and the text rules of staging (macros/staging/*.sql)
-- ---------------------------------------------------------------------------------------------

-- a raw table as read from its file; every column is used as text, as staging types it itself
create or replace temp macro raw_file_literal(table_name) as
    '''' || replace(
        rtrim(getvariable('raw_dir'), '/') || '/' || table_name || '.' || getvariable('raw_format'),
        '''', ''''''
    ) || '''';

create or replace temp macro raw_table(table_name) as table
    from query(
        case getvariable('raw_format')
            when 'csv' then 'from read_csv(' || raw_file_literal(table_name)
                || ', header = true, all_varchar = true, delim = '','', quote = ''"'', escape = ''"'')'
            else 'from read_parquet(' || raw_file_literal(table_name) || ')'
        end
    );

-- trimmed text, empty as null
create or replace temp macro clean_text(value) as nullif(trim(value), '');

-- a vocabulary value: trimmed, lower case, spaces and hyphens as underscores, empty as null
create or replace temp macro clean_code(value) as
    nullif(replace(replace(lower(trim(value)), ' ', '_'), '-', '_'), '');

-- ISO-8601 text as a UTC timestamp: a value with an offset is converted, one without is UTC
create or replace temp macro parse_utc(value) as
    case
        when regexp_matches(trim(value), '[0-9]{2}:[0-9]{2}[0-9:.]* ?([+-][0-9]{2}(:?[0-9]{2})?|[Zz])$')
            then timezone('UTC', try_cast(trim(value) as timestamptz))
        else try_cast(trim(value) as timestamp)
    end;

-- amounts and rates as the project types them (macros type_amount and type_rate)
create or replace temp macro parse_decimal(value) as try_cast(trim(value) as decimal(38, 6));

create or replace temp macro parse_rate(value) as try_cast(trim(value) as decimal(38, 18));

create or replace temp macro parse_boolean(value) as
    case
        when lower(trim(value)) in ('true', 't', 'yes', '1') then true
        when lower(trim(value)) in ('false', 'f', 'no', '0') then false
    end;

-- ---------------------------------------------------------------------------------------------
-- the activity vocabulary: the project's seed (variable activity_types_seed), as dbt loads it
-- ---------------------------------------------------------------------------------------------
create or replace temp table activity_types as
select
    cast(activity_type as varchar) as activity_type,
    cast(is_influence as boolean) as is_influence,
    cast(can_source as boolean) as can_source,
    cast(is_deployment as boolean) as is_deployment,
    cast(is_resale as boolean) as is_resale
from read_csv(getvariable('activity_types_seed'), header = true, all_varchar = true);

-- the custom members of the position family (var custom_attribution_models), shares read to the
-- millionth as macro attribution_position_family reads them
create or replace temp table custom_models as
select
    model.name as attribution_model,
    cast(round(model.first_share * 1000000) as bigint) as first_units,
    cast(round(model.last_share * 1000000) as bigint) as last_units
from (
    select unnest(from_json(
        getvariable('custom_attribution_models'),
        '[{"name": "VARCHAR", "first_share": "DOUBLE", "last_share": "DOUBLE"}]'
    )) as model
);

-- ---------------------------------------------------------------------------------------------
-- usable rows of the small tables. Duplicate keys: the distinct raw rows of a key are counted;
-- a key with one distinct row keeps it (exact copies collapse), a key with several is dropped.
-- ---------------------------------------------------------------------------------------------

create or replace temp table partners as
with

raw_rows as (
    select distinct
        cast(partner_id as varchar) as partner_id,
        cast(partner_name as varchar) as partner_name,
        cast(partner_type as varchar) as partner_type,
        cast(tier as varchar) as tier,
        cast(region as varchar) as region,
        cast(joined_at as varchar) as joined_at
    from raw_table('partners')
)

select clean_text(partner_id) as partner_id
from raw_rows
where clean_text(partner_id) is not null
group by clean_text(partner_id)
having
    count(*) = 1
    and bool_and(clean_text(joined_at) is null or parse_utc(joined_at) is not null);

create or replace temp table accounts as
with

raw_rows as (
    select distinct
        cast(account_id as varchar) as account_id,
        cast(account_name as varchar) as account_name,
        cast(industry as varchar) as industry,
        cast(region as varchar) as region,
        cast(country as varchar) as country,
        cast(employee_count as varchar) as employee_count,
        cast(created_at as varchar) as created_at
    from raw_table('accounts')
)

select
    clean_text(account_id) as account_id,
    any_value(upper(clean_text(region))) as region
from raw_rows
where clean_text(account_id) is not null
group by clean_text(account_id)
having
    count(*) = 1
    and bool_and(
        (
            clean_text(employee_count) is null
            or (regexp_matches(trim(employee_count), '^[0-9]+$') and try_cast(trim(employee_count) as bigint) is not null)
        )
        and (clean_text(created_at) is null or parse_utc(created_at) is not null)
    );

create or replace temp table currency_rates as
with

raw_rows as (
    select distinct
        cast(currency as varchar) as currency,
        cast(rate_date as varchar) as rate_date,
        cast(rate_to_reporting as varchar) as rate_to_reporting
    from query(
        case
            when getvariable('has_currency_rates') then 'from raw_table(''currency_rates'')'
            else 'select null::varchar as currency, null::varchar as rate_date, null::varchar as rate_to_reporting where false'
        end
    )
),

typed as (
    select
        upper(clean_text(currency)) as currency,
        cast(parse_utc(rate_date) as date) as rate_date,
        -- the key: currency @ rate date (the parsed date, or the text when it does not parse)
        upper(clean_text(currency)) || '@'
        || coalesce(cast(cast(parse_utc(rate_date) as date) as varchar), clean_text(rate_date)) as record_key,
        parse_rate(rate_to_reporting) as rate_to_reporting
    from raw_rows
)

select
    any_value(currency) as currency,
    any_value(rate_date) as rate_date,
    any_value(rate_to_reporting) as rate_to_reporting
from typed
where record_key is not null
group by record_key
having
    count(*) = 1
    and bool_and(rate_date is not null and coalesce(rate_to_reporting > 0, false));

-- ---------------------------------------------------------------------------------------------
-- usable opportunities (all of them: activities may name any), then as of as_of_date.
-- Large tables find repeated keys first, so only their few rows go through a distinct.
-- ---------------------------------------------------------------------------------------------

create or replace temp table opportunities_usable as
with

raw_rows as not materialized (
    select
        cast(opportunity_id as varchar) as opportunity_id,
        cast(account_id as varchar) as account_id,
        cast(opportunity_name as varchar) as opportunity_name,
        cast(opportunity_type as varchar) as opportunity_type,
        cast(stage as varchar) as stage,
        cast(amount as varchar) as amount,
        cast(currency as varchar) as currency,
        cast(created_at as varchar) as created_at,
        cast(closed_at as varchar) as closed_at,
        cast(is_won as varchar) as is_won,
        cast(sourced_partner_id as varchar) as sourced_partner_id,
        cast(reseller_partner_id as varchar) as reseller_partner_id,
        cast(lead_source as varchar) as lead_source
    from raw_table('opportunities')
),

repeated_keys as (
    select clean_text(opportunity_id) as record_key
    from raw_rows
    group by clean_text(opportunity_id)
    having count(*) > 1
),

deduplicated as (
    select raw_rows.*
    from raw_rows
    anti join repeated_keys
        on clean_text(raw_rows.opportunity_id) = repeated_keys.record_key
    union all
    select *
    from (
        select distinct raw_rows.*
        from raw_rows
        semi join repeated_keys
            on clean_text(raw_rows.opportunity_id) = repeated_keys.record_key
    )
    qualify count(*) over (partition by clean_text(opportunity_id)) = 1
),

-- materialized: the checks below and the output read the parsed values, parsed once
typed as materialized (
    select
        clean_text(opportunity_id) as opportunity_id,
        clean_text(account_id) as account_id,
        clean_code(opportunity_type) as opportunity_type,
        parse_decimal(amount) as amount,
        clean_text(amount) is not null as has_amount,
        -- an empty currency is the reporting currency
        coalesce(upper(clean_text(currency)), upper(getvariable('reporting_currency'))) as currency,
        parse_utc(created_at) as created_at,
        parse_utc(closed_at) as closed_at,
        clean_text(closed_at) is not null as has_closed_at,
        parse_boolean(is_won) as is_won,
        clean_text(is_won) is not null as has_is_won,
        clean_text(sourced_partner_id) as sourced_partner_id,
        clean_text(reseller_partner_id) as reseller_partner_id
    from deduplicated
)

select
    typed.opportunity_id,
    typed.account_id,
    accounts.region,
    typed.opportunity_type,
    typed.amount,
    typed.currency,
    typed.created_at,
    typed.closed_at,
    typed.is_won,
    -- a partner field naming no known partner is treated as empty
    sourced_partners.partner_id as sourced_partner_id,
    reseller_partners.partner_id as reseller_partner_id
from typed
inner join accounts
    on typed.account_id = accounts.account_id
left join partners as sourced_partners
    on typed.sourced_partner_id = sourced_partners.partner_id
left join partners as reseller_partners
    on typed.reseller_partner_id = reseller_partners.partner_id
where
    typed.opportunity_id is not null
    and typed.opportunity_type in ('new_business', 'expansion', 'renewal')
    and (typed.amount is not null or not typed.has_amount)
    and coalesce(typed.amount >= 0, true)
    and (
        typed.currency = upper(getvariable('reporting_currency'))
        or typed.currency in (select currency_rates.currency from currency_rates)
    )
    and typed.created_at is not null
    and (typed.closed_at is not null or not typed.has_closed_at)
    and coalesce(typed.closed_at >= typed.created_at, true)
    and (typed.is_won is not null or not typed.has_is_won);

-- One row per opportunity created on or before as_of_date, as it stood at the end of that day;
-- amount in the reporting currency at the rate of the conversion date (closed_at's date, else as_of_date): the
-- latest rate on or before it, else the currency's earliest rate.
create or replace temp table opportunities as
with

closed_as_of as (
    select
        opportunities_usable.*,
        coalesce(opportunities_usable.closed_at <= getvariable('as_of_end'), false) as is_closed
    from opportunities_usable
    where opportunities_usable.created_at <= getvariable('as_of_end')
),

as_of as (
    select
        opportunity_id,
        account_id,
        region,
        opportunity_type,
        amount as amount_local,
        currency,
        created_at,
        sourced_partner_id,
        reseller_partner_id,
        is_closed,
        -- a deal that closed after as_of_date is open (and not won) as of that date
        case when is_closed then closed_at end as closed_at_as_of,
        is_closed and coalesce(is_won, false) as is_won_as_of,
        case when is_closed then closed_at else getvariable('as_of_end') end as end_at,
        case when is_closed then cast(closed_at as date) else getvariable('as_of_date') end as conversion_date
    from closed_as_of
),

rate_periods as (
    select
        currency,
        rate_to_reporting,
        case
            when rate_date = min(rate_date) over (partition by currency) then date '0001-01-01'
            else rate_date
        end as valid_from
    from currency_rates
    union all
    -- the reporting currency converts at 1 when the rates do not list it
    select
        getvariable('reporting_currency') as currency,
        cast(1 as decimal(38, 18)) as rate_to_reporting,
        date '0001-01-01' as valid_from
    where not exists (
        select 1 from currency_rates where currency_rates.currency = getvariable('reporting_currency')
    )
)

select
    as_of.opportunity_id,
    as_of.account_id,
    as_of.region,
    as_of.opportunity_type,
    as_of.created_at,
    as_of.closed_at_as_of as closed_at,
    as_of.end_at,
    as_of.is_closed,
    as_of.is_won_as_of as is_won,
    as_of.amount_local,
    as_of.currency,
    -- exact (decimal(38, 24)), then rounded once to 6 places, as macro convert_amount does
    cast(as_of.amount_local * rate_periods.rate_to_reporting as decimal(38, 6)) as amount,
    as_of.sourced_partner_id,
    as_of.reseller_partner_id
from as_of
asof left join rate_periods
    on
        as_of.currency = rate_periods.currency
        and as_of.conversion_date >= rate_periods.valid_from;

-- ---------------------------------------------------------------------------------------------
-- touches: usable inbound activities (empty direction = inbound). occurred_at is checked where
-- touches are linked (a touch without one, or after as_of_date, links to nothing), so that it
-- is parsed once.
-- ---------------------------------------------------------------------------------------------

create or replace temp table touches as
with

raw_rows as not materialized (
    select
        cast(activity_id as varchar) as activity_id,
        cast(partner_id as varchar) as partner_id,
        cast(account_id as varchar) as account_id,
        cast(opportunity_id as varchar) as opportunity_id,
        cast(activity_type as varchar) as activity_type,
        cast(occurred_at as varchar) as occurred_at,
        cast(direction as varchar) as direction,
        cast(status as varchar) as status,
        cast(is_qualified as varchar) as is_qualified,
        cast(funded_by as varchar) as funded_by,
        cast(amount as varchar) as amount,
        cast(notes as varchar) as notes
    from raw_table('partner_activities')
),

repeated_keys as (
    select clean_text(activity_id) as record_key
    from raw_rows
    group by clean_text(activity_id)
    having count(*) > 1
),

deduplicated as (
    select raw_rows.*
    from raw_rows
    anti join repeated_keys
        on clean_text(raw_rows.activity_id) = repeated_keys.record_key
    union all
    select *
    from (
        select distinct raw_rows.*
        from raw_rows
        semi join repeated_keys
            on clean_text(raw_rows.activity_id) = repeated_keys.record_key
    )
    qualify count(*) over (partition by clean_text(activity_id)) = 1
),

typed as (
    select
        clean_text(activity_id) as activity_id,
        clean_text(partner_id) as partner_id,
        clean_text(account_id) as account_id,
        clean_text(opportunity_id) as opportunity_id,
        clean_code(activity_type) as activity_type,
        parse_utc(occurred_at) as occurred_at,
        coalesce(clean_code(direction), 'inbound') as direction,
        clean_code(status) as status,
        parse_boolean(is_qualified) as is_qualified,
        clean_text(is_qualified) is not null as has_is_qualified,
        clean_code(funded_by) as funded_by,
        parse_decimal(amount) as amount,
        clean_text(amount) is not null as has_amount
    from deduplicated
)

select
    typed.activity_id,
    typed.partner_id,
    typed.account_id,
    typed.opportunity_id,
    typed.occurred_at,
    activity_types.is_influence,
    activity_types.can_source,
    activity_types.is_deployment,
    activity_types.is_resale,
    typed.status,
    typed.is_qualified,
    typed.funded_by
from typed
inner join partners
    on typed.partner_id = partners.partner_id
inner join activity_types
    on typed.activity_type = activity_types.activity_type
where
    typed.activity_id is not null
    and typed.direction = 'inbound'
    and (typed.account_id is not null or typed.opportunity_id is not null)
    and (typed.account_id is null or typed.account_id in (select accounts.account_id from accounts))
    and (
        typed.opportunity_id is null
        or typed.opportunity_id in (select opportunities_usable.opportunity_id from opportunities_usable)
    )
    and (typed.status is null or typed.status in ('submitted', 'approved', 'rejected', 'expired'))
    and (typed.is_qualified is not null or not typed.has_is_qualified)
    and (typed.funded_by is null or typed.funded_by in ('partner', 'us', 'shared'))
    and (typed.amount is not null or not typed.has_amount)
    and coalesce(typed.amount >= 0, true);

-- ---------------------------------------------------------------------------------------------
-- links: one row per touch and opportunity it is linked to, within the lifecycle window W2
-- (occurred_at <= end + post_close_window_days, and <= the end of as_of_date). Explicit links
-- name the opportunity; a touch naming none links to every opportunity of its account created at
-- most attribution_lookback_days after it.
-- ---------------------------------------------------------------------------------------------

create or replace temp table links as
with

linked as (
    select
        opportunities.opportunity_id,
        opportunities.created_at,
        opportunities.end_at,
        opportunities.is_won,
        opportunities.opportunity_type,
        opportunities.sourced_partner_id,
        touches.activity_id,
        touches.partner_id,
        touches.occurred_at,
        touches.is_influence,
        touches.can_source,
        touches.is_deployment,
        touches.is_resale,
        touches.status,
        touches.is_qualified,
        touches.funded_by
    from touches
    inner join opportunities
        on touches.opportunity_id = opportunities.opportunity_id
    union all
    select
        opportunities.opportunity_id,
        opportunities.created_at,
        opportunities.end_at,
        opportunities.is_won,
        opportunities.opportunity_type,
        opportunities.sourced_partner_id,
        touches.activity_id,
        touches.partner_id,
        touches.occurred_at,
        touches.is_influence,
        touches.can_source,
        touches.is_deployment,
        touches.is_resale,
        touches.status,
        touches.is_qualified,
        touches.funded_by
    from touches
    inner join opportunities
        on
            touches.account_id = opportunities.account_id
            and touches.occurred_at
            >= opportunities.created_at - to_days(getvariable('attribution_lookback_days'))
    where touches.opportunity_id is null
)

select
    opportunity_id,
    partner_id,
    activity_id,
    occurred_at,
    is_won,
    occurred_at <= end_at as is_pre_close,
    is_influence,
    is_resale,
    is_deployment,
    -- a sourcing candidate (spec "Sourcing" step 2): a sourceable deal whose CRM field names no
    -- partner (or is not trusted), a can_source touch in [created - sourcing_lookback_days,
    -- created + sourcing_grace_days], not a rejected or expired registration, qualified when
    -- required, not funded by us when that is excluded
    list_contains(getvariable('sourceable_opportunity_types'), opportunity_type)
    and not (getvariable('sourcing_trust_crm_field') and sourced_partner_id is not null)
    and can_source
    and occurred_at >= created_at - to_days(getvariable('sourcing_lookback_days'))
    and occurred_at <= created_at + to_days(getvariable('sourcing_grace_days'))
    and coalesce(status, 'none') not in ('rejected', 'expired')
    and (not getvariable('sourcing_requires_qualification') or coalesce(is_qualified, false))
    and (not getvariable('sourcing_exclude_us_funded') or coalesce(funded_by, 'none') <> 'us')
        as is_sourcing_candidate,
    occurred_at <= created_at as is_before_creation,
    -- exact days from the touch to end(o), for time decay
    cast(date_diff('microsecond', occurred_at, end_at) / 86400000000.0 as double) as days_before_end
from linked
where
    occurred_at <= end_at + to_days(getvariable('post_close_window_days'))
    and occurred_at <= getvariable('as_of_end');

-- ---------------------------------------------------------------------------------------------
-- plain_opportunity_partners: one row per opportunity and partner attached to it
-- ---------------------------------------------------------------------------------------------

-- the sourcing candidates: one row per opportunity and partner with a candidate touch, in the
-- order of its earliest one (ties by activity_id)
create or replace temp table sourcing_candidates as
with

candidates as (
    select
        opportunity_id,
        partner_id,
        any_value(is_won) as is_won,
        min(occurred_at) as first_occurred_at,
        min(activity_id) filter (where occurred_at = first_touch_at) as first_activity_id
    from (
        select
            links.*,
            min(occurred_at) over (partition by opportunity_id, partner_id) as first_touch_at
        from links
        where is_sourcing_candidate
    )
    group by opportunity_id, partner_id
)

select
    opportunity_id,
    partner_id,
    is_won,
    count(*) over (partition by opportunity_id) as candidate_partner_count,
    row_number() over (
        partition by opportunity_id order by first_occurred_at, first_activity_id
    ) as candidate_order
from candidates;

create or replace table plain_opportunity_partners as
with

sourcing as (
    -- 1. the CRM field, when trusted and it names a known partner, on a sourceable deal
    select
        opportunity_id,
        sourced_partner_id as partner_id,
        is_won,
        cast(1 as double) as sourced_credit
    from opportunities
    where
        list_contains(getvariable('sourceable_opportunity_types'), opportunity_type)
        and sourced_partner_id is not null
        and getvariable('sourcing_trust_crm_field')
    union all
    -- 2. else the candidates, by sourcing_tie_breaker: earliest credits the partner of the
    -- earliest candidate touch, split gives each of k partners 1/k, contested credits a sole
    -- candidate only
    select
        opportunity_id,
        partner_id,
        is_won,
        case
            when getvariable('sourcing_tie_breaker') = 'split' then cast(1 as double) / candidate_partner_count
            else cast(1 as double)
        end as sourced_credit
    from sourcing_candidates
    where
        case getvariable('sourcing_tie_breaker')
            when 'split' then true
            when 'contested' then candidate_partner_count = 1
            else candidate_order = 1
        end
),

facts as (
    select
        opportunity_id,
        partner_id,
        is_won,
        is_pre_close,
        is_pre_close and is_influence as is_pre_close_influence,
        is_resale,
        is_deployment,
        false as is_sourced,
        cast(0 as double) as sourced_credit,
        false as is_reseller_of_record
    from links
    union all
    select
        opportunity_id,
        partner_id,
        is_won,
        false,
        false,
        false,
        false,
        true,
        sourced_credit,
        false
    from sourcing
    union all
    select
        opportunity_id,
        reseller_partner_id,
        is_won,
        false,
        false,
        false,
        false,
        false,
        cast(0 as double),
        true
    from opportunities
    where reseller_partner_id is not null
),

pairs as (
    select
        opportunity_id,
        partner_id,
        bool_or(is_won) as is_won,
        count(*) filter (where is_pre_close) as touch_count,
        count(*) filter (where is_pre_close_influence) as influence_touch_count,
        bool_or(is_resale) as has_resale_touch,
        bool_or(is_deployment) as has_deployment_touch,
        bool_or(is_sourced) as is_sourced,
        sum(sourced_credit) as sourced_credit,
        bool_or(is_reseller_of_record) as is_reseller_of_record
    from facts
    group by opportunity_id, partner_id
),

levels as (
    select
        opportunity_id,
        partner_id,
        touch_count > 0 as is_touched,
        influence_touch_count > 0 as is_influenced,
        is_sourced,
        sourced_credit,
        is_won and (is_reseller_of_record or has_resale_touch) as is_resold,
        is_won and has_deployment_touch as is_deployed,
        touch_count,
        influence_touch_count
    from pairs
)

select
    opportunity_id,
    partner_id,
    is_touched,
    is_influenced,
    is_sourced,
    sourced_credit,
    is_resold,
    is_deployed,
    is_sourced and is_resold as is_partner_led,
    is_touched or is_influenced or is_sourced or is_resold or is_deployed as is_attached,
    cast(touch_count as integer) as touch_count,
    cast(influence_touch_count as integer) as influence_touch_count
from levels
where is_touched or is_influenced or is_sourced or is_resold or is_deployed;

-- ---------------------------------------------------------------------------------------------
-- plain_opportunities: one row per opportunity as of as_of_date, its partner levels rolled up
-- ---------------------------------------------------------------------------------------------

create or replace table plain_opportunities as
with

partner_rollup as (
    select
        opportunity_id,
        count(*) as attached_partner_count,
        bool_or(is_touched) as is_partner_touched,
        bool_or(is_influenced) as is_partner_influenced,
        bool_or(is_sourced) as is_partner_sourced,
        bool_or(is_resold) as is_partner_resold,
        bool_or(is_deployed) as is_partner_deployed,
        bool_or(is_partner_led) as is_partner_led,
        count(*) filter (where is_sourced) as sourcing_partner_count,
        max(partner_id) filter (where is_sourced) as any_sourcing_partner_id
    from plain_opportunity_partners
    group by opportunity_id
)

select
    opportunities.opportunity_id,
    opportunities.account_id,
    opportunities.opportunity_type,
    opportunities.region,
    case
        when list_contains(getvariable('partner_led_regions'), opportunities.region) then 'partner_led'
        else 'direct'
    end as market_motion,
    opportunities.created_at,
    opportunities.closed_at,
    opportunities.is_closed,
    opportunities.is_won,
    opportunities.amount,
    opportunities.amount_local,
    opportunities.currency,
    coalesce(partner_rollup.attached_partner_count, 0) > 0 as is_partner_attached,
    coalesce(partner_rollup.is_partner_touched, false) as is_partner_touched,
    coalesce(partner_rollup.is_partner_influenced, false) as is_partner_influenced,
    coalesce(partner_rollup.is_partner_sourced, false) as is_partner_sourced,
    coalesce(partner_rollup.is_partner_resold, false) as is_partner_resold,
    coalesce(partner_rollup.is_partner_deployed, false) as is_partner_deployed,
    coalesce(partner_rollup.is_partner_led, false) as is_partner_led,
    -- only the contested tie breaker contests a deal: several candidates and none credited
    contested.opportunity_id is not null as is_sourcing_contested,
    case when partner_rollup.sourcing_partner_count = 1 then partner_rollup.any_sourcing_partner_id end
        as sourcing_partner_id,
    cast(coalesce(partner_rollup.sourcing_partner_count, 0) as integer) as sourcing_partner_count,
    cast(coalesce(partner_rollup.attached_partner_count, 0) as integer) as attached_partner_count,
    cast(
        case
            when opportunities.is_closed
                then date_diff('day', cast(opportunities.created_at as date), cast(opportunities.closed_at as date))
        end as integer
    ) as sales_cycle_days
from opportunities
left join partner_rollup
    on opportunities.opportunity_id = partner_rollup.opportunity_id
left join (
    select distinct opportunity_id
    from sourcing_candidates
    where getvariable('sourcing_tie_breaker') = 'contested' and candidate_partner_count > 1
) as contested
    on opportunities.opportunity_id = contested.opportunity_id;

-- ---------------------------------------------------------------------------------------------
-- plain_partner_attribution: one row per opportunity, partner and attribution model.
-- Attribution touches: the is_influence touches in W1, ordered by occurred_at, activity_id.
-- ---------------------------------------------------------------------------------------------

create or replace table plain_partner_attribution as
with

ranked as (
    select
        opportunity_id,
        partner_id,
        days_before_end,
        row_number() over (partition by opportunity_id order by occurred_at, activity_id) as touch_rank,
        count(*) over (partition by opportunity_id) as touch_count,
        -- touches on or before creation come first in the order, so the creation touch (the
        -- last of them) has the rank of their count
        nullif(count(*) filter (where is_before_creation) over (partition by opportunity_id), 0)
            as creation_touch_rank,
        min(days_before_end) over (partition by opportunity_id) as min_days_before_end
    from links
    where is_pre_close and is_influence
),

shaped as (
    select
        ranked.*,
        1
        + case when touch_count > 1 then 1 else 0 end
        + case when creation_touch_rank > 1 and creation_touch_rank < touch_count then 1 else 0 end
            as key_touch_count,
        -- relative to the latest touch, so it stays finite; the shift cancels out
        power(2.0, -(days_before_end - min_days_before_end) / getvariable('time_decay_half_life_days'))
            as decay_factor
    from ranked
),

touch_weights as (
    select
        opportunity_id,
        partner_id,
        cast(case when touch_rank = 1 then 1 else 0 end as double) as first_touch,
        cast(case when touch_rank = touch_count then 1 else 0 end as double) as last_touch,
        cast(1 as double) / touch_count as linear,
        -- the position family: shares in millionths, each weight one division
        case
            when touch_count = 1 then cast(1 as double)
            when touch_count = 2 then cast(400000 as double) / 800000
            when touch_rank = 1 then cast(400000 as double) / 1000000
            when touch_rank = touch_count then cast(400000 as double) / 1000000
            else cast(200000 as double) / (1000000 * (touch_count - 2))
        end as position_based,
        case
            when touch_count = 1 then cast(1 as double)
            when touch_count = 2 and touch_rank = 1 then cast(200000 as double) / 800000
            when touch_count = 2 then cast(600000 as double) / 800000
            when touch_rank = 1 then cast(200000 as double) / 1000000
            when touch_rank = touch_count then cast(600000 as double) / 1000000
            else cast(200000 as double) / (1000000 * (touch_count - 2))
        end as j_shaped,
        case
            when touch_count = 1 then cast(1 as double)
            when touch_count = 2 and touch_rank = 1 then cast(600000 as double) / 800000
            when touch_count = 2 then cast(200000 as double) / 800000
            when touch_rank = 1 then cast(600000 as double) / 1000000
            when touch_rank = touch_count then cast(200000 as double) / 1000000
            else cast(200000 as double) / (1000000 * (touch_count - 2))
        end as inverse_j,
        case
            when touch_count = key_touch_count then cast(1 as double) / key_touch_count
            when touch_rank = 1 or touch_rank = touch_count or touch_rank = coalesce(creation_touch_rank, 0)
                then cast(0.9 as double) / key_touch_count
            else cast(0.1 as double) / (touch_count - key_touch_count)
        end as w_shaped,
        decay_factor / sum(decay_factor) over (partition by opportunity_id) as time_decay
    from shaped
),

partner_weights as (
    select
        touch_weights.opportunity_id,
        touch_weights.partner_id,
        sum(touch_weights.first_touch) as first_touch,
        sum(touch_weights.last_touch) as last_touch,
        sum(touch_weights.linear) as linear,
        sum(touch_weights.position_based) as position_based,
        sum(touch_weights.j_shaped) as j_shaped,
        sum(touch_weights.inverse_j) as inverse_j,
        sum(touch_weights.w_shaped) as w_shaped,
        sum(touch_weights.time_decay) as time_decay
    from touch_weights
    group by touch_weights.opportunity_id, touch_weights.partner_id
),

model_weights as (
    select
        partner_weights.opportunity_id,
        partner_weights.partner_id,
        opportunities.amount,
        opportunities.is_won,
        partner_weights.first_touch,
        partner_weights.last_touch,
        partner_weights.linear,
        partner_weights.position_based,
        partner_weights.j_shaped,
        partner_weights.inverse_j,
        partner_weights.w_shaped,
        partner_weights.time_decay
    from partner_weights
    inner join opportunities
        on partner_weights.opportunity_id = opportunities.opportunity_id
),

weights as (
    select
        opportunity_id,
        partner_id,
        amount,
        is_won,
        attribution_model,
        weight
    from model_weights
    unpivot (
        weight for attribution_model in (
            first_touch, last_touch, linear, position_based, j_shaped, inverse_j, w_shaped, time_decay
        )
    )
    union all
    select
        plain_opportunity_partners.opportunity_id,
        plain_opportunity_partners.partner_id,
        opportunities.amount,
        opportunities.is_won,
        'sourced' as attribution_model,
        plain_opportunity_partners.sourced_credit as weight
    from plain_opportunity_partners
    inner join opportunities
        on plain_opportunity_partners.opportunity_id = opportunities.opportunity_id
    where plain_opportunity_partners.is_sourced
    union all
    -- the custom members of the position family: macro attribution_position_family's weights
    select
        custom_weights.opportunity_id,
        custom_weights.partner_id,
        opportunities.amount,
        opportunities.is_won,
        custom_weights.attribution_model,
        custom_weights.weight
    from (
        select
            shaped.opportunity_id,
            shaped.partner_id,
            custom_models.attribution_model,
            sum(
                case
                    when shaped.touch_count = 1 then cast(1 as double)
                    when shaped.touch_count = 2 and shaped.touch_rank = 1
                        then cast(custom_models.first_units as double)
                        / (custom_models.first_units + custom_models.last_units)
                    when shaped.touch_count = 2
                        then cast(custom_models.last_units as double)
                        / (custom_models.first_units + custom_models.last_units)
                    when shaped.touch_rank = 1 then cast(custom_models.first_units as double) / 1000000
                    when shaped.touch_rank = shaped.touch_count
                        then cast(custom_models.last_units as double) / 1000000
                    else cast(1000000 - custom_models.first_units - custom_models.last_units as double)
                        / (1000000 * (shaped.touch_count - 2))
                end
            ) as weight
        from shaped
        cross join custom_models
        group by shaped.opportunity_id, shaped.partner_id, custom_models.attribution_model
    ) as custom_weights
    inner join opportunities
        on custom_weights.opportunity_id = opportunities.opportunity_id
)

select
    opportunity_id,
    partner_id,
    attribution_model,
    weight,
    cast(weight * amount as double) as attributed_pipeline,
    cast(case when is_won then weight * amount else 0 end as double) as attributed_revenue
from weights;

drop table links;
drop table sourcing_candidates;
drop table custom_models;
drop table touches;
drop table opportunities;
drop table opportunities_usable;
drop table currency_rates;
drop table accounts;
drop table partners;
drop table activity_types;
