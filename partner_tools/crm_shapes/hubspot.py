"""HubSpot as Fivetran lands it, in the v3 engagement shape and the legacy one."""

from __future__ import annotations

from pathlib import Path

from partner_tools.crm_shapes.generic import SYNCED, write
from partner_tools.crm_shapes.hubspot_portal import (
    COMPANY_TYPE_IDS,
    DEAL_TYPE_IDS,
    ENGAGEMENT_DETAILS,
    ENGAGEMENT_TYPES,
    LEGACY_DETAIL_COLUMNS,
    LEGACY_NOTES,
    OTHER_ENGAGEMENT_TYPES,
    PARTNER_PROPERTIES,
    V3_DETAIL_COLUMNS,
    V3_NOTES,
    hubspot_stages,
    hubspot_vars,
)


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
