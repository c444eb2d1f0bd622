{#-
    One row per opportunity created on or before as_of_date, with a fingerprint of every input
    its touch facts and attribution are computed from (docs/incremental.md):
    * its as-of row (int_opportunities_as_of: amount after conversion, stage, close, region,
      end of window, CRM partner fields),
    * every touch that names it (a touch moved to another opportunity changes both),
    * every account-level touch of its account (a touch that names no opportunity can link to
      any of the account's opportunities, so each of them is fingerprinted with it).
    A touch is a row of int_partner_touches: a rejected activity, or one of a partner that no
    longer exists, drops out and so changes the fingerprint too. The fingerprints are sums of
    DuckDB row hashes (64-bit), so they do not depend on row order.
-#}
{{ config(enabled=incremental_by_opportunity()) }}
with

opportunities as (
    select * from {{ ref('partner_attribution', 'int_opportunities_as_of') }}
),

opportunity_rows as (
    select
        opportunity_id,
        account_id,
        hash(opportunities) as row_hash
    from opportunities
),

touches as (
    select * from {{ ref('partner_attribution', 'int_partner_touches') }}
),

opportunity_touches as (
    select
        opportunity_id,
        count(*) as touch_rows,
        sum(hash(touches)) as touch_hash
    from touches
    where opportunity_id is not null
    group by opportunity_id
),

account_touches as (
    select
        account_id,
        count(*) as touch_rows,
        sum(hash(touches)) as touch_hash
    from touches
    where opportunity_id is null
    group by account_id
),

final as (
    select
        opportunity_rows.opportunity_id,
        cast(hash(
            opportunity_rows.row_hash,
            coalesce(opportunity_touches.touch_rows, 0),
            coalesce(opportunity_touches.touch_hash, 0),
            coalesce(account_touches.touch_rows, 0),
            coalesce(account_touches.touch_hash, 0)
        ) as {{ dbt.type_string() }}) as input_fingerprint
    from opportunity_rows
    left join opportunity_touches
        on opportunity_rows.opportunity_id = opportunity_touches.opportunity_id
    left join account_touches
        on opportunity_rows.account_id = account_touches.account_id
)

select * from final
