#!/usr/bin/env python3
"""Compare the contract marts built on several engines; exit 1 on any difference beyond float tolerance.

    python -m partner_tools.compare_marts --duckdb target/test/partner_attribution.duckdb --postgres \
        [--spark-warehouse target/test/spark/warehouse] [--marts-schema marts]

Every engine must hold the same rows of every compared mart (matched on the mart's key) with the
same values: text, booleans and timestamps exactly, numbers within a relative 1e-9. The columns
compared are those of each mart's contract in models/marts/*.yml. PostgreSQL is read
through the PG* variables; a Spark session-mode warehouse is read from its Parquet files. The marts
are read from the schema `marts`, where a standalone build puts them; --marts-schema names another
(installed as a package, dbt puts them in <target schema>_partner_attribution_marts by default).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import yaml

from partner_tools.constants import ROOT

MARTS_DIR = ROOT / "models" / "marts"
KEYS = {
    "fct_opportunities": ["opportunity_id"],
    "fct_opportunity_partners": ["opportunity_id", "partner_id"],
    "fct_partner_touches": ["activity_id", "opportunity_id"],
    "fct_partner_attribution": ["opportunity_id", "partner_id", "attribution_model"],
    "mart_partner_attach": [
        "period_basis",
        "period_grain",
        "fiscal_year",
        "fiscal_period",
        "region",
        "opportunity_type",
    ],
    "dim_partners": ["partner_id"],
    "mart_partner_scorecard": ["partner_id"],
    "mart_partner_scorecard_quarterly": ["partner_id", "fiscal_year", "fiscal_quarter"],
    "mart_partner_attribution_by_model": ["partner_id", "attribution_model"],
    "mart_partner_impact": ["segment", "region", "opportunity_type", "market_motion"],
}
TOLERANCE = 1e-9
STANDALONE_MARTS = "marts"  # the marts' schema when this project is the root (not a package)

Reader = Callable[[str, list[str]], list[tuple]]


def contract_columns(mart: str) -> list[str]:
    """The mart's contract columns, from whichever YAML file under models/marts declares it (the
    model partner_attribution__<mart>, whose table is named <mart>)."""
    for path in sorted(MARTS_DIR.glob("*.yml")):
        for model in yaml.safe_load(path.read_text()).get("models", []):
            if model["name"] == f"partner_attribution__{mart}":
                return [column["name"] for column in model["columns"]]
    raise KeyError(f"no contract for {mart} under {MARTS_DIR}")


def qualified(schema: str, mart: str) -> str:
    return ".".join('"' + name.replace('"', '""') + '"' for name in (schema, mart))


def duckdb_reader(path: Path, schema: str = STANDALONE_MARTS) -> Reader:
    def read(mart: str, columns: list[str]) -> list[tuple]:
        with duckdb.connect(str(path), read_only=True) as connection:
            return connection.sql(f"select {', '.join(columns)} from {qualified(schema, mart)}").fetchall()

    return read


def postgres_reader(schema: str = STANDALONE_MARTS) -> Reader:
    import psycopg2

    def read(mart: str, columns: list[str]) -> list[tuple]:
        with psycopg2.connect("") as connection, connection.cursor() as cursor:
            cursor.execute(f"select {', '.join(columns)} from {qualified(schema, mart)}")
            return cursor.fetchall()

    return read


def published_view_source(mart: str) -> str | None:
    """The intermediate model a mart that is a view publishes (the fct_* views select the columns of
    one intermediate table), or None when the mart is a table."""
    sql = (MARTS_DIR / f"partner_attribution__{mart}.sql").read_text()
    if "materialized='view'" not in sql:
        return None
    sources = re.findall(r"ref\('partner_attribution', '(int_\w+)'\)", sql)
    return sources[0] if len(sources) == 1 else None


def parquet_warehouse_reader(warehouse: Path, schema: str = STANDALONE_MARTS) -> Reader:
    """Spark session mode keeps each table as Parquet files under <warehouse>/<schema>.db/<table>/.
    A view has no files (Spark keeps its definition only): for a mart that is a view, the
    intermediate table it publishes is read, from the intermediate schema beside the marts'."""

    def read(mart: str, columns: list[str]) -> list[tuple]:
        directory = warehouse / f"{schema}.db" / mart
        source = published_view_source(mart)
        if source is not None and not directory.exists():
            intermediate = schema.removesuffix(STANDALONE_MARTS) + "intermediate"
            directory = warehouse / f"{intermediate}.db" / source
        files = str(directory / "*.parquet").replace("'", "''")
        with duckdb.connect() as connection:
            return connection.sql(f"select {', '.join(columns)} from read_parquet('{files}')").fetchall()

    return read


def normalise(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def same(left, right) -> bool:
    if isinstance(left, float | int) and isinstance(right, float | int) and not isinstance(left, bool):
        return math.isclose(left, right, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    return left == right


def compare(mart: str, readers: dict[str, Reader], max_report: int = 5) -> list[str]:
    """Differences between the first engine's rows of a mart and every other engine's, as sentences."""
    columns = contract_columns(mart)
    key_positions = [columns.index(key) for key in KEYS[mart]]
    tables = {}
    for engine, read in readers.items():
        rows = [tuple(normalise(value) for value in row) for row in read(mart, columns)]
        tables[engine] = {tuple(row[i] for i in key_positions): row for row in rows}
    (base_engine, base), *others = tables.items()
    problems = []
    for engine, rows in others:
        missing = sorted(base.keys() - rows.keys())
        extra = sorted(rows.keys() - base.keys())
        if missing:
            problems.append(f"{mart}: {len(missing)} rows of {base_engine} not on {engine}: {missing[:3]}")
        if extra:
            problems.append(f"{mart}: {len(extra)} rows on {engine} not on {base_engine}, e.g. {extra[:3]}")
        differing = 0
        for key in sorted(base.keys() & rows.keys()):
            for column, left, right in zip(columns, base[key], rows[key], strict=True):
                if not same(left, right):
                    differing += 1
                    if differing <= max_report:
                        problems.append(f"{mart} {key} {column}: {base_engine}={left!r} {engine}={right!r}")
        if differing > max_report:
            problems.append(f"{mart}: {differing - max_report} more values differ on {engine}")
        if not problems:
            print(f"{mart}: {len(base)} rows identical on {base_engine} and {engine}")
    return problems


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--duckdb", type=Path, required=True, help="the DuckDB warehouse file")
    parser.add_argument("--postgres", action="store_true", help="compare PostgreSQL (PG* variables)")
    parser.add_argument("--spark-warehouse", type=Path, help="a Spark session-mode warehouse directory")
    parser.add_argument("--marts", nargs="*", default=list(KEYS), choices=list(KEYS))
    parser.add_argument(
        "--marts-schema",
        default=STANDALONE_MARTS,
        help="the schema of the marts on every engine (default: marts, a standalone build's)",
    )
    args = parser.parse_args(argv)
    readers: dict[str, Reader] = {"duckdb": duckdb_reader(args.duckdb, args.marts_schema)}
    if args.postgres:
        readers["postgres"] = postgres_reader(args.marts_schema)
    if args.spark_warehouse:
        readers["spark"] = parquet_warehouse_reader(args.spark_warehouse, args.marts_schema)
    if len(readers) < 2:
        parser.error("name at least one engine to compare DuckDB with (--postgres, --spark-warehouse)")
    problems = [problem for mart in args.marts for problem in compare(mart, readers)]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
