"""The partner report in a real browser: every chart drawn, no console error, nothing fetched.

The demo warehouse is built once for the module (dbt build as of 2025-12-31) and published, then
partner_tools.report writes the report. Debian's Chromium (partner_tools.install_browser), driven
headless through playwright, opens the file. There must be no console error and no uncaught
exception, and no request may leave the file: the page is self-contained. Every chart the script
says it made must be drawn, an svg with marks in it. A screenshot of the whole page goes to
target/test/report.png for a person to look at. The same checks run on a warehouse whose marts
are empty (each chart then says "No data") and on a sparse one (one partner, one quarter, one
region, no intervals, no data-driven mart, no publication record). A broken chart script must make
the checks fail, so they cannot pass on a page that draws nothing.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from conftest import dbt_runner
from playwright.sync_api import BrowserContext, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from partner_tools.constants import DEMO_AS_OF_DATE, DEMO_DATA_DIR, ROOT
from partner_tools.install_browser import CHROMIUM
from partner_tools.publish import publish
from partner_tools.report.page import CHARTS

SCREENSHOT = ROOT / "target" / "test" / "report.png"
VARIABLES = {"raw_data_dir": str(DEMO_DATA_DIR), "as_of_date": DEMO_AS_OF_DATE}
# a fresh, quiet browser: no sandbox (root in CI), no GPU, nothing phoned home
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# what each chart holds once plotly has drawn it: its traces, and the shapes and labels it drew
CHART_STATE = """
() => [...document.querySelectorAll('section.chart')].map(section => {
    const plot = section.querySelector('.js-plotly-plot');
    const drawn = plot ? [...plot.querySelectorAll('path, rect, text')].filter(element => {
        const box = element.getBBox();
        return element.closest(".trace, .table") && (box.width > 0 || box.height > 0);
    }) : [];
    return {
        key: section.dataset.chart,
        has_data: section.dataset.hasData === 'true',
        svgs: plot ? plot.querySelectorAll('svg.main-svg').length : 0,
        traces: plot && plot._fullData ? plot._fullData.filter(trace => trace.visible !== false).length : 0,
        marks: drawn.length,
        text: plot ? [...plot.querySelectorAll('text')].map(text => text.textContent).join(' | ') : '',
    };
})
"""


@dataclass
class Rendered:
    errors: list[str]
    outside_requests: list[str]
    charts: list[dict]
    announced: int
    header: str


@pytest.fixture(scope="module")
def demo_published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse, built once for the module (conftest's dbt runner) and published."""
    directory = tmp_path_factory.mktemp("report_build")
    built = dbt_runner(directory)(["build"], VARIABLES, warehouse_name="warehouse.duckdb")
    assert built.returncode == 0, built.output[-3000:]
    warehouse = built.warehouse
    published = directory / "warehouse_published.duckdb"
    publish(warehouse, published)
    return published


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> BrowserContext:
    if not CHROMIUM.exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: run `.venv/bin/python -m partner_tools.install_browser` as root"
            " (`python3 scripts/tasks.py test` does), or `apt-get install chromium`",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium_profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=BROWSER_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


def build_report(published: Path, output: Path, *extra: str) -> str:
    """Run partner_tools.report as a user does; return what it printed."""
    command = [
        sys.executable,
        "-m",
        "partner_tools.report",
        "--warehouse",
        str(published),
        "--output",
        str(output),
        *extra,
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def charts_announced(printed: str) -> int:
    found = re.search(r"partner report: (\d+) charts", printed)
    assert found, printed
    return int(found.group(1))


def open_report(browser: BrowserContext, report: Path, screenshot: Path | None = None) -> Rendered:
    """Open the report from disk, wait for the charts, and collect what went wrong."""
    page = browser.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(("file:", "data:", "blob:")) else outside.append(request.url)
        ),
    )
    try:
        page.goto(report.as_uri(), wait_until="load")
        announced = int(page.get_attribute("meta[name='partner-report-charts']", "content"))
        # plotly draws right after load; a chart that never draws fails the checks that follow
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(
                "count => document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= count",
                arg=announced,
                timeout=15_000,
            )
        page.wait_for_timeout(200)  # let late console errors arrive
        charts = page.evaluate(CHART_STATE)
        header = page.inner_text("header") + "\n" + page.inner_text("section.kpis")
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=True)
    finally:
        page.close()
    return Rendered(errors, outside, charts, announced, header)


def assert_every_chart_drawn(rendered: Rendered, printed: str) -> None:
    assert rendered.errors == [], rendered.errors
    assert rendered.outside_requests == [], rendered.outside_requests
    assert len(rendered.charts) == rendered.announced == charts_announced(printed) == len(CHARTS)
    for chart in rendered.charts:
        assert chart["svgs"] > 0, f"{chart['key']}: plotly drew no svg"
        assert chart["traces"] > 0 and chart["marks"] >= chart["traces"], (
            f"{chart['key']}: nothing drawn {chart}"
        )
        assert chart["has_data"] and "No data" not in chart["text"], chart["key"]


