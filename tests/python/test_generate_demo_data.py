"""Tests for partner_tools.demo_data, the synthetic CRM export generator.

The expected columns come from the warehouse's declared contract (the crm source) and the activity
vocabulary from the activity_types seed; the story is written from the spec. None is read back
from the generator's own constants, so a drift on either side shows up here.
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from partner_tools.constants import DEMO_AS_OF_DATE, DEMO_DATA_DIR, ROOT
from partner_tools.demo_data.cells import format_amounts, format_timestamps
from partner_tools.demo_data.config import Config
from partner_tools.demo_data.dataset import generate_dataset
from partner_tools.demo_data.dirty_rows import plan_dirty_rows
from partner_tools.demo_data.vocabulary import OFFSET_MINUTES, table_schema
from partner_tools.demo_data.writing import run

UTC = dt.timezone.utc
BUNDLED_DEMO = DEMO_DATA_DIR
END_OF_DEMO = dt.datetime.fromisoformat(f"{DEMO_AS_OF_DATE}T23:59:59+00:00")


def _contract_columns() -> dict[str, list[str]]:
    """The export's tables and columns as the warehouse declares them (the crm source)."""
    document = yaml.safe_load((ROOT / "models" / "staging" / "crm" / "_crm__sources.yml").read_text())
    (source,) = [s for s in document["sources"] if s["name"] == "partner_attribution_crm"]
    return {table["name"]: [column["name"] for column in table["columns"]] for table in source["tables"]}


EXPECTED_COLUMNS = _contract_columns()
TIMESTAMP = pa.timestamp("us", tz="UTC")
EXPECTED_PARQUET_TYPES = {
    "employee_count": pa.int64(),
    "created_at": TIMESTAMP,
    "closed_at": TIMESTAMP,
    "changed_at": TIMESTAMP,
    "occurred_at": TIMESTAMP,
    "joined_at": pa.date32(),
    "rate_date": pa.date32(),
    "amount": pa.float64(),
    "rate_to_reporting": pa.float64(),
    "is_won": pa.bool_(),
    "is_qualified": pa.bool_(),
}
with (ROOT / "seeds" / "partner_attribution__activity_types.csv").open(newline="") as seed:
    ACTIVITY_TYPES = {row["activity_type"] for row in csv.DictReader(seed)}
BOOLEAN_SPELLINGS = {"true", "false", "t", "f", "yes", "no", "1", "0"}
TRUE_SQL = "lower(trim({})) in ('true', 't', 'yes', '1')"
STAGE_ORDER = "['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost']"


def generate(out: Path, **overrides: object) -> Path:
    run(Config(out=out, quiet=True, **overrides))
    return out


def connect(export: Path) -> duckdb.DuckDBPyConnection:
    """In-memory DuckDB with one all-text view per CSV table, as the warehouse reads them."""
    connection = duckdb.connect()
    connection.execute("set timezone = 'UTC'")
    connection.execute("create macro code(x) as lower(trim(x))")  # the warehouse normalises vocabularies
    for table in EXPECTED_COLUMNS:
        connection.execute(
            f"create view {table} as select * from read_csv('{export / table}.csv', header = true, "
            "all_varchar = true, delim = ',', quote = '\"', escape = '\"')"
        )
    return connection


def scalar(connection: duckdb.DuckDBPyConnection, sql: str) -> object:
    return connection.execute(sql).fetchone()[0]


def parse_instant(text: str) -> dt.datetime:
    """An export timestamp as an aware UTC datetime (no offset means UTC)."""
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@pytest.fixture(scope="module")
def default_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("default"))


@pytest.fixture(scope="module")
def clean_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("clean_csv"), opportunities=5000, dirty_share=0.0)


@pytest.fixture(scope="module")
def clean_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("clean_pq"), opportunities=5000, dirty_share=0.0, fmt="parquet")


