#!/usr/bin/env python3
"""Prove the installed package builds the same tables as the standalone project, row for row.

    python integration_tests/scripts/compare_with_standalone.py \
        --standalone-manifest target/test/duckdb_dbt/manifest.json --standalone-duckdb A.duckdb \
        --package-manifest integration_tests/target/manifest.json --package-duckdb B.duckdb
    (or --postgres instead of the two DuckDB files: both builds in the database of the PG* variables)

Each manifest says where its build put every table of the package (database, schema, alias), so
nothing here assumes a schema name. Every table of the marts, audit and reference layers is
compared exactly, on the same engine: the same columns in the same order, and the same rows with
the same multiplicity both ways (EXCEPT ALL). Each model's table in the package build also carries
its description as a comment (persist_docs), so BI tools show it. Exit 1, naming the tables, on
any difference or missing description.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

LAYERS = ("partner_attribution_marts", "partner_attribution_audit", "partner_attribution_reference")


def package_tables(manifest: Path) -> dict[str, tuple[str, str]]:
    """unique_id -> (schema, relation name) of every table the package built in the compared layers."""
    nodes = json.loads(manifest.read_text())["nodes"]
    tables = {}
    for unique_id, node in nodes.items():
        if node["package_name"] != "partner_attribution" or node["resource_type"] not in ("model", "seed"):
            continue
        if node["config"].get("schema") in LAYERS and node["config"].get("enabled", True):
            tables[unique_id] = (node["schema"], node["alias"])
    return tables


def quoted(*parts: str) -> str:
    return ".".join('"' + part.replace('"', '""') + '"' for part in parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--standalone-manifest", type=Path, required=True)
    parser.add_argument("--package-manifest", type=Path, required=True)
    parser.add_argument("--standalone-duckdb", type=Path)
    parser.add_argument("--package-duckdb", type=Path)
    parser.add_argument("--postgres", action="store_true", help="both builds are in the PG* database")
    args = parser.parse_args(argv)

    standalone = package_tables(args.standalone_manifest)
    package = package_tables(args.package_manifest)
    if set(standalone) != set(package):
        print(
            f"different tables: standalone only {sorted(set(standalone) - set(package))}, "
            f"package only {sorted(set(package) - set(standalone))}"
        )
        return 1

    if args.postgres:
        import psycopg2

        connection = psycopg2.connect("")
        cursor = connection.cursor()
        left, right = "", ""

        def query(sql: str) -> list[tuple]:
            cursor.execute(sql)
            return cursor.fetchall()

        def comment(schema: str, table: str, _side: str) -> str | None:
            return query(f"select obj_description(to_regclass('{quoted(schema, table)}'))")[0][0]

        def columns(schema: str, table: str, _side: str) -> list[str]:
            return [
                row[0]
                for row in query(
                    "select column_name from information_schema.columns where table_schema = "
                    f"'{schema}' and table_name = '{table}' order by ordinal_position"
                )
            ]
    else:
        import duckdb

        connection = duckdb.connect()
        connection.execute(f"attach '{args.standalone_duckdb}' as standalone (read_only)")
        connection.execute(f"attach '{args.package_duckdb}' as package (read_only)")
        left, right = "standalone", "package"

        def query(sql: str) -> list[tuple]:
            return connection.execute(sql).fetchall()

        def comment(schema: str, table: str, side: str) -> str | None:
            # the fct_* marts are views over intermediate tables: look among both
            where = f"database_name = '{side}' and schema_name = '{schema}'"
            found = query(
                f"select comment from duckdb_tables() where {where} and table_name = '{table}'"
                f" union all select comment from duckdb_views() where {where} and view_name = '{table}'"
            )
            return found[0][0] if found else None

        def columns(schema: str, table: str, side: str) -> list[str]:
            return [
                row[0]
                for row in query(
                    "select column_name from information_schema.columns where table_catalog = "
                    f"'{side}' and table_schema = '{schema}' and table_name = '{table}' "
                    "order by ordinal_position"
                )
            ]

    differ = []
    for unique_id in sorted(standalone):
        (a_schema, a_table), (b_schema, b_table) = standalone[unique_id], package[unique_id]
        a = quoted(left, a_schema, a_table) if left else quoted(a_schema, a_table)
        b = quoted(right, b_schema, b_table) if right else quoted(b_schema, b_table)
        a_columns, b_columns = columns(a_schema, a_table, left), columns(b_schema, b_table, right)
        rows = query(f"select count(*) from {a}")[0][0]
        if a_columns != b_columns:
            differ.append(f"{a_table}: columns {a_columns} vs {b_columns}")
            continue
        only_a = query(f"select count(*) from (select * from {a} except all select * from {b}) as d")[0][0]
        only_b = query(f"select count(*) from (select * from {b} except all select * from {a}) as d")[0][0]
        verdict = (
            "same"
            if only_a == only_b == 0
            else f"DIFFERENT ({only_a} rows only standalone, {only_b} only package)"
        )
        print(f"{a_schema}.{a_table} ({rows} rows) vs {b_schema}.{b_table}: {verdict}")
        if only_a or only_b:
            differ.append(a_table)
        if unique_id.startswith("model.") and not (comment(b_schema, b_table, right) or "").strip():
            differ.append(f"{b_table}: no description in the warehouse (persist_docs)")
    if differ:
        print(f"the package's tables differ from the standalone build's: {differ}")
        return 1
    print(f"{len(standalone)} tables identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
