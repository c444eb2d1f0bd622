"""The page: the charts in order, the header with the headline figures, and the command line."""

from __future__ import annotations

import argparse
import html
import os
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import plotly.io as pio
from plotly.offline import get_plotlyjs

import partner_tools.report
from partner_tools.constants import DEFAULT_WAREHOUSE
from partner_tools.publish import add_layout_arguments, published_path_for, requested_layout
from partner_tools.report.charts_deals import attach_over_time, attach_pyramid, impact
from partner_tools.report.charts_partners import (
    attribution_side_by_side,
    reciprocity,
    scorecard_bars,
    scorecard_table,
)
from partner_tools.report.queries import Marts, load
from partner_tools.report.style import ATTACHED, FONT, NOT_ATTACHED, PLOT_CONFIG, Chart, percent

CHARTS: list[Callable[[Marts], Chart]] = [
    attach_pyramid,
    attach_over_time,
    scorecard_bars,
    scorecard_table,
    attribution_side_by_side,
    impact,
    reciprocity,
]


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
        built = "No publication record (main.publication): this file was not written by partner_tools.publish"
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
        (percent(headline.get("attached_rate")), "of deals have a partner attached", "attached"),
        (
            percent(headline.get("attached_amount_rate")),
            "of pipeline amount has a partner attached",
            "attached",
        ),
        (percent(headline.get("sourced_won_amount_rate")), "of won revenue was partner-sourced", ""),
        (
            f"<span class='attached'>{percent(headline.get('attached_win_rate'))}</span> vs "
            f"<span class='not-attached'>{percent(headline.get('not_attached_win_rate'))}</span>",
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
            "<footer>Built by partner_tools.report from the published marts (README, 'The partner report'). "
            "Charts drawn with plotly.js, included in this file.</footer>",
            "</main></body></html>",
        ]
    )
    return page, charts


def default_published() -> Path:
    return published_path_for(Path(os.environ.get("DUCKDB_PATH", DEFAULT_WAREHOUSE)).resolve())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=partner_tools.report.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
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
