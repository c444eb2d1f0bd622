#!/usr/bin/env python3
"""Print a short summary of a built partner warehouse: attach, sourcing, top partners, rejects.

    python -m partner_tools.summary [path/to/warehouse.duckdb]
        [--target-path target | --schema LAYER=SCHEMA ...]

Opens the DuckDB file read-only and closes it before returning, so it never blocks a build. The
file is a published one (partner_tools.publish; its marts are in `marts`, its rejects in `audit`) or
a warehouse as dbt built it, whose schemas dbt's manifest gives (--target-path; default: target/
here, else the standalone names) or --schema marts=... --schema audit=... (publish.py explains).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

from partner_tools.constants import DEFAULT_WAREHOUSE
from partner_tools.publish import (
    STANDALONE,
    Layout,
    add_layout_arguments,
    quoted,
    reader_schemas,
    requested_layout,
)

# the headline figures as the mart holds them: no rate is computed here (mart_partner_headline)
HEADLINE_SQL = """
select
    opportunities,
    attached_rate,
    attached_amount_rate,
    sourced_rate,
    sourced_won_amount_rate,
    attached_won_amount_rate,
    attached_win_rate,
    not_attached_win_rate,
    sourcing_contested_opportunities
from {mart_partner_headline}
"""

TOP_PARTNERS_SQL = """
select
    partner_id,
    partner_name,
    partner_type,
    role_label,
    attached_opportunities,
    sourced_opportunities,
    attached_won_amount
from {mart_partner_scorecard}
order by attached_won_amount desc, partner_id
limit 5
"""

# the relations read, as (layer, name); the SQL names each by name, filled in where it was found
READS = (
    ("marts", "mart_partner_headline"),
    ("marts", "mart_partner_scorecard"),
    ("audit", "rejected_rows"),
)

REJECTS_SQL = """
select source_table, count(*) as rejected
from {rejected_rows}
group by source_table
order by source_table
"""


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def summarise(warehouse: Path, layout: Layout = STANDALONE) -> str:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        schemas = reader_schemas(connection, layout)
        for layer, name in READS:
            if (layer, name) not in schemas:
                raise SystemExit(f"{warehouse} has no {name} ({layout.where(layer)}): build it first")
        tables = {name: quoted(schemas[(layer, name)], name) for layer, name in READS}
        headline = connection.sql(HEADLINE_SQL.format_map(tables)).fetchall()[0]
        top = connection.sql(TOP_PARTNERS_SQL.format_map(tables)).fetchall()
        rejects = connection.sql(REJECTS_SQL.format_map(tables)).fetchall()
    marts, audit = schemas[("marts", "mart_partner_headline")], schemas[("audit", "rejected_rows")]
    semantic = next((schema for (layer, _), schema in schemas.items() if layer == "semantic"), "semantic")
    (opportunities, attach, attach_amount, sourced, sourced_won, attached_won, win_att, win_un, contested) = (
        headline
    )
    lines = [
        "",
        "Partner warehouse summary",
        "=========================",
        f"opportunities (as of the run's as_of_date): {opportunities}",
        f"partner attach rate:   {percent(attach)} of deals, {percent(attach_amount)} of pipeline amount",
        f"partner-sourced:       {percent(sourced)} of deals, {percent(sourced_won)} of won revenue"
        f" (attached: {percent(attached_won)} of won revenue)",
        f"win rate:              {percent(win_att)} with a partner attached vs {percent(win_un)} without",
        f"sourcing contested:    {contested} deals",
        "",
        "top partners by won revenue on deals they are attached to (type as declared, role as played):",
    ]
    for partner_id, name, partner_type, role, deals, sourced_deals, won_amount in top:
        lines.append(
            f"  {partner_id:<10} {name[:28]:<28} {partner_type or '':<18} {role:<9} {deals:>5} deals"
            f" {sourced_deals:>4} sourced  {won_amount or 0:>14,.0f} won"
        )
    lines += ["", f"rejected raw rows (see {audit}.rejected_rows for the reasons):"]
    lines += [f"  {table:<26} {count}" for table, count in rejects] or ["  none"]
    lines += [
        "",
        f"warehouse: {warehouse}",
        "query it read-only (BI tools: the published file, which no build waits on; README, 'Querying the"
        " warehouse'):",
        f"  .venv/bin/python -c \"import duckdb; print(duckdb.connect('{warehouse}', read_only=True)"
        f".sql('select * from {marts}.fct_opportunities limit 5'))\"",
        f"  schemas: {marts} (fct_*, dim_partners, mart_*), {audit} (rejected_rows), {semantic}; the file dbt"
        " builds also has validated, intermediate, reference (seeds) and staging (a connector's tables)",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("warehouse", nargs="?", default=os.environ.get("DUCKDB_PATH", str(DEFAULT_WAREHOUSE)))
    add_layout_arguments(parser)
    args = parser.parse_args(argv)
    warehouse = Path(args.warehouse).resolve()
    if not warehouse.exists():
        print(f"no warehouse at {warehouse}: build it first (python3 scripts/tasks.py demo)", file=sys.stderr)
        return 2
    print(summarise(warehouse, requested_layout(args.target_path, args.schema)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
