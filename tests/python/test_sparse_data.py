"""Sparse but valid exports build green (issue 19, item 6).

Each export below is small, valid (no rejected rows) and sparse in one way the spec allows: no won
deal with an attribution touch, a partner with no touches, a fiscal quarter with no deals, no
partner activities at all, no won deal at all, a single deal, partners but no opportunities.
Each is built once with `dbt build` (every model, the data-driven mart included, every data test,
unit test and contract), and the test checks the build passed and a few values the spec and the
models' docs fix for that case. The builds run side by side in a module-scoped fixture.
"""

from __future__ import annotations

import csv
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest
from conftest import DbtRun, dbt_runner
from partner_rules import TOUCH_MODELS

from partner_tools.constants import DEMO_AS_OF_DATE

AS_OF = DEMO_AS_OF_DATE

HEADERS = {
    "accounts": "account_id,account_name,industry,region,country,employee_count,created_at",
    "partners": "partner_id,partner_name,partner_type,tier,region,joined_at",
    "opportunities": (
        "opportunity_id,account_id,opportunity_name,opportunity_type,stage,amount,currency,created_at,"
        "closed_at,is_won,sourced_partner_id,reseller_partner_id,lead_source"
    ),
    "opportunity_stage_history": "opportunity_id,stage,amount,changed_at",
    "partner_activities": (
        "activity_id,partner_id,account_id,opportunity_id,activity_type,occurred_at,direction,status,"
        "is_qualified,funded_by,amount,notes"
    ),
    "currency_rates": "currency,rate_date,rate_to_reporting",
}

PARTNERS = [
    "P1,Referral Co,referral,gold,NA,2024-01-01",
    "P2,Quiet SI,system_integrator,silver,APAC,2024-01-01",
    "P3,Resell Inc,reseller,gold,EMEA,2024-01-01",
]
ACCOUNTS = [
    "A1,Acme,software,NA,United States,100,2024-06-01",
    "A2,Globex,retail,EMEA,Germany,300,2024-06-01",
    "A3,Initech,finance,APAC,Japan,50,2024-06-01",
]

# Each export: the rows of each table (header added); a table left out is written with its header
# only, except currency_rates, which is optional and then absent.
EXPORTS: dict[str, dict[str, list[str]]] = {
    # Cases 1-3 together. Won deals: O1 (touched by P1 only through non-influence activities) and
    # O4 (sourced by P1 through the CRM field, resold by P3, no touch before close). The
    # attribution touches are on O2 (lost) and O3 (open), so no touch model attributes revenue
    # while the sourced model does. P2 has no activity at all. Fiscal 2025 Q2 has no deal created
    # or closed (nor any activity); Q1 and Q3 have deals.
    "no_attributed_win_idle_partner_empty_quarter": {
        "partners": PARTNERS,
        "accounts": ACCOUNTS,
        "opportunities": [
            "O1,A1,Deal 1,new_business,closed_won,1000,USD,2025-01-10,2025-02-20,true,,,web",
            "O2,A2,Deal 2,new_business,closed_lost,500,USD,2025-02-01,2025-03-15,false,,,web",
            "O3,A3,Deal 3,expansion,prospecting,700,USD,2025-07-05,,,,,web",
            "O4,A2,Deal 4,new_business,closed_won,2000,EUR,2025-08-01,2025-09-30,true,P1,P3,partner",
        ],
        "opportunity_stage_history": [
            "O1,prospecting,1000,2025-01-10",
            "O1,closed_won,1000,2025-02-20",
            "O4,closed_won,2000,2025-09-30",
        ],
        "partner_activities": [
            "T1,P1,A1,O1,account_mapping,2025-01-12,inbound,,,,,",
            "T2,P1,A1,,intel_share,2025-01-20,,,,,,",
            "T3,P1,A1,,mdf_campaign,2025-01-03,inbound,,,us,100,",
            "T4,P3,A2,O2,co_sell_meeting,2025-02-10,inbound,,,,,",
            "T5,P1,A3,O3,warm_intro,2025-07-10,inbound,,,,,",
            "T6,P3,A2,O4,resale,2025-10-05,inbound,,,,2000,",
            "T7,P1,A1,,referral,2025-03-01,outbound,,,,,",
        ],
        "currency_rates": ["EUR,2025-01-01,1.10"],
    },
    # Case 4: partners and deals (won, lost, open), partner_activities.csv with only a header.
    "no_partner_activities": {
        "partners": PARTNERS[:2],
        "accounts": ACCOUNTS,
        "opportunities": [
            "O1,A1,Deal 1,new_business,closed_won,1000,USD,2025-01-10,2025-02-20,true,,,web",
            "O2,A2,Deal 2,expansion,closed_lost,500,USD,2025-02-01,2025-03-15,false,,,web",
            "O3,A3,Deal 3,renewal,prospecting,700,USD,2025-07-05,,,,,web",
        ],
    },
    # Case 5a and 5b: a single deal, lost, with attribution touches (so no won deal at all and
    # no revenue for any model), and no currency_rates file.
    "single_lost_deal": {
        "partners": PARTNERS[:1],
        "accounts": ACCOUNTS[:1],
        "opportunities": [
            "O1,A1,Deal 1,new_business,closed_lost,1000,USD,2025-03-01,2025-05-15,false,,,partner",
        ],
        "partner_activities": [
            "T1,P1,A1,O1,referral,2025-02-20,inbound,,true,partner,,",
            "T2,P1,A1,O1,co_sell_meeting,2025-04-01,inbound,,,,,",
        ],
    },
    # Case 5c: partners and accounts with activities, and no opportunities at all.
    "partners_without_opportunities": {
        "partners": PARTNERS,
        "accounts": ACCOUNTS[:2],
        "partner_activities": [
            "T1,P1,A1,,co_sell_meeting,2025-04-01,inbound,,,,,",
            "T2,P1,A1,,mdf_campaign,2025-05-01,inbound,,,shared,50,",
            "T3,P3,A2,,referral,2025-06-01,outbound,,,,,",
        ],
    },
}


