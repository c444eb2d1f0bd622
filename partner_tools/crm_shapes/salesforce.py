"""Salesforce as Fivetran lands it, plain and in history mode."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from partner_tools.constants import DEMO_AS_OF_DATE
from partner_tools.crm_shapes.generic import HISTORY_FOREVER, SYNCED, title, write


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
    end of AS_OF, the demo's as-of date (_fivetran_start, _fivetran_end inclusive, _fivetran_active), and
    some records get versions before and after it that the mapping must not read as of AS_OF: an
    opportunity first entered smaller and unsourced, one revised after AS_OF, one deleted after AS_OF
    (still there as of AS_OF), one deleted before it (gone), a partner whose tier changed after AS_OF."""
    as_of_end = datetime.fromisoformat(DEMO_AS_OF_DATE + "T23:59:59")
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
        # revised after AS_OF: today's amount is not AS_OF's
        if index % 8 == 3 and o["is_closed"] == "true":
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
