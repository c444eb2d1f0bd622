"""Salesforce as the Fivetran connector lands it today: history mode, detected optional fields, the
audit of rows left out, and the schema route's check of its tables.

data/crm_shapes/salesforce_history is the scenario of data/crm_shapes/salesforce in Fivetran's history
mode (python -m partner_tools.crm_shapes): each record's version in force at the end of 2025-12-31, plus
versions before it (a prospect entered smaller and unsourced a day earlier), after it (a revised
amount, a partner's new tier) and deletions on either side. test_crm_sources.py finds its marts as of
2025-12-31 identical to the generic export's; here the other days and the bookkeeping are checked.
"""

from __future__ import annotations

import csv
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
import yaml

SHAPES = Path(__file__).resolve().parents[2] / "data" / "crm_shapes"
HISTORY = SHAPES / "salesforce_history"
HISTORY_VARS = yaml.safe_load((HISTORY / "dbt_vars.yml").read_text())
SALESFORCE_VARS = yaml.safe_load((SHAPES / "salesforce" / "dbt_vars.yml").read_text())


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def versions(table: str) -> dict[str, list[dict[str, str]]]:
    by_id: dict[str, list[dict[str, str]]] = {}
    for row in csv_rows(HISTORY / f"{table}.csv"):
        by_id.setdefault(row["id"], []).append(row)
    return by_id


def test_history_mode_reads_the_version_in_force_on_each_day(run_dbt):
    opportunities = versions("opportunity")
    revised = next(
        rows
        for rows in opportunities.values()
        if any(r["stage_name"] == "Closed Won - Revised" for r in rows)
    )
    prospect = next(
        rows for rows in opportunities.values() if any(r["stage_name"] == "Prospecting" for r in rows)
    )
    deleted_later = next(
        rows[0]
        for rows in opportunities.values()
        if len(rows) == 1 and rows[0]["_fivetran_active"] == "false" and rows[0]["id"] != "OPP-DELETED"
    )
    partner_rows = next(rows for rows in versions("account").values() if len(rows) == 2)

    # today (the default as_of_date): the active versions, as Fivetran's own packages read them
    today = run_dbt(["build"], {**HISTORY_VARS, "as_of_date": "today"}, warehouse_name="today.duckdb")
    assert today.returncode == 0, today.output[-3000:]
    active = next(r for r in revised if r["_fivetran_active"] == "true")
    assert today.query(
        "select fct.amount_local, stg.stage from marts.fct_opportunities as fct"
        " inner join validated.val_crm__opportunities as stg on fct.opportunity_id = stg.opportunity_id"
        f" where fct.opportunity_id = '{active['id']}'"
    ) == [(pytest.approx(float(active["amount"])), "Closed Won - Revised")]
    assert today.query(
        f"select count(*) from marts.fct_opportunities where opportunity_id = '{deleted_later['id']}'"
    ) == [(0,)]
    assert today.query(
        f"select tier from marts.dim_partners where partner_id = '{partner_rows[0]['id']}'"
    ) == [("platinum",)]

    # the day a prospect was first entered: its first version, smaller and not yet closed
    first = min(prospect, key=lambda r: r["_fivetran_start"])
    day = datetime.fromisoformat(first["_fivetran_start"]).date().isoformat()
    early = run_dbt(["build"], {**HISTORY_VARS, "as_of_date": day}, warehouse_name="early.duckdb")
    assert early.returncode == 0, early.output[-3000:]
    assert early.query(
        "select fct.amount_local, stg.stage, fct.is_closed from marts.fct_opportunities as fct"
        " inner join validated.val_crm__opportunities as stg on fct.opportunity_id = stg.opportunity_id"
        f" where fct.opportunity_id = '{first['id']}'"
    ) == [(pytest.approx(float(first["amount"])), "Prospecting", False)]
    # every version but one per record on that day is left out as an inactive version
    in_force = early.query(
        "select count(*) from audit.crm_left_out_rows where source_table = 'opportunity'"
        " and left_out_rule = 'inactive version'"
    )[0][0]
    assert 0 < in_force < sum(len(rows) for rows in opportunities.values())


@pytest.fixture(scope="module")
def salesforce_build(tmp_path_factory):
    from conftest import dbt_runner

    directory = tmp_path_factory.mktemp("salesforce")
    run = dbt_runner(directory)(
        ["build"], {**SALESFORCE_VARS, "raw_data_dir": str(SHAPES / "salesforce")}, warehouse_name="sf.duckdb"
    )
    assert run.returncode == 0, run.output[-3000:]
    return directory, run


def test_every_connector_row_lands_or_is_left_out_with_its_rule(salesforce_build):
    directory, run = salesforce_build
    assert sorted(
        run.query("select source_table, record_key, left_out_rule from audit.crm_left_out_rows")
    ) == [
        ("account", "ACC-DELETED", "deleted"),
        ("lead", "LEAD-WEB-1", "not a deal registration"),
        ("opportunity", "OPP-DELETED", "deleted"),
        ("task", "TSK-DEL-1", "deleted"),
        ("task", "TSK-OWN-1", "not a partner activity"),
    ]
    # the reconciliation can fail: a task that no rule leaves out and that did not land is caught
    from conftest import dbt_runner

    landed = run.query("select activity_id from conformed.conf_salesforce__partner_activities limit 1")[0][0]
    with duckdb.connect(str(run.warehouse)) as connection:
        connection.execute(
            f"delete from conformed.conf_salesforce__partner_activities where activity_id = '{landed}'"
        )
    check = dbt_runner(directory)(
        ["test", "--select", "test_name:crm_rows_land_or_are_left_out"],
        {**SALESFORCE_VARS, "raw_data_dir": str(SHAPES / "salesforce")},
        warehouse_name="sf.duckdb",
    )
    assert check.returncode != 0
    failed = [line for line in check.output.splitlines() if "FAIL 1 crm_rows_land_or_are_left_out" in line]
    assert len(failed) == 1, check.output[-3000:]
    assert "crm_rows_land_or_are_left_out_conf_salesforce__partner_activities" in failed[0]