@pytest.fixture(scope="module")
def clean_db(clean_csv: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect(clean_csv)
    yield connection
    connection.close()


# ---------------------------------------------------------------------------------------------
# Determinism and file layout
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_same_seed_gives_byte_identical_files_and_another_seed_differs(tmp_path: Path, fmt: str) -> None:
    first = generate(tmp_path / "a", opportunities=400, fmt=fmt)
    second = generate(tmp_path / "b", opportunities=400, fmt=fmt)
    other = generate(tmp_path / "c", opportunities=400, fmt=fmt, seed=7)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(f"{table}.{fmt}" for table in EXPECTED_COLUMNS)
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert (first / f"partner_activities.{fmt}").read_bytes() != (
        other / f"partner_activities.{fmt}"
    ).read_bytes()
    assert (first / f"opportunities.{fmt}").read_bytes() != (other / f"opportunities.{fmt}").read_bytes()


@pytest.mark.parametrize("table", EXPECTED_COLUMNS)
def test_csv_columns_in_order(default_csv: Path, table: str) -> None:
    header = (default_csv / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0]
    assert [name.strip('"') for name in header.split(",")] == EXPECTED_COLUMNS[table]


@pytest.mark.parametrize("table", EXPECTED_COLUMNS)
def test_parquet_columns_in_order_with_types(clean_parquet: Path, table: str) -> None:
    schema = pq.read_schema(clean_parquet / f"{table}.parquet")
    assert schema.names == EXPECTED_COLUMNS[table]
    for field in schema:
        assert field.type == EXPECTED_PARQUET_TYPES.get(field.name, pa.string()), field.name


def test_bundled_demo_is_a_fresh_default_run(default_csv: Path) -> None:
    """data/demo must be exactly what the generator writes with its defaults."""
    bundled = sorted(p.name for p in BUNDLED_DEMO.iterdir())
    assert bundled == sorted(p.name for p in default_csv.iterdir())
    for name in bundled:
        assert (BUNDLED_DEMO / name).read_bytes() == (default_csv / name).read_bytes(), (
            f"data/demo/{name} differs from the generator: run python -m partner_tools.demo_data"
        )
    assert sum(p.stat().st_size for p in BUNDLED_DEMO.iterdir()) < 4 * 1024 * 1024


def test_csv_and_parquet_hold_the_same_instants_and_values(clean_csv: Path, clean_parquet: Path) -> None:
    """Offsets in CSV denote the same UTC instant that Parquet stores (Parquet has no offsets)."""
    for table, column in [
        ("partner_activities", "occurred_at"),
        ("opportunities", "created_at"),
        ("opportunities", "closed_at"),
        ("opportunity_stage_history", "changed_at"),
        ("accounts", "created_at"),
    ]:
        text = pa_csv.read_csv(
            clean_csv / f"{table}.csv",
            convert_options=pa_csv.ConvertOptions(column_types={column: pa.string()}),
        )[column].to_pylist()
        typed = pq.read_table(clean_parquet / f"{table}.parquet", columns=[column])[column].to_pylist()
        assert len(text) == len(typed)
        with_offset = [value for value in text if value and len(value) == 25]
        assert with_offset, f"{table}.{column} has no value written with an offset"
        assert [parse_instant(v) if v else None for v in text] == typed, f"{table}.{column}"
    amounts_csv = pa_csv.read_csv(clean_csv / "opportunities.csv")["amount"].to_numpy()
    amounts_pq = pq.read_table(clean_parquet / "opportunities.parquet")["amount"].to_numpy()
    np.testing.assert_allclose(amounts_csv, amounts_pq)


# ---------------------------------------------------------------------------------------------
# Clean data: keys, references, time
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("accounts", "account_id"),
        ("partners", "partner_id"),
        ("opportunities", "opportunity_id"),
        ("partner_activities", "activity_id"),
        ("currency_rates", "currency || rate_date"),
    ],
)
def test_keys_are_unique_and_present(clean_db: duckdb.DuckDBPyConnection, table: str, key: str) -> None:
    rows, distinct, nulls = clean_db.execute(
        f"select count(*), count(distinct {key}), count(*) - count({key}) from {table}"
    ).fetchone()
    assert rows > 0 and rows == distinct and nulls == 0