def write_export(rows_by_table: dict[str, list[str]], directory: Path) -> Path:
    """Write one export: every table's header and rows; currency_rates only when given."""
    directory.mkdir(parents=True, exist_ok=True)
    for table, header in HEADERS.items():
        if table == "currency_rates" and table not in rows_by_table:
            continue
        lines = [header, *rows_by_table.get(table, [])]
        # every row has the header's fields: a mistake here would become a rejected row, not sparse data
        for line in lines:
            assert len(next(csv.reader([line]))) == len(header.split(",")), (table, line)
        (directory / f"{table}.csv").write_text("\n".join(lines) + "\n")
    return directory


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, DbtRun]:
    """Every export built once with `dbt build`, side by side, each in a directory of its own."""

    def build(name: str) -> DbtRun:
        directory = tmp_path_factory.mktemp(name)
        export = write_export(EXPORTS[name], directory / "export")
        return dbt_runner(directory)(["build"], {"raw_data_dir": str(export), "as_of_date": AS_OF})

    with ThreadPoolExecutor(max_workers=len(EXPORTS)) as pool:
        return dict(zip(EXPORTS, pool.map(build, EXPORTS), strict=True))


def check_no_attributed_win_idle_partner_empty_quarter(run: DbtRun) -> None:
    # case 1: deals were won, none of them with an attribution touch ...
    assert run.query(
        "select opportunity_id, is_partner_influenced, is_partner_sourced from marts.fct_opportunities"
        " where is_won order by 1"
    ) == [("O1", False, False), ("O4", False, True)]
    # ... so every touch model attributes no revenue and its shares are empty, while the sourced
    # model (the CRM's sourcing partner on a won deal) attributes all of O4 (2000 EUR at 1.10)
    shares = run.query(
        "select attribution_model, partner_id, attributed_revenue, share_of_model_revenue"
        " from marts.mart_partner_attribution_by_model order by 1, 2"
    )
    assert [row for row in shares if row[0] != "sourced"] == [
        (model, partner, 0.0, None) for model in sorted(TOUCH_MODELS) for partner in ("P1", "P3")
    ]
    assert [row for row in shares if row[0] == "sourced"] == [("sourced", "P1", pytest.approx(2200.0), 1.0)]
    # case 2: P2 has no activity at all and is kept, with zeros, no role and empty ratios
    assert run.query("select partner_id from marts.dim_partners order by 1") == [("P1",), ("P2",), ("P3",)]
    assert run.query(
        "select role_label, touch_count, attached_opportunities, sourced_opportunities,"
        " attributed_revenue_linear, mdf_spend, referrals_given, give_get_ratio, partner_win_rate,"
        " motion_share_sourcing from marts.mart_partner_scorecard where partner_id = 'P2'"
    ) == [("none", 0, 0, 0, 0.0, 0, 0, None, None, None)]
    assert run.query(
        "select count(*) from marts.mart_partner_scorecard_quarterly where partner_id = 'P2'"
    ) == [(0,)]
    # case 3: fiscal 2025 Q2 has no deal: the attach pyramid has no row for it (nor for its
    # months), the quarterly scorecard neither, and the semantic time spine has all its days
    for basis in ("created", "closed"):
        assert run.query(
            "select distinct fiscal_period from marts.mart_partner_attach"
            f" where period_basis = '{basis}' and period_grain = 'fiscal_quarter' order by 1"
        ) == [(1,), (3,)]
    assert run.query(
        "select count(*) from marts.mart_partner_attach"
        " where period_grain = 'fiscal_month' and fiscal_period between 4 and 6"
    ) == [(0,)]
    assert run.query(
        "select distinct fiscal_year, fiscal_quarter from marts.mart_partner_scorecard_quarterly"
        " order by 1, 2"
    ) == [(2025, 1), (2025, 3), (2025, 4)]
    assert run.query(
        "select count(*) from semantic.metricflow_time_spine"
        " where date_day between '2025-04-01' and '2025-06-30'"
    ) == [(91,)]
    # the data-driven mart: one path (O2, lost), so no conversion and an empty share
    assert run.query(
        "select distinct partner_id, attributed_conversions, share, paths_used, segment_conversions"
        " from marts.mart_partner_data_driven_attribution"
    ) == [("P3", 0.0, None, 1, 0)]


