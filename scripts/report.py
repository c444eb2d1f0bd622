#!/usr/bin/env python3
"""Build the partner report: one self-contained HTML file of charts from the published marts.

    python scripts/report.py [--warehouse PUBLISHED.duckdb] [--output report.html] [--as-of-date DAY]
        [--target-path target | --schema marts=SCHEMA]

Partner leaders look before they read, so the report is charts, each with a sentence on how to
read it: the attach pyramid, attach rate over time by region, the partner scorecard with role
labels (bars and a table), attribution models side by side per partner, attached vs not attached
deals with 95% intervals, and reciprocity (referrals given vs deals sourced).

It reads the published file (scripts/publish.py), opened read-only and closed before any chart is
drawn, and writes one HTML file with plotly.js inlined: no CDN, no network, it opens from a
file share or a mail attachment. `python3 scripts/tasks.py demo` writes it beside the warehouse
(warehouse/partner_report.html). A mart with no rows (or missing) gives its chart a "no data"
note instead of stopping the report. The published file does not record dbt's as_of_date, so pass
it with --as-of-date; without it the header gives the latest deal event in the marts. Pointed at a
warehouse as dbt built it rather than at a published file, it finds the marts as publish.py does:
from dbt's manifest (--target-path; default: target/ here, else the standalone names) or --schema.
"""

from __future__ import annotations

import argparse
import html
import math
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots
from publish import (
    DEFAULT_WAREHOUSE,
    STANDALONE,
    Layout,
    add_layout_arguments,
    published_path_for,
    quoted,
    reader_schemas,
    requested_layout,
)
from summary import HEADLINE_SQL

# one colour per meaning, the same in every chart
ATTACHED = "#2b6cb0"
NOT_ATTACHED = "#dd6b20"
ALL_DEALS = "#a0aec0"
LEVEL_COLOURS = {  # the pyramid: attached, then its levels in lighter blues
    "attached": ATTACHED,
    "influenced": "#3f83c6",
    "sourced": "#5597d4",
    "resold": "#6eaadf",
    "deployed": "#8bbde8",
    "partner_led": "#a9cff0",
}
LEVEL_NAMES = {
    "attached": "Partner attached",
    "influenced": "Influenced",
    "sourced": "Sourced",
    "resold": "Resold",
    "deployed": "Deployed",
    "partner_led": "Partner-led",
}
ROLE_COLOURS = {  # the roles of seeds/partner_attribution__motion_roles.csv, plus mixed and none
    "sources": "#2f855a",
    "resells": "#6b46c1",
    "deploys": "#0987a0",
    "co-sells": "#d53f8c",
    "consults": "#7d8b22",
    "markets": "#97266d",
    "mixed": "#718096",
    "none": "#cbd5e0",
}
REGION_COLOURS = {"APAC": "#c53030", "EMEA": "#0987a0", "LATAM": "#5a8f29", "NA": "#6b46c1"}
EXTRA_COLOURS = ["#975a16", "#d53f8c", "#2c7a7b", "#744210", "#553c9a", "#9b2c2c"]
MODEL_NAMES = {
    "first_touch": "First touch",
    "last_touch": "Last touch",
    "linear": "Linear",
    "position_based": "Position-based (U)",
    "j_shaped": "J-shaped",
    "inverse_j": "Inverse J",
    "w_shaped": "W-shaped",
    "time_decay": "Time decay",
    "sourced": "Sourced credit",
    "markov": "Markov (data-driven)",
    "shapley": "Shapley (data-driven)",
}
MODEL_COLOURS = [
    "#2b6cb0",
    "#90cdf4",
    "#2f855a",
    "#9ae6b4",
    "#b7791f",
    "#f6e05e",
    "#6b46c1",
    "#d6bcfa",
    "#c53030",
    "#718096",
]
DATA_DRIVEN_COLOURS = {"markov": "#1a202c", "shapley": "#4a5568"}
TOP_PARTNERS = 12
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


@dataclass
class Chart:
    key: str
    title: str
    how_to_read: str
    figure: go.Figure
    has_data: bool


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


