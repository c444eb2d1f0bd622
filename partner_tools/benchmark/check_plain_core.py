"""Check that plain_core.sql computes the same core marts as the dbt project; exit 1 if not.

    .venv/bin/python -m partner_tools.benchmark.check_plain_core --raw-data-dir data/demo
        --as-of-date 2025-12-31 [--project-dir DIR] [--vars YAML]

1. runs plain_core.sql on the export into a fresh DuckDB file (--plain-db), with the definitions
   and the activity vocabulary of the project (--project-dir, default this one: its dbt_project.yml
   vars, any --vars over them, its seed; partner_tools.benchmark.plain_core);
2. builds the dbt project (models and seeds, no tests) on the same export, with the same --vars,
   into another fresh DuckDB file (--dbt-db), from the project directory, with target, logs and
   spill files under /tmp (--skip-dbt reuses an existing build instead);
3. attaches both files read-only to one DuckDB connection and compares plain_opportunities,
   plain_opportunity_partners and plain_partner_attribution with marts.fct_opportunities,
   marts.fct_opportunity_partners and marts.fct_partner_attribution row by row on their keys:
   the same columns and types, the same keys, every value equal except floating-point numbers
   (weights, attributed amounts), which may differ by a relative 1e-9.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import duckdb

from partner_tools.benchmark.plain_core import run_plain, vars_argument
from partner_tools.constants import DEMO_AS_OF_DATE, DEMO_DATA_DIR, ROOT

# the dbt of the Python running this, so a project copied elsewhere builds with the same toolchain
DBT = Path(sys.executable).parent / "dbt"
TOLERANCE = 1e-9
# plain table -> (dbt mart, key columns)
TABLES = {
    "plain_opportunities": ("fct_opportunities", ["opportunity_id"]),
    "plain_opportunity_partners": ("fct_opportunity_partners", ["opportunity_id", "partner_id"]),
    "plain_partner_attribution": (
        "fct_partner_attribution",
        ["opportunity_id", "partner_id", "attribution_model"],
    ),
}
APPROXIMATE_TYPES = ("DOUBLE", "FLOAT", "REAL")  # DECIMAL amounts must match exactly
SAMPLE_ROWS = 5


def remove_database(path: Path) -> None:
    for leftover in (path, Path(f"{path}.wal"), Path(f"{path}.tmp")):
        if leftover.is_dir():
            shutil.rmtree(leftover)
        elif leftover.exists():
            leftover.unlink()


def run_dbt(
    raw_dir: Path,
    as_of_date: str,
    database: Path,
    work_dir: Path,
    project_dir: Path = ROOT,
    overrides: Mapping | None = None,
) -> float:
    """Build the dbt project (no tests) into a fresh database file; return the wall time."""
    remove_database(database)
    work_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DUCKDB_PATH": str(database),
        "DUCKDB_TEMP_DIRECTORY": str(work_dir / "spill"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_TARGET": "duckdb",
        "DBT_PROJECT_DIR": str(project_dir),
    }
    variables = {**(overrides or {}), "raw_data_dir": str(raw_dir), "as_of_date": as_of_date}
    command = [
        str(DBT),
        "build",
        # named outright: a DBT_PROJECT_DIR in the environment (the test command sets one) would
        # otherwise build that project instead of the one being checked
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project_dir),
        "--vars",
        json.dumps(variables),
        "--exclude-resource-type",
        "test",
        "--exclude-resource-type",
        "unit_test",
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
    ]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project_dir, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.stdout.write(result.stdout[-5000:])
        sys.stderr.write(result.stderr[-5000:])
        raise SystemExit(f"dbt build failed (exit {result.returncode})")
    return elapsed


def columns_of(
    con: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str
) -> list[tuple[str, str]]:
    return con.execute(
        """
        select column_name, data_type
        from information_schema.columns
        where table_catalog = $1 and table_schema = $2 and table_name = $3
        order by ordinal_position
        """,
        [catalog, schema, table],
    ).fetchall()


def compare_table(con: duckdb.DuckDBPyConnection, plain: str, mart: str, keys: list[str]) -> list[str]:
    """The differences between plain.main.<plain> and dbt.marts.<mart>, as lines of text."""
    problems: list[str] = []
    plain_columns = columns_of(con, "plain", "main", plain)
    mart_columns = columns_of(con, "dbt", "marts", mart)
    if not plain_columns:
        return [f"{plain}: missing from the plain database"]
    if plain_columns != mart_columns:
        problems.append(f"{plain}: columns {plain_columns}\n    differ from {mart}'s {mart_columns}")
        return problems

    plain_rows = con.execute(f"select count(*) from plain.main.{plain}").fetchone()[0]
    mart_rows = con.execute(f"select count(*) from dbt.marts.{mart}").fetchone()[0]
    key_list = ", ".join(keys)
    for side, relation in (("plain", f"plain.main.{plain}"), ("dbt", f"dbt.marts.{mart}")):
        duplicates = con.execute(
            f"select count(*) from (select {key_list} from {relation} group by all having count(*) > 1)"
        ).fetchone()[0]
        if duplicates:
            problems.append(f"{plain}: {duplicates} duplicate keys on the {side} side")

    join_on = " and ".join(f"p.{key} is not distinct from d.{key}" for key in keys)
    value_columns = [(name, kind) for name, kind in plain_columns if name not in keys]
    checks = [f"p.{keys[0]} is null or d.{keys[0]} is null"]  # a row on one side only
    for name, kind in value_columns:
        if kind.startswith(APPROXIMATE_TYPES):
            checks.append(
                f"not (p.{name} is not distinct from d.{name} or abs(p.{name} - d.{name}) "
                f"<= {TOLERANCE} * greatest(abs(p.{name}), abs(d.{name})))"
            )
        else:
            checks.append(f"p.{name} is distinct from d.{name}")
    con.execute(
        f"""
        create or replace temp table differences as
        select
            {", ".join(f"p.{key} as plain_{key}, d.{key} as dbt_{key}" for key in keys)},
            {", ".join(f"({check}) as diff_{index}" for index, check in enumerate(checks))},
            {", ".join(f"p.{name} as plain_{name}, d.{name} as dbt_{name}" for name, _ in value_columns)}
        from plain.main.{plain} as p
        full outer join dbt.marts.{mart} as d
            on {join_on}
        where {" or ".join(f"coalesce({check}, true)" for check in checks)}
        """
    )
    only = con.execute(
        f"""
        select
            count(*) filter (where dbt_{keys[0]} is null),
            count(*) filter (where plain_{keys[0]} is null)
        from differences
        """
    ).fetchone()
    if only[0]:
        problems.append(f"{plain}: {only[0]} rows only in the plain table")
    if only[1]:
        problems.append(f"{plain}: {only[1]} rows only in {mart}")
    for index, (name, _) in enumerate(value_columns, start=1):
        count = con.execute(
            f"select count(*) from differences where plain_{keys[0]} is not null "
            f"and dbt_{keys[0]} is not null and coalesce(diff_{index}, true)"
        ).fetchone()[0]
        if count:
            sample = con.execute(
                f"select {', '.join(f'plain_{key}' for key in keys)}, plain_{name}, dbt_{name} "
                f"from differences where plain_{keys[0]} is not null and dbt_{keys[0]} is not null "
                f"and coalesce(diff_{index}, true) order by all limit {SAMPLE_ROWS}"
            ).fetchall()
            problems.append(f"{plain}.{name}: {count} rows differ, e.g. (key..., plain, dbt) {sample}")
    if not problems:
        print(f"  {plain:28} = marts.{mart:26} {plain_rows:>10,} rows, identical")
    else:
        print(f"  {plain:28} ~ marts.{mart:26} {plain_rows:>10,} vs {mart_rows:,} rows, DIFFERENT")
    return problems


def compare(plain_db: Path, dbt_db: Path) -> list[str]:
    problems: list[str] = []
    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        con.execute(f"attach '{plain_db}' as plain (read_only)")
        con.execute(f"attach '{dbt_db}' as dbt (read_only)")
        for plain, (mart, keys) in TABLES.items():
            problems += compare_table(con, plain, mart, keys)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-data-dir", type=Path, default=DEMO_DATA_DIR)
    parser.add_argument(
        "--as-of-date", default=DEMO_AS_OF_DATE, help=f"YYYY-MM-DD (default {DEMO_AS_OF_DATE}, the demo's)"
    )
    parser.add_argument("--project-dir", type=Path, default=ROOT, help="the dbt project (default: this one)")
    parser.add_argument("--vars", type=vars_argument, default={}, help="vars for both sides, as dbt's --vars")
    parser.add_argument(
        "--raw-format", choices=["csv", "parquet"], help="default: detected by plain_core.sql"
    )
    parser.add_argument("--plain-db", type=Path, default=Path("/tmp/plain-core.duckdb"))
    parser.add_argument("--dbt-db", type=Path, default=Path("/tmp/plain-dbt.duckdb"))
    parser.add_argument(
        "--dbt-work-dir",
        type=Path,
        default=Path("/tmp/plain-dbt-work"),
        help="dbt target path, logs and spill files go here",
    )
    parser.add_argument(
        "--skip-dbt", action="store_true", help="compare with an existing dbt build in --dbt-db"
    )
    args = parser.parse_args(argv)
    raw_dir = args.raw_data_dir.resolve()

    print(f"raw export {raw_dir}, as of {args.as_of_date}")
    project_dir = args.project_dir.resolve()
    plain_db = args.plain_db.resolve()
    remove_database(plain_db)
    plain_db.parent.mkdir(parents=True, exist_ok=True)
    seconds = run_plain(plain_db, raw_dir, args.as_of_date, args.raw_format, None, project_dir, args.vars)
    print(f"plain_core.sql: {seconds:.1f} s -> {args.plain_db}")
    if args.skip_dbt:
        print(f"dbt build: skipped, comparing with {args.dbt_db}")
    else:
        seconds = run_dbt(
            raw_dir, args.as_of_date, args.dbt_db.resolve(), args.dbt_work_dir, project_dir, args.vars
        )
        print(f"dbt build (no tests): {seconds:.1f} s -> {args.dbt_db}")

    problems = compare(args.plain_db.resolve(), args.dbt_db.resolve())
    if problems:
        print("\n".join(["", "VERDICT: DIFFERENT", *problems]))
        return 1
    print("\nVERDICT: identical (floating-point numbers within a relative 1e-9, all else exact)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
