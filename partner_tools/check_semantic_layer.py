#!/usr/bin/env python3
"""Validate the semantic layer and check its answers against SQL on the marts, in the warehouse
and in its publication.

    .venv-metricflow/bin/python -m partner_tools.check_semantic_layer [path/to/warehouse.duckdb] [--keep DIR]

Runs, with the MetricFlow toolchain in .venv-metricflow (python3 scripts/tasks.py setup --metricflow):
1. `dbt parse` against the warehouse into a scratch target directory: manifest.json says where
   dbt put each mart, semantic_manifest.json is what MetricFlow reads.
2. The warehouse: a MetricFlow project over it (publish.py's, which attaches the file read-only
   under the catalog name dbt gave it), `mf validate-configs` (semantic checks and checks
   against the data), then `mf query` for every metric, grouped by one or two dimensions
   (a partner's name among them), into CSV files. The same numbers are read from the marts with
   SQL and compared (relative difference 1e-9).
3. The publication: the warehouse published to a scratch file with its MetricFlow project, as
   partner_tools.publish does, and the same validation, queries and comparisons there, as a BI
   user of the published file would run them (README, "Semantic layer").
Prints one line per check and exits 1 on any difference. MetricFlow only reads the files, so
another reader may hold them; a build writing the warehouse at the same time would block the
parse. --keep DIR keeps the scratch files (manifests, MetricFlow projects, answers) there.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from partner_tools.constants import ROOT
from partner_tools.publish import (
    PUBLISHED,
    Layout,
    layout_from_manifest,
    metricflow_dir_for,
    publish,
    publish_semantic_layer,
    quoted,
    reader_schemas,
    write_metricflow_project,
)

MF_BIN = Path(sys.executable).parent
TOLERANCE = 1e-9
PARALLEL_MF = 3


@dataclass(frozen=True)
class Check:
    """Metrics grouped by dimensions in MetricFlow, and the SQL that gives the same table.

    The SQL's first columns are the group-by values, in order, then one per metric. It names
    each mart by a placeholder, {mart_name}, filled in with where the file holds it.
    """

    name: str
    metrics: tuple[str, ...]
    group_by: tuple[str, ...]
    sql: str


# The SQL reads what each semantic model reads, so sparse marts agree too: a ratio whose
# denominator is 0 is empty (MetricFlow divides by nullif(denominator, 0)), and the partner
# measures come from mart_partner_scorecard_quarterly, which has no row for a partner without
# activity (mart_partner_scorecard keeps that partner, with zeros). The metrics dated by the
# close are filtered to closed deals (won ones for attributed revenue), and so is their SQL.
CHECKS = [
    Check(
        "attach by region",
        ("opportunities", "attached_opportunities", "attached_rate", "amount", "influenced_amount"),
        ("opportunity__region",),
        """
        select
            region,
            count(*),
            sum(case when is_partner_attached then 1 else 0 end),
            avg(case when is_partner_attached then 1.0 else 0.0 end),
            sum(amount),
            sum(case when is_partner_influenced then amount else 0 end)
        from {fct_opportunities}
        group by region
        """,
    ),
    # the rates the marts hold are compared with the marts, not computed again: the headline
    # row (mart_partner_headline) and the impact mart's rows by deal type
    Check(
        "headline",
        (
            "opportunities",
            "attached_rate",
            "sourced_won_amount_rate",
            "attached_win_rate",
            "not_attached_win_rate",
        ),
        (),
        """
        select
            opportunities,
            attached_rate,
            sourced_won_amount_rate,
            attached_win_rate,
            not_attached_win_rate
        from {mart_partner_headline}
        """,
    ),
    Check(
        "impact by deal type",
        (
            "attached_win_rate",
            "not_attached_win_rate",
            "attached_median_sales_cycle_days",
            "not_attached_median_sales_cycle_days",
            "won_amount",
            "sourced_won_amount",
            "sourced_won_amount_rate",
        ),
        ("opportunity__opportunity_type",),
        """
        with closed_amounts as (
            select
                opportunity_type,
                sum(case when is_won then amount else 0 end) as won_amount,
                sum(case when is_won and is_partner_sourced then amount else 0 end) as sourced_won_amount
            from {fct_opportunities}
            where is_closed
            group by opportunity_type
        )
        select
            closed_amounts.opportunity_type,
            impact.attached_win_rate,
            impact.not_attached_win_rate,
            impact.attached_median_sales_cycle_days,
            impact.not_attached_median_sales_cycle_days,
            closed_amounts.won_amount,
            closed_amounts.sourced_won_amount,
            closed_amounts.sourced_won_amount / nullif(closed_amounts.won_amount, 0)
        from closed_amounts
        inner join {mart_partner_impact} as impact
            on
                impact.segment = 'opportunity_type'
                and impact.opportunity_type = closed_amounts.opportunity_type
        """,
    ),
    Check(
        "attach by quarter of creation",
        ("opportunities", "attached_rate"),
        ("metric_time__quarter",),
        """
        select
            strftime(date_trunc('quarter', created_at), '%Y-%m-%d'),
            count(*),
            avg(case when is_partner_attached then 1.0 else 0.0 end)
        from {fct_opportunities}
        group by 1
        """,
    ),
    # an open deal has no close date: no group may be an empty quarter
    Check(
        "revenue and win rate by quarter of close",
        ("won_amount", "attached_win_rate"),
        ("metric_time__quarter",),
        """
        select
            strftime(date_trunc('quarter', closed_at), '%Y-%m-%d'),
            sum(case when is_won then amount else 0 end),
            sum(case when is_won and is_partner_attached then 1 else 0 end)
                / nullif(sum(case when is_partner_attached then 1 else 0 end), 0)
        from {fct_opportunities}
        where is_closed
        group by 1
        """,
    ),
    Check(
        "attribution by model",
        ("attributed_revenue", "attributed_pipeline"),
        ("attribution__attribution_model",),
        """
        select attribution_model, sum(attributed_revenue), sum(attributed_pipeline)
        from {fct_partner_attribution}
        group by attribution_model
        """,
    ),
    Check(
        "attributed revenue by partner name and model",
        ("attributed_revenue",),
        ("partner__partner_name", "attribution__attribution_model"),
        """
        select partners.partner_name, attribution.attribution_model, sum(attribution.attributed_revenue)
        from {fct_partner_attribution} as attribution
        inner join {fct_opportunities} as opportunities
            on attribution.opportunity_id = opportunities.opportunity_id
        left join {dim_partners} as partners
            on attribution.partner_id = partners.partner_id
        where opportunities.is_won
        group by partners.partner_name, attribution.attribution_model
        """,
    ),
    Check(
        "MDF and reciprocity by partner market motion",
        (
            "mdf_spend",
            "mdf_influenced_revenue",
            "mdf_return",
            "referrals_given",
            "sourced_opportunities",
            "give_get_ratio",
        ),
        ("partner__market_motion",),
        """
        select
            partners.market_motion,
            sum(scorecard.mdf_spend),
            sum(scorecard.mdf_influenced_revenue),
            sum(scorecard.mdf_influenced_revenue) / nullif(sum(scorecard.mdf_spend), 0),
            sum(scorecard.referrals_given),
            sum(scorecard.sourced_opportunities),
            sum(scorecard.referrals_given) / nullif(sum(scorecard.sourced_opportunities), 0)
        from {mart_partner_scorecard_quarterly} as scorecard
        inner join {dim_partners} as partners
            on scorecard.partner_id = partners.partner_id
        group by partners.market_motion
        """,
    ),
    Check(
        "sourcing and reciprocity by partner name",
        ("sourced_opportunities", "referrals_given", "give_get_ratio", "mdf_spend"),
        ("partner__partner_name",),
        """
        select
            partners.partner_name,
            sum(scorecard.sourced_opportunities),
            sum(scorecard.referrals_given),
            sum(scorecard.referrals_given) / nullif(sum(scorecard.sourced_opportunities), 0),
            sum(scorecard.mdf_spend)
        from {mart_partner_scorecard_quarterly} as scorecard
        left join {dim_partners} as partners
            on scorecard.partner_id = partners.partner_id
        group by partners.partner_name
        """,
    ),
]


def run(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> None:
    print("$ " + " ".join(command), flush=True)
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stdout.write(result.stdout[-4000:])
        sys.stderr.write(result.stderr[-4000:])
        raise SystemExit(f"failed ({result.returncode}): {' '.join(command)}")


def key(value: object) -> str:
    """A group-by value as text, whether it came from a CSV file or from DuckDB."""
    text = "" if value is None else str(value)
    return text[:10] if len(text) >= 10 and text[4:5] == "-" and text[7:8] == "-" else text


def number(value: object) -> float | None:
    if value is None or value == "":
        return None
    return float(value)


def same(left: float | None, right: float | None) -> bool:
    if left is None or right is None:
        return left is None and right is None
    return math.isclose(left, right, rel_tol=TOLERANCE, abs_tol=TOLERANCE)


def compare(check: Check, mf_rows: list[dict[str, str]], sql_rows: list[tuple]) -> list[str]:
    width = len(check.group_by)
    expected = {tuple(key(v) for v in row[:width]): [number(v) for v in row[width:]] for row in sql_rows}
    actual = {
        tuple(key(row[column]) for column in check.group_by): [number(row[m]) for m in check.metrics]
        for row in mf_rows
    }
    problems = []
    if expected.keys() != actual.keys():
        problems.append(
            f"groups differ: only in MetricFlow {sorted(actual.keys() - expected.keys())[:5]}, "
            f"only in SQL {sorted(expected.keys() - actual.keys())[:5]}"
        )
    for group in sorted(expected.keys() & actual.keys()):
        for metric, mf_value, sql_value in zip(check.metrics, actual[group], expected[group], strict=True):
            if not same(mf_value, sql_value):
                problems.append(f"{metric} for {'/'.join(group)}: MetricFlow {mf_value}, SQL {sql_value}")
    return problems


@dataclass(frozen=True)
class Target:
    """A DuckDB file, the MetricFlow project over it, and where its marts are."""

    label: str
    duckdb_file: Path
    project: Path
    layout: Layout


def mf_env(project: Path) -> dict[str, str]:
    """MetricFlow reads the profile and the semantic manifest of the project it is started in."""
    env = dict(os.environ)
    env.update(DBT_PROFILES_DIR=str(project), DBT_PROJECT_DIR=str(project), DO_NOT_TRACK="1")
    env.update(DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    env.pop("DBT_TARGET", None)  # the project's profile has one target, its own
    return env


def ask(target: Target, index: int, scratch: Path) -> list[dict[str, str]]:
    """MetricFlow's answer to CHECKS[index] on target, as CSV rows."""
    check = CHECKS[index]
    out = scratch / f"{target.label}_check_{index}.csv"
    out.unlink(missing_ok=True)
    command = [str(MF_BIN / "mf"), "query", "--quiet", "--metrics", ",".join(check.metrics)]
    if check.group_by:
        command += ["--group-by", ",".join(check.group_by)]
    command += ["--csv", str(out)]
    run(command, mf_env(target.project), cwd=target.project)
    # an empty result set writes no file (MetricFlow prints "empty result set" instead)
    if not out.exists():
        return []
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle))


