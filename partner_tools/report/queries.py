"""Reading the marts: each mart is named by a placeholder, {mart_name}, filled in with where the
file holds it; everything is read in one read-only connection, closed before any chart is drawn."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from partner_tools.publish import STANDALONE, Layout, quoted, reader_schemas
from partner_tools.report.style import LEVEL_COLOURS
from partner_tools.summary import HEADLINE_SQL


@dataclass
class Marts:
    headline: dict
    publication: dict
    latest_event: object
    attach: pd.DataFrame
    scorecard: pd.DataFrame
    attribution: pd.DataFrame
    impact: pd.DataFrame
    missing: list[str]


ATTACH_SQL = """
select
    fiscal_year,
    fiscal_period,
    region,
    sum(opportunities) as opportunities,
    sum(amount)::double as amount,
    {level_sums}
from {mart_partner_attach}
where period_basis = 'created' and period_grain = 'fiscal_quarter'
group by fiscal_year, fiscal_period, region
"""

SCORECARD_SQL = """
select
    partner_id,
    partner_name,
    partner_type,
    tier,
    partner_region,
    role_label,
    attached_opportunities,
    sourced_opportunities,
    attached_won_opportunities,
    attached_won_amount::double as attached_won_amount,
    sourced_won_amount::double as sourced_won_amount,
    partner_win_rate,
    mdf_spend::double as mdf_spend,
    mdf_return,
    referrals_given,
    give_get_ratio
from {mart_partner_scorecard}
"""

ATTRIBUTION_SQL = """
select partner_id, attribution_model, attributed_revenue, false as is_data_driven
from {mart_partner_attribution_by_model}
"""

# the data-driven models over every path (not a region or deal-type segment), when the mart exists
DATA_DRIVEN_SQL = """
select partner_id, attribution_model, attributed_revenue, true as is_data_driven
from {mart_partner_data_driven_attribution}
where region = 'all' and opportunity_type = 'all'
"""

IMPACT_SQL = """
select *
from {mart_partner_impact}
where segment in ('overall', 'region', 'market_motion', 'opportunity_type')
"""

LATEST_EVENT_SQL = (
    "select max(greatest(created_at, coalesce(closed_at, created_at))) from {fct_opportunities}"
)


def has_table(connection: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    found = connection.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchall()
    return found[0][0] > 0


def load(published: Path, layout: Layout = STANDALONE) -> Marts:
    """Everything the charts need, read in one read-only connection that is closed at once."""
    level_sums = ",\n    ".join(
        f"sum({level}_opportunities) as {level}_opportunities, sum({level}_amount)::double as {level}_amount"
        for level in LEVEL_COLOURS
    )
    missing: list[str] = []
    with duckdb.connect(str(published), read_only=True) as connection:
        marts = {
            name: quoted(schema, name)
            for (layer, name), schema in reader_schemas(connection, layout).items()
            if layer == "marts"
        }

        def frame(sql: str, *tables: str) -> pd.DataFrame:
            absent = [table for table in tables if table not in marts]
            if absent:
                missing.extend(absent)
                return pd.DataFrame()
            return connection.sql(sql.format_map(marts)).df()

        headline: dict = {}
        latest_event = None
        if "mart_partner_headline" in marts:
            cursor = connection.execute(HEADLINE_SQL.format_map(marts))
            rows = cursor.fetchall()
            if rows:
                headline = dict(zip([c[0] for c in cursor.description], rows[0], strict=True))
        else:
            missing.append("mart_partner_headline")
        if "fct_opportunities" in marts:
            latest_event = connection.sql(LATEST_EVENT_SQL.format_map(marts)).fetchall()[0][0]
        else:
            missing.append("fct_opportunities")
        publication: dict = {}
        if has_table(connection, "main", "publication"):
            rows = connection.sql("select warehouse, max(published_at) from main.publication group by 1")
            for warehouse, published_at in rows.fetchall():
                publication = {"warehouse": warehouse, "published_at": published_at}
        attribution = frame(ATTRIBUTION_SQL, "mart_partner_attribution_by_model")
        # only DuckDB builds the data-driven mart: without it the chart shows the rule-based models
        if "mart_partner_data_driven_attribution" in marts:
            data_driven = connection.sql(DATA_DRIVEN_SQL.format_map(marts)).df()
            if not data_driven.empty:
                attribution = pd.concat([attribution, data_driven], ignore_index=True)
        return Marts(
            headline=headline,
            publication=publication,
            latest_event=latest_event,
            attach=frame(ATTACH_SQL.replace("{level_sums}", level_sums), "mart_partner_attach"),
            scorecard=frame(SCORECARD_SQL, "mart_partner_scorecard"),
            attribution=attribution,
            impact=frame(IMPACT_SQL, "mart_partner_impact"),
            missing=missing,
        )
