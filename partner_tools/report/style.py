"""The report's look: one colour per meaning, the same in every chart, and the formatting helpers."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

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
