"""The charts of partners: the scorecard (bars and table), attribution models side by side, and
reciprocity."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from partner_tools.report.queries import Marts
from partner_tools.report.style import (
    DATA_DRIVEN_COLOURS,
    MODEL_COLOURS,
    MODEL_NAMES,
    TOP_PARTNERS,
    Chart,
    compact,
    model_name,
    no_data,
    percent,
    role_colour,
    roles_in_order,
    style,
    words,
)


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
                        top.partner_win_rate[rows].fillna(0),
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
        "Win rate attached": [percent(v) for v in top.partner_win_rate],
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