@pytest.mark.parametrize(
    "orphans",
    [
        "select count(*) from partner_activities where partner_id not in (select partner_id from partners)",
        "select count(*) from partner_activities where account_id not in (select account_id from accounts)",
        "select count(*) from partner_activities "
        "where opportunity_id not in (select opportunity_id from opportunities)",
        "select count(*) from partner_activities where account_id is null and opportunity_id is null",
        "select count(*) from opportunities where account_id not in (select account_id from accounts)",
        "select count(*) from opportunities where sourced_partner_id not in "
        "(select partner_id from partners)",
        "select count(*) from opportunities where reseller_partner_id not in "
        "(select partner_id from partners)",
        "select count(*) from opportunity_stage_history "
        "where opportunity_id not in (select opportunity_id from opportunities)",
        "select count(*) from opportunities o where not exists "
        "(select 1 from opportunity_stage_history h where h.opportunity_id = o.opportunity_id)",
        # an activity's account, when both are given, is its opportunity's account
        "select count(*) from partner_activities a join opportunities o using (opportunity_id) "
        "where a.account_id <> o.account_id",
        # every opportunity's currency has a rate for the month it was created
        "select count(*) from opportunities o where not exists (select 1 from currency_rates r "
        "where r.currency = o.currency "
        "and r.rate_date::date = date_trunc('month', o.created_at::timestamptz))",
    ],
)
def test_clean_rows_reference_existing_rows(clean_db: duckdb.DuckDBPyConnection, orphans: str) -> None:
    assert scalar(clean_db, orphans) == 0


def test_shares_of_activities_without_account_or_opportunity(clean_db: duckdb.DuckDBPyConnection) -> None:
    no_account, account_level, total = clean_db.execute(
        "select count(*) filter (where account_id is null), count(*) filter (where opportunity_id is null), "
        "count(*) from partner_activities"
    ).fetchone()
    assert 0.03 < no_account / total < 0.3
    assert 0.3 < account_level / total < 0.7


def test_time_is_consistent_and_nothing_happens_after_the_end_date(
    clean_db: duckdb.DuckDBPyConnection,
) -> None:
    latest = clean_db.execute(
        """
        select max(t) from (
            select created_at::timestamptz as t from accounts
            union all select joined_at::timestamptz from partners
            union all select created_at::timestamptz from opportunities
            union all select closed_at::timestamptz from opportunities
            union all select changed_at::timestamptz from opportunity_stage_history
            union all select occurred_at::timestamptz from partner_activities
            union all select rate_date::timestamptz from currency_rates
        )
        """
    ).fetchone()[0]
    assert latest <= END_OF_DEMO
    first_created = scalar(clean_db, "select min(created_at::timestamptz) from opportunities")
    assert first_created >= dt.datetime(2023, 1, 1, tzinfo=UTC)
    assert (
        scalar(
            clean_db,
            "select count(*) from opportunities where closed_at::timestamptz < created_at::timestamptz",
        )
        == 0
    )
    assert (
        scalar(
            clean_db,
            "select count(*) from accounts a join opportunities o using (account_id) "
            "where o.created_at::timestamptz < a.created_at::timestamptz",
        )
        == 0
    )
    assert (
        scalar(
            clean_db,
            "select count(*) from partner_activities a join partners p using (partner_id) "
            "where a.occurred_at::timestamptz < p.joined_at::timestamptz",
        )
        == 0
    )


def test_stage_history_runs_from_prospecting_to_the_current_stage(
    clean_db: duckdb.DuckDBPyConnection,
) -> None:
    bad = clean_db.execute(
        f"""
        with history as (
            select
                opportunity_id,
                stage,
                amount,
                changed_at::timestamptz as changed_at,
                row_number() over (
                    partition by opportunity_id
                    order by changed_at::timestamptz, list_position({STAGE_ORDER}, stage)
                ) as step,
                count(*) over (partition by opportunity_id) as steps,
                lag(changed_at::timestamptz) over (
                    partition by opportunity_id order by changed_at::timestamptz
                ) as previous_at
            from opportunity_stage_history
        )
        select
            count(*) filter (where h.steps not between 2 and 5),
            count(*) filter (
                where h.step = 1 and (h.stage <> 'prospecting' or h.changed_at <> o.created_at::timestamptz)
            ),
            count(*) filter (where h.step = h.steps and h.stage <> o.stage),
            count(*) filter (where h.changed_at < h.previous_at),
            count(*) filter (
                where h.changed_at > coalesce(o.closed_at::timestamptz, timestamptz '{END_OF_DEMO}')
            ),
            count(*) filter (where h.step = h.steps and o.closed_at is not null
                             and (h.changed_at <> o.closed_at::timestamptz or h.amount <> o.amount))
        from history h join opportunities o using (opportunity_id)
        """
    ).fetchone()
    assert bad == (0, 0, 0, 0, 0, 0)