def check_no_partner_activities(run: DbtRun) -> None:
    # nothing is attached: zero attach (not empty) in every row of the pyramid. Rows: three deals
    # created in three (quarter, region, type) cells and two closed, at both grains
    assert run.query(
        "select count(*), sum(attached_opportunities), min(attached_rate), max(attached_rate),"
        " max(attached_amount_rate), count(sourced_share_of_attached) from marts.mart_partner_attach"
    ) == [(10, 0, 0.0, 0.0, 0.0, 0)]
    assert run.query(
        "select count(*), count(*) filter (where is_partner_attached), sum(attached_partner_count)"
        " from marts.fct_opportunities"
    ) == [(3, 0, 0)]
    for table in (
        "fct_partner_touches",
        "fct_opportunity_partners",
        "fct_partner_attribution",
        "mart_partner_attribution_by_model",
        "mart_partner_data_driven_attribution",
        "mart_partner_scorecard_quarterly",
    ):
        assert run.query(f"select count(*) from marts.{table}") == [(0,)], table
    assert run.query(
        "select partner_id, role_label, touch_count, attached_opportunities from marts.mart_partner_scorecard"
        " order by 1"
    ) == [("P1", "none", 0, 0), ("P2", "none", 0, 0)]
    # every closed deal is on the not-attached side
    assert run.query(
        "select attached_closed_opportunities, attached_win_rate, not_attached_closed_opportunities,"
        " not_attached_win_rate from marts.mart_partner_impact where segment = 'overall'"
    ) == [(0, None, 2, 0.5)]


def check_single_lost_deal(run: DbtRun) -> None:
    assert run.query(
        "select opportunity_id, is_closed, is_won, is_partner_attached, is_partner_sourced,"
        " sourcing_partner_id from marts.fct_opportunities"
    ) == [("O1", True, False, True, True, "P1")]
    # no won deal at all: every model (sourced too) attributes pipeline but no revenue, share empty
    assert run.query(
        "select attribution_model, partner_id, attributed_pipeline, attributed_revenue,"
        " share_of_model_revenue from marts.mart_partner_attribution_by_model order by 1"
    ) == [(model, "P1", 1000.0, 0.0, None) for model in sorted((*TOUCH_MODELS, "sourced"))]
    assert run.query(
        "select period_basis, fiscal_period, opportunities, attached_rate, attached_win_rate,"
        " not_attached_win_rate, attached_average_won_amount from marts.mart_partner_attach"
        " where period_grain = 'fiscal_quarter' order by 1"
    ) == [("closed", 2, 1, 1.0, 0.0, None, None), ("created", 1, 1, 1.0, 0.0, None, None)]
    assert run.query(
        "select distinct partner_id, attributed_conversions, share, paths_used, segment_conversions,"
        " is_too_few_paths from marts.mart_partner_data_driven_attribution"
    ) == [("P1", 0.0, None, 1, 0, True)]
    # one partner is the whole ecosystem: every motion's lift is 1, so it is mixed
    assert run.query("select role_label, touch_count from marts.mart_partner_scorecard") == [("mixed", 2)]


