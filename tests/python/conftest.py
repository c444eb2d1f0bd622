"""Shared helpers for the pytest suite: run dbt on a throw-away DuckDB file and read the result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from partner_tools.constants import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
DBT = str(Path(sys.executable).parent / "dbt")


@dataclass
class DbtRun:
    returncode: int
    output: str
    warehouse: Path

    def query(self, sql: str) -> list[tuple]:
        """Read from the warehouse and close the connection at once (DuckDB allows one writer)."""
        with duckdb.connect(str(self.warehouse), read_only=True) as connection:
            return connection.sql(sql).fetchall()


def dbt_runner(directory: Path, project: Path = ROOT) -> Callable[..., DbtRun]:
    """What runs a dbt command of `project` (this one by default) on a DuckDB file of its own in
    `directory`, with target and logs kept there."""

    def _run(args: list[str], variables: dict | None = None, warehouse_name: str = "test.duckdb") -> DbtRun:
        warehouse = directory / warehouse_name
        env = dict(os.environ)
        env.update(
            DBT_PROFILES_DIR=str(project),
            DBT_PROJECT_DIR=str(project),
            DBT_SEND_ANONYMOUS_USAGE_STATS="false",
            DUCKDB_PATH=str(warehouse),
            DUCKDB_TEMP_DIRECTORY=str(directory / "duckdb_tmp"),
        )
        command = [
            DBT,
            *args,
            "--target-path",
            str(directory / "target"),
            "--log-path",
            str(directory / "logs"),
        ]
        if variables is not None:
            command += ["--vars", json.dumps(variables)]
        completed = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
        return DbtRun(completed.returncode, completed.stdout + completed.stderr, warehouse)

    return _run


@pytest.fixture
def run_dbt(tmp_path: Path) -> Callable[..., DbtRun]:
    """Run a dbt command on a DuckDB file of its own, with target and logs kept in tmp_path."""
    return dbt_runner(tmp_path)


def marts_differences(left: DbtRun, right: DbtRun) -> list[str]:
    """Every marts table and view of `right` compared row for row (EXCEPT ALL, both ways) with `left`'s."""
    differences = []
    with duckdb.connect() as connection:
        connection.execute(f"attach '{left.warehouse}' as left_shape (read_only)")
        connection.execute(f"attach '{right.warehouse}' as right_shape (read_only)")
        tables = {
            database: sorted(
                row[0]
                for row in connection.execute(
                    "select table_name from information_schema.tables"
                    " where table_catalog = ? and table_schema = 'marts'",
                    [database],
                ).fetchall()
            )
            for database in ("left_shape", "right_shape")
        }
        assert len(tables["left_shape"]) >= 10
        assert tables["left_shape"] == tables["right_shape"]
        for table in tables["left_shape"]:
            assert connection.execute(f"select count(*) from left_shape.marts.{table}").fetchone()[0] > 0, (
                table
            )
            for one, other in (("left_shape", "right_shape"), ("right_shape", "left_shape")):
                only = connection.execute(
                    f"select count(*) from (select * from {one}.marts.{table}"
                    f" except all select * from {other}.marts.{table})"
                ).fetchone()[0]
                if only:
                    differences.append(f"{table}: {only} rows only in {one}")
    return differences
