"""The charts of deals: the attach pyramid, attach over time, and attached against not attached."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from partner_tools.report.queries import Marts
from partner_tools.report.style import (
    ALL_DEALS,
    ATTACHED,
    LEVEL_COLOURS,
    LEVEL_NAMES,
    NOT_ATTACHED,
    Chart,
    compact,
    no_data,
    region_colour,
    style,
    words,
)


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
