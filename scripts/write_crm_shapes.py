#!/usr/bin/env python3
"""Write data/crm_shapes: one business scenario as the generic export, as Salesforce
and as HubSpot land it through Fivetran.

    python scripts/write_crm_shapes.py

The scenario is a small clean demo export (scripts/generate_demo_data.py, 240 opportunities),
made plain where a connector cannot say more: timestamps in UTC, no amount on a resale, a
closed deal closed at the end of its close day (Salesforce keeps only the date), exchange rates
that invert exactly, an open deal not won. The two connector shapes are written from it by
hand-kept rules (below), plus rows a connector carries that are not partner data: deleted rows,
the sales team's own tasks and engagements, leads that are not registrations.
HubSpot is written twice: data/crm_shapes/hubspot in the v3 engagement shape Fivetran lands
since May 2023, data/crm_shapes/hubspot_legacy in the one before (tests/python/
test_hubspot_shapes.py). tests/python/test_crm_sources.py builds all three and expects the same
marts. The files are
committed; rerun this only to change the scenario.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from generate_demo_data import TABLE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "data" / "crm_shapes"
RATES = ["0.5", "1", "2", "0.25", "4"]  # units of reporting currency per unit; their inverses are exact
SYNCED = "2026-01-05 06:00:00.000"  # when the connector last synced the fixture's rows
# history mode: the version a record is in today; the fixture describes the end of AS_OF
HISTORY_FOREVER = "9999-12-31 23:59:59.000"
AS_OF = "2025-12-31"


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
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "generate_demo_data.py"),
            "--opportunities",
            "240",
            "--seed",
            "11",
            "--dirty-share",
            "0",
            "--out",
            str(workdir),
            "--quiet",
        ],
        check=True,
    )
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


def salesforce(generic: dict[str, list[dict[str, str]]], out: Path, history: bool = False) -> None:
    """The scenario as the Salesforce connector lands it today: objects and fields in snake case,
    custom fields with a `_c` suffix (Partner_Account__c lands as partner_account_c), deletions as
    is_deleted (Fivetran's soft delete for Salesforce: no _fivetran_deleted), _fivetran_synced on
    every row. With history, every table is in Fivetran's history mode (salesforce_history_versions)."""
    live = {"is_deleted": "false", "_fivetran_synced": SYNCED}
    accounts = [
        {
            **live,
            "id": a["account_id"],
            "name": a["account_name"],
            "industry": a["industry"],
            "region_c": a["region"],
            "billing_country": a["country"],
            "number_of_employees": a["employee_count"],
            "created_date": a["created_at"],
            "is_partner": "false",
        }
        for a in generic["accounts"]
    ] + [
        {
            **live,
            "id": p["partner_id"],
            "name": p["partner_name"],
            "region_c": p["region"],
            "created_date": p["joined_at"],
            "partner_type_c": p["partner_type"],
            "partner_tier_c": p["tier"],
            "is_partner": "true",
        }
        for p in generic["partners"]
    ]
    accounts.append(
        {
            "id": "ACC-DELETED",
            "name": "Deleted account",
            "is_deleted": "true",
            "is_partner": "false",
            "created_date": "2024-01-01T00:00:00",
        }
    )
    type_names = {"new_business": "New Business", "expansion": "Existing Business", "renewal": "Renewal"}
    opportunities = []
    opportunity_account = {}
    for o in generic["opportunities"]:
        opportunity_account[o["opportunity_id"]] = o["account_id"]
        opportunities.append(
            {
                **live,
                "id": o["opportunity_id"],
                "account_id": o["account_id"],
                "name": o["opportunity_name"],
                "type": type_names[o["opportunity_type"]],
                "stage_name": o["stage"],
                "amount": o["amount"],
                "currency_iso_code": o["currency"],
                "created_date": o["created_at"],
                # an open deal's close date is only expected: the mapping must ignore it
                "close_date": o["closed_at"][:10] if o["closed_at"] else "2026-06-30",
                "is_closed": "true" if o["closed_at"] else "false",
                "is_won": o["is_won"],
                "sourced_partner_c": o["sourced_partner_id"],
                "reseller_partner_c": o["reseller_partner_id"],
                "lead_source": o["lead_source"],
            }
        )
    opportunities.append(
        {
            "id": "OPP-DELETED",
            "account_id": generic["accounts"][0]["account_id"],
            "type": "New Business",
            "amount": "1000",
            "created_date": "2024-01-01T00:00:00",
            "is_closed": "false",
            "is_won": "false",
            "is_deleted": "true",
        }
    )
    tasks, opportunity_partners, leads = [], [], []
    resale_roles = {"resale": "Reseller"}
    for a in generic["partner_activities"]:
        extra = any(a[c] for c in ("status", "is_qualified", "funded_by", "amount", "notes"))
        if a["activity_type"] == "deal_registration":
            leads.append(
                {
                    **live,
                    "id": a["activity_id"],
                    "partner_account_c": a["partner_id"],
                    "converted_account_id": a["account_id"],
                    "converted_opportunity_id": a["opportunity_id"],
                    "created_date": a["occurred_at"],
                    "lead_source": "Partner Deal Registration",
                    "status": {
                        "submitted": "Open - Not Contacted",
                        "approved": "Closed - Converted",
                        "rejected": "Closed - Not Converted",
                    }.get(a["status"], a["status"]),
                    "is_qualified_c": a["is_qualified"],
                    "company": a["notes"],
                }
            )
        elif (
            a["activity_type"] in resale_roles
            and a["opportunity_id"]
            and not extra
            and a["direction"] == "inbound"
            and a["account_id"] in ("", opportunity_account.get(a["opportunity_id"]))
        ):
            opportunity_partners.append(
                {
                    **live,
                    "id": a["activity_id"],
                    "opportunity_id": a["opportunity_id"],
                    "account_to_id": a["partner_id"],
                    "role": resale_roles[a["activity_type"]],
                    "is_primary": "false",
                    "created_date": a["occurred_at"],
                }
            )
        else:
            tasks.append(
                {
                    **live,
                    "id": a["activity_id"],
                    "partner_account_c": a["partner_id"],
                    "account_id": a["account_id"],
                    # what_id names the opportunity, else the account (not an opportunity: account-level)
                    "what_id": a["opportunity_id"] or a["account_id"],
                    "type": title(a["activity_type"]),
                    "created_date": a["occurred_at"],
                    "direction_c": a["direction"],
                    "status_c": a["status"],
                    "is_qualified_c": a["is_qualified"],
                    "funded_by_c": a["funded_by"],
                    "amount_c": a["amount"],
                    "subject": a["notes"],
                }
            )
    # a reseller of record given only as the primary partner on the opportunity
    for o in opportunities:
        match = next(
            (
                p
                for p in opportunity_partners
                if p["opportunity_id"] == o["id"] and p["account_to_id"] == o["reseller_partner_c"]
            ),
            None,
        )
        if match is not None:
            match["is_primary"] = "true"
            o["reseller_partner_c"] = ""
    first_account = generic["accounts"][0]["account_id"]
    tasks += [
        {
            **live,
            "id": "TSK-OWN-1",
            "account_id": first_account,
            "what_id": first_account,
            "type": "Call",
            "created_date": "2024-03-01T10:00:00",
            "subject": "our own call: no partner",
        },
        {
            **live,
            "id": "TSK-DEL-1",
            "partner_account_c": generic["partners"][0]["partner_id"],
            "account_id": first_account,
            "type": "Referral",
            "created_date": "2024-03-01T10:00:00",
            "is_deleted": "true",
        },
    ]
    leads.append(
        {
            **live,
            "id": "LEAD-WEB-1",
            "partner_account_c": generic["partners"][0]["partner_id"],
            "converted_account_id": first_account,
            "created_date": "2024-03-01T10:00:00",
            "lead_source": "Web",
            "status": "Open - Not Contacted",
        }
    )
    stage_changes = [
        {
            **live,
            "id": f"OH-{i}",
            "opportunity_id": h["opportunity_id"],
            "stage_name": h["stage"],
            "amount": h["amount"],
            "created_date": h["changed_at"],
        }
        for i, h in enumerate(generic["opportunity_stage_history"])
    ]
    rates = [
        {
            **live,
            "iso_code": r["currency"],
            "start_date": r["rate_date"],
            "conversion_rate": format(1 / float(r["rate_to_reporting"]), "g"),
        }
        for r in generic["currency_rates"]
    ]
    for rate in rates:  # a dated rate holds until the currency's next one starts (the last: open-ended)
        later = sorted(
            r["start_date"]
            for r in rates
            if r["iso_code"] == rate["iso_code"] and r["start_date"] > rate["start_date"]
        )
        rate["next_start_date"] = later[0] if later else ""
    tables: dict[str, tuple[list[dict[str, str]], list[str]]] = {}
    tables["account"] = (
        accounts,
        [
            "id",
            "name",
            "industry",
            "region_c",
            "billing_country",
            "number_of_employees",
            "created_date",
            "type",
            "is_partner",
            "partner_type_c",
            "partner_tier_c",
            "is_deleted",
            "_fivetran_synced",
        ],
    )
    tables["opportunity"] = (
        opportunities,
        [
            "id",
            "account_id",
            "name",
            "type",
            "stage_name",
            "amount",
            "currency_iso_code",
            "created_date",
            "close_date",
            "is_closed",
            "is_won",
            "sourced_partner_c",
            "reseller_partner_c",
            "lead_source",
            "is_deleted",
            "_fivetran_synced",
        ],
    )
    tables["opportunity_partner"] = (
        opportunity_partners,
        [
            "id",
            "opportunity_id",
            "account_to_id",
            "role",
            "is_primary",
            "created_date",
            "is_deleted",
            "_fivetran_synced",
        ],
    )
    tables["task"] = (
        tasks,
        [
            "id",
            "partner_account_c",
            "account_id",
            "what_id",
            "type",
            "created_date",
            "direction_c",
            "status_c",
            "is_qualified_c",
            "funded_by_c",
            "amount_c",
            "subject",
            "is_deleted",
            "_fivetran_synced",
        ],
    )
    tables["lead"] = (
        leads,
        [
            "id",
            "partner_account_c",
            "converted_account_id",
            "converted_opportunity_id",
            "created_date",
            "lead_source",
            "status",
            "is_qualified_c",
            "company",
            "is_deleted",
            "_fivetran_synced",
        ],
    )
    tables["opportunity_history"] = (
        stage_changes,
        ["id", "opportunity_id", "stage_name", "amount", "created_date", "is_deleted", "_fivetran_synced"],
    )
    tables["dated_conversion_rate"] = (
        rates,
        ["iso_code", "start_date", "next_start_date", "conversion_rate", "is_deleted", "_fivetran_synced"],
    )
    if history:
        salesforce_history_versions(tables)
    for name, (rows, columns) in tables.items():
        write(out / f"{name}.csv", rows, columns)


def stamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.") + f"{value.microsecond // 1000:03d}"


def salesforce_history_versions(tables: dict[str, tuple[list[dict[str, str]], list[str]]]) -> None:
    """Fivetran's history mode on every table: each row becomes the version of its record in force at the
    end of AS_OF (_fivetran_start, _fivetran_end inclusive, _fivetran_active), and some records get
    versions before and after it that the mapping must not read as of AS_OF: an opportunity first
    entered smaller and unsourced, one revised after AS_OF, one deleted after AS_OF (still there as of
    AS_OF), one deleted before it (gone), a partner whose tier changed after AS_OF."""
    as_of_end = datetime.fromisoformat(AS_OF + "T23:59:59")
    revised = as_of_end + timedelta(days=40)
    for rows, columns in tables.values():
        for row in rows:
            began = row.get("created_date") or row.get("start_date") or "2024-01-01T00:00:00"
            row.update(
                _fivetran_active="true",
                _fivetran_start=stamp(datetime.fromisoformat(began[:19])),
                _fivetran_end=HISTORY_FOREVER,
            )
        columns[:0] = ["_fivetran_active", "_fivetran_start", "_fivetran_end"]

    def ended(row: dict[str, str], at: datetime) -> None:
        row.update(_fivetran_active="false", _fivetran_end=stamp(at - timedelta(milliseconds=1)))

    opportunities = tables["opportunity"][0]
    real = [o for o in opportunities if o["id"] != "OPP-DELETED"]
    earlier, later = [], []
    for index, o in enumerate(real[:-1]):
        began = datetime.fromisoformat(o["_fivetran_start"])
        if index % 4 == 1 and began + timedelta(days=1) <= as_of_end:
            # first entered as a smaller, unsourced prospect, a day before its recorded state
            first = {
                **o,
                "stage_name": "Prospecting",
                "amount": str(float(o["amount"] or 0) / 2),
                "is_closed": "false",
                "is_won": "false",
                "sourced_partner_c": "",
            }
            o["_fivetran_start"] = stamp(began + timedelta(days=1))
            first["_fivetran_end"] = stamp(began + timedelta(days=1) - timedelta(milliseconds=1))
            first["_fivetran_active"] = "false"
            earlier.append(first)
        if index % 8 == 3 and o["is_closed"] == "true":  # revised after AS_OF: today's amount is not AS_OF's
            ended(o, revised)
            later.append(
                {
                    **o,
                    "_fivetran_active": "true",
                    "_fivetran_start": stamp(revised),
                    "_fivetran_end": HISTORY_FOREVER,
                    "amount": str(float(o["amount"] or 0) * 2),
                    "stage_name": "Closed Won - Revised",
                }
            )
    ended(real[-1], revised)  # deleted after AS_OF: as of AS_OF it still counts
    deleted = next(o for o in opportunities if o["id"] == "OPP-DELETED")
    ended(deleted, datetime.fromisoformat("2024-06-01T00:00:00"))  # deleted before AS_OF: gone
    opportunities.extend(earlier + later)
    accounts = tables["account"][0]
    partner = next(a for a in accounts if a["is_partner"] == "true")
    ended(partner, revised)
    accounts.append(
        {
            **partner,
            "_fivetran_active": "true",
            "_fivetran_start": stamp(revised),
            "_fivetran_end": HISTORY_FOREVER,
            "partner_tier_c": "Platinum",
        }
    )


# HubSpot as Fivetran lands it, two ways: "v3" (the connector since May 2023: engagement holds
# id and type, the per-type tables engagement_call ... hold the time and the properties) and
# "legacy" (before: time and properties on engagement). Both carry the columns Fivetran lands
# beside the ones the mapping reads, and rows the mapping must leave out.
SYNCED = "2025-12-31T06:00:00"
ENGAGEMENT_DETAILS = ("call", "email", "meeting", "note", "task")
# a partner activity's engagement type: the type map names the first three activity types; the
# others are told by the portal's activity type property
ENGAGEMENT_TYPES = {
    "co_sell_meeting": ("MEETING", "CALL"),
    "intel_share": ("NOTE", "EMAIL"),
    "account_mapping": ("TASK",),
}
OTHER_ENGAGEMENT_TYPES = ("NOTE", "CALL", "EMAIL", "MEETING", "TASK")
# HubSpot's own association type ids (engagement to company, to deal)
COMPANY_TYPE_IDS = {"CALL": "182", "EMAIL": "186", "MEETING": "188", "NOTE": "190", "TASK": "192"}
DEAL_TYPE_IDS = {"CALL": "206", "EMAIL": "210", "MEETING": "212", "NOTE": "214", "TASK": "216"}
# the v3 portal's partner fields: custom properties on each per-type table, and the notes in each
# type's own text property
PARTNER_PROPERTIES = ("activity_type", "direction", "status", "is_qualified", "funded_by", "amount")
V3_NOTES = {
    "call": "property_hs_call_title",
    "email": "property_hs_email_subject",
    "meeting": "property_hs_meeting_title",
    "note": "property_hs_note_body",
    "task": "property_hs_task_subject",
}
# the legacy portal: the activity type in the engagement's own activity_type, the other partner
# fields in custom properties of these names, the notes in each type's detail table
LEGACY_NOTES = {"call": "body", "email": "subject", "meeting": "title", "note": "body", "task": "subject"}
V3_DETAIL_COLUMNS = {
    "call": ["property_hs_call_body", "property_hs_call_direction", "property_hs_call_disposition"],
    "email": ["property_hs_email_text", "property_hs_email_direction"],
    "meeting": ["property_hs_meeting_outcome", "property_hs_meeting_start_time"],
    "note": ["property_hs_body_preview"],
    "task": ["property_hs_task_status", "property_hs_task_type"],
}
LEGACY_DETAIL_COLUMNS = {
    "call": ["disposition", "duration_milliseconds", "status"],
    "email": ["html", "text"],
    "meeting": ["start_time", "end_time"],
    "note": [],
    "task": ["status", "task_type"],
}


def hubspot_stages() -> tuple[list[dict[str, str]], dict[tuple[str, str], str]]:
    """deal_pipeline_stage: the sales pipeline (HubSpot's default stage ids, a 0% stage that is
    open, a deleted stage that deals' history still names) and a partner pipeline whose stages
    are all 0%, as some portals keep them. Also {(pipeline, label): stage_id}."""
    stages = []
    ids = {}
    sales = [
        # stage_id, label, probability, is_closed, closed_won, deleted
        ("appointmentscheduled", "prospecting", "0.2", "false", "false", "true"),
        ("qualifiedtobuy", "qualification", "0.0", "false", "false", "false"),
        ("presentationscheduled", "proposal", "0.6", "false", "false", "false"),
        ("contractsent", "negotiation", "0.9", "false", "false", "false"),
        ("closedwon", "closed_won", "1.0", "true", "true", "false"),
        ("closedlost", "closed_lost", "0.0", "true", "false", "false"),
    ]
    partner = [
        (f"partner-{label.replace('_', '')}", label, "0.0", is_closed, closed_won, "false")
        for _, label, _, is_closed, closed_won, _ in sales
    ]
    for pipeline, rows in (("default", sales), ("partner", partner)):
        for order, (stage_id, label, probability, is_closed, closed_won, deleted) in enumerate(rows):
            ids[(pipeline, label)] = stage_id
            stages.append(
                {
                    "_fivetran_deleted": deleted,
                    "_fivetran_synced": SYNCED,
                    "active": "false" if deleted == "true" else "true",
                    "closed_won": closed_won,
                    "is_closed": is_closed,
                    "display_order": str(order),
                    "probability": probability,
                    "stage_id": stage_id,
                    "label": label,
                    "pipeline_id": pipeline,
                    "created_at": "2021-01-04T09:00:00",
                    "updated_at": "2024-06-03T09:00:00" if deleted == "true" else "2021-01-04T09:00:00",
                }
            )
    return stages, ids


def hubspot(generic: dict[str, list[dict[str, str]]], out: Path, v3: bool) -> None:
    first_account = generic["accounts"][0]["account_id"]
    first_partner = generic["partners"][0]["partner_id"]
    companies = [
        {
            "_fivetran_deleted": "false",
            "_fivetran_synced": SYNCED,
            "is_deleted": "false",
            "id": a["account_id"],
            "property_name": a["account_name"],
            "property_industry": a["industry"],
            "property_region": a["region"],
            "property_country": a["country"],
            "property_numberofemployees": a["employee_count"],
            "property_createdate": a["created_at"],
            "property_hs_lastmodifieddate": SYNCED,
            "property_type": "PROSPECT",
        }
        for a in generic["accounts"]
    ] + [
        {
            "_fivetran_deleted": "false",
            "_fivetran_synced": SYNCED,
            "is_deleted": "false",
            "id": p["partner_id"],
            "property_name": p["partner_name"],
            "property_region": p["region"],
            "property_createdate": p["joined_at"],
            "property_hs_lastmodifieddate": SYNCED,
            "property_partner_type": p["partner_type"],
            "property_partner_tier": p["tier"],
            "property_type": "PARTNER",
        }
        for p in generic["partners"]
    ]
    companies += [
        # deleted since the last sync, and merged away (in the recycle bin): both left out
        {
            "id": "CO-DELETED",
            "property_name": "Deleted",
            "property_type": "PROSPECT",
            "_fivetran_deleted": "true",
        },
        {"id": "CO-MERGED", "property_name": "Merged", "property_type": "PARTNER", "is_deleted": "true"},
    ]
    stages, stage_ids = hubspot_stages()
    type_names = {"new_business": "newbusiness", "expansion": "existingbusiness", "renewal": "renewal"}
    deals, deal_companies = [], []
    for i, o in enumerate(generic["opportunities"]):
        # every third deal in the partner pipeline, whose stages are all 0%
        pipeline = "partner" if i % 3 == 2 else "default"
        deals.append(
            {
                "_fivetran_deleted": "false",
                "_fivetran_synced": SYNCED,
                "is_deleted": "false",
                "deal_id": o["opportunity_id"],
                "portal_id": "4242",
                "owner_id": "1001",
                "deal_pipeline_id": pipeline,
                "deal_pipeline_stage_id": stage_ids[(pipeline, o["stage"])],
                "property_dealname": o["opportunity_name"],
                "property_dealtype": type_names[o["opportunity_type"]],
                "property_amount": o["amount"],
                "property_deal_currency_code": o["currency"],
                "property_createdate": o["created_at"],
                # an open deal's close date is only expected: the mapping must ignore it
                "property_closedate": o["closed_at"] or "2026-06-30T00:00:00",
                "property_sourced_partner_company_id": o["sourced_partner_id"],
                "property_reseller_company_id": o["reseller_partner_id"],
            }
        )
        deal_companies.append({"deal_id": o["opportunity_id"], "company_id": o["account_id"], "type_id": "5"})
        if o["reseller_partner_id"]:
            # a partner company on the deal: no date, left out
            deal_companies.append(
                {"deal_id": o["opportunity_id"], "company_id": o["reseller_partner_id"], "type_id": "341"}
            )
    deleted_deal = {
        "_fivetran_synced": SYNCED,
        "deal_pipeline_id": "default",
        "deal_pipeline_stage_id": "closedwon",
        "property_dealname": "Deleted deal",
        "property_dealtype": "newbusiness",
        "property_amount": "1000",
        "property_createdate": "2024-01-01T00:00:00",
        "property_closedate": "2024-02-01T00:00:00",
    }
    deals += [
        {**deleted_deal, "deal_id": "DEAL-DELETED", "_fivetran_deleted": "true", "is_deleted": "false"},
        {**deleted_deal, "deal_id": "DEAL-RECYCLED", "_fivetran_deleted": "false", "is_deleted": "true"},
    ]
    deal_companies += [
        {"deal_id": "DEAL-DELETED", "company_id": first_account, "type_id": "5"},  # a deleted deal's link
        {
            "deal_id": generic["opportunities"][0]["opportunity_id"],
            "company_id": "CO-DELETED",
            "type_id": "341",
        },
    ]
    for link in deal_companies:
        link.update(_fivetran_synced=SYNCED, category="HUBSPOT_DEFINED")

    engagements, details, engagement_companies, engagement_deals = [], [], [], []
    type_counts: dict[str, int] = {}

    def engagement(activity: dict[str, str], engagement_type: str, deleted: bool = False) -> None:
        """One engagement: its engagement row and its per-type row, in the shape written."""
        detail_type = "email" if engagement_type.endswith("EMAIL") else engagement_type.lower()
        row = {
            "id": activity["activity_id"],
            "type": engagement_type,
            "portal_id": "4242",
            "_fivetran_synced": SYNCED,
        }
        detail = {
            "detail_type": detail_type,
            "engagement_id": activity["activity_id"],
            "_fivetran_synced": SYNCED,
        }
        partner_fields = {name: activity.get(name, "") for name in PARTNER_PROPERTIES}
        if partner_fields["activity_type"] in ENGAGEMENT_TYPES:
            partner_fields["activity_type"] = ""  # the type map tells it
        if v3:
            detail.update(
                {
                    "_fivetran_deleted": "true" if deleted else "false",
                    "type": engagement_type,
                    "property_hs_createdate": activity["occurred_at"],
                    "property_hs_timestamp": activity["occurred_at"],
                    "property_hs_lastmodifieddate": SYNCED,
                    "property_hubspot_owner_id": "1001",
                    "property_hubspot_team_id": "7",
                    "property_hs_object_id": activity["activity_id"],
                    V3_NOTES[detail_type]: activity.get("notes", ""),
                    **{f"property_partner_{name}": value for name, value in partner_fields.items()},
                }
            )
        else:
            row.update(
                {
                    "_fivetran_deleted": "true" if deleted else "false",
                    "active": "true",
                    "created_at": activity["occurred_at"],
                    "last_updated": SYNCED,
                    "owner_id": "1001",
                    "timestamp": activity["occurred_at"],
                    **partner_fields,
                }
            )
            detail[LEGACY_NOTES[detail_type]] = activity.get("notes", "")
        engagements.append(row)
        details.append(detail)

    def company_link(engagement_id: str, company_id: str, engagement_type: str) -> None:
        engagement_companies.append(
            {
                "company_id": company_id,
                "engagement_id": engagement_id,
                "engagement_type": engagement_type,
                "type_id": COMPANY_TYPE_IDS[engagement_type.replace("INCOMING_", "")],
                "category": "HUBSPOT_DEFINED",
                "_fivetran_synced": SYNCED,
            }
        )

    def deal_link(engagement_id: str, deal_id: str, engagement_type: str) -> None:
        engagement_deals.append(
            {
                "deal_id": deal_id,
                "engagement_id": engagement_id,
                "engagement_type": engagement_type,
                "type_id": DEAL_TYPE_IDS[engagement_type.replace("INCOMING_", "")],
                "category": "HUBSPOT_DEFINED",
                "_fivetran_synced": SYNCED,
            }
        )

    for a in generic["partner_activities"]:
        choices = ENGAGEMENT_TYPES.get(a["activity_type"], OTHER_ENGAGEMENT_TYPES)
        count = type_counts.get(a["activity_type"], 0)
        type_counts[a["activity_type"]] = count + 1
        engagement_type = choices[count % len(choices)]
        engagement(a, engagement_type)
        company_link(a["activity_id"], a["partner_id"], engagement_type)
        if a["account_id"]:
            company_link(a["activity_id"], a["account_id"], engagement_type)
        if a["opportunity_id"]:
            deal_link(a["activity_id"], a["opportunity_id"], engagement_type)
    # rows to leave out: the sales team's own call (no partner company), a deleted meeting with a
    # partner, links to a deleted company, a deleted deal and an engagement that is gone
    first = generic["partner_activities"][0]
    engagement({"activity_id": "ENG-OWN-1", "occurred_at": "2024-03-01T10:00:00"}, "CALL")
    company_link("ENG-OWN-1", first_account, "CALL")
    deal_link("ENG-OWN-1", generic["opportunities"][0]["opportunity_id"], "CALL")
    engagement(
        {"activity_id": "ENG-DEL-1", "occurred_at": "2024-03-01T10:00:00", "activity_type": "referral"},
        "MEETING",
        deleted=True,
    )
    company_link("ENG-DEL-1", first_partner, "MEETING")
    company_link(first["activity_id"], "CO-DELETED", engagements[0]["type"])
    deal_link(first["activity_id"], "DEAL-DELETED", engagements[0]["type"])
    company_link("ENG-GONE-1", first_partner, "NOTE")
    if v3:
        # a per-type row whose engagement row is not landed
        details.append(
            {
                "detail_type": "note",
                "engagement_id": "ENG-ORPHAN-1",
                "_fivetran_synced": SYNCED,
                "_fivetran_deleted": "false",
                "type": "NOTE",
                "property_hs_timestamp": "2024-03-01T10:00:00",
            }
        )

    pipelines = {deal["deal_id"]: deal["deal_pipeline_id"] for deal in deals}
    history = [
        {
            "deal_id": h["opportunity_id"],
            "name": "dealstage",
            "value": stage_ids[(pipelines[h["opportunity_id"]], h["stage"])],
            "timestamp": h["changed_at"],
            "source": "CRM_UI",
            "source_id": "user:1001",
        }
        for h in generic["opportunity_stage_history"]
    ] + [
        # other properties, and a deleted deal's history: left out
        {
            "deal_id": generic["opportunities"][0]["opportunity_id"],
            "name": "amount",
            "value": "1",
            "timestamp": "2024-01-01T00:00:00",
            "source": "CRM_UI",
        },
        {
            "deal_id": generic["opportunities"][0]["opportunity_id"],
            "name": "closedate",
            "value": "2024-02-01T00:00:00",
            "timestamp": "2024-01-01T00:00:00",
            "source": "BATCH_UPDATE",
        },
        {
            "deal_id": "DEAL-DELETED",
            "name": "dealstage",
            "value": "closedwon",
            "timestamp": "2024-02-01T00:00:00",
        },
    ]
    for row in history:
        row["_fivetran_synced"] = SYNCED

    write(
        out / "company.csv",
        companies,
        [
            "id",
            "_fivetran_synced",
            "property_name",
            "property_industry",
            "property_region",
            "property_country",
            "property_numberofemployees",
            "property_createdate",
            "property_hs_lastmodifieddate",
            "property_type",
            "property_partner_type",
            "property_partner_tier",
            "is_deleted",
            "_fivetran_deleted",
        ],
    )
    write(
        out / "deal.csv",
        deals,
        [
            "deal_id",
            "_fivetran_synced",
            "portal_id",
            "owner_id",
            "deal_pipeline_id",
            "deal_pipeline_stage_id",
            "property_dealname",
            "property_dealtype",
            "property_amount",
            "property_deal_currency_code",
            "property_createdate",
            "property_closedate",
            "property_sourced_partner_company_id",
            "property_reseller_company_id",
            "is_deleted",
            "_fivetran_deleted",
        ],
    )
    stage_columns = list(stages[0])
    if not v3:  # created_at and updated_at came with the May 2023 connector update
        stage_columns = [c for c in stage_columns if c not in ("created_at", "updated_at")]
    write(out / "deal_pipeline_stage.csv", stages, stage_columns)
    # type_id (part of the key) and category came with the May 2023 connector update
    association = ["type_id", "category"] if v3 else []
    write(
        out / "deal_company.csv", deal_companies, ["company_id", "deal_id", *association, "_fivetran_synced"]
    )
    if v3:
        write(out / "engagement.csv", engagements, ["id", "type", "_fivetran_synced", "portal_id"])
    else:
        write(
            out / "engagement.csv",
            engagements,
            [
                "id",
                "_fivetran_synced",
                "_fivetran_deleted",
                "active",
                "activity_type",
                "created_at",
                "last_updated",
                "owner_id",
                "portal_id",
                "timestamp",
                "type",
                *PARTNER_PROPERTIES[1:],
            ],
        )
    for detail_type in ENGAGEMENT_DETAILS:
        rows = [row for row in details if row["detail_type"] == detail_type]
        if v3:
            columns = [
                "engagement_id",
                "_fivetran_synced",
                "_fivetran_deleted",
                "type",
                "property_hs_createdate",
                "property_hs_timestamp",
                "property_hs_lastmodifieddate",
                "property_hs_object_id",
                "property_hubspot_owner_id",
                "property_hubspot_team_id",
                V3_NOTES[detail_type],
                *V3_DETAIL_COLUMNS[detail_type],
                *(f"property_partner_{name}" for name in PARTNER_PROPERTIES),
            ]
        else:
            columns = [
                "engagement_id",
                "_fivetran_synced",
                *dict.fromkeys([LEGACY_NOTES[detail_type], *LEGACY_DETAIL_COLUMNS[detail_type]]),
            ]
        write(out / f"engagement_{detail_type}.csv", rows, columns)
    engagement_columns = ["engagement_type", *association] if v3 else []
    write(
        out / "engagement_company.csv",
        engagement_companies,
        ["company_id", "engagement_id", *engagement_columns, "_fivetran_synced"],
    )
    write(
        out / "engagement_deal.csv",
        engagement_deals,
        ["deal_id", "engagement_id", *engagement_columns, "_fivetran_synced"],
    )
    write(
        out / "deal_property_history.csv",
        history,
        ["deal_id", "timestamp", "_fivetran_synced", "source", "name", "source_id", "value"],
    )
    write(
        out / "currency_rates.csv", generic["currency_rates"], ["currency", "rate_date", "rate_to_reporting"]
    )
    hubspot_vars(out, v3)


def hubspot_vars(out: Path, v3: bool) -> None:
    """dbt_vars.yml: the vars that read the directory, naming the portal's partner fields."""
    if v3:
        fields = {
            f"engagement_{detail}.{name}": f"property_partner_{name}"
            for detail in ENGAGEMENT_DETAILS
            for name in PARTNER_PROPERTIES
        }
        fields.update({f"engagement_{detail}.notes": field for detail, field in V3_NOTES.items()})
        about = (
            "# HubSpot's v3 engagements, as Fivetran lands them since May 2023: the per-type tables\n"
            "# (engagement_call ...) hold the time and the portal's partner fields, custom properties\n"
            "# property_partner_<field>; the notes are each type's own text property.\n"
        )
    else:
        fields = {f"engagement.{name}": name for name in PARTNER_PROPERTIES}
        fields.update({f"engagement_{detail}.notes": field for detail, field in LEGACY_NOTES.items()})
        about = (
            "# HubSpot's engagements as Fivetran landed them before May 2023: time and properties on\n"
            "# engagement (its own activity_type, custom properties for the other partner fields);\n"
            "# the notes are in each type's detail table.\n"
        )
    lines = [
        "# dbt vars that read this directory as HubSpot tables:"
        f' dbt build --vars "$(cat {out.relative_to(ROOT)}/dbt_vars.yml)"\n',
        about,
        "crm_source: hubspot\n",
        f"raw_data_dir: {out.relative_to(ROOT)}\n",
        'as_of_date: "2025-12-31"\n',
        "hubspot_fields:\n",
        *(f"  {key}: {value}\n" for key, value in sorted(fields.items())),
    ]
    (out / "dbt_vars.yml").write_text("".join(lines))


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        generic = generic_scenario(Path(workdir))
    for table, rows in generic.items():
        write(HERE / "generic" / f"{table}.csv", rows, list(TABLE_COLUMNS[table]))
    salesforce(generic, HERE / "salesforce")
    salesforce(generic, HERE / "salesforce_history", history=True)
    hubspot(generic, HERE / "hubspot", v3=True)
    hubspot(generic, HERE / "hubspot_legacy", v3=False)


if __name__ == "__main__":
    main()