def test_open_deals_have_no_close_and_are_not_won(clean_db: duckdb.DuckDBPyConnection) -> None:
    open_deals, open_won, open_share, open_in_closed_stage = clean_db.execute(
        f"""
        select
            count(*) filter (where closed_at is null),
            count(*) filter (where closed_at is null and {TRUE_SQL.format("is_won")}),
            avg((closed_at is null)::int),
            count(*) filter (where closed_at is null and stage like 'closed%')
        from opportunities
        """
    ).fetchone()
    assert open_deals > 0 and open_won == 0 and open_in_closed_stage == 0
    assert 0.08 < open_share < 0.18
    # open deals are mostly the recent ones
    median_open = scalar(
        clean_db, "select median(created_at::timestamptz) from opportunities where closed_at is null"
    )
    assert median_open > dt.datetime(2025, 6, 1, tzinfo=UTC)


def test_vocabularies(clean_db: duckdb.DuckDBPyConnection) -> None:
    def values(sql: str) -> set:
        return {row[0] for row in clean_db.execute(sql).fetchall()}

    norm = "lower(trim({}))"
    assert values(f"select distinct {norm.format('activity_type')} from partner_activities") == ACTIVITY_TYPES
    assert values("select distinct direction from partner_activities") == {"inbound", "outbound", None}
    assert values(f"select distinct {norm.format('region')} from accounts") == {"na", "emea", "apac", "latam"}
    assert values(f"select distinct {norm.format('opportunity_type')} from opportunities") == {
        "new_business",
        "expansion",
        "renewal",
    }
    assert values("select distinct stage from opportunities") <= {
        "prospecting",
        "qualification",
        "proposal",
        "negotiation",
        "closed_won",
        "closed_lost",
    }
    assert values(f"select distinct {norm.format('lead_source')} from opportunities") == {
        "partner",
        "web",
        "outbound",
        "event",
        "referral",
    }
    assert values(f"select distinct {norm.format('partner_type')} from partners") == {
        "referral",
        "reseller",
        "system_integrator",
        "technology",
    }
    assert values(f"select distinct {norm.format('tier')} from partners") == {
        "platinum",
        "gold",
        "silver",
        "registered",
    }
    # status only on deal registrations, all four statuses, rejected + expired around a fifth
    assert values(
        "select distinct status from partner_activities where code(activity_type) <> 'deal_registration'"
    ) == {None}
    statuses = dict(
        clean_db.execute(
            "select status, count(*) from partner_activities "
            "where code(activity_type) = 'deal_registration' group by 1"
        ).fetchall()
    )
    assert set(statuses) == {"submitted", "approved", "rejected", "expired"}
    assert 0.12 < (statuses["rejected"] + statuses["expired"]) / sum(statuses.values()) < 0.35
    # booleans: mixed spellings, all valid
    spellings = values("select distinct is_qualified from partner_activities where is_qualified is not null")
    spellings |= values("select distinct is_won from opportunities")
    assert {s.lower() for s in spellings} == BOOLEAN_SPELLINGS
    assert len(spellings) > len(BOOLEAN_SPELLINGS)  # some upper / mixed case too
    # funded_by only where it belongs, amounts on MDF and resale rows
    assert values(
        "select distinct code(activity_type) from partner_activities where funded_by is not null"
    ) <= {
        "joint_event",
        "mdf_campaign",
        "referral",
        "deal_registration",
    }
    assert values("select distinct code(activity_type) from partner_activities where amount is not null") == {
        "mdf_campaign",
        "resale",
        "marketplace_transaction",
    }