@pytest.fixture(scope="module")
def demo_report(demo_published: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    output = tmp_path_factory.mktemp("report") / "partner_report.html"
    printed = build_report(demo_published, output, "--as-of-date", VARIABLES["as_of_date"])
    return output, printed


def test_every_chart_renders_in_chromium(demo_report, demo_published, browser):
    report, printed = demo_report
    rendered = open_report(browser, report, SCREENSHOT)
    assert_every_chart_drawn(rendered, printed)
    assert f"As of {DEMO_AS_OF_DATE}" in rendered.header and "Published" in rendered.header
    assert "2,001 deals" in rendered.header

    charts = {chart["key"]: chart for chart in rendered.charts}
    with duckdb.connect(str(demo_published), read_only=True) as connection:
        roles = connection.sql(
            "select distinct role_label from (select role_label from marts.mart_partner_scorecard"
            " order by attached_won_amount desc, partner_id limit 12)"
        ).fetchall()
        regions = connection.sql("select distinct region from marts.mart_partner_attach").fetchall()
    for (role,) in roles:  # the role labels are on the scorecard, as bar labels and in the table
        assert f"role: {role}" in charts["scorecard"]["text"]
        assert role in charts["scorecard_table"]["text"]
    for (region,) in regions:
        assert region in charts["attach_over_time"]["text"]
    assert "Markov (data-driven)" in charts["attribution"]["text"]
    assert "Partner attached" in charts["impact"]["text"] and "Not attached" in charts["impact"]["text"]

    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    height = int.from_bytes(SCREENSHOT.read_bytes()[20:24], "big")  # the PNG header's height
    assert height > 3000, "the screenshot should hold the whole page, every chart"


def test_the_report_is_one_self_contained_file(demo_report):
    page = demo_report[0].read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page, re.IGNORECASE), "a script loaded from elsewhere"
    assert not re.search(r"<link[^>]+href=['\"]?(https?:)?//", page, re.IGNORECASE), (
        "a stylesheet from elsewhere"
    )
    assert page.count("plotly.js v") == 1, "plotly.js inlined exactly once, for every chart"


def test_the_checks_catch_a_chart_that_does_not_draw(demo_report, browser, tmp_path):
    broken = tmp_path / "broken.html"
    page = demo_report[0].read_text(encoding="utf-8")
    # the attribution chart calls a function that does not exist instead of drawing itself
    start = page.index('id="chart-attribution"')
    call = page.index("Plotly.newPlot(", start)
    broken.write_text(
        page[:call] + "Plotly.noSuchPlot(" + page[call + len("Plotly.newPlot(") :], encoding="utf-8"
    )
    rendered = open_report(browser, broken)
    assert any("noSuchPlot" in error for error in rendered.errors), rendered.errors
    with pytest.raises(AssertionError):
        assert_every_chart_drawn(rendered, demo_report[1])
    attribution = next(chart for chart in rendered.charts if chart["key"] == "attribution")
    assert attribution["marks"] == 0


EMPTY = [
    "delete from marts.{table}",
    "drop table marts.mart_partner_data_driven_attribution",
]
IMPACT_INTERVALS = """
select string_agg(column_name || ' = null', ', ')
from information_schema.columns
where table_schema = 'marts' and table_name = 'mart_partner_impact' and column_name like '%_95'
"""
SPARSE = [
    # one partner, the one with the most won revenue
    "delete from marts.mart_partner_scorecard where partner_id <> (select partner_id"
    " from marts.mart_partner_scorecard order by attached_won_amount desc, partner_id limit 1)",
    "delete from marts.mart_partner_attribution_by_model"
    " where partner_id not in (select partner_id from marts.mart_partner_scorecard)",
    "drop table marts.mart_partner_data_driven_attribution",
    # one region, one quarter
    "delete from marts.mart_partner_attach where region <> 'EMEA' or period_grain <> 'fiscal_quarter'"
    " or fiscal_year * 10 + fiscal_period <> (select max(fiscal_year * 10 + fiscal_period)"
    " from marts.mart_partner_attach where period_grain = 'fiscal_quarter')",
    # the overall segment only, with no intervals
    "delete from marts.mart_partner_impact where segment <> 'overall'",
    "update marts.mart_partner_impact set {intervals}",
    "drop table main.publication",
]


def edge_warehouse(demo_published: Path, directory: Path, statements: list[str]) -> Path:
    warehouse = directory / "edge_published.duckdb"
    shutil.copy(demo_published, warehouse)
    with duckdb.connect(str(warehouse)) as connection:
        tables = [
            name
            for (name,) in connection.sql(
                "select table_name from duckdb_tables() where schema_name = 'marts'"
            ).fetchall()
        ]
        intervals = connection.sql(IMPACT_INTERVALS).fetchall()[0][0]
        for statement in statements:
            for table in tables if "{table}" in statement else [None]:
                connection.execute(statement.format(table=table, intervals=intervals))
    return warehouse


def test_empty_marts_give_each_chart_a_no_data_note(demo_published, browser, tmp_path):
    warehouse = edge_warehouse(demo_published, tmp_path, EMPTY)
    printed = build_report(warehouse, tmp_path / "empty.html")
    assert f"{len(CHARTS)} without data" in printed
    rendered = open_report(browser, tmp_path / "empty.html")
    assert rendered.errors == [], rendered.errors
    assert rendered.outside_requests == []
    assert len(rendered.charts) == rendered.announced == charts_announced(printed)
    for chart in rendered.charts:
        assert chart["svgs"] > 0, f"{chart['key']}: no svg drawn"
        assert not chart["has_data"] and "No data" in chart["text"], chart
    assert "0 deals" in rendered.header and "n/a" in rendered.header


def test_a_sparse_warehouse_still_draws_every_chart(demo_published, browser, tmp_path):
    warehouse = edge_warehouse(demo_published, tmp_path, SPARSE)
    printed = build_report(warehouse, tmp_path / "sparse.html")
    rendered = open_report(browser, tmp_path / "sparse.html")
    assert_every_chart_drawn(rendered, printed)
    assert "No publication record" in rendered.header
    assert "latest deal event" in rendered.header  # no --as-of-date: the header says what it knows
