#!/usr/bin/env python3
"""Record what the project publishes, and prove a redesign left it unchanged.

    python -m partner_tools.published_tables record --out FILE [--scenarios demo,parquet_20k,...]
    python -m partner_tools.published_tables compare BEFORE AFTER [--renames RENAMES.yml]

`record` builds each scenario with dbt into a warehouse of its own (under target/published_tables),
publishes it (partner_tools.publish), and writes a fingerprint of every published table to FILE
(JSON): its columns and types in order, its row count, the sum of its rows' hashes (the values in
column order, so row order does not matter) and, per column, the sum of that column's hashes.
Hashes compare values exactly: a double that moved in its last bit is a difference.

The scenarios (all built as of 2025-12-31):
- demo: the bundled demo export (data/demo);
- parquet_20k: a generated export of 20,000 deals in Parquet (partner_tools.demo_data);
- generic, salesforce, hubspot: one scenario in three CRM shapes (data/crm_shapes, each read
  with its dbt_vars.yml).

`compare` says, table by table, what differs between two records, and exits 1 if anything does.
RENAMES (YAML) lists the only differences allowed, column renames: `{table: {old: new}}` with
table as `<schema>.<name>`; a renamed column must hold the same values in the same place. Its
key `added_tables` lists new tables the later record may have (a table that was there before
must be there after, unchanged), and its key `renamed_tables` tables that only changed their
name, `{<old schema>.<old name>: <new schema>.<new name>}`: the renamed table must hold the same
columns and values as the old one (the stored failures of a test are in a table named after the
model it tests, so renaming a model renames them). Column renames name a table by its new name.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import yaml

from partner_tools.constants import CRM_SHAPES_DIR, DEMO_AS_OF_DATE, PUBLISHED_SCHEMAS, ROOT

WORK = ROOT / "target" / "published_tables"
# the key of RENAMES that lists the tables only the later record may have
ADDED = "added_tables"
# the key of RENAMES that maps a table of the earlier record to its name in the later one
RENAMED = "renamed_tables"
SCENARIOS = ("demo", "parquet_20k", "generic", "salesforce", "hubspot")


def scenario_vars(name: str, work: Path) -> dict:
    """The dbt vars that build a scenario (generating its export first where it has to be)."""
    if name == "demo":
        return {"raw_data_dir": "data/demo", "as_of_date": DEMO_AS_OF_DATE}
    if name == "parquet_20k":
        export = work / "export_20k"
        if not (export / "opportunities.parquet").exists():
            generate = [sys.executable, "-m", "partner_tools.demo_data", "--quiet"]
            generate += ["--opportunities", "20000", "--format", "parquet", "--out", str(export)]
            generate += ["--end-date", DEMO_AS_OF_DATE]
            subprocess.run(generate, check=True, cwd=ROOT)
        return {"raw_data_dir": str(export), "as_of_date": DEMO_AS_OF_DATE}
    return yaml.safe_load((CRM_SHAPES_DIR / name / "dbt_vars.yml").read_text())


def build_and_publish(name: str, work: Path) -> Path:
    """dbt build of one scenario into a warehouse of its own, published; the published file."""
    directory = work / name
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    warehouse = directory / "partner_attribution.duckdb"
    env = dict(os.environ)
    env.update(
        DBT_PROFILES_DIR=str(ROOT),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DUCKDB_PATH=str(warehouse),
        DUCKDB_TEMP_DIRECTORY=str(directory / "tmp"),
    )
    dbt = str(Path(sys.executable).parent / "dbt")
    command = [dbt, "build", "--vars", json.dumps(scenario_vars(name, work))]
    command += ["--target-path", str(directory / "target"), "--log-path", str(directory / "logs")]
    print(f"[published_tables] building {name}", flush=True)
    built = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if built.returncode != 0:
        raise SystemExit(f"the {name} build failed:\n{built.stdout[-3000:]}")
    published = directory / "published.duckdb"
    publish = [sys.executable, "-m", "partner_tools.publish", "--warehouse", str(warehouse)]
    publish += ["--published", str(published), "--target-path", str(directory / "target")]
    subprocess.run(publish, check=True, cwd=ROOT, env=env, capture_output=True)
    return published


def fingerprints(published: Path) -> dict[str, dict]:
    """Every published table: columns, row count, sum of row hashes, sum of hashes per column."""
    tables = {}
    with duckdb.connect(str(published), read_only=True) as connection:
        listed = connection.execute(
            "select table_schema, table_name from information_schema.tables where table_schema in "
            f"({', '.join(repr(schema) for schema in PUBLISHED_SCHEMAS)}) order by 1, 2"
        ).fetchall()
        for schema, table in listed:
            columns = connection.execute(
                "select column_name, data_type from information_schema.columns where table_schema = ? "
                "and table_name = ? order by ordinal_position",
                [schema, table],
            ).fetchall()
            names = [f'"{name}"' for name, _ in columns]
            per_column = ", ".join(f"cast(sum(hash({name})) as varchar)" for name in names)
            row = connection.execute(
                f"select count(*), cast(sum(hash({', '.join(names)})) as varchar), {per_column} "
                f'from "{schema}"."{table}"'
            ).fetchone()
            tables[f"{schema}.{table}"] = {
                "columns": [[name, data_type] for name, data_type in columns],
                "rows": row[0],
                "row_hash": row[1],
                "column_hashes": dict(zip([name for name, _ in columns], row[2:], strict=True)),
            }
    return tables


def record(out: Path, scenarios: list[str]) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    result = {name: fingerprints(build_and_publish(name, WORK)) for name in scenarios}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    for name, tables in result.items():
        print(f"{name}: {len(tables)} tables, {sum(t['rows'] for t in tables.values())} rows")


def differences(before: dict, after: dict, renames: dict) -> list[str]:
    """What differs between two records, beyond the listed column renames, added and renamed tables."""
    renames = dict(renames)
    added = set(renames.pop(ADDED, None) or [])
    renamed_tables = dict(renames.pop(RENAMED, None) or {})
    found = []
    for scenario in sorted(set(before) | set(after)):
        if scenario not in before or scenario not in after:
            found.append(f"{scenario}: recorded on one side only")
            continue
        # the earlier record under the later names, so a renamed table is compared with its old self
        old_tables = {renamed_tables.get(table, table): value for table, value in before[scenario].items()}
        new_tables = after[scenario]
        for table in sorted(set(old_tables) | set(new_tables)):
            if table in added and table in new_tables and table not in old_tables:
                continue
            if table not in old_tables or table not in new_tables:
                found.append(f"{scenario} {table}: published on one side only")
                continue
            old, new = old_tables[table], new_tables[table]
            renamed = renames.get(table, {})
            old_columns = [[renamed.get(name, name), data_type] for name, data_type in old["columns"]]
            old_hashes = {renamed.get(name, name): value for name, value in old["column_hashes"].items()}
            if old_columns != new["columns"]:
                found.append(f"{scenario} {table}: columns {old_columns} became {new['columns']}")
            elif old["rows"] != new["rows"]:
                found.append(f"{scenario} {table}: {old['rows']} rows became {new['rows']}")
            elif old["row_hash"] != new["row_hash"] or old_hashes != new["column_hashes"]:
                changed = [
                    name
                    for name in new["column_hashes"]
                    if old_hashes.get(name) != new["column_hashes"][name]
                ]
                found.append(f"{scenario} {table}: values differ in {changed or 'the rows'}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    recording = commands.add_parser("record", help="build, publish and fingerprint the scenarios")
    recording.add_argument("--out", type=Path, required=True)
    recording.add_argument(
        "--scenarios",
        type=lambda text: [name.strip() for name in text.split(",")],
        default=list(SCENARIOS),
        help=f"comma separated (default {','.join(SCENARIOS)})",
    )
    comparing = commands.add_parser("compare", help="what differs between two records")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    comparing.add_argument(
        "--renames",
        type=Path,
        help="YAML {schema.table: {old column: new column}}, added_tables: [...], renamed_tables: {old: new}",
    )
    args = parser.parse_args(argv)

    if args.command == "record":
        unknown = sorted(set(args.scenarios) - set(SCENARIOS))
        if unknown:
            parser.error(f"unknown scenarios {unknown}; choose from {', '.join(SCENARIOS)}")
        record(args.out, args.scenarios)
        return 0
    renames = yaml.safe_load(args.renames.read_text()) or {} if args.renames else {}
    found = differences(json.loads(args.before.read_text()), json.loads(args.after.read_text()), renames)
    before = json.loads(args.before.read_text())
    tables = sum(len(tables) for tables in before.values())
    for line in found:
        print(line)
    print(f"{len(before)} scenarios, {tables} tables: {'identical' if not found else f'{len(found)} differ'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
