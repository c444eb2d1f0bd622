#!/usr/bin/env python3
"""Load a raw CRM export directory into the raw schema of a PostgreSQL target.

    python -m partner_tools.load_raw_export --raw-data-dir data/demo [--schema raw]

For engines that cannot read the export's files where they lie (DuckDB and Spark read them
in place through the run-start hook). Connection settings come from the same PG* variables that
profiles.yml reads (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE).

The tables and columns are the ones _crm__sources.yml declares, as for DuckDB: each table is
<table>.csv or <table>.parquet, every column is loaded as text (staging types the values and
rejects what does not parse), extra columns are ignored, a table marked optional may be missing,
and a missing directory, file or column stops the load with a message naming it. Each table is
replaced in one transaction, so a reader never sees a half-loaded export.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import yaml

from partner_tools.constants import DEMO_DATA_DIR, ROOT

SOURCES_YML = ROOT / "models" / "staging" / "crm" / "_crm__sources.yml"


class ExportError(Exception):
    """The export does not match the contract; the message says what to fix."""


@dataclass(frozen=True)
class RawTable:
    name: str
    columns: list[str]
    optional: bool


def raw_tables(sources_yml: Path = SOURCES_YML) -> list[RawTable]:
    """The raw tables and columns of the `partner_attribution_crm` source: the contract, declared once."""
    document = yaml.safe_load(sources_yml.read_text())
    (source,) = [s for s in document["sources"] if s["name"] == "partner_attribution_crm"]
    return [
        RawTable(
            table["name"],
            [column["name"] for column in table["columns"]],
            bool(table.get("meta", {}).get("optional", False)),
        )
        for table in source["tables"]
    ]


def reader_sql(path: Path) -> str:
    quoted = str(path).replace("'", "''")
    if path.suffix == ".csv":
        options = "header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"'"
        return f"read_csv('{quoted}', {options})"
    return f"read_parquet('{quoted}')"


def export_as_text(raw_dir: Path, table: RawTable, connection: duckdb.DuckDBPyConnection) -> str | None:
    """The table's declared columns as CSV text (header included), or None for a missing optional table."""
    candidates = [raw_dir / f"{table.name}.csv", raw_dir / f"{table.name}.parquet"]
    present = [path for path in candidates if path.exists()]
    if len(present) == 2:
        raise ExportError(
            f"{raw_dir} holds both {table.name}.csv and {table.name}.parquet; keep one of them."
        )
    if not present:
        if table.optional:
            return None
        raise ExportError(f"{raw_dir} has no {table.name}.csv or {table.name}.parquet.")
    reader = reader_sql(present[0])
    found = [row[0].lower().strip() for row in connection.sql(f"describe select * from {reader}").fetchall()]
    missing = [column for column in table.columns if column not in found]
    if missing:
        raise ExportError(
            f"The raw file for table {table.name} in {raw_dir} lacks the column(s) {', '.join(missing)}. "
            f"Expected columns: {', '.join(table.columns)}. Found: {', '.join(found)}."
        )
    select_list = ", ".join(f'cast("{column}" as varchar) as "{column}"' for column in table.columns)
    rows = connection.sql(f"select {select_list} from {reader}").fetchall()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(rows)
    return buffer.getvalue()


def load_postgres(raw_dir: Path, schema: str) -> dict[str, int]:
    import psycopg2

    if not raw_dir.is_dir() or not any(raw_dir.iterdir()):
        raise ExportError(f"raw_data_dir '{raw_dir}' is missing or empty.")
    loaded: dict[str, int] = {}
    with duckdb.connect() as reader, psycopg2.connect("") as connection:
        with connection.cursor() as cursor:
            cursor.execute(f'create schema if not exists "{schema}"')
        for table in raw_tables():
            text = export_as_text(raw_dir, table, reader)
            columns = ", ".join(f'"{column}" text' for column in table.columns)
            with connection.cursor() as cursor:
                cursor.execute(f'drop table if exists "{schema}"."{table.name}"')
                cursor.execute(f'create table "{schema}"."{table.name}" ({columns})')
                if text is not None:
                    copy = f'copy "{schema}"."{table.name}" from stdin with (format csv, header true)'
                    cursor.copy_expert(copy, io.StringIO(text))
                cursor.execute(f'select count(*) from "{schema}"."{table.name}"')
                loaded[table.name] = cursor.fetchone()[0]
            connection.commit()
    return loaded


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--raw-data-dir", type=Path, default=DEMO_DATA_DIR)
    parser.add_argument("--schema", default="raw", help="the raw schema (dbt var raw_schema)")
    args = parser.parse_args(argv)
    try:
        loaded = load_postgres(args.raw_data_dir.resolve(), args.schema)
    except ExportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for table, rows in loaded.items():
        print(f"loaded {args.schema}.{table}: {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
