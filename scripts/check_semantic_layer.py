#!/usr/bin/env python3
"""Validate the semantic layer and check its answers against SQL on the marts.

    .venv-metricflow/bin/python scripts/check_semantic_layer.py [path/to/warehouse.duckdb]

Runs, with the MetricFlow toolchain in .venv-metricflow (python3 scripts/tasks.py setup --metricflow):
1. `dbt parse`, which writes target/semantic_manifest.json (MetricFlow reads it from there);
2. `mf validate-configs`, semantic checks and checks against the warehouse;
3. `mf query` for every metric, grouped by a dimension, into CSV files; then, with MetricFlow
   done with the file, reads the same numbers straight from the marts with SQL and compares
   them (relative difference 1e-9). Prints one line per check and exits 1 on any difference.

The warehouse must be built (dbt build) and not held by another process: MetricFlow opens it
for writing.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
MF_BIN = Path(sys.executable).parent
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Check:
    """Metrics grouped by one dimension in MetricFlow, and the SQL that gives the same table."""

    name: str
    metrics: tuple[str, ...]
    group_by: str
    sql: str


# The SQL reads what each semantic model reads, so sparse marts agree too: a ratio whose
# denominator is 0 is empty (MetricFlow divides by nullif(denominator, 0)), and the partner
# measures come from mart_partner_scorecard_quarterly, which has no row for a partner without
# activity (mart_partner_scorecard keeps that partner, with zeros).
CHECKS = [
    Check(
        "attach by region",
        ("opportunities", "attached_opportunities", "attach_rate", "pipeline", "influenced_pipeline"),
        "opportunity__region",
        """
        select
            region,
            count(*),
            sum(case when is_partner_attached then 1 else 0 end),
            avg(case when is_partner_attached then 1.0 else 0.0 end),
            sum(amount),
            sum(case when is_partner_influenced then amount else 0 end)
        from marts.fct_opportunities
        group by region
        """,
    ),
    Check(
        "impact by deal type",
        (
            "win_rate_attached",
            "win_rate_not_attached",
            "median_sales_cycle_days_attached",
            "median_sales_cycle_days_not_attached",
            "won_revenue",
            "sourced_revenue",
            "sourced_revenue_share",
        ),
        "opportunity__opportunity_type",
        """
        select
            opportunity_type,
            sum(case when is_won and is_partner_attached then 1 else 0 end)
                / nullif(sum(case when is_closed and is_partner_attached then 1 else 0 end), 0),
            sum(case when is_won and not is_partner_attached then 1 else 0 end)
                / nullif(sum(case when is_closed and not is_partner_attached then 1 else 0 end), 0),
            median(case when is_closed and is_partner_attached then sales_cycle_days end),
            median(case when is_closed and not is_partner_attached then sales_cycle_days end),
            sum(case when is_won then amount else 0 end),
            sum(case when is_won and is_partner_sourced then amount else 0 end),
            sum(case when is_won and is_partner_sourced then amount else 0 end)
                / nullif(sum(case when is_won then amount else 0 end), 0)
        from marts.fct_opportunities
        group by opportunity_type
        """,
    ),
    Check(
        "attach by quarter of creation",
        ("opportunities", "attach_rate"),
        "metric_time__quarter",
        """
        select
            strftime(date_trunc('quarter', created_at), '%Y-%m-%d'),
            count(*),
            avg(case when is_partner_attached then 1.0 else 0.0 end)
        from marts.fct_opportunities
        group by 1
        """,
    ),
    Check(
        "attribution by model",
        ("attributed_revenue", "attributed_pipeline"),
        "attribution__attribution_model",
        """
        select attribution_model, sum(attributed_revenue), sum(attributed_pipeline)
        from marts.fct_partner_attribution
        group by attribution_model
        """,
    ),
    Check(
        "MDF and reciprocity by partner market motion",
        (
            "mdf_spend",
            "mdf_influenced_revenue",
            "mdf_return",
            "referrals_given",
            "partner_sourced_deals",
            "give_get_ratio",
        ),
        "partner__market_motion",
        """
        select
            partners.market_motion,
            sum(scorecard.mdf_spend),
            sum(scorecard.mdf_influenced_revenue),
            sum(scorecard.mdf_influenced_revenue) / nullif(sum(scorecard.mdf_spend), 0),
            sum(scorecard.referrals_given),
            sum(scorecard.sourced_opportunities),
            sum(scorecard.referrals_given) / nullif(sum(scorecard.sourced_opportunities), 0)
        from marts.mart_partner_scorecard_quarterly as scorecard
        inner join marts.dim_partners as partners
            on scorecard.partner_id = partners.partner_id
        group by partners.market_motion
        """,
    ),
]


def run(command: list[str], env: dict[str, str]) -> None:
    print("$ " + " ".join(command), flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
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
    expected = {key(row[0]): [number(v) for v in row[1:]] for row in sql_rows}
    actual = {key(row[check.group_by]): [number(row[m]) for m in check.metrics] for row in mf_rows}
    problems = []
    if expected.keys() != actual.keys():
        problems.append(
            f"groups differ: only in MetricFlow {sorted(actual.keys() - expected.keys())[:5]}, "
            f"only in SQL {sorted(expected.keys() - actual.keys())[:5]}"
        )
    for group in sorted(expected.keys() & actual.keys()):
        for metric, mf_value, sql_value in zip(check.metrics, actual[group], expected[group], strict=True):
            if not same(mf_value, sql_value):
                problems.append(f"{metric} for {group}: MetricFlow {mf_value}, SQL {sql_value}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("warehouse", nargs="?", default=os.environ.get("DUCKDB_PATH"))
    args = parser.parse_args(argv)
    if not args.warehouse or not Path(args.warehouse).exists():
        print(f"no warehouse at {args.warehouse}: build it first (dbt build)", file=sys.stderr)
        return 2
    warehouse = str(Path(args.warehouse).resolve())
    env = dict(os.environ)
    env.update(
        DUCKDB_PATH=warehouse,
        DBT_TARGET="duckdb",
        DBT_PROFILES_DIR=str(ROOT),
        DBT_PROJECT_DIR=str(ROOT),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DO_NOT_TRACK="1",
    )
    # MetricFlow names relations by the database dbt parsed with: parse against this warehouse
    run([str(MF_BIN / "dbt"), "parse", "--quiet"], env)
    run([str(MF_BIN / "mf"), "validate-configs"], env)

    answers: dict[str, list[dict[str, str]]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for index, check in enumerate(CHECKS):
            out = Path(scratch) / f"check_{index}.csv"
            metrics = ",".join(check.metrics)
            run(
                [
                    str(MF_BIN / "mf"),
                    "query",
                    "--quiet",
                    "--metrics",
                    metrics,
                    "--group-by",
                    check.group_by,
                    "--csv",
                    str(out),
                ],
                env,
            )
            # an empty result set writes no file (MetricFlow prints "empty result set" instead)
            if not out.exists():
                answers[check.name] = []
                continue
            with out.open(newline="") as handle:
                answers[check.name] = list(csv.DictReader(handle))

    failures = 0
    with duckdb.connect(warehouse, read_only=True) as connection:
        for check in CHECKS:
            problems = compare(check, answers[check.name], connection.sql(check.sql).fetchall())
            groups = len(answers[check.name])
            verdict = "same" if not problems else "DIFFERENT"
            print(
                f"{check.name}: {len(check.metrics)} metrics x {groups} groups, MetricFlow vs SQL {verdict}"
            )
            for problem in problems:
                print(f"  {problem}")
            failures += bool(problems)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
