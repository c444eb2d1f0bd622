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
tests/python/test_crm_sources.py builds all three and expects the same marts. The files are
committed; rerun this only to change the scenario.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from generate_demo_data import TABLE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "data" / "crm_shapes"
RATES = ["0.5", "1", "2", "0.25", "4"]  # units of reporting currency per unit; their inverses are exact


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


def salesforce(generic: dict[str, list[dict[str, str]]], out: Path) -> None:
    live = {"_fivetran_deleted": "false", "is_deleted": "false"}
    accounts = [
        {
            **live,
            "id": a["account_id"],
            "name": a["account_name"],
            "industry": a["industry"],
            "region__c": a["region"],
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
            "region__c": p["region"],
            "created_date": p["joined_at"],
            "partner_type__c": p["partner_type"],
            "partner_tier__c": p["tier"],
            "is_partner": "true",
        }
        for p in generic["partners"]
    ]
    accounts.append(
        {
            "id": "ACC-DELETED",
            "name": "Deleted account",
            "_fivetran_deleted": "true",
            "is_deleted": "false",
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
                "sourced_partner__c": o["sourced_partner_id"],
                "reseller_partner__c": o["reseller_partner_id"],
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
            "_fivetran_deleted": "false",
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
                    "partner_account__c": a["partner_id"],
                    "converted_account_id": a["account_id"],
                    "converted_opportunity_id": a["opportunity_id"],
                    "created_date": a["occurred_at"],
                    "lead_source": "Partner Deal Registration",
                    "status": {
                        "submitted": "Open - Not Contacted",
                        "approved": "Closed - Converted",
                        "rejected": "Closed - Not Converted",
                    }.get(a["status"], a["status"]),
                    "is_qualified__c": a["is_qualified"],
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
                    "_fivetran_deleted": "false",
                    "is_deleted": "false",
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
                    "partner_account__c": a["partner_id"],
                    "account_id": a["account_id"],
                    # what_id names the opportunity, else the account (not an opportunity: account-level)
                    "what_id": a["opportunity_id"] or a["account_id"],
                    "type": title(a["activity_type"]),
                    "created_date": a["occurred_at"],
                    "direction__c": a["direction"],
                    "status__c": a["status"],
                    "is_qualified__c": a["is_qualified"],
                    "funded_by__c": a["funded_by"],
                    "amount__c": a["amount"],
                    "subject": a["notes"],
                }
            )
    # a reseller of record given only as the primary partner on the opportunity
    for o in opportunities:
        match = next(
            (
                p
                for p in opportunity_partners
                if p["opportunity_id"] == o["id"] and p["account_to_id"] == o["reseller_partner__c"]
            ),
            None,
        )
        if match is not None:
            match["is_primary"] = "true"
            o["reseller_partner__c"] = ""
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
            "partner_account__c": generic["partners"][0]["partner_id"],
            "account_id": first_account,
            "type": "Referral",
            "created_date": "2024-03-01T10:00:00",
            "_fivetran_deleted": "true",
        },
    ]
    leads.append(
        {
            **live,
            "id": "LEAD-WEB-1",
            "partner_account__c": generic["partners"][0]["partner_id"],
            "converted_account_id": first_account,
            "created_date": "2024-03-01T10:00:00",
            "lead_source": "Web",
            "status": "Open - Not Contacted",
        }
    )
    history = [
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
            "_fivetran_deleted": "false",
            "iso_code": r["currency"],
            "start_date": r["rate_date"],
            "conversion_rate": format(1 / float(r["rate_to_reporting"]), "g"),
        }
        for r in generic["currency_rates"]
    ]
    write(
        out / "account.csv",
        accounts,
        [
            "id",
            "name",
            "industry",
            "region__c",
            "billing_country",
            "number_of_employees",
            "created_date",
            "type",
            "is_partner",
            "partner_type__c",
            "partner_tier__c",
            "is_deleted",
            "_fivetran_deleted",
        ],
    )
    write(
        out / "opportunity.csv",
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
            "sourced_partner__c",
            "reseller_partner__c",
            "lead_source",
            "is_deleted",
            "_fivetran_deleted",
        ],
    )
    write(
        out / "opportunity_partner.csv",
        opportunity_partners,
        [
            "id",
            "opportunity_id",
            "account_to_id",
            "role",
            "is_primary",
            "created_date",
            "is_deleted",
            "_fivetran_deleted",
        ],
    )
    write(
        out / "task.csv",
        tasks,
        [
            "id",
            "partner_account__c",
            "account_id",
            "what_id",
            "type",
            "created_date",
            "direction__c",
            "status__c",
            "is_qualified__c",
            "funded_by__c",
            "amount__c",
            "subject",
            "is_deleted",
            "_fivetran_deleted",
        ],
    )
    write(
        out / "lead.csv",
        leads,
        [
            "id",
            "partner_account__c",
            "converted_account_id",
            "converted_opportunity_id",
            "created_date",
            "lead_source",
            "status",
            "is_qualified__c",
            "company",
            "is_deleted",
            "_fivetran_deleted",
        ],
    )
    write(
        out / "opportunity_history.csv",
        history,
        ["id", "opportunity_id", "stage_name", "amount", "created_date", "is_deleted", "_fivetran_deleted"],
    )
    write(
        out / "dated_conversion_rate.csv",
        rates,
        ["iso_code", "start_date", "conversion_rate", "_fivetran_deleted"],
    )


