#!/usr/bin/env python3
"""Publish a built warehouse to the file that BI tools read, in one atomic step.

    python scripts/publish.py [--warehouse warehouse/partner_attribution.duckdb] [--published PATH]

DuckDB allows one writer per file, and a reader holding a file open blocks a writer. So BI tools
never open the warehouse that dbt builds. They read a published copy instead, by default
`<warehouse>_published.duckdb` beside it:

1. Every table and view of the schemas readers use (marts, audit, semantic, and the stored
   results of the warning tests in dbt_test__audit) is copied as a table into a new file,
   `<published>.publishing`, which no reader knows about. The warehouse is opened read-only
   and closed again.
2. That file is renamed over the published one. A rename is atomic: a reader sees either the
   whole previous publication or the whole new one, never a mix.
   - A reader that holds the old file open keeps reading the old copy. It sees the new one on
     its next connection, once every connection of its process to the file has closed.
   - No reader ever blocks the build or this step, which never writes to a file a reader has
     open.

The swap relies on POSIX rename semantics (Linux, macOS): on Windows a reader holding the file
open makes the rename fail, and the publication with it. Run it after a build that succeeded.
`python3 scripts/tasks.py demo` builds and then publishes.
A failed build publishes nothing, so readers keep the last good marts. Readers should connect
read-only: `duckdb.connect(path, read_only=True)`, or `ATTACH ... (READ_ONLY)`. The
publication's own record is the table `main.publication`: the warehouse it came from, when,
and the row count of every table.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WAREHOUSE = ROOT / "warehouse" / "partner_attribution.duckdb"
PUBLISHED_SCHEMAS = ("marts", "audit", "semantic", "dbt_test__audit")


def published_path_for(warehouse: Path) -> Path:
    """The default published file: beside the warehouse, `<name>_published.duckdb`."""
    return warehouse.with_name(f"{warehouse.stem}_published{warehouse.suffix or '.duckdb'}")


def quoted(*names: str) -> str:
    return ".".join('"' + name.replace('"', '""') + '"' for name in names)


def publish(warehouse: Path, published: Path) -> dict[str, int]:
    """Copy the reader schemas of `warehouse` into `published`, swapped in atomically; return row counts."""
    if not warehouse.exists():
        raise SystemExit(f"no warehouse at {warehouse}: build it first (python3 scripts/tasks.py demo)")
    pending = published.with_name(published.name + ".publishing")
    for leftover in (pending, pending.with_name(pending.name + ".wal")):
        leftover.unlink(missing_ok=True)  # from a publication that died half way
    counts: dict[str, int] = {}
    try:
        with duckdb.connect(str(pending)) as connection:
            path = str(warehouse).replace("'", "''")
            connection.execute(f"attach '{path}' as warehouse (read_only)")
            relations = connection.execute(
                "select table_schema, table_name from information_schema.tables"
                " where table_catalog = 'warehouse' and list_contains(?, table_schema)"
                " order by table_schema, table_name",
                [list(PUBLISHED_SCHEMAS)],
            ).fetchall()
            if not any(schema == "marts" for schema, _ in relations):
                raise SystemExit(f"{warehouse} has no marts: build it first, then publish")
            for schema in sorted({schema for schema, _ in relations}):
                connection.execute(f"create schema {quoted(schema)}")
            for schema, name in relations:
                table, source = quoted(schema, name), quoted("warehouse", schema, name)
                connection.execute(f"create table {table} as select * from {source}")
                counts[f"{schema}.{name}"] = connection.sql(f"select count(*) from {table}").fetchall()[0][0]
            connection.execute("detach warehouse")
            connection.execute(
                "create table main.publication as"
                " select ? as warehouse, ? as published_at, relation, row_count"
                " from (select unnest(?) as relation, unnest(?) as row_count)",
                [
                    str(warehouse),
                    datetime.now(timezone.utc).replace(tzinfo=None),
                    list(counts),
                    list(counts.values()),
                ],
            )
            connection.execute("checkpoint")
        os.replace(pending, published)
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--warehouse", type=Path, default=Path(os.environ.get("DUCKDB_PATH", DEFAULT_WAREHOUSE))
    )
    parser.add_argument("--published", type=Path, help="default: <warehouse>_published.duckdb beside it")
    args = parser.parse_args(argv)
    warehouse = args.warehouse.resolve()
    published = (args.published or published_path_for(warehouse)).resolve()
    counts = publish(warehouse, published)
    print(f"published {len(counts)} tables of {warehouse.name} to {published}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