def test_messy_text_and_local_offsets_exist(clean_db: duckdb.DuckDBPyConnection) -> None:
    messy = scalar(
        clean_db,
        "select count(*) from opportunities where opportunity_type <> lower(trim(opportunity_type))",
    )
    assert messy > 0
    offset_share = dict(
        clean_db.execute(
            "select upper(trim(ac.region)), avg((length(o.created_at) = 25)::int) "
            "from opportunities o join accounts ac using (account_id) group by 1"
        ).fetchall()
    )
    overall = scalar(clean_db, "select avg((length(occurred_at) = 25)::int) from partner_activities")
    assert 0.08 < overall < 0.25
    assert offset_share["APAC"] > max(offset_share["NA"], offset_share["EMEA"])


@pytest.mark.parametrize("end_date", [dt.date(2024, 2, 29), dt.date(2021, 6, 30)])
def test_end_date_bounds_the_data(tmp_path: Path, end_date: dt.date) -> None:
    export = generate(tmp_path, opportunities=300, end_date=end_date, dirty_share=0.0)
    with connect(export) as connection:
        latest = scalar(
            connection,
            "select greatest(max(occurred_at::timestamptz), "
            "(select max(closed_at::timestamptz) from opportunities), "
            "(select max(changed_at::timestamptz) from opportunity_stage_history)) from partner_activities",
        )
        first = scalar(connection, "select min(created_at::timestamptz) from opportunities")
    end = dt.datetime.combine(end_date, dt.time(23, 59, 59), tzinfo=UTC)
    assert latest <= end
    assert end - dt.timedelta(days=3 * 366 + 1) <= first
    assert latest > end - dt.timedelta(days=30)


# ---------------------------------------------------------------------------------------------
# The story the marts show
# ---------------------------------------------------------------------------------------------

ATTACHED_SQL = """
    with attached as (
        select distinct opportunity_id from partner_activities
        where opportunity_id is not null and coalesce(direction, 'inbound') = 'inbound'
    )
    select
        o.*,
        upper(trim(ac.region)) as account_region,
        o.opportunity_id in (select opportunity_id from attached) as is_attached,
        {won} as won
    from opportunities o join accounts ac using (account_id)
""".format(won=TRUE_SQL.format("o.is_won"))


def test_partner_attached_deals_win_more_are_larger_and_faster(clean_db: duckdb.DuckDBPyConnection) -> None:
    rows = clean_db.execute(
        f"""
        with deals as ({ATTACHED_SQL})
        select
            is_attached,
            avg(won::int) filter (where closed_at is not null) as win_rate,
            median(amount::double * r.rate_to_reporting::double) as median_usd,
            avg(date_diff('day', created_at::timestamptz, closed_at::timestamptz)) as cycle_days
        from deals join currency_rates r
            on r.currency = deals.currency
            and r.rate_date::date = date_trunc('month', deals.created_at::timestamptz)
        group by is_attached
        """
    ).fetchall()
    stats = {attached: (win, size, cycle) for attached, win, size, cycle in rows}
    win_attached, size_attached, cycle_attached = stats[True]
    win_other, size_other, cycle_other = stats[False]
    assert 0.30 < win_attached < 0.45 and 0.17 < win_other < 0.28
    assert win_attached > win_other + 0.08
    assert 1.15 < size_attached / size_other < 1.5
    assert 0.65 < cycle_attached / cycle_other < 0.92
    assert 20 < cycle_other < 250


def test_partner_led_markets_have_more_partner_involvement(clean_db: duckdb.DuckDBPyConnection) -> None:
    involvement = dict(
        clean_db.execute(
            f"with deals as ({ATTACHED_SQL}) "
            "select account_region, avg(is_attached::int) from deals group by 1"
        ).fetchall()
    )
    assert min(involvement["APAC"], involvement["LATAM"]) > 0.75
    assert max(involvement["NA"], involvement["EMEA"]) < 0.5
    assert min(involvement["NA"], involvement["EMEA"]) > 0.3


