"""Run plain_core.sql with the definitions of a dbt project as that project resolves them.

    python -m partner_tools.benchmark.plain_core --database FILE --raw-data-dir DIR --as-of-date DAY
        [--raw-format csv|parquet] [--temp-directory DIR] [--project-dir DIR] [--vars YAML]

The yardstick must compute what the project computes, as its user configured it: every definition
var (the windows, the sourcing rules, the half-life, the partner-led regions, the reporting currency,
the custom attribution models) comes from the project's dbt_project.yml and any --vars, and the
activity vocabulary from the project's seed file, never from copies kept here.

The vars are read from dbt_project.yml with yaml rather than asked of dbt: asking dbt costs a parse
of the project (seconds, and a profile that connects) on every check, while the project's vars are
plain values (the README says so, and dbt_project.yml keeps them so), which yaml reads exactly as dbt
does. dbt's precedence is kept: --vars over the project-scoped `partner_attribution:` block over the
global vars. A value dbt would have to render (Jinja) is refused rather than guessed.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Mapping
from pathlib import Path

import duckdb
import yaml

from partner_tools.constants import ROOT

PACKAGE = "partner_attribution"
PLAIN_SQL = Path(__file__).resolve().parent / "plain_core.sql"
ACTIVITY_TYPES_SEED = Path("seeds") / "partner_attribution__activity_types.csv"
# the definition vars plain_core.sql reads, with the DuckDB type each variable is set as
DEFINITION_VARS = {
    "attribution_lookback_days": "integer",
    "post_close_window_days": "integer",
    "sourcing_lookback_days": "integer",
    "sourcing_grace_days": "integer",
    "sourcing_requires_qualification": "boolean",
    "sourcing_exclude_us_funded": "boolean",
    "sourcing_tie_breaker": "varchar",
    "sourcing_trust_crm_field": "boolean",
    "sourceable_opportunity_types": "varchar[]",
    "time_decay_half_life_days": "double",
    "partner_led_regions": "varchar[]",
    "reporting_currency": "varchar",
}


def project_vars(project_dir: Path = ROOT, overrides: Mapping | None = None) -> dict:
    """The vars a build of project_dir sees: dbt_project.yml's, then its package block, then overrides."""
    document = yaml.safe_load((project_dir / "dbt_project.yml").read_text()) or {}
    declared = dict(document.get("vars") or {})
    scoped = declared.pop(PACKAGE, None) or {}
    resolved = {**declared, **scoped, **(overrides or {})}
    rendered = [name for name, value in resolved.items() if "{{" in json.dumps(value, default=str)]
    if rendered:
        raise SystemExit(f"vars {', '.join(rendered)} need Jinja rendering: give plain values (or --vars)")
    return resolved


def set_variables(
    connection: duckdb.DuckDBPyConnection, project_dir: Path = ROOT, overrides: Mapping | None = None
) -> None:
    """Set plain_core.sql's definition variables on connection from the project's resolved vars."""
    resolved = project_vars(project_dir, overrides)
    missing = [name for name in (*DEFINITION_VARS, "custom_attribution_models") if name not in resolved]
    if missing:
        raise SystemExit(f"{project_dir / 'dbt_project.yml'} sets no {', '.join(missing)}")
    for name, kind in DEFINITION_VARS.items():
        connection.execute(f"set variable {name} = cast($1 as {kind})", [resolved[name]])
    connection.execute(
        "set variable custom_attribution_models = $1", [json.dumps(resolved["custom_attribution_models"])]
    )
    connection.execute("set variable activity_types_seed = $1", [str(project_dir / ACTIVITY_TYPES_SEED)])


def run_plain(
    database: Path,
    raw_dir: Path,
    as_of_date: str,
    raw_format: str | None = None,
    temp_directory: Path | None = None,
    project_dir: Path = ROOT,
    overrides: Mapping | None = None,
) -> float:
    """Run plain_core.sql into database (which should be fresh); return the wall time in seconds."""
    started = time.perf_counter()
    with duckdb.connect(str(database)) as connection:
        connection.execute("set variable raw_dir = $1", [str(raw_dir)])
        connection.execute("set variable as_of_date = $1", [as_of_date])
        if raw_format:
            connection.execute("set variable raw_format = $1", [raw_format])
        if temp_directory:
            connection.execute("set variable temp_directory = $1", [str(temp_directory)])
        set_variables(connection, project_dir, overrides)
        connection.execute(PLAIN_SQL.read_text())
    return time.perf_counter() - started


def vars_argument(text: str) -> dict:
    """--vars as dbt takes it: a YAML (or JSON) mapping."""
    value = yaml.safe_load(text) or {}
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError(f"must be a mapping like {{name: value}}, got {text!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", type=Path, required=True, help="the DuckDB file to write (fresh)")
    parser.add_argument("--raw-data-dir", type=Path, required=True)
    parser.add_argument("--as-of-date", required=True, help="YYYY-MM-DD")
    parser.add_argument(
        "--raw-format", choices=["csv", "parquet"], help="default: detected by plain_core.sql"
    )
    parser.add_argument("--temp-directory", type=Path, help="DuckDB's spill files")
    parser.add_argument("--project-dir", type=Path, default=ROOT, help="the dbt project whose vars apply")
    parser.add_argument(
        "--vars", type=vars_argument, default={}, help="vars over the project's, as dbt's --vars"
    )
    args = parser.parse_args(argv)
    run_plain(
        args.database,
        args.raw_data_dir,
        args.as_of_date,
        args.raw_format,
        args.temp_directory,
        args.project_dir.resolve(),
        args.vars,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
