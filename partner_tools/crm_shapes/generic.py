"""The scenario as the generic export, and the helpers every shape's writer uses."""

from __future__ import annotations

import csv
from datetime import datetime, timezone
from pathlib import Path

from partner_tools.constants import CRM_SHAPES_DIR
from partner_tools.demo_data.config import Config
from partner_tools.demo_data.writing import run

HERE = CRM_SHAPES_DIR
RATES = ["0.5", "1", "2", "0.25", "4"]  # units of reporting currency per unit; their inverses are exact
SYNCED = "2025-12-31T06:00:00"  # when the connector last synced the fixture's rows (every shape)
# history mode: the version a record is in today; the fixture describes the end of DEMO_AS_OF_DATE
HISTORY_FOREVER = "9999-12-31 23:59:59.000"


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})


def utc(text: str) -> str:
    """An ISO timestamp (maybe with an offset, maybe a bare date) as UTC 'YYYY-MM-DDTHH:MM:SS'."""
    if not text:
        return ""
    value = datetime.fromisoformat(text)
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S")


def generic_scenario(workdir: Path) -> dict[str, list[dict[str, str]]]:
    run(Config(opportunities=240, seed=11, dirty_share=0, out=workdir, quiet=True))
    tables = {path.stem: read(path) for path in workdir.glob("*.csv")}
    for rows in tables.values():  # the demo spells valid values loosely ('New Business ', 'True')
        for row in rows:
            for column, value in row.items():
                row[column] = value.strip()
                if column in ("opportunity_type", "activity_type", "direction", "status", "funded_by"):
                    row[column] = row[column].lower().replace(" ", "_").replace("-", "_")
                if column == "currency":
                    row[column] = row[column].upper()
    for row in tables["accounts"]:
        row["created_at"] = utc(row["created_at"])
    for row in tables["partners"]:
        row["joined_at"] = utc(row["joined_at"])
    for row in tables["opportunities"]:
        row["created_at"] = utc(row["created_at"])
        if row["closed_at"]:
            row["closed_at"] = utc(row["closed_at"])[:10] + "T23:59:59"
            row["is_won"] = "true" if row["is_won"].lower() in ("true", "t", "yes", "1") else "false"
            row["stage"] = "closed_won" if row["is_won"] == "true" else "closed_lost"
        else:
            row["is_won"] = "false"
            assert row["stage"] not in ("closed_won", "closed_lost"), row
        row["currency"] = row["currency"] or "USD"
    for row in tables["opportunity_stage_history"]:
        row["changed_at"] = utc(row["changed_at"])
        row["amount"] = ""  # HubSpot's dealstage history carries no amount
    for row in tables["partner_activities"]:
        row["occurred_at"] = utc(row["occurred_at"])
        row["direction"] = row["direction"] or "inbound"
        if row["activity_type"] == "resale":
            row["amount"] = ""  # Salesforce's opportunity_partner has no amount (no mart reads a resale's)
        for column in ("is_qualified",):
            if row[column]:
                row[column] = "true" if row[column].lower() in ("true", "t", "yes", "1") else "false"
    currencies = sorted({row["currency"] for row in tables["currency_rates"]} - {"USD"})
    for row in tables["currency_rates"]:
        row["rate_to_reporting"] = (
            "1" if row["currency"] == "USD" else RATES[currencies.index(row["currency"]) % 5]
        )
    return tables


def title(code: str) -> str:
    return code.replace("_", " ").title()