def test_volumes_and_mix(clean_db: duckdb.DuckDBPyConnection) -> None:
    per_opportunity = scalar(
        clean_db, "select (select count(*) from partner_activities) / (select count(*) from opportunities)"
    )
    assert 8 < per_opportunity < 10.5
    mix = dict(
        clean_db.execute(
            "select lower(trim(opportunity_type)), count(*) / sum(count(*)) over () "
            "from opportunities group by 1"
        ).fetchall()
    )
    assert abs(mix["new_business"] - 0.55) < 0.05
    assert abs(mix["expansion"] - 0.25) < 0.05
    assert abs(mix["renewal"] - 0.20) < 0.05
    # each account's first deal is new business, later ones never are
    assert (
        scalar(
            clean_db,
            """
            select count(*) from (
                select lower(trim(opportunity_type)) as t,
                       row_number() over (partition by account_id order by created_at::timestamptz) as n
                from opportunities
            ) where (n = 1) <> (t = 'new_business')
            """,
        )
        == 0
    )
    regions = dict(
        clean_db.execute(
            "select upper(trim(region)), count(*) / sum(count(*)) over () from accounts group by 1"
        ).fetchall()
    )
    assert regions["NA"] > regions["EMEA"] > regions["APAC"] > regions["LATAM"]
    currencies = dict(
        clean_db.execute(
            "select currency, count(*) / sum(count(*)) over () from opportunities group by 1"
        ).fetchall()
    )
    assert currencies["USD"] + currencies["EUR"] > 0.5
    assert {"JPY", "BRL", "GBP", "AUD"} <= set(currencies)
    assert scalar(clean_db, "select count(*) from partners") == 40


def test_crm_sourced_partner_has_a_sourcing_touch_near_creation(clean_db: duckdb.DuckDBPyConnection) -> None:
    with_touch, total = clean_db.execute(
        """
        select
            count(*) filter (where exists (
                select 1 from partner_activities a
                where a.partner_id = o.sourced_partner_id
                  and code(a.activity_type) in ('referral', 'deal_registration')
                  and coalesce(a.direction, 'inbound') = 'inbound'
                  and (a.opportunity_id = o.opportunity_id
                       or (a.opportunity_id is null and a.account_id = o.account_id))
                  and a.occurred_at::timestamptz
                      between o.created_at::timestamptz - interval 130 day
                          and o.created_at::timestamptz + interval 7 day
            )),
            count(*)
        from opportunities o where sourced_partner_id is not null
        """
    ).fetchone()
    assert total > 100 and with_touch == total


def test_sourcing_is_incomplete_and_sometimes_contested(clean_db: duckdb.DuckDBPyConnection) -> None:
    sourcing = """
        select o.opportunity_id, o.sourced_partner_id, a.partner_id
        from opportunities o join partner_activities a
          on (a.opportunity_id = o.opportunity_id
              or (a.opportunity_id is null and a.account_id = o.account_id))
         and code(a.activity_type) in ('referral', 'deal_registration')
         and coalesce(a.direction, 'inbound') = 'inbound'
         and a.occurred_at::timestamptz between o.created_at::timestamptz - interval 90 day
                                            and o.created_at::timestamptz + interval 7 day
    """
    sourced, crm_filled, contested = clean_db.execute(
        f"""
        select count(distinct opportunity_id),
               count(distinct opportunity_id) filter (where sourced_partner_id is not null),
               (select count(*) from (select opportunity_id from ({sourcing})
                                      group by 1 having count(distinct partner_id) > 1))
        from ({sourcing})
        """
    ).fetchone()
    assert 0.35 < crm_filled / sourced < 0.7  # the CRM field is filled on about half
    assert contested > 0
    us_funded_sourcing = (
        "select count(*) from partner_activities "
        "where funded_by = 'us' and code(activity_type) in ('referral', 'deal_registration')"
    )
    assert scalar(clean_db, us_funded_sourcing) > 0