def compare_with_sql(target: Target, answers: list[list[dict[str, str]]]) -> int:
    """Print one line per check on target, MetricFlow's answer against SQL's; return the failures."""
    failures = 0
    with duckdb.connect(str(target.duckdb_file), read_only=True) as connection:
        marts = {
            name: quoted(schema, name)
            for (layer, name), schema in reader_schemas(connection, target.layout).items()
            if layer in ("marts", "semantic")
        }
        for check, answer in zip(CHECKS, answers, strict=True):
            problems = compare(check, answer, connection.sql(check.sql.format_map(marts)).fetchall())
            verdict = "same" if not problems else "DIFFERENT"
            print(
                f"{target.label}: {check.name}: {len(check.metrics)} metrics x {len(answer)} groups,"
                f" MetricFlow vs SQL {verdict}"
            )
            for problem in problems:
                print(f"  {problem}")
            failures += bool(problems)
    return failures


def check_all(targets: list[Target], scratch: Path) -> int:
    """mf validate-configs and every check on every target, a few MetricFlow processes at a time
    (each spends most of its time starting up); return the failures."""
    with ThreadPoolExecutor(max_workers=PARALLEL_MF) as pool:
        validations = [
            pool.submit(run, [str(MF_BIN / "mf"), "validate-configs"], mf_env(t.project), t.project)
            for t in targets
        ]
        answers = {
            target.label: [pool.submit(ask, target, index, scratch) for index in range(len(CHECKS))]
            for target in targets
        }
        for validation in validations:
            validation.result()
        results = {label: [future.result() for future in futures] for label, futures in answers.items()}
    return sum(compare_with_sql(target, results[target.label]) for target in targets)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("warehouse", nargs="?", default=os.environ.get("DUCKDB_PATH"))
    parser.add_argument("--keep", type=Path, help="keep the scratch files in this directory")
    args = parser.parse_args(argv)
    if not args.warehouse or not Path(args.warehouse).exists():
        print(f"no warehouse at {args.warehouse}: build it first (dbt build)", file=sys.stderr)
        return 2
    warehouse = Path(args.warehouse).resolve()
    with tempfile.TemporaryDirectory() as temporary:
        scratch = args.keep.resolve() if args.keep else Path(temporary)
        scratch.mkdir(parents=True, exist_ok=True)
        target = scratch / "target"
        env = dict(os.environ)
        env.update(
            DUCKDB_PATH=str(warehouse),
            DBT_TARGET="duckdb",
            DBT_PROFILES_DIR=str(ROOT),
            DBT_PROJECT_DIR=str(ROOT),
            DBT_SEND_ANONYMOUS_USAGE_STATS="false",
            DO_NOT_TRACK="1",
        )
        # dbt names relations by the database it parses with: parse against this warehouse
        parse = [str(MF_BIN / "dbt"), "parse", "--quiet", "--target-path", str(target)]
        run([*parse, "--log-path", str(scratch / "logs")], env)
        layout = layout_from_manifest(target / "manifest.json")
        semantic_manifest = target / "semantic_manifest.json"

        # the warehouse as dbt built it, under the catalog name dbt gave it (the file's stem)
        semantic = json.loads(semantic_manifest.read_text())
        catalog = semantic["semantic_models"][0]["node_relation"]["database"]
        write_metricflow_project(scratch / "warehouse_metricflow", warehouse, catalog, semantic)
        built = Target("warehouse", warehouse, scratch / "warehouse_metricflow", layout)

        # its publication, as BI users read it: the published layout and its own MetricFlow project
        published = scratch / "published.duckdb"
        counts = publish(warehouse, published, layout)
        publish_semantic_layer(semantic_manifest, layout, published, metricflow_dir_for(published), counts)
        failures = check_all(
            [built, Target("published", published, metricflow_dir_for(published), PUBLISHED)], scratch
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