def check_partners_without_opportunities(run: DbtRun) -> None:
    for table in (
        "fct_opportunities",
        "fct_opportunity_partners",
        "fct_partner_touches",
        "fct_partner_attribution",
        "mart_partner_attach",
        "mart_partner_impact",
        "mart_partner_attribution_by_model",
        "mart_partner_data_driven_attribution",
    ):
        assert run.query(f"select count(*) from marts.{table}") == [(0,)], table
    # every partner is scored; touches, MDF and referrals need no deal
    assert run.query(
        "select partner_id, touch_count, attached_opportunities, mdf_spend, referrals_given, give_get_ratio"
        " from marts.mart_partner_scorecard order by 1"
    ) == [("P1", 2, 0, 50, 0, None), ("P2", 0, 0, 0, 0, None), ("P3", 0, 0, 0, 1, None)]
    assert run.query(
        "select partner_id, fiscal_year, fiscal_quarter from marts.mart_partner_scorecard_quarterly"
        " order by 1"
    ) == [("P1", 2025, 2), ("P3", 2025, 2)]


CHECKS = {
    "no_attributed_win_idle_partner_empty_quarter": check_no_attributed_win_idle_partner_empty_quarter,
    "no_partner_activities": check_no_partner_activities,
    "single_lost_deal": check_single_lost_deal,
    "partners_without_opportunities": check_partners_without_opportunities,
}


@pytest.mark.parametrize("case", list(EXPORTS))
def test_sparse_export_builds_green(builds: dict[str, DbtRun], case: str) -> None:
    run = builds[case]
    assert run.returncode == 0, run.output[-3000:]
    # every node passed, with no warning: the export is valid, so nothing is rejected either
    statuses = {
        result["unique_id"]: result["status"]
        for result in json.loads((run.warehouse.parent / "target" / "run_results.json").read_text())[
            "results"
        ]
    }
    assert {
        node: status for node, status in statuses.items() if status not in ("success", "pass", "no-op")
    } == {}
    assert any(node.startswith("unit_test.") for node in statuses)
    assert any(".partner_attribution__mart_partner_data_driven_attribution" in node for node in statuses)
    assert run.query("select count(*) from audit.rejected_rows") == [(0,)]
    CHECKS[case](run)


def share_test_failures(run: DbtRun, directory: Path, change: str | None) -> list[tuple]:
    """The rows the test on share_of_model_revenue returns after `change` to a copy of the mart."""
    compiled_tests = run.warehouse.parent / "target" / "compiled" / "partner_attribution" / "models" / "marts"
    (test_sql,) = [
        sql
        for path in (compiled_tests / "mart_partner_scorecard.yml").glob("implies_*.sql")
        if "share_of_model_revenue is null" in (sql := path.read_text())
    ]
    # the compiled SQL names the catalog by the file's stem, so the copy keeps the name
    copy = directory / run.warehouse.name
    shutil.copy(run.warehouse, copy)
    with duckdb.connect(str(copy)) as connection:
        if change:
            connection.execute(f"update marts.mart_partner_attribution_by_model set {change}")
        return connection.sql(f"select partner_id, attribution_model from ({test_sql})").fetchall()


@pytest.mark.parametrize(
    ("change", "failing"),
    [
        (None, []),
        # a share above 1, or below 0, where the model has revenue or not
        ("share_of_model_revenue = 1.5 where attribution_model = 'sourced'", [("P1", "sourced")]),
        (
            "share_of_model_revenue = -0.1 where attribution_model = 'linear' and partner_id = 'P3'",
            [("P3", "linear")],
        ),
        # empty where the model does attribute revenue
        ("share_of_model_revenue = null where attribution_model = 'sourced'", [("P1", "sourced")]),
    ],
)
def test_the_share_test_still_fails_outside_its_documented_range(
    builds: dict[str, DbtRun], tmp_path: Path, change: str | None, failing: list[tuple]
) -> None:
    """Empty shares pass only where the model attributes no revenue; a share outside [0, 1] fails."""
    run = builds["no_attributed_win_idle_partner_empty_quarter"]
    assert sorted(share_test_failures(run, tmp_path, change)) == failing