def hubspot(generic: dict[str, list[dict[str, str]]], out: Path) -> None:
    live = {"_fivetran_deleted": "false", "is_deleted": "false"}
    companies = [
        {
            **live,
            "id": a["account_id"],
            "property_name": a["account_name"],
            "property_industry": a["industry"],
            "property_region": a["region"],
            "property_country": a["country"],
            "property_numberofemployees": a["employee_count"],
            "property_createdate": a["created_at"],
            "property_type": "PROSPECT",
        }
        for a in generic["accounts"]
    ] + [
        {
            **live,
            "id": p["partner_id"],
            "property_name": p["partner_name"],
            "property_region": p["region"],
            "property_createdate": p["joined_at"],
            "property_partner_type": p["partner_type"],
            "property_partner_tier": p["tier"],
            "property_type": "PARTNER",
        }
        for p in generic["partners"]
    ]
    companies.append(
        {
            "id": "CO-DELETED",
            "property_name": "Deleted",
            "property_type": "PROSPECT",
            "_fivetran_deleted": "true",
            "is_deleted": "false",
        }
    )
    stage_ids = {}
    for o in generic["opportunities"]:
        stage_ids.setdefault(o["stage"], f"stage-{len(stage_ids) + 1}")
    stages = [
        {
            "_fivetran_deleted": "false",
            "stage_id": stage_id,
            "label": label,
            "closed_won": "true" if label == "closed_won" else "false",
            "probability": "1.0" if label == "closed_won" else "0.0" if label == "closed_lost" else "0.4",
        }
        for label, stage_id in stage_ids.items()
    ]
    type_names = {"new_business": "newbusiness", "expansion": "existingbusiness", "renewal": "renewal"}
    deals, deal_companies = [], []
    for o in generic["opportunities"]:
        deals.append(
            {
                **live,
                "deal_id": o["opportunity_id"],
                "property_dealname": o["opportunity_name"],
                "property_dealtype": type_names[o["opportunity_type"]],
                "deal_pipeline_stage_id": stage_ids[o["stage"]],
                "property_amount": o["amount"],
                "property_deal_currency_code": o["currency"],
                "property_createdate": o["created_at"],
                # an open deal's close date is only expected: the mapping must ignore it
                "property_closedate": o["closed_at"] or "2026-06-30T00:00:00",
                "property_sourced_partner_company_id": o["sourced_partner_id"],
                "property_reseller_company_id": o["reseller_partner_id"],
            }
        )
        deal_companies.append(
            {
                "_fivetran_deleted": "false",
                "deal_id": o["opportunity_id"],
                "company_id": o["account_id"],
                "type_id": "5",
            }
        )
        if o["reseller_partner_id"]:
            # a partner company on the deal is not its customer
            deal_companies.append(
                {
                    "_fivetran_deleted": "false",
                    "deal_id": o["opportunity_id"],
                    "company_id": o["reseller_partner_id"],
                    "type_id": "341",
                }
            )
    engagements, engagement_companies, engagement_deals = [], [], []
    for a in generic["partner_activities"]:
        engagements.append(
            {
                "_fivetran_deleted": "false",
                "id": a["activity_id"],
                "type": "MEETING",
                "timestamp": a["occurred_at"],
                "activity_type": a["activity_type"],
                "direction": a["direction"],
                "status": a["status"],
                "is_qualified": a["is_qualified"],
                "funded_by": a["funded_by"],
                "amount": a["amount"],
                "notes": a["notes"],
            }
        )
        engagement_companies.append(
            {"_fivetran_deleted": "false", "engagement_id": a["activity_id"], "company_id": a["partner_id"]}
        )
        if a["account_id"]:
            engagement_companies.append(
                {
                    "_fivetran_deleted": "false",
                    "engagement_id": a["activity_id"],
                    "company_id": a["account_id"],
                }
            )
        if a["opportunity_id"]:
            engagement_deals.append(
                {
                    "_fivetran_deleted": "false",
                    "engagement_id": a["activity_id"],
                    "deal_id": a["opportunity_id"],
                }
            )
    first_account = generic["accounts"][0]["account_id"]
    engagements += [
        {"_fivetran_deleted": "false", "id": "ENG-OWN-1", "type": "CALL", "timestamp": "2024-03-01T10:00:00"},
        {
            "_fivetran_deleted": "true",
            "id": "ENG-DEL-1",
            "type": "MEETING",
            "timestamp": "2024-03-01T10:00:00",
            "activity_type": "referral",
        },
    ]
    engagement_companies += [
        {"_fivetran_deleted": "false", "engagement_id": "ENG-OWN-1", "company_id": first_account},
        {
            "_fivetran_deleted": "false",
            "engagement_id": "ENG-DEL-1",
            "company_id": generic["partners"][0]["partner_id"],
        },
    ]
    history = [
        {
            "_fivetran_deleted": "false",
            "deal_id": h["opportunity_id"],
            "name": "dealstage",
            "value": stage_ids.get(h["stage"], h["stage"]),
            "timestamp": h["changed_at"],
        }
        for h in generic["opportunity_stage_history"]
    ] + [
        {
            "_fivetran_deleted": "false",
            "deal_id": generic["opportunities"][0]["opportunity_id"],
            "name": "amount",
            "value": "1",
            "timestamp": "2024-01-01T00:00:00",
        }
    ]
    write(
        out / "company.csv",
        companies,
        [
            "id",
            "property_name",
            "property_industry",
            "property_region",
            "property_country",
            "property_numberofemployees",
            "property_createdate",
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
            "property_dealname",
            "property_dealtype",
            "deal_pipeline_stage_id",
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
    write(
        out / "deal_pipeline_stage.csv",
        stages,
        ["stage_id", "label", "closed_won", "probability", "_fivetran_deleted"],
    )
    write(out / "deal_company.csv", deal_companies, ["deal_id", "company_id", "type_id", "_fivetran_deleted"])
    write(
        out / "engagement.csv",
        engagements,
        [
            "id",
            "type",
            "timestamp",
            "activity_type",
            "direction",
            "status",
            "is_qualified",
            "funded_by",
            "amount",
            "notes",
            "_fivetran_deleted",
        ],
    )
    write(
        out / "engagement_company.csv",
        engagement_companies,
        ["engagement_id", "company_id", "_fivetran_deleted"],
    )
    write(out / "engagement_deal.csv", engagement_deals, ["engagement_id", "deal_id", "_fivetran_deleted"])
    write(
        out / "deal_property_history.csv",
        history,
        ["deal_id", "name", "value", "timestamp", "_fivetran_deleted"],
    )
    write(
        out / "currency_rates.csv", generic["currency_rates"], ["currency", "rate_date", "rate_to_reporting"]
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        generic = generic_scenario(Path(workdir))
    for table, rows in generic.items():
        write(HERE / "generic" / f"{table}.csv", rows, list(TABLE_COLUMNS[table]))
    salesforce(generic, HERE / "salesforce")
    hubspot(generic, HERE / "hubspot")


if __name__ == "__main__":
    main()