def test_lifecycle_roles(clean_db: duckdb.DuckDBPyConnection) -> None:
    # resellers: reseller_partner_id on won deals only, with a resale touch by that partner near close
    assert scalar(clean_db, f"select count(*) from opportunities where reseller_partner_id is not null "
                  f"and not {TRUE_SQL.format('is_won')}") == 0  # fmt: skip
    assert (
        scalar(
            clean_db,
            """
            select count(*) from opportunities o where reseller_partner_id is not null and not exists (
                select 1 from partner_activities a where a.opportunity_id = o.opportunity_id
                  and a.partner_id = o.reseller_partner_id
                  and code(a.activity_type) in ('resale', 'marketplace_transaction'))
            """,
        )
        == 0
    )
    # implementation comes after a won close, within about six months, from system integrators
    impl = clean_db.execute(
        f"""
        select count(*),
               count(*) filter (where not {TRUE_SQL.format("o.is_won")}),
               count(*) filter (
                   where a.occurred_at::timestamptz < o.closed_at::timestamptz
                      or a.occurred_at::timestamptz > o.closed_at::timestamptz + interval 181 day
               ),
               count(*) filter (where lower(trim(p.partner_type)) <> 'system_integrator')
        from partner_activities a
        join opportunities o using (opportunity_id)
        join partners p using (partner_id)
        where code(a.activity_type) = 'implementation'
        """
    ).fetchone()
    assert impl[0] > 0 and impl[1:] == (0, 0, 0)
    # customer-success reviews go with renewals and expansions
    cs_types = dict(
        clean_db.execute(
            "select lower(trim(o.opportunity_type)), count(*) from partner_activities a "
            "join opportunities o using (opportunity_id) "
            "where code(a.activity_type) = 'customer_success_review' group by 1"
        ).fetchall()
    )
    assert set(cs_types) == {"expansion", "renewal"}
    # outbound referrals exist, are a few percent, and are referrals
    outbound = dict(
        clean_db.execute(
            "select code(activity_type), count(*) / (select count(*) from partner_activities) "
            "from partner_activities where direction = 'outbound' group by 1"
        ).fetchall()
    )
    assert set(outbound) == {"referral"} and 0.01 < outbound["referral"] < 0.06


# ---------------------------------------------------------------------------------------------
# Dirty rows
# ---------------------------------------------------------------------------------------------

ALL_KINDS = {
    "duplicate_exact",
    "duplicate_conflict",
    "missing_key",
    "unknown_partner",
    "unknown_account",
    "unknown_opportunity",
    "unknown_activity_type",
    "unparsable_timestamp",
    "unparsable_amount",
    "negative_amount",
    "unknown_currency",
    "unknown_sourced_partner",
    "invalid_boolean",
}
CSV_ONLY = {"unparsable_timestamp", "unparsable_amount", "invalid_boolean"}


def test_dirty_planner_covers_every_kind_and_only_typed_kinds_in_parquet() -> None:
    dataset = generate_dataset(Config())
    csv_plan = plan_dirty_rows(dataset, "csv", 0.002, 42)
    parquet_plan = plan_dirty_rows(dataset, "parquet", 0.002, 42)
    assert set().union(*(set(p.kinds) for p in csv_plan.values())) == ALL_KINDS
    assert set().union(*(set(p.kinds) for p in parquet_plan.values())) == ALL_KINDS - CSV_ONLY
    assert plan_dirty_rows(dataset, "csv", 0.0, 42) == {}
    activities = csv_plan["partner_activities"]
    assert (
        activities.table.num_rows
        == len(activities.kinds)
        == round(0.002 * dataset.rows("partner_activities"))
    )
    assert activities.table.schema == table_schema("partner_activities", "csv")


def test_each_dirty_kind_is_in_the_default_export(default_csv: Path) -> None:
    with connect(default_csv) as db:
        found = {
            "duplicate_exact": "select count(*) from "
            "(select * from partner_activities group by all having count(*) > 1)",
            "duplicate_conflict": "select count(*) from (select activity_id from partner_activities "
            "group by 1 having count(distinct activity_type) > 1)",
            "duplicate_key_accounts": "select count(*) from (select account_id from accounts group by 1 "
            "having count(*) > 1)",
            "missing_key": "select count(*) from partner_activities where activity_id is null",
            "missing_opportunity_key": "select count(*) from opportunities where opportunity_id is null",
            "unknown_partner": "select count(*) from partner_activities "
            "where partner_id not in (select partner_id from partners where partner_id is not null)",
            "unknown_account": "select count(*) from partner_activities "
            "where account_id not in (select account_id from accounts where account_id is not null)",
            "unknown_opportunity": "select count(*) from partner_activities where opportunity_id not in "
            "(select opportunity_id from opportunities where opportunity_id is not null)",
            "unknown_activity_type": "select count(*) from partner_activities "
            "where activity_type = 'webinar'",
            "unparsable_timestamp": "select count(*) from partner_activities "
            "where try_cast(occurred_at as timestamptz) is null",
            "unparsable_amount": "select count(*) from opportunity_stage_history where amount = '12,5k'",
            "negative_amount": "select count(*) from partner_activities where try_cast(amount as double) < 0",
            "unknown_currency": "select count(*) from opportunities where currency = 'XXX'",
            "unknown_sourced_partner": "select count(*) from opportunities "
            "where sourced_partner_id not in (select partner_id from partners where partner_id is not null)",
            "invalid_boolean": "select count(*) from opportunities where is_won = 'maybe'",
            "opportunity_of_unknown_account": "select count(*) from opportunities "
            "where account_id not in (select account_id from accounts where account_id is not null)",
        }
        counts = {kind: scalar(db, sql) for kind, sql in found.items()}
        total_activities = scalar(db, "select count(*) from partner_activities")
    assert all(counts.values()), {kind: n for kind, n in counts.items() if not n}
    assert counts["unknown_partner"] < 0.01 * total_activities  # a small share, not a broken join