def land_typed(warehouse: Path, schema: str, drop: dict[str, str] | None = None) -> None:
    """Salesforce's tables as the connector types them in a warehouse schema, from the raw tables a build
    loaded: booleans, timestamps, numbers. `drop` removes a column of a table (table: column)."""
    types = {
        "is_deleted": "boolean",
        "is_closed": "boolean",
        "is_won": "boolean",
        "is_partner": "boolean",
        "is_primary": "boolean",
        "_fivetran_active": "boolean",
        "created_date": "timestamp",
        "_fivetran_start": "timestamp",
        "_fivetran_end": "timestamp",
        "close_date": "date",
        "start_date": "date",
        "amount": "decimal(18, 2)",
        "conversion_rate": "double",
    }
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute(f"create schema {schema}")
        for table in ("account", "opportunity", "opportunity_partner", "task", "lead", "opportunity_history"):
            columns = [row[0] for row in connection.execute(f"describe raw.{table}").fetchall()]
            columns = [c for c in columns if (drop or {}).get(table) != c]
            select = ", ".join(
                f"cast(nullif({c}, '') as {types[c]}) as {c}" if c in types else c for c in columns
            )
            connection.execute(f"create table {schema}.{table} as select {select} from raw.{table}")


def test_the_schema_route_reads_landed_tables_and_names_what_is_missing(salesforce_build):
    from conftest import dbt_runner

    directory, run = salesforce_build
    landed = {**SALESFORCE_VARS, "raw_data_dir": "", "salesforce_schema": "fivetran_salesforce"}
    # a single-currency org: no dated_conversion_rate table, no currency_iso_code field; every amount
    # is then in the corporate currency, which is the reporting currency
    land_typed(run.warehouse, "fivetran_salesforce", drop={"opportunity": "currency_iso_code"})
    typed = dbt_runner(directory)(["build"], landed, warehouse_name="sf.duckdb")
    assert typed.returncode == 0, typed.output[-3000:]
    read_as_empty = next(line for line in typed.output.splitlines() if "read as empty (optional)" in line)
    assert read_as_empty.endswith(
        "not found, read as empty (optional): opportunity.currency_iso_code; table dated_conversion_rate"
    ), read_as_empty
    live = [r for r in csv_rows(SHAPES / "salesforce" / "opportunity.csv") if r["is_deleted"] == "false"]
    assert typed.query("select count(*), count(distinct currency) from marts.fct_opportunities") == [
        (len(live), 1)
    ]
    assert typed.query("select count(*) from marts.fct_opportunities where amount <> amount_local") == [(0,)]
    assert typed.query("select count(*) from audit.rejected_rows") == [(0,)]

    # a table or a field the mapping needs is named before anything is built
    with duckdb.connect(str(run.warehouse)) as connection:
        connection.execute("drop schema fivetran_salesforce cascade")
    land_typed(run.warehouse, "fivetran_salesforce", drop={"opportunity": "stage_name"})
    with duckdb.connect(str(run.warehouse)) as connection:
        connection.execute("drop table fivetran_salesforce.task")
    broken = dbt_runner(directory)(["build"], landed, warehouse_name="sf.duckdb")
    assert broken.returncode != 0
    assert "partner_attribution reads the salesforce tables from the warehouse" in broken.output
    assert "table fivetran_salesforce.task is missing" in broken.output
    assert "table fivetran_salesforce.opportunity lacks stage_name" in broken.output
    assert "Set the var salesforce_schema" in broken.output
    assert "START sql" not in broken.output  # stopped before any node ran


def test_a_connector_with_no_partner_activities_builds_green(run_dbt, tmp_path: Path):
    """Sparse but valid: an org that logs no partner work at all (no partner tasks, no
    opportunity_partner, no lead object) still builds with every test passing; partners then
    attach only through the opportunity's partner fields."""
    salesforce = tmp_path / "salesforce"
    shutil.copytree(SHAPES / "salesforce", salesforce)
    for name in ("opportunity_partner.csv", "lead.csv"):
        (salesforce / name).unlink()
    with (salesforce / "task.csv").open(newline="", encoding="utf-8") as handle:
        header = handle.readline()
    (salesforce / "task.csv").write_text(header, encoding="utf-8")
    run = run_dbt(["build"], {**SALESFORCE_VARS, "raw_data_dir": str(salesforce)})
    assert run.returncode == 0, run.output[-3000:]
    assert run.query("select count(*) from validated.val_crm__partner_activities") == [(0,)]
    assert run.query("select count(*) from marts.fct_partner_touches") == [(0,)]
    with_partner_field = sum(
        1
        for row in csv_rows(salesforce / "opportunity.csv")
        if row["is_deleted"] == "false" and (row["sourced_partner_c"] or row["reseller_partner_c"])
    )
    attached = run.query("select count(*) from marts.fct_opportunities where is_partner_attached")[0][0]
    assert 0 < attached <= with_partner_field
    assert run.query("select count(*) from marts.fct_opportunities where is_partner_influenced") == [(0,)]
