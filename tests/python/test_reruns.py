"""Identical reruns: the same export and vars give the same marts, whatever the wall clock says.

Two fresh builds of the demo export into two warehouse files, and a third run on the first file
(incremental, nothing changed), must hold the same rows in every table of the marts, audit and
semantic schemas. Each table is hashed (row count and a sum of row hashes, so row order does not
matter). A table that differs is then named with its rows that differ.

No model may read the wall clock: as_of_date is the clock. The compiled SQL and Python of every
model is searched for the functions that would read it, and for today's date, which a macro
reading the clock (run_started_at) would leave behind.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb

from partner_tools.constants import DEMO_AS_OF_DATE, DEMO_DATA_DIR, MODEL_LAYERS

VARIABLES = {"raw_data_dir": str(DEMO_DATA_DIR), "as_of_date": DEMO_AS_OF_DATE}
# SQL: functions called with parentheses, and the keywords that read the clock without them
WALL_CLOCK = re.compile(
    r"\b(now|today|get_current_time|get_current_timestamp|transaction_timestamp|statement_timestamp"
    r"|clock_timestamp|getdate|sysdate|random|uuid|gen_random_uuid)\s*\("
    r"|\b(current_date|current_timestamp|current_time|localtimestamp|localtime)\b",
    re.IGNORECASE,
)
# Python models: the clock and unseeded randomness
PYTHON_WALL_CLOCK = re.compile(r"\b(datetime\.(now|utcnow|today)|date\.today|time\.time|random\.\w+)\s*\(")


def table_hashes(warehouse: Path) -> dict[str, tuple]:
    """Every published table and view: its row count and the sum of its rows' hashes."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = connection.sql(
            "select table_schema, table_name from information_schema.tables"
            f" where table_schema in {MODEL_LAYERS} and table_catalog = current_database()"
        ).fetchall()
        return {
            f"{schema}.{table}": connection.sql(
                f'select count(*), sum(hash(t)) from "{schema}"."{table}" as t'
            ).fetchall()[0]
            for schema, table in tables
        }


def differing_rows(first: Path, second: Path, table: str) -> list[tuple]:
    """Up to 10 rows of `table` in one warehouse and not the other, to say what differs."""
    with duckdb.connect() as connection:
        connection.execute(f"attach '{first}' as first_build (read_only)")
        connection.execute(f"attach '{second}' as second_build (read_only)")
        return connection.sql(
            f"(select 'first only', * from (from first_build.{table} except all from second_build.{table}))"
            " union all "
            f"(select 'second only', * from (from second_build.{table} except all from first_build.{table}))"
            " limit 10"
        ).fetchall()


def assert_same_contents(first: Path, second: Path) -> None:
    first_hashes, second_hashes = table_hashes(first), table_hashes(second)
    assert sorted(first_hashes) == sorted(second_hashes)
    assert len(first_hashes) > 10  # the published tables were found
    for table, fingerprint in first_hashes.items():
        if fingerprint != second_hashes[table]:
            raise AssertionError(f"{table} differs: {differing_rows(first, second, table)}")


def test_two_builds_of_the_same_export_publish_the_same_rows(run_dbt):
    first = run_dbt(["build"], VARIABLES, warehouse_name="first.duckdb")
    assert first.returncode == 0, first.output[-3000:]
    second = run_dbt(["build"], VARIABLES, warehouse_name="second.duckdb")
    assert second.returncode == 0, second.output[-3000:]
    assert_same_contents(first.warehouse, second.warehouse)

    # a rerun on the same file (incremental models find nothing to do) changes nothing either
    before = first.warehouse.with_name("first_before_rerun.duckdb")
    before.write_bytes(first.warehouse.read_bytes())
    rerun = run_dbt(["build"], VARIABLES, warehouse_name="first.duckdb")
    assert rerun.returncode == 0, rerun.output[-3000:]
    assert_same_contents(before, rerun.warehouse)


def test_no_model_reads_the_wall_clock(run_dbt, tmp_path: Path):
    compiled = run_dbt(["compile"], VARIABLES)
    assert compiled.returncode == 0, compiled.output[-3000:]
    compiled_models = tmp_path / "target" / "compiled" / "partner_attribution" / "models"
    models = sorted(compiled_models.rglob("*.sql")) + sorted(compiled_models.rglob("*.py"))
    assert len(models) > 30
    assert any(path.suffix == ".py" for path in models)
    readers = {
        str(path.relative_to(tmp_path)): match.group(0)
        for path in models
        for match in [(WALL_CLOCK if path.suffix == ".sql" else PYTHON_WALL_CLOCK).search(path.read_text())]
        if match
    }
    assert readers == {}
    # a var that reads the clock is caught too: as_of_date 'today' is the only way in, and it is
    # given here, so no compiled model may hold today's date
    today = date.today().isoformat()
    assert [str(path) for path in models if today in path.read_text()] == []