def test_dirty_rows_leave_the_clean_rows_alone(tmp_path: Path, default_csv: Path) -> None:
    clean = generate(tmp_path, dirty_share=0.0)
    for table in EXPECTED_COLUMNS:
        clean_lines = (clean / f"{table}.csv").read_text(encoding="utf-8").splitlines()
        dirty_lines = set((default_csv / f"{table}.csv").read_text(encoding="utf-8").splitlines())
        missing = [line for line in clean_lines if line not in dirty_lines]
        # only leaf tables replace rows; at most about the dirty share of them
        assert len(missing) <= max(12, 0.003 * len(clean_lines)), table
        if table in ("accounts", "partners", "opportunities"):
            assert missing == [], table


# ---------------------------------------------------------------------------------------------
# Formatting helpers and command line
# ---------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    seconds=st.integers(min_value=0, max_value=4_102_444_799),
    tz=st.integers(min_value=0, max_value=len(OFFSET_MINUTES)),
)
def test_timestamp_text_denotes_the_same_instant(seconds: int, tz: int) -> None:
    text = format_timestamps(np.array([seconds]), np.array([tz], dtype=np.int8)).to_pylist()[0]
    assert parse_instant(text) == dt.datetime.fromtimestamp(seconds, UTC)
    assert len(text) == (19 if tz == 0 else 25)


@given(st.lists(st.integers(min_value=-(10**13), max_value=10**13), min_size=1, max_size=20))
def test_amount_text_is_a_plain_two_decimal_number(cents: list[int]) -> None:
    texts = format_amounts(np.array(cents, dtype=np.float64) / 100).to_pylist()
    expected = [f"{'-' if c < 0 else ''}{abs(c) // 100}.{abs(c) % 100:02d}" for c in cents]
    assert texts == expected


def test_amount_text_keeps_nulls() -> None:
    assert format_amounts(np.array([np.nan, 0.0, -0.5, 12.3456])).to_pylist() == [
        None,
        "0.00",
        "-0.50",
        "12.35",
    ]


def _cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "partner_tools.demo_data", "--out", str(tmp_path / "out"), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--opportunities", "5"], "between 100 and"),
        (["--opportunities", "lots"], "must be an integer"),
        (["--format", "xml"], "invalid choice: 'xml'"),
        (["--end-date", "2025-02-30"], "must be a date"),
        (["--dirty-share", "0.9"], "between 0 and"),
    ],
)
def test_bad_command_line_is_rejected_clearly(tmp_path: Path, args: list[str], message: str) -> None:
    result = _cli(*args, tmp_path=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_command_line_reports_progress_and_a_summary(tmp_path: Path) -> None:
    result = _cli("--opportunities", "150", "--format", "parquet", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "writing partner_activities.parquet: 100%" in result.stderr
    assert "s] generating partner activities" in result.stderr
    summary = result.stdout.strip().splitlines()
    assert len(summary) == 6 and all(" rows, " in line for line in summary)
    quiet = _cli("--opportunities", "150", "--quiet", tmp_path=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    assert len(list((tmp_path / "out").iterdir())) == 12  # csv next to parquet, both overwritten in place
