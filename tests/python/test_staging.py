"""Staging on a hand-made export that holds one example of every rule in the spec's "Bad input".

The expectations below are written from docs/definitions.md and the README's
"Rejected rows" table, not read back from the warehouse.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from partner_tools.constants import DEMO_AS_OF_DATE

STAGING_RULES = Path(__file__).resolve().parents[1] / "fixtures" / "staging_rules"
SELECT_STAGING = [
    *(
        "--select",
        "partner_attribution__activity_types",
        # the sources and their tests (rows_reconcile ...), then the layer that applies the reject rules
        "staging",
        "validated",
        "partner_attribution__rejected_rows",
        "source:partner_attribution_crm",
    ),
    *("--indirect-selection", "cautious"),
]

EXPECTED_REJECTS = sorted(
    [
        ("accounts", "ACC-3", "unparsable employee_count"),
        ("accounts", "ACC-4", "unparsable created_at"),
        ("accounts", "ACC-5", "exact duplicate row"),
        ("accounts", "ACC-6", "duplicate account_id with conflicting values"),
        ("accounts", "ACC-6", "duplicate account_id with conflicting values"),
        ("accounts", None, "missing account_id"),
        ("currency_rates", "GBP@2023-01-01", "rate_to_reporting is not positive"),
        ("currency_rates", "GBP@2023-02-01", "unparsable rate_to_reporting"),
        ("opportunities", "OPP-10", "invalid boolean in is_won"),
        ("opportunities", "OPP-11", "currency with no rate"),
        ("opportunities", "OPP-12", "missing created_at"),
        ("opportunities", "OPP-4", "unknown account_id"),
        ("opportunities", "OPP-5", "unparsable amount"),
        ("opportunities", "OPP-6", "negative amount"),
        ("opportunities", "OPP-7", "currency with no rate"),
        ("opportunities", "OPP-8", "unknown opportunity_type"),
        ("opportunities", "OPP-9", "closed_at before created_at"),
        ("opportunity_stage_history", "OPP-2@2023-03-01 00:00:00", "negative amount"),
        ("opportunity_stage_history", "OPP-2@not a date", "unparsable changed_at"),
        ("opportunity_stage_history", "OPP-4@2023-03-01 00:00:00", "unknown opportunity_id"),
        ("partner_activities", "ACT-10", "unknown direction"),
        ("partner_activities", "ACT-11", "missing account_id and opportunity_id"),
        ("partner_activities", "ACT-13", "unknown opportunity_id"),
        ("partner_activities", "ACT-2", "exact duplicate row"),
        ("partner_activities", "ACT-3", "unknown partner_id"),
        ("partner_activities", "ACT-4", "unknown account_id"),
        ("partner_activities", "ACT-5", "unknown opportunity_id"),
        ("partner_activities", "ACT-6", "unknown activity_type"),
        ("partner_activities", "ACT-7", "unparsable occurred_at"),
        ("partner_activities", "ACT-8", "negative amount"),
        ("partner_activities", "ACT-9", "invalid boolean in is_qualified"),
        ("partners", "PRT-3", "unparsable joined_at"),
    ],
    key=lambda row: (row[0], row[1] or "", row[2]),
)

EXPECTED_USED = {
    "val_crm__accounts": ["ACC-1", "ACC-2", "ACC-5"],
    "val_crm__partners": ["PRT-1", "PRT-2"],
    "val_crm__currency_rates": ["EUR", "EUR", "JPY"],
    "val_crm__opportunities": ["OPP-1", "OPP-2", "OPP-3"],
    "val_crm__opportunity_stage_history": ["OPP-1", "OPP-1"],
    "val_crm__partner_activities": ["ACT-1", "ACT-12", "ACT-2"],
}


def check_staging(run) -> None:
    rejects = run.query("select source_table, record_key, reason from audit.rejected_rows")
    assert sorted(rejects, key=lambda row: (row[0], row[1] or "", row[2])) == EXPECTED_REJECTS

    for model, keys in EXPECTED_USED.items():
        key_column = {
            "val_crm__accounts": "account_id",
            "val_crm__partners": "partner_id",
            "val_crm__currency_rates": "currency",
            "val_crm__opportunities": "opportunity_id",
            "val_crm__opportunity_stage_history": "opportunity_id",
            "val_crm__partner_activities": "activity_id",
        }[model]
        assert sorted(row[0] for row in run.query(f"select {key_column} from validated.{model}")) == keys

    # text is trimmed and normalised; an offset is converted to UTC
    assert run.query(
        "select region, created_at from validated.val_crm__accounts where account_id = 'ACC-1'"
    ) == [("APAC", datetime(2023, 1, 5, 1, 0))]
    opportunities = {
        row[0]: row[1:]
        for row in run.query(
            "select opportunity_id, account_id, opportunity_type, currency, created_at, is_won,"
            " sourced_partner_id, reseller_partner_id from validated.val_crm__opportunities"
        )
    }
    # 09:00 at +09:00 is midnight UTC; YES is true; the CRM's sourced partner is kept when known
    assert opportunities["OPP-1"] == (
        "ACC-1",
        "new_business",
        "JPY",
        datetime(2023, 3, 1),
        True,
        "PRT-1",
        None,
    )
    # an unknown sourced_partner_id is kept as empty; an empty currency is the reporting currency
    assert opportunities["OPP-3"] == ("ACC-2", "renewal", "USD", datetime(2023, 6, 1), None, None, "PRT-2")
    activities = {
        row[0]: row[1:]
        for row in run.query(
            "select activity_id, account_id, activity_type, direction, is_qualified, occurred_at"
            " from validated.val_crm__partner_activities"
        )
    }
    # the account comes from the opportunity; an empty direction is inbound
    assert activities["ACT-1"] == ("ACC-1", "referral", "inbound", True, datetime(2023, 2, 20, 1, 0))
    assert activities["ACT-12"][2] == "outbound"


def test_staging_rules_on_csv(run_dbt):
    run = run_dbt(["build", *SELECT_STAGING], {"raw_data_dir": str(STAGING_RULES)})
    assert run.returncode == 0, run.output
    check_staging(run)
    # the unknown sourced_partner_id of OPP-3 is named by a warning, not an error, and so are
    # the rejected rows (max_rejected_share is 1 by default: never an error)
    assert "WARN=2" in run.output
    reasons = len({(table, reason) for table, _, reason in EXPECTED_REJECTS})
    assert f"WARN {reasons} rejected_rows_are_reported" in run.output


# Lines a CSV reader cannot split into the header's fields, appended to the fixture's files.
MALFORMED_LINES = {
    "partner_activities": [
        (b"ACT-20,PRT-1,ACC-1\n", "too few fields"),
        (b"ACT-21,PRT-1,ACC-1,,referral,2023-03-01,,,,,,note,extra field\n", "too many fields"),
        (b"ACT-22,PRT-1,ACC-1,,referral,2023-03-01,,,,,,caf\xe9 in Latin-1\n", "not UTF-8"),
    ],
    "accounts": [(b'ACC-9,"Acme" Corp,software,EMEA,DE,10,2023-01-01\n', "stray quote")],
}


def insert_under_header(csv_file: Path, line: bytes) -> None:
    """Put `line` right under the header of `csv_file`, before its first row."""
    header, rest = csv_file.read_bytes().split(b"\n", 1)
    csv_file.write_bytes(header + b"\n" + line + b"\n" + rest)


def test_malformed_csv_lines_are_rejected_not_fatal(run_dbt, tmp_path: Path):
    """The fixture with every class of bad row, plus malformed lines: the whole build succeeds.

    Each malformed line is a reject row with its reason and line; every other row is as before.
    """
    export = tmp_path / "dirty"
    shutil.copytree(STAGING_RULES, export)
    for table, lines in MALFORMED_LINES.items():
        with (export / f"{table}.csv").open("ab") as csv_file:
            csv_file.writelines(line for line, _ in lines)
    # and one right under a header, where DuckDB's sniffer would stop on it
    insert_under_header(export / "partners.csv", b'PRT-9,"Bad" Name,referral,gold,EMEA,2023-01-01')
    # the whole build: every model and test, the marts' reconciliation tests too
    run = run_dbt(["build"], {"raw_data_dir": str(export), "as_of_date": DEMO_AS_OF_DATE})
    assert run.returncode == 0, run.output  # rows_reconcile counts the malformed lines as rows in
    assert "ERROR=0" in run.output

    malformed = run.query(
        "select source_table, record_key, reason, raw_record from audit.rejected_rows"
        " where reason like 'malformed CSV line%'"
    )
    assert sorted((table, key, reason) for table, key, reason, _ in malformed) == sorted(
        [
            *(
                (table, None, f"malformed CSV line: {reason}")
                for table, lines in MALFORMED_LINES.items()
                for _, reason in lines
            ),
            ("partners", None, "malformed CSV line: stray quote"),
        ]
    )
    records = {json.loads(record)["csv_line"][:6]: json.loads(record) for *_, record in malformed}
    assert records["ACT-20"]["line_number"] == 16  # the header is line 1, then 14 rows
    assert records["ACT-21"]["csv_line"].endswith("extra field")

    # every well-formed row is staged or rejected exactly as without the malformed lines
    rejects = run.query(
        "select source_table, record_key, reason from audit.rejected_rows where reason not like 'malformed%'"
    )
    assert sorted(rejects, key=lambda row: (row[0], row[1] or "", row[2])) == EXPECTED_REJECTS
    for model, keys in EXPECTED_USED.items():
        assert len(run.query(f"select 1 from validated.{model}")) == len(keys)


def test_empty_and_header_only_files_are_tables_without_rows(run_dbt, tmp_path: Path):
    export = tmp_path / "empty_files"
    shutil.copytree(STAGING_RULES, export)
    (export / "opportunity_stage_history.csv").write_bytes(b"")  # not even a header
    header = (STAGING_RULES / "currency_rates.csv").read_text().splitlines()[0]
    (export / "currency_rates.csv").write_text(header + "\n")
    run = run_dbt(["build", *SELECT_STAGING], {"raw_data_dir": str(export)})
    assert run.returncode == 0, run.output
    assert "opportunity_stage_history.csv in" in run.output and "is empty (not even a header)" in run.output
    assert run.query("select count(*) from validated.val_crm__opportunity_stage_history") == [(0,)]
    # a header-only rates file is no rates at all: as when the optional file is absent
    rejected = run.query(
        "select record_key from audit.rejected_rows"
        " where source_table = 'opportunities' and reason = 'currency with no rate'"
    )
    assert sorted(row[0] for row in rejected) == ["OPP-1", "OPP-11", "OPP-2", "OPP-7"]


def test_rejected_share_over_the_var_fails_the_build(run_dbt):
    """Rejects warn; more than max_rejected_share of a table rejected is an error naming the table."""
    run = run_dbt(["build", *SELECT_STAGING], {"raw_data_dir": str(STAGING_RULES), "max_rejected_share": 0.4})
    assert run.returncode != 0
    failed = set(re.findall(r"FAIL 1 rejected_share_at_most_([a-z_]+?)\s", run.output))
    # accounts: 6 of 9 rows rejected; partners 1 of 3 (33%) and currency rates 2 of 5 (40%) are within
    assert "accounts" in failed
    assert "partners" not in failed and "currency_rates" not in failed


def test_staging_rules_on_parquet(run_dbt, tmp_path: Path):
    """The same export as Parquet (text columns) gives the same staging and the same rejects."""
    export = tmp_path / "parquet_export"
    export.mkdir()
    with duckdb.connect() as connection:
        for csv_file in STAGING_RULES.glob("*.csv"):
            target = export / f"{csv_file.stem}.parquet"
            connection.execute(
                f"copy (select * from read_csv('{csv_file}', header = true, all_varchar = true))"
                f" to '{target}' (format parquet)"
            )
    run = run_dbt(["build", *SELECT_STAGING], {"raw_data_dir": str(export)})
    assert run.returncode == 0, run.output
    check_staging(run)


def test_currency_rates_file_is_optional(run_dbt, tmp_path: Path):
    export = tmp_path / "no_rates"
    shutil.copytree(STAGING_RULES, export)
    (export / "currency_rates.csv").unlink()
    run = run_dbt(["build", *SELECT_STAGING], {"raw_data_dir": str(export)})
    assert run.returncode == 0, run.output
    # without rates only the reporting currency converts: the JPY and EUR deals are rejected
    rejected = run.query(
        "select record_key from audit.rejected_rows"
        " where source_table = 'opportunities' and reason = 'currency with no rate'"
    )
    assert sorted(row[0] for row in rejected) == ["OPP-1", "OPP-11", "OPP-2", "OPP-7"]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("missing_dir", "is missing or empty"),
        ("missing_file", "has no partners.csv or partners.parquet"),
        ("missing_column", "lacks the column(s) tier"),
        ("both_formats", "holds both partners.csv and partners.parquet"),
        ("unclosed_quote", "the quote opened on line 2 is never closed"),
    ],
)
def test_bad_export_stops_with_a_clear_message(run_dbt, tmp_path: Path, damage: str, expected: str):
    export = tmp_path / "export"
    shutil.copytree(STAGING_RULES, export)
    if damage == "missing_dir":
        export = tmp_path / "does_not_exist"
    elif damage == "missing_file":
        (export / "partners.csv").unlink()
    elif damage == "missing_column":
        with duckdb.connect() as connection:
            partners = export / "partners.csv"
            connection.execute(
                f"copy (select * exclude (tier) from read_csv('{partners}', all_varchar = true))"
                f" to '{partners}' (header true)"
            )
    elif damage == "both_formats":
        (export / "partners.parquet").write_bytes(b"")
    elif damage == "unclosed_quote":
        # the lines after it would be swallowed into one bad line: a clear stop, not lost rows
        insert_under_header(export / "partners.csv", b'PRT-9,"Bad Name,referral,gold,EMEA,2023-01-01')
    run = run_dbt(["run", "--select", "val_crm__partners"], {"raw_data_dir": str(export)})
    assert run.returncode != 0
    assert expected in run.output
    assert "Traceback" not in run.output