# ---------------------------------------------------------------- reading the marts
# Each mart is named by a placeholder, {mart_name}, filled in with where the file holds it.

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
    attached_win_rate,
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
        if "fct_opportunities" in marts:
            cursor = connection.execute(HEADLINE_SQL.format_map(marts))
            headline = dict(zip([c[0] for c in cursor.description], cursor.fetchall()[0], strict=True))
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


# ---------------------------------------------------------------- formatting


def words(value: object) -> str:
    """'new_business' -> 'New business': column values as people say them."""
    text = str(value).replace("partner_led", "partner-led").replace("_", " ")
    return text[:1].upper() + text[1:]


def model_name(model: str) -> str:
    return MODEL_NAMES.get(model, words(model))


def region_colour(region: str, regions: list[str]) -> str:
    return REGION_COLOURS.get(region) or EXTRA_COLOURS[regions.index(region) % len(EXTRA_COLOURS)]


def role_colour(role: str) -> str:
    return ROLE_COLOURS.get(role, EXTRA_COLOURS[sum(map(ord, role)) % len(EXTRA_COLOURS)])


def roles_in_order(roles: pd.Series) -> list[str]:
    """The roles present, in legend order: the seed's roles, then any other, then mixed and none."""
    present = set(roles.dropna())
    known = [role for role in ROLE_COLOURS if role in present and role not in ("mixed", "none")]
    other = sorted(present - set(ROLE_COLOURS))
    return known + other + [role for role in ("mixed", "none") if role in present]


def percent(value: object) -> str:
    return "n/a" if value is None or _missing(value) else f"{100 * float(value):.0f}%"


def compact(value: object) -> str:
    """12345678 -> '12.3M': amounts in the reporting currency, short."""
    if value is None or _missing(value):
        return "n/a"
    number = float(value)
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(number) >= size:
            return f"{number / size:.1f}{suffix}"
    return f"{number:.0f}"


def _missing(value: object) -> bool:
    return isinstance(value, float) and math.isnan(value)


