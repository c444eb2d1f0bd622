"""Incremental runs (by source key in the checked models, by opportunity in the facts) equal a full refresh.

One warehouse is built once and then kept up to date incrementally while the export changes
under it (appended activities, a late touch, an account-level touch, an updated deal, an
updated and a deleted activity, a deleted deal, a new deal, a deleted account, a new stage
change, then a later as_of_date). After each change a second warehouse is rebuilt from scratch
with --full-refresh, and every mart in partner_tools.compare_marts, every checked model and
rejected_rows must hold the same rows in both. A changed definition var must refresh every
opportunity. docs/incremental.md has the design.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb

from partner_tools import compare_marts
from partner_tools.constants import DEMO_AS_OF_DATE

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
AS_OF = "2025-06-30"


def read_table(export: Path, table: str) -> tuple[list[str], list[dict[str, str]]]:
    with (export / f"{table}.csv").open(newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_table(export: Path, table: str, header: list[str], rows: list[dict[str, str]]) -> None:
    with (export / f"{table}.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, quoting=csv.QUOTE_NONNUMERIC)
        writer.writeheader()
        writer.writerows(rows)


def change_export(export: Path) -> dict[str, str]:
    """Apply every kind of change a CRM export sees between two runs; return the ids involved."""
    opp_header, opportunities = read_table(export, "opportunities")
    act_header, activities = read_table(export, "partner_activities")
    account_header, accounts = read_table(export, "accounts")
    history_header, history = read_table(export, "opportunity_stage_history")

    linked = [row for row in activities if row["opportunity_id"]]
    account_level = [row for row in activities if not row["opportunity_id"]]
    closed_won = next(row for row in opportunities if row["stage"] == "closed_won" and row["closed_at"])
    updated_deal = next(row for row in opportunities if row["stage"] == "closed_lost")
    deleted_deal = next(
        row
        for row in opportunities[200:]
        if any(activity["opportunity_id"] == row["opportunity_id"] for activity in linked)
    )

    # appended activities: 1% new rows, copies of existing touches under new ids
    for number, row in enumerate(activities[::100]):
        activities.append({**row, "activity_id": f"ACT-APPEND-{number:05d}"})
    # a late-arriving touch: entered today, it happened before an already won deal closed
    activities.append(
        {
            **linked[0],
            "activity_id": "ACT-LATE-1",
            "opportunity_id": closed_won["opportunity_id"],
            "account_id": closed_won["account_id"],
            "occurred_at": closed_won["created_at"],
        }
    )
    # an account-level touch (no opportunity): it reaches every deal of the account in its window
    account = closed_won["account_id"]
    account_touch = {**account_level[0], "activity_id": "ACT-ACCOUNT-1", "account_id": account}
    activities.append(account_touch)
    # an updated activity (another partner) and a deleted one
    activities[10] = {**activities[10], "partner_id": activities[20]["partner_id"]}
    deleted_activity = activities.pop(30)
    # an updated deal: it was lost, now it is won with another amount
    updated_deal.update(stage="closed_won", is_won="true", amount="123456.78")
    # a deleted deal (its touches are rejected as naming an unknown opportunity) and a new one
    opportunities.remove(deleted_deal)
    opportunities.append({**closed_won, "opportunity_id": "OPP-NEW-1", "amount": "5000.00"})
    # a deleted account: its deals are rejected (unknown account_id), and so are their touches
    # and stage changes, though none of their own raw rows changed
    used_accounts = {closed_won["account_id"], updated_deal["account_id"], deleted_deal["account_id"]}
    deleted_account = next(
        row["account_id"]
        for row in opportunities[300:]
        if row["account_id"] not in used_accounts
        and any(activity["account_id"] == row["account_id"] for activity in linked)
    )
    accounts = [row for row in accounts if row["account_id"] != deleted_account]
    # a new stage change of the updated deal
    history.append(
        {
            "opportunity_id": updated_deal["opportunity_id"],
            "stage": "closed_won",
            "amount": "123456.78",
            "changed_at": "2025-06-01T09:00:00Z",
        }
    )

    write_table(export, "opportunities", opp_header, opportunities)
    write_table(export, "partner_activities", act_header, activities)
    write_table(export, "accounts", account_header, accounts)
    write_table(export, "opportunity_stage_history", history_header, history)
    return {
        "updated_deal": updated_deal["opportunity_id"],
        "deleted_deal": deleted_deal["opportunity_id"],
        "late_touch_deal": closed_won["opportunity_id"],
        "deleted_activity": deleted_activity["activity_id"],
        "deleted_account": deleted_account,
    }


VALIDATED = [
    "validated.val_crm__accounts_checked",
    "validated.val_crm__partners_checked",
    "validated.val_crm__opportunities_checked",
    "validated.val_crm__opportunity_stage_history_checked",
    "validated.val_crm__partner_activities_checked",
    "validated.val_crm__currency_rates_checked",
    "audit.rejected_rows",
]


def assert_same_validated(incremental: Path, full: Path) -> None:
    """Every typed row and every reject, compared as multisets (except all, both ways)."""
    with duckdb.connect() as connection:
        connection.execute(f"attach '{incremental}' as incremental (read_only)")
        connection.execute(f"attach '{full}' as full_refresh (read_only)")
        for table in VALIDATED:
            for left, right in (("incremental", "full_refresh"), ("full_refresh", "incremental")):
                difference = f"select * from {left}.{table} except all select * from {right}.{table}"
                extra = connection.execute(f"select count(*) from ({difference})").fetchall()
                assert extra == [(0,)], f"{table}: {extra[0][0]} rows in {left} that {right} does not have"


def assert_same_marts(incremental: Path, full: Path) -> None:
    readers = {
        "incremental": compare_marts.duckdb_reader(incremental),
        "full_refresh": compare_marts.duckdb_reader(full),
    }
    problems = [problem for mart in compare_marts.KEYS for problem in compare_marts.compare(mart, readers)]
    assert problems == []


def test_incremental_runs_equal_full_refresh_on_a_changing_export(run_dbt, tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(DEMO, export)
    settings = {"raw_data_dir": str(export), "as_of_date": AS_OF}

    first = run_dbt(["run"], settings, warehouse_name="incremental.duckdb")
    assert first.returncode == 0, first.output
    opportunity_count = first.query("select count(*) from marts.fct_opportunities")[0][0]

    # an unchanged export refreshes nothing
    unchanged = run_dbt(["run"], settings, warehouse_name="incremental.duckdb")
    assert unchanged.returncode == 0, unchanged.output
    assert unchanged.query("select count(*) from intermediate.int_opportunities_to_refresh") == [(0,)]
    for table in ("accounts", "opportunities", "opportunity_stage_history", "partner_activities"):
        refreshed = f"select count(*) from validated.val_crm__{table}_checked__refresh"
        assert unchanged.query(refreshed) == [(0,)]

    ids = change_export(export)
    incremental = run_dbt(["run"], settings, warehouse_name="incremental.duckdb")
    assert incremental.returncode == 0, incremental.output
    refresh_sql = "select opportunity_id, refresh_reason from intermediate.int_opportunities_to_refresh"
    refreshed = dict(incremental.query(refresh_sql))
    assert refreshed[ids["updated_deal"]] == "changed"
    assert refreshed[ids["late_touch_deal"]] == "changed"
    assert refreshed[ids["deleted_deal"]] == "gone"
    assert refreshed["OPP-NEW-1"] == "new"
    # the validated layer retyped the changed rows and the rows whose references changed, and no others
    activity_refresh = dict(
        incremental.query(
            "select refresh_key, refresh_reason from validated.val_crm__partner_activities_checked__refresh"
        )
    )
    assert activity_refresh["ACT-LATE-1"] == "raw rows changed"
    assert activity_refresh[ids["deleted_activity"]] == "raw rows changed"
    deleted_deal_touches = incremental.query(
        "select activity_id from validated.val_crm__partner_activities_checked "
        f"where rejection_reason = 'unknown opportunity_id' and opportunity_id = '{ids['deleted_deal']}'"
    )
    assert deleted_deal_touches
    assert all(
        activity_refresh[activity_id] == "reference changed" for (activity_id,) in deleted_deal_touches
    )
    assert (
        len(activity_refresh)
        < first.query("select count(*) from validated.val_crm__partner_activities_checked")[0][0] * 0.1
    )
    # only the deals the changes reach are recomputed, not the whole export
    assert len(refreshed) < opportunity_count * 0.2
    assert incremental.query(
        f"select count(*) from marts.fct_partner_attribution where opportunity_id = '{ids['deleted_deal']}'"
    ) == [(0,)]

    full = run_dbt(["run", "--full-refresh"], settings, warehouse_name="full.duckdb")
    assert full.returncode == 0, full.output
    assert_same_validated(incremental.warehouse, full.warehouse)
    assert_same_marts(incremental.warehouse, full.warehouse)

    # a definition var changed: the incremental run refreshes every opportunity and names the var
    # (tests/python/test_incremental_definition.py edits code, vars and seeds one by one)
    other_lookback = {**settings, "attribution_lookback_days": 90}
    changed_var = run_dbt(["run"], other_lookback, warehouse_name="incremental.duckdb")
    assert changed_var.returncode == 0, changed_var.output
    assert "var attribution_lookback_days was 180, is now 90" in changed_var.output
    current = changed_var.query("select count(*) from intermediate.int_opportunity_input_fingerprints")[0][0]
    reasons = "select refresh_reason, count(*) from intermediate.int_opportunities_to_refresh group by 1"
    assert changed_var.query(reasons) == [("definition changed", current)]

    # a later as_of_date: open deals move on (their window ends later, more touches count)
    later = {**settings, "as_of_date": DEMO_AS_OF_DATE}
    moved = run_dbt(["run"], later, warehouse_name="incremental.duckdb")
    assert moved.returncode == 0, moved.output
    full_later = run_dbt(["run", "--full-refresh"], later, warehouse_name="full.duckdb")
    assert full_later.returncode == 0, full_later.output
    assert_same_validated(moved.warehouse, full_later.warehouse)
    assert_same_marts(moved.warehouse, full_later.warehouse)
