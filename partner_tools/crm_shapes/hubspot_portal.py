"""What a HubSpot portal holds beside the partner data: its engagement types, association ids,
properties and deal stages, and the dbt vars that map the portal's fields."""

from __future__ import annotations

from pathlib import Path

from partner_tools.constants import DEMO_AS_OF_DATE, ROOT
from partner_tools.crm_shapes.generic import SYNCED

# HubSpot as Fivetran lands it, two ways: "v3" (the connector since May 2023: engagement holds
# id and type, the per-type tables engagement_call ... hold the time and the properties) and
# "legacy" (before: time and properties on engagement). Both carry the columns Fivetran lands
# beside the ones the mapping reads, and rows the mapping must leave out.
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
        f'as_of_date: "{DEMO_AS_OF_DATE}"\n',
        "hubspot_fields:\n",
        *(f"  {key}: {value}\n" for key, value in sorted(fields.items())),
    ]
    (out / "dbt_vars.yml").write_text("".join(lines))