def style(figure: go.Figure, height: int, **layout: object) -> go.Figure:
    defaults: dict[str, object] = {
        "template": "plotly_white",
        "margin": {"l": 10, "r": 20, "t": 30, "b": 10},
        "font": {"family": FONT, "size": 13, "color": "#1a202c"},
        "hoverlabel": {"font": {"family": FONT}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": None},
    }
    figure.update_layout({**defaults, **layout}, height=height)
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    return figure


def no_data(note: str) -> go.Figure:
    """A chart that says why it is empty instead of a blank box or a crash."""
    figure = go.Figure()
    figure.add_annotation(
        text=f"No data: {note}",
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": 15, "color": "#4a5568"},
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return style(figure, 200)


# ---------------------------------------------------------------- the charts


def attach_pyramid(marts: Marts) -> Chart:
    title = "The attach pyramid: how many deals, and how much pipeline, have a partner"
    how = (
        "Every deal created up to the as-of date. The top bar is all deals; below it the deals with any "
        "partner attached, then each way a partner can be attached. Each level is part of the attached "
        "bar, but the levels overlap (one deal can be sourced and resold), so they do not add up. "
        "Left: count of deals; right: their amount."
    )
    frame = marts.attach
    if frame.empty or frame["opportunities"].sum() == 0:
        return Chart("attach_pyramid", title, how, no_data("mart_partner_attach has no deals"), False)
    totals = frame.sum(numeric_only=True)
    figure = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.04,
        subplot_titles=("Deals", "Pipeline amount"),
    )
    labels = ["All deals", *LEVEL_NAMES.values()]
    colours = [ALL_DEALS, *LEVEL_COLOURS.values()]
    for column, suffix in ((1, "opportunities"), (2, "amount")):
        values = [float(totals[suffix])] + [float(totals[f"{level}_{suffix}"]) for level in LEVEL_COLOURS]
        whole = values[0] or 1.0
        shown = [f"{v:,.0f}" if suffix == "opportunities" else compact(v) for v in values]
        figure.add_trace(
            go.Funnel(
                y=labels,
                x=values,
                text=[f"{s}  ({v / whole:.0%})" for s, v in zip(shown, values, strict=True)],
                textinfo="text",
                # a bar too narrow for its number gets it beside the bar
                textposition=["inside" if v / whole >= 0.15 else "outside" for v in values],
                insidetextfont={"color": ["#1a202c", *["white"] * len(LEVEL_COLOURS)]},
                outsidetextfont={"color": "#1a202c"},
                marker={"color": colours},
                connector={"fillcolor": "#edf2f7", "line": {"width": 0}},
                hovertemplate="%{y}: %{text}<extra></extra>",
                showlegend=False,
            ),
            row=1,
            col=column,
        )
    return Chart(
        "attach_pyramid", title, how, style(figure, 420, margin={"l": 10, "r": 10, "t": 40, "b": 10}), True
    )


def attach_over_time(marts: Marts) -> Chart:
    title = "Attach rate over time, by region"
    how = (
        "Share of the deals created in each fiscal quarter that have a partner attached, one line per "
        "region of the deal and a dashed line for all regions. Hover for the counts. Resale and "
        "deployment partners join after a deal closes, so the latest quarters can still rise."
    )
    frame = marts.attach
    if frame.empty or frame["opportunities"].sum() == 0:
        return Chart("attach_over_time", title, how, no_data("mart_partner_attach has no deals"), False)
    frame = frame.assign(
        quarter=[f"FY{y} Q{p}" for y, p in zip(frame.fiscal_year, frame.fiscal_period, strict=True)]
    )
    order = frame.sort_values(["fiscal_year", "fiscal_period"])["quarter"].drop_duplicates().tolist()
    regions = sorted(frame["region"].dropna().unique().tolist())
    series = [
        (region, frame[frame.region == region], region_colour(region, regions), "solid", 2.5)
        for region in regions
    ]
    everything = frame.groupby("quarter", as_index=False)[["opportunities", "attached_opportunities"]].sum()
    series.append(("All regions", everything, "#1a202c", "dash", 3.0))
    figure = go.Figure()
    for name, rows, colour, dash, width in series:
        rows = rows.set_index("quarter").reindex(order).dropna(subset=["opportunities"])
        rows = rows[rows.opportunities > 0]
        figure.add_trace(
            go.Scatter(
                x=rows.index.tolist(),
                y=(rows.attached_opportunities / rows.opportunities).tolist(),
                customdata=list(zip(rows.attached_opportunities, rows.opportunities, strict=True)),
                name=name,
                mode="lines+markers",
                line={"color": colour, "dash": dash, "width": width},
                marker={"size": 7},
                hovertemplate=f"{name}, %{{x}}: %{{y:.0%}} attached"
                "<br>%{customdata[0]:,} of %{customdata[1]:,} deals<extra></extra>",
            )
        )
    figure.update_xaxes(
        title="Fiscal quarter the deal was created", categoryorder="array", categoryarray=order
    )
    figure.update_yaxes(title="Deals with a partner attached", tickformat=".0%", range=[0, 1.05])
    return Chart("attach_over_time", title, how, style(figure, 430), True)


def top_partners(scorecard: pd.DataFrame) -> pd.DataFrame:
    ranked = scorecard.sort_values(["attached_won_amount", "partner_id"], ascending=[False, True])
    return ranked.head(TOP_PARTNERS)


def scorecard_bars(marts: Marts) -> Chart:
    title = f"Partner scorecard: the top {TOP_PARTNERS} partners by won revenue they were attached to"
    how = (
        "Won revenue of the deals each partner is attached to (its full amount for every partner on "
        "the deal), with the share of it the partner sourced as a darker bar. The colour is the role the "
        "partner plays most compared with the average partner (its label); the partner type is what "
        "the contract says. A partner labelled mixed plays no role much more than average."
    )
    frame = marts.scorecard
    if frame.empty or frame["attached_won_amount"].fillna(0).sum() == 0:
        return Chart("scorecard", title, how, no_data("mart_partner_scorecard has no won revenue"), False)
    top = top_partners(frame).iloc[::-1]  # largest at the top of a horizontal bar chart
    names = [
        f"{n}  ·  {words(t or 'unknown')}" for n, t in zip(top.partner_name, top.partner_type, strict=True)
    ]
    figure = go.Figure()
    for role in roles_in_order(top.role_label):  # one legend entry per role
        rows = top.role_label == role
        figure.add_trace(
            go.Bar(
                y=[name for name, keep in zip(names, rows, strict=True) if keep],
                x=top.attached_won_amount[rows],
                orientation="h",
                name=f"role: {role}",
                marker={"color": role_colour(role)},
                text=[role] * int(rows.sum()),
                textposition="outside",
                customdata=list(
                    zip(
                        top.attached_won_opportunities[rows],
                        top.sourced_won_amount[rows],
                        top.attached_win_rate[rows].fillna(0),
                        strict=True,
                    )
                ),
                hovertemplate="%{y}<br>role: " + role + "<br>attached won revenue %{x:,.0f}"
                " on %{customdata[0]:,} won deals<br>sourced won revenue %{customdata[1]:,.0f}"
                "<br>win rate when attached %{customdata[2]:.0%}<extra></extra>",
            )
        )
    figure.add_trace(
        go.Bar(
            y=names,
            x=top.sourced_won_amount,
            orientation="h",
            name="of which the partner sourced",
            marker={"color": "rgba(26, 32, 44, 0.55)"},
            width=0.35,
            hovertemplate="%{y}<br>sourced won revenue %{x:,.0f}<extra></extra>",
        )
    )
    figure.update_layout(barmode="overlay", bargap=0.3)
    figure.update_yaxes(categoryorder="array", categoryarray=names, ticksuffix="  ")
    widest = float(top.attached_won_amount.max())
    figure.update_xaxes(title="Won revenue (reporting currency)", tickformat="~s", range=[0, widest * 1.12])
    return Chart("scorecard", title, how, style(figure, 140 + 34 * len(top)), True)


def scorecard_table(marts: Marts) -> Chart:
    title = "Partner scorecard in numbers"
    how = (
        "The same top partners with the measures behind them. Win rate is over the closed deals the "
        "partner is attached to; MDF return is won revenue its MDF-funded touches reached per unit "
        "spent; give/get is referrals we gave it per deal it sourced (empty when it sourced none)."
    )
    frame = marts.scorecard
    if frame.empty:
        return Chart("scorecard_table", title, how, no_data("mart_partner_scorecard has no partners"), False)
    top = top_partners(frame)
    columns = {
        "Partner": top.partner_name,
        "Type": [words(t or "unknown") for t in top.partner_type],
        "Role label": top.role_label,
        "Attached deals": [f"{v:,}" for v in top.attached_opportunities],
        "Sourced deals": [f"{v:,}" for v in top.sourced_opportunities],
        "Attached won revenue": [compact(v) for v in top.attached_won_amount],
        "Win rate attached": [percent(v) for v in top.attached_win_rate],
        "MDF spend": [compact(v) if v else "-" for v in top.mdf_spend.fillna(0)],
        "MDF return": [f"{v:.1f}x" if not pd.isna(v) else "-" for v in top.mdf_return],
        "Referrals given": [f"{v:,}" for v in top.referrals_given],
        "Give/get": [f"{v:.2f}" if not pd.isna(v) else "-" for v in top.give_get_ratio],
    }
    fills = [["#ffffff"] * len(top) for _ in columns]
    fills[2] = [role_colour(role) for role in top.role_label]
    fonts = [["#1a202c"] * len(top) for _ in columns]
    fonts[2] = ["#1a202c" if role in ("none", "mixed") else "white" for role in top.role_label]
    figure = go.Figure(
        go.Table(
            columnwidth=[2.6, 1.6, 1.1, 1, 1, 1.2, 1, 0.9, 0.9, 1, 0.8],
            header={
                "values": [f"<b>{name}</b>" for name in columns],
                "fill_color": "#2d3748",
                "font": {"color": "white", "size": 12},
                "align": "left",
                "height": 52,
            },
            cells={
                "values": list(columns.values()),
                "fill_color": fills,
                "font": {"color": fonts, "size": 12},
                "align": ["left", "left", "center", *["right"] * 8],
                "height": 26,
                "line_color": "#e2e8f0",
            },
        )
    )
    return Chart("scorecard_table", title, how, style(figure, 95 + 27 * len(top)), True)


def attribution_side_by_side(marts: Marts) -> Chart:
    title = "Attribution models side by side: each partner's share of won revenue under every model"
    how = (
        "One row per partner (the top partners by their average credit), one dot per model. A short grey "
        "line means the models agree on what the partner is worth; a long one means the choice of model "
        "decides it. Sourced credit counts only the deals the partner sourced. Black diamonds are the "
        "data-driven models (Markov, Shapley) over every path, when the warehouse has them; a Shapley "
        "credit below zero means the partner's paths convert less often than the same paths without it."
    )
    frame = marts.attribution
    if frame.empty or frame["attributed_revenue"].fillna(0).abs().sum() == 0:
        return Chart(
            "attribution", title, how, no_data("mart_partner_attribution_by_model has no revenue"), False
        )
    names = dict(
        zip(marts.scorecard.get("partner_id", []), marts.scorecard.get("partner_name", []), strict=True)
    )
    frame = frame.assign(partner=[names.get(p, p) for p in frame.partner_id])
    wide = frame.pivot_table(
        index="partner", columns="attribution_model", values="attributed_revenue", aggfunc="sum"
    )
    wide = wide.fillna(0)
    order = wide.mean(axis=1).sort_values(ascending=False).head(TOP_PARTNERS).index.tolist()[::-1]
    wide = wide.loc[order]
    figure = go.Figure()
    spans_x: list[float | None] = []
    spans_y: list[str | None] = []
    for partner, values in wide.iterrows():
        spans_x += [values.min(), values.max(), None]
        spans_y += [partner, partner, None]
    figure.add_trace(
        go.Scatter(
            x=spans_x,
            y=spans_y,
            mode="lines",
            line={"color": "#cbd5e0", "width": 6},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    data_driven = set(frame.loc[frame.is_data_driven, "attribution_model"])
    rule_based = [m for m in dict.fromkeys(frame.attribution_model) if m not in data_driven]
    known = [m for m in MODEL_NAMES if m in rule_based]
    for index, model in enumerate(known + [m for m in rule_based if m not in known] + sorted(data_driven)):
        is_data_driven = model in data_driven
        figure.add_trace(
            go.Scatter(
                x=wide[model],
                y=order,
                mode="markers",
                name=model_name(model),
                marker={
                    "color": DATA_DRIVEN_COLOURS.get(model, "#1a202c")
                    if is_data_driven
                    else MODEL_COLOURS[index % len(MODEL_COLOURS)],
                    "size": 12 if is_data_driven else 10,
                    "symbol": "diamond" if is_data_driven else "circle",
                    "line": {"color": "white", "width": 1},
                },
                hovertemplate="%{y}<br>" + model_name(model) + ": %{x:,.0f}<extra></extra>",
            )
        )
    figure.update_xaxes(
        title="Attributed won revenue (reporting currency)", tickformat="~s", rangemode="tozero"
    )
    legend = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": None}
    return Chart("attribution", title, how, style(figure, 190 + 36 * len(order), legend=legend), True)


IMPACT_MEASURES = (
    ("win_rate", "Win rate", ".0%"),
    ("average_won_amount", "Average won amount", "~s"),
    ("median_sales_cycle_days", "Median sales cycle (days)", ",.0f"),
)


def impact_label(row: pd.Series) -> str:
    if row.segment == "overall":
        return "All closed deals"
    if row.segment == "region":
        return f"Region: {row.region}"
    if row.segment == "market_motion":
        return f"Motion: {words(row.market_motion)}"
    return f"Deal type: {words(row.opportunity_type)}"


def impact(marts: Marts) -> Chart:
    title = "Do attached deals do better? Attached vs not attached, with 95% intervals"
    how = (
        "Closed deals with a partner attached (blue) and without (orange), overall and per segment. The "
        "dot is the value, the whiskers its 95% interval: where the whiskers of the two overlap, the "
        "difference may be chance. Segments marked * have too few closed deals on one side to read. "
        "An association, not an effect: won deals collect resale and deployment partners after closing."
    )
    frame = marts.impact
    if frame.empty:
        return Chart("impact", title, how, no_data("mart_partner_impact has no closed deals"), False)
    order = {"overall": 0, "region": 1, "market_motion": 2, "opportunity_type": 3}
    frame = frame.assign(rank=frame.segment.map(order)).sort_values(
        ["rank", "region", "market_motion", "opportunity_type"]
    )
    labels = [impact_label(row) + (" *" if row.is_too_small_to_read else "") for row in frame.itertuples()]
    positions = list(range(len(frame)))
    figure = make_subplots(
        rows=1,
        cols=3,
        shared_yaxes=True,
        horizontal_spacing=0.03,
        subplot_titles=[name for _, name, _ in IMPACT_MEASURES],
    )
    for column, (measure, name, number_format) in enumerate(IMPACT_MEASURES, start=1):
        for side, colour, offset in (("attached", ATTACHED, -0.17), ("not_attached", NOT_ATTACHED, 0.17)):
            value = frame[f"{side}_{measure}"]
            lower = frame[f"{side}_{measure}_lower_95"]
            upper = frame[f"{side}_{measure}_upper_95"]
            figure.add_trace(
                go.Scatter(
                    x=value,
                    y=[p + offset for p in positions],
                    mode="markers",
                    name="Partner attached" if side == "attached" else "Not attached",
                    legendgroup=side,
                    showlegend=column == 1,
                    marker={
                        "color": colour,
                        "size": 9,
                        "opacity": [0.45 if small else 1 for small in frame.is_too_small_to_read],
                    },
                    error_x={
                        "type": "data",
                        "symmetric": False,
                        "array": (upper - value).clip(lower=0),
                        "arrayminus": (value - lower).clip(lower=0),
                        "color": colour,
                        "thickness": 1.6,
                        "width": 4,
                    },
                    customdata=list(
                        zip(labels, lower, upper, frame[f"{side}_closed_opportunities"], strict=True)
                    ),
                    hovertemplate="%{customdata[0]}<br>"
                    + name
                    + f": %{{x:{number_format}}} (95%: %{{customdata[1]:{number_format}}} to "
                    f"%{{customdata[2]:{number_format}}})"
                    "<br>%{customdata[3]:,} closed deals<extra></extra>",
                ),
                row=1,
                col=column,
            )
        figure.update_xaxes(tickformat=number_format, rangemode="tozero", row=1, col=column)
    figure.update_yaxes(tickvals=positions, ticktext=labels, ticksuffix="  ", row=1, col=1)
    figure.update_yaxes(range=[len(frame) - 0.5, -0.5], showgrid=False, zeroline=False)
    ranks = frame["rank"].tolist()
    for position in range(1, len(ranks)):
        if ranks[position] != ranks[position - 1]:  # a line between overall, regions, motions, deal types
            figure.add_hline(y=position - 0.5, line={"color": "#e2e8f0", "width": 1})
    height, margin = 170 + 44 * len(frame), {"l": 10, "r": 20, "t": 80, "b": 10}
    # the legend 45 px above the plots, clear of the panel titles whatever the chart's height
    above = 1 + 45 / (height - margin["t"] - margin["b"])
    legend = {"orientation": "h", "yanchor": "bottom", "y": above, "x": 0, "title": None}
    return Chart("impact", title, how, style(figure, height, margin=margin, legend=legend), True)


def reciprocity(marts: Marts) -> Chart:
    title = "Reciprocity: referrals we give vs deals a partner sources"
    how = (
        "One dot per partner, coloured by its role label. Above the dashed line a partner sources more "
        "deals for us than we send it referrals; below it we give more than we get. Partners that "
        "never source nor receive a referral sit at the origin. The most active partners are named."
    )
    frame = marts.scorecard
    if frame.empty or (frame.referrals_given.sum() + frame.sourced_opportunities.sum()) == 0:
        return Chart("reciprocity", title, how, no_data("no referrals given and no deals sourced"), False)
    activity = frame.referrals_given + frame.sourced_opportunities
    named = set(frame.assign(activity=activity).nlargest(8, "activity").partner_id)
    figure = go.Figure()
    widest = float(frame.referrals_given.max()) * 1.08 + 1
    tallest = float(frame.sourced_opportunities.max()) * 1.15 + 1
    figure.add_trace(
        go.Scatter(
            x=[0, min(widest, tallest)],
            y=[0, min(widest, tallest)],
            mode="lines",
            line={"color": "#a0aec0", "dash": "dash"},
            name="gives as much as it gets",
            hoverinfo="skip",
        )
    )
    for role in roles_in_order(frame.role_label):
        rows = frame[frame.role_label == role]
        figure.add_trace(
            go.Scatter(
                x=rows.referrals_given,
                y=rows.sourced_opportunities,
                mode="markers+text",
                name=f"role: {role}",
                text=[
                    n if p in named else "" for n, p in zip(rows.partner_name, rows.partner_id, strict=True)
                ],
                textposition="top center",
                textfont={"size": 11, "color": "#2d3748"},
                marker={
                    "color": role_colour(role),
                    "size": 11,
                    "opacity": 0.85,
                    "line": {"color": "white", "width": 1},
                },
                customdata=list(
                    zip(rows.partner_name, rows.give_get_ratio.fillna(float("nan")), strict=True)
                ),
                hovertemplate="%{customdata[0]} (" + role + ")<br>referrals given %{x:,}"
                "<br>deals sourced %{y:,}<br>give/get %{customdata[1]:.2f}<extra></extra>",
            )
        )
    figure.update_xaxes(title="Referrals we gave the partner", range=[-1, widest], zeroline=False)
    figure.update_yaxes(title="Deals the partner sourced", range=[-1, tallest], zeroline=False)
    return Chart("reciprocity", title, how, style(figure, 520), True)


CHARTS: list[Callable[[Marts], Chart]] = [
    attach_pyramid,
    attach_over_time,
    scorecard_bars,
    scorecard_table,
    attribution_side_by_side,
    impact,
    reciprocity,
]


# ---------------------------------------------------------------- the page

PAGE_STYLE = """
body { margin: 0; background: #f7fafc; color: #1a202c; font-family: var(--font); }
main { max-width: 1180px; margin: 0 auto; padding: 28px 28px 48px; }
header h1 { font-size: 30px; margin: 0 0 6px; }
header p { margin: 2px 0; color: #4a5568; font-size: 14px; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 14px; margin: 22px 0 8px; }
.kpi { background: white; border-radius: 10px; padding: 14px 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.kpi b { display: block; font-size: 28px; margin-bottom: 2px; }
.kpi span { color: #4a5568; font-size: 13px; }
.kpi .attached { color: var(--attached); }
.kpi .not-attached { color: var(--not-attached); }
section.chart { background: white; border-radius: 10px; padding: 18px 20px 10px; margin: 22px 0;
  box-shadow: 0 1px 3px rgba(0,0,0,.08); }
section.chart h2 { font-size: 19px; margin: 0 0 4px; }
section.chart p.how { margin: 0 0 10px; color: #4a5568; font-size: 14px; line-height: 1.45;
  max-width: 980px; }
footer { color: #718096; font-size: 12px; margin-top: 26px; }
"""
# the colours and font the charts use, so the page around them matches
PAGE_VARIABLES = f":root {{ --font: {FONT}; --attached: {ATTACHED}; --not-attached: {NOT_ATTACHED}; }}"


def header(marts: Marts, as_of_date: str | None, generated_at: datetime) -> str:
    if as_of_date:
        as_of = f"As of {html.escape(as_of_date)} (end of day, UTC)"
    elif marts.latest_event is not None:
        latest = f"{marts.latest_event:%Y-%m-%d}"
        as_of = f"As of the build's as_of_date; the latest deal event in the marts is on {latest}"
    else:
        as_of = "As of the build's as_of_date (no deals in the marts)"
    if marts.publication:
        built = (
            f"Published {marts.publication['published_at']:%Y-%m-%d %H:%M} UTC from "
            f"{html.escape(Path(marts.publication['warehouse']).name)}"
        )
    else:
        built = "No publication record (main.publication): this file was not written by scripts/publish.py"
    headline = marts.headline
    deals = headline.get("opportunities") or 0
    lines = [
        "<header>",
        "<h1>Partner ecosystem report</h1>",
        f"<p><b>{as_of}</b> · {deals:,} deals · amounts in the reporting currency</p>",
        f"<p>{built} · report generated {generated_at:%Y-%m-%d %H:%M} UTC</p>",
    ]
    if marts.missing:
        absent = ", ".join(sorted(set(marts.missing)))
        lines.append(f"<p>Not in this warehouse: {html.escape(absent)}</p>")
    lines.append("</header>")
    tiles = [
        (percent(headline.get("attach_rate")), "of deals have a partner attached", "attached"),
        (
            percent(headline.get("attach_amount_share")),
            "of pipeline amount has a partner attached",
            "attached",
        ),
        (percent(headline.get("sourced_won_share")), "of won revenue was partner-sourced", ""),
        (
            f"<span class='attached'>{percent(headline.get('win_rate_attached'))}</span> vs "
            f"<span class='not-attached'>{percent(headline.get('win_rate_unattached'))}</span>",
            "win rate, partner attached vs not",
            "",
        ),
    ]
    lines.append("<section class='kpis'>")
    for value, label, css in tiles:
        lines.append(f"<div class='kpi'><b class='{css}'>{value}</b><span>{label}</span></div>")
    lines.append("</section>")
    return "\n".join(lines)


def render(marts: Marts, as_of_date: str | None = None) -> tuple[str, list[Chart]]:
    """The whole page, and the charts on it."""
    generated_at = datetime.now(timezone.utc)
    charts = [build(marts) for build in CHARTS]
    sections = []
    for chart in charts:
        plot = pio.to_html(
            chart.figure,
            full_html=False,
            include_plotlyjs=False,
            div_id=f"chart-{chart.key}",
            config=PLOT_CONFIG,
        )
        sections.append(
            f"<section class='chart' data-chart='{chart.key}' data-has-data='{str(chart.has_data).lower()}'>"
            f"<h2>{html.escape(chart.title)}</h2><p class='how'>{html.escape(chart.how_to_read)}</p>"
            f"{plot}</section>"
        )
    page = "\n".join(
        [
            "<!DOCTYPE html>",
            "<html lang='en'><head><meta charset='utf-8'>",
            "<meta name='viewport' content='width=device-width, initial-scale=1'>",
            f"<meta name='partner-report-charts' content='{len(charts)}'>",
            "<title>Partner ecosystem report</title>",
            f"<style>{PAGE_VARIABLES}{PAGE_STYLE}</style>",
            # plotly.js once, inline, for every chart: the file works with no network at all
            f"<script type='text/javascript'>{get_plotlyjs()}</script>",
            "</head><body><main>",
            header(marts, as_of_date, generated_at),
            *sections,
            "<footer>Built by scripts/report.py from the published marts (README, 'The partner report'). "
            "Charts drawn with plotly.js, included in this file.</footer>",
            "</main></body></html>",
        ]
    )
    return page, charts


def default_published() -> Path:
    return published_path_for(Path(os.environ.get("DUCKDB_PATH", DEFAULT_WAREHOUSE)).resolve())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--warehouse", type=Path, help="the published file (default: beside DUCKDB_PATH)")
    parser.add_argument("--output", type=Path, help="default: partner_report.html beside the warehouse")
    parser.add_argument("--as-of-date", help="the as_of_date the marts were built for, shown at the top")
    add_layout_arguments(parser)
    args = parser.parse_args(argv)
    published = (args.warehouse or default_published()).resolve()
    if not published.exists():
        print(f"no published warehouse at {published}: run python3 scripts/tasks.py demo", file=sys.stderr)
        return 2
    output = (args.output or published.with_name("partner_report.html")).resolve()
    page, charts = render(load(published, requested_layout(args.target_path, args.schema)), args.as_of_date)
    output.parent.mkdir(parents=True, exist_ok=True)
    pending = output.with_name(output.name + ".writing")
    pending.write_text(page, encoding="utf-8")
    pending.replace(output)  # a reader with the old report open never sees half a file
    empty = [chart.key for chart in charts if not chart.has_data]
    note = f" ({len(empty)} without data: {', '.join(empty)})" if empty else ""
    print(f"partner report: {len(charts)} charts{note}, written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
