"""The warehouse against the pure-Python reading of the spec (partner_rules.py), on data hypothesis makes.

Each example is a small CRM export: opportunities sharing accounts, touch sequences from a few
partners (so partners repeat), timestamps drawn around the window boundaries to the second
(lookback, grace, close, post-close) and from a small set so that ties happen, plus a random
configuration of the sourcing vars. dbt builds the marts from it; every level, sourcing flag and
attribution weight must match the reference.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from partner_rules import Activity, Config, Opportunity, compute, load_activity_types

from partner_tools.load_raw_export import raw_tables

ACTIVITY_TYPES = load_activity_types()
PARTNERS = ["P1", "P2", "P3", "P4"]
BASE = datetime(2025, 3, 1, 9, 0, 0)
DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)
# offsets from created_at that sit on (and one second off) every boundary of the default vars
CREATED_OFFSETS = [
    -180 * DAY,
    -180 * DAY - SECOND,
    -90 * DAY,
    -90 * DAY - SECOND,
    -10 * DAY,
    -SECOND,
    timedelta(0),
    SECOND,
    3 * DAY,
    7 * DAY,
    7 * DAY + SECOND,
]
CLOSED_OFFSETS = [-2 * DAY, timedelta(0), SECOND, 30 * DAY, 180 * DAY, 180 * DAY + SECOND]
TYPES = [
    "referral",
    "deal_registration",
    "warm_intro",
    "co_sell_meeting",
    "joint_event",
    "mdf_campaign",
    "resale",
    "implementation",
    "customer_success_review",
]


@st.composite
def touch_offsets(draw, closed: bool) -> tuple[str, timedelta]:
    anchor = draw(st.sampled_from(["created", "closed"] if closed else ["created"]))
    pool = CREATED_OFFSETS if anchor == "created" else CLOSED_OFFSETS
    offset = draw(
        st.one_of(st.sampled_from(pool), st.integers(-200 * 86400, 200 * 86400).map(lambda s: s * SECOND))
    )
    return anchor, offset


@st.composite
def exports(draw) -> tuple[list[Opportunity], list[Activity]]:
    opportunity_count = draw(st.integers(20, 45))
    account_count = max(1, opportunity_count // 2)
    opportunities, activities = [], []
    for i in range(opportunity_count):
        created_at = BASE + draw(st.integers(0, 200)) * DAY + draw(st.sampled_from([0, 3600, 43200])) * SECOND
        closed_at = draw(st.one_of(st.none(), st.integers(1, 150).map(lambda d, c=created_at: c + d * DAY)))
        opportunity = Opportunity(
            opportunity_id=f"OPP-{i:03d}",
            account_id=f"ACC-{draw(st.integers(0, account_count - 1)):03d}",
            opportunity_type=draw(st.sampled_from(["new_business", "new_business", "expansion", "renewal"])),
            amount=float(draw(st.integers(1, 500)) * 100),
            created_at=created_at,
            closed_at=closed_at,
            is_won=closed_at is not None and draw(st.booleans()),
            sourced_partner_id=draw(st.sampled_from([None, None, None, "P1", "P2", "P-UNKNOWN"])),
            reseller_partner_id=draw(st.sampled_from([None, None, None, "P3", "P4"])),
        )
        opportunities.append(opportunity)
        for j in range(draw(st.integers(0, 6))):
            anchor, offset = draw(touch_offsets(closed_at is not None))
            activity_type = draw(st.sampled_from(TYPES))
            activities.append(
                Activity(
                    activity_id=f"ACT-{i:03d}-{draw(st.integers(0, 9))}{j}",
                    partner_id=draw(st.sampled_from(PARTNERS)),
                    account_id=opportunity.account_id,
                    opportunity_id=draw(st.sampled_from([opportunity.opportunity_id, None])),
                    activity_type=activity_type,
                    occurred_at=(created_at if anchor == "created" else closed_at) + offset,
                    direction=draw(st.sampled_from(["inbound", "inbound", "inbound", "outbound"])),
                    status=draw(st.sampled_from([None, "submitted", "approved", "rejected", "expired"]))
                    if activity_type == "deal_registration"
                    else None,
                    is_qualified=draw(st.sampled_from([None, True, False])),
                    funded_by=draw(st.sampled_from([None, "partner", "us", "shared"])),
                )
            )
    return opportunities, activities


configs = st.builds(
    Config,
    sourcing_tie_breaker=st.sampled_from(["earliest", "split", "contested"]),
    sourcing_requires_qualification=st.booleans(),
    sourcing_exclude_us_funded=st.booleans(),
    sourcing_trust_crm_field=st.booleans(),
)


def iso(value: datetime | None) -> str:
    return "" if value is None else value.isoformat()


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


RAW_COLUMNS = {table.name: table.columns for table in raw_tables()}


def opportunity_row(o: Opportunity) -> list[str]:
    return [
        *(o.opportunity_id, o.account_id, o.opportunity_id, o.opportunity_type, "x", str(o.amount), "USD"),
        *(iso(o.created_at), iso(o.closed_at), text(o.is_won)),
        *(text(o.sourced_partner_id), text(o.reseller_partner_id), "web"),
    ]


def activity_row(a: Activity) -> list[str]:
    return [
        *(a.activity_id, a.partner_id, a.account_id, text(a.opportunity_id), a.activity_type),
        *(iso(a.occurred_at), a.direction, text(a.status), text(a.is_qualified), text(a.funded_by), "", ""),
    ]


def write_export(directory: Path, opportunities: list[Opportunity], activities: list[Activity]) -> None:
    def write(name: str, header: list[str], rows: list[list[str]]) -> None:
        with (directory / f"{name}.csv").open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)

    accounts = sorted({o.account_id for o in opportunities})
    write(
        "accounts",
        ["account_id", "account_name", "industry", "region", "country", "employee_count", "created_at"],
        [[a, a, "software", "NA", "US", "100", "2020-01-01"] for a in accounts],
    )
    write(
        "partners",
        ["partner_id", "partner_name", "partner_type", "tier", "region", "joined_at"],
        [[p, p, "referral", "gold", "NA", "2020-01-01"] for p in PARTNERS],
    )
    write("opportunities", RAW_COLUMNS["opportunities"], [opportunity_row(o) for o in opportunities])
    write("opportunity_stage_history", RAW_COLUMNS["opportunity_stage_history"], [])
    write("partner_activities", RAW_COLUMNS["partner_activities"], [activity_row(a) for a in activities])


def unique_activities(activities: list[Activity]) -> list[Activity]:
    """Drop later rows that reuse an activity_id (the generator may draw one twice)."""
    seen: set[str] = set()
    kept = []
    for activity in activities:
        if activity.activity_id not in seen:
            seen.add(activity.activity_id)
            kept.append(activity)
    return kept


@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    # no shrinking: each step is a dbt build (~10 s); a failure reports its whole example instead
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
@given(export=exports(), config=configs)
def test_warehouse_matches_reference(run_dbt, export, config):
    opportunities, activities = export
    activities = unique_activities(activities)
    expected = compute(opportunities, activities, set(PARTNERS), config, ACTIVITY_TYPES)

    with tempfile.TemporaryDirectory() as directory:
        export_dir = Path(directory)
        write_export(export_dir, opportunities, activities)
        variables = {**config.as_vars(), "raw_data_dir": str(export_dir)}
        run = run_dbt(
            [
                "run",
                "--select",
                "+partner_attribution__fct_partner_attribution",
                "+partner_attribution__fct_opportunities",
                "+partner_attribution__fct_opportunity_partners",
            ],
            variables,
            warehouse_name=f"reference_{abs(hash((tuple(opportunities), config))) % 10**8}.duckdb",
        )
        assert run.returncode == 0, run.output[-3000:]
        level_rows = run.query(
            "select opportunity_id, partner_id, is_touched, is_influenced, is_sourced, sourced_credit,"
            " is_resold, is_deployed, is_partner_led, touch_count, influence_touch_count"
            " from marts.fct_opportunity_partners"
        )
        weight_rows = run.query(
            "select opportunity_id, partner_id, attribution_model, weight, attributed_revenue"
            " from marts.fct_partner_attribution"
        )
        contested_rows = run.query(
            "select opportunity_id from marts.fct_opportunities where is_sourcing_contested"
        )
        amounts = dict(run.query("select opportunity_id, amount from marts.fct_opportunities"))

    actual_levels = {(row[0], row[1]): row[2:] for row in level_rows}
    expected_levels = {
        key: (
            levels.is_touched,
            levels.is_influenced,
            levels.is_sourced,
            levels.sourced_credit,
            levels.is_resold,
            levels.is_deployed,
            levels.is_partner_led,
            levels.touch_count,
            levels.influence_touch_count,
        )
        for key, levels in expected.levels.items()
    }
    assert actual_levels.keys() == expected_levels.keys()
    for key, actual in actual_levels.items():
        wanted = expected_levels[key]
        assert actual[:3] == wanted[:3] and actual[4:] == wanted[4:], (key, actual, wanted)
        assert abs(actual[3] - wanted[3]) < 1e-9, (key, actual, wanted)

    assert {row[0] for row in contested_rows} == expected.contested

    actual_weights = {(row[0], row[1], row[2]): row[3] for row in weight_rows}
    assert actual_weights.keys() == expected.weights.keys()
    for key, weight in actual_weights.items():
        assert abs(weight - expected.weights[key]) < 1e-9, (key, weight, expected.weights[key])
    for opportunity_id, partner_id, model, weight, revenue in weight_rows:
        wanted = weight * float(amounts[opportunity_id]) if expected.is_won[opportunity_id] else 0.0
        assert abs(revenue - wanted) < 1e-6, (opportunity_id, partner_id, model, revenue, wanted)
