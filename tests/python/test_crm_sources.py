"""The Salesforce and HubSpot shapes (as Fivetran lands them) give the same marts as the generic export.

data/crm_shapes holds one business scenario three times (python -m partner_tools.crm_shapes): as the
generic export, as Salesforce's and as HubSpot's tables, the connector shapes with rows that are
not partner data beside it (deleted rows, the sales team's own tasks and engagements, leads that
are not registrations). Building each must give every mart table row for row the same.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml
from conftest import marts_differences

SHAPES = Path(__file__).resolve().parents[2] / "data" / "crm_shapes"
# each directory's dbt_vars.yml reads it as its shape (the connector fixtures keep the activity
# fields a real org would hold in custom fields under names given there)
SHAPE_VARS = {
    shape: yaml.safe_load((SHAPES / shape / "dbt_vars.yml").read_text())
    for shape in ("generic", "salesforce", "salesforce_history", "hubspot")
}


def shape_vars(shape: str, raw_data_dir: Path | None = None) -> dict:
    return {**SHAPE_VARS[shape], "raw_data_dir": str(raw_data_dir or SHAPES / shape)}


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def append_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        columns = next(csv.reader(handle))
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})


def test_the_three_shapes_give_the_same_marts(run_dbt):
    runs = {}
    for shape in SHAPE_VARS:
        runs[shape] = run_dbt(["build"], shape_vars(shape), warehouse_name=f"{shape}.duckdb")
        assert runs[shape].returncode == 0, f"{shape}:\n{runs[shape].output[-3000:]}"
    # tables a connector already landed, typed as a connector types them: HubSpot's warehouse built
    # again from its tables where they are, no file read, the optional deal_property_history
    # missing; its marts are compared below
    with duckdb.connect(str(runs["hubspot"].warehouse)) as connection:
        connection.execute("create schema fivetran_hubspot")
        for table in (
            "company",
            "deal",
            "deal_company",
            "engagement",
            "engagement_company",
            "engagement_deal",
        ):
            connection.execute(f"create table fivetran_hubspot.{table} as select * from raw.{table}")
        connection.execute(
            "create table fivetran_hubspot.deal_pipeline_stage as select stage_id, label,"
            " cast(is_closed as boolean) as is_closed, cast(closed_won as boolean) as closed_won,"
            " cast(probability as double) as probability from raw.deal_pipeline_stage"
        )
        connection.execute(
            "create or replace table fivetran_hubspot.deal as select * replace ("
            " cast(property_amount as decimal(18, 2)) as property_amount,"
            " cast(property_createdate as timestamp) as property_createdate,"
            " cast(property_closedate as timestamp) as property_closedate,"
            " cast(is_deleted as boolean) as is_deleted,"
            " cast(_fivetran_deleted as boolean) as _fivetran_deleted)"
            " from fivetran_hubspot.deal"
        )
        # v3 engagements: the time and the properties on the per-type tables
        for table in ("call", "email", "meeting", "note", "task"):
            connection.execute(
                f"create table fivetran_hubspot.engagement_{table} as select * replace ("
                " cast(property_hs_timestamp as timestamp) as property_hs_timestamp,"
                " cast(property_partner_amount as double) as property_partner_amount,"
                f" cast(_fivetran_deleted as boolean) as _fivetran_deleted) from raw.engagement_{table}"
            )
        connection.execute("create table fivetran_hubspot.currency_rates as select * from raw.currency_rates")
    landed = {**shape_vars("hubspot"), "raw_data_dir": "", "hubspot_schema": "fivetran_hubspot"}
    run = run_dbt(["build"], landed, warehouse_name="hubspot.duckdb")
    assert run.returncode == 0, run.output[-3000:]

    for shape in [shape for shape in SHAPE_VARS if shape != "generic"]:
        assert marts_differences(runs["generic"], runs[shape]) == [], shape
        # nothing rejected either side: the scenario is clean, and the connector's other rows
        # (deleted ones, the sales team's own work) are left out rather than rejected
        assert runs[shape].query("select count(*) from audit.rejected_rows") == [(0,)], shape
    assert runs["generic"].query("select count(*) from audit.rejected_rows") == [(0,)]

    # each connector path was really taken: resale from opportunity_partner (a reseller of
    # record known only as the primary partner), registrations from leads, noise left out
    generic = runs["generic"]
    [(partner_activities,)] = generic.query("select count(*) from validated.val_crm__partner_activities")
    assert partner_activities == len(csv_rows(SHAPES / "generic" / "partner_activities.csv"))
    opportunity_partners = csv_rows(SHAPES / "salesforce" / "opportunity_partner.csv")
    assert any(row["is_primary"] == "true" for row in opportunity_partners)
    assert all(
        row["reseller_partner_c"] == ""
        for row in csv_rows(SHAPES / "salesforce" / "opportunity.csv")
        if row["id"] in {p["opportunity_id"] for p in opportunity_partners if p["is_primary"] == "true"}
    )
    sf_rows = sum(
        len(csv_rows(SHAPES / "salesforce" / name))
        for name in ("task.csv", "lead.csv", "opportunity_partner.csv")
    )
    assert sf_rows > partner_activities  # the fixture carries rows the mapping must leave out


def test_connector_values_that_cannot_be_used_are_rejected_with_reasons(run_dbt, tmp_path: Path):
    salesforce = tmp_path / "salesforce"
    shutil.copytree(SHAPES / "salesforce", salesforce)
    account = csv_rows(SHAPES / "salesforce" / "account.csv")[0]["id"]
    partner = next(
        r["id"] for r in csv_rows(SHAPES / "salesforce" / "account.csv") if r["is_partner"] == "true"
    )
    opportunity = csv_rows(SHAPES / "salesforce" / "opportunity.csv")[0]["id"]
    live = {"is_deleted": "false"}
    base_opportunity = {
        **live,
        "account_id": account,
        "type": "New Business",
        "amount": "100",
        "created_date": "2024-01-01T00:00:00",
        "is_closed": "false",
        "is_won": "false",
    }
    append_rows(
        salesforce / "opportunity.csv",
        [
            {**base_opportunity, "id": "SF-BAD-CLOSED", "is_closed": "maybe"},
            {**base_opportunity, "id": "SF-BAD-TYPE", "type": "Upsell"},
        ],
    )
    append_rows(
        salesforce / "opportunity_partner.csv",
        [
            {
                **live,
                "id": "SF-BAD-ROLE",
                "opportunity_id": opportunity,
                "account_to_id": partner,
                "role": "Referrer",
                "is_primary": "false",
                "created_date": "2024-01-01T00:00:00",
            },
        ],
    )
    append_rows(
        salesforce / "lead.csv",
        [
            {
                **live,
                "id": "SF-BAD-STATUS",
                "partner_account_c": partner,
                "converted_account_id": account,
                "created_date": "2024-01-01T00:00:00",
                "lead_source": "Partner Deal Registration",
                "status": "Pending Review",
            },
        ],
    )
    run = run_dbt(["build"], shape_vars("salesforce", salesforce), warehouse_name="salesforce.duckdb")
    assert run.returncode == 0, run.output[-3000:]
    assert sorted(run.query("select record_key, reason from audit.rejected_rows")) == [
        ("SF-BAD-CLOSED", "invalid boolean in is_closed"),
        ("SF-BAD-ROLE", "unknown activity_type"),
        ("SF-BAD-STATUS", "unknown status"),
        ("SF-BAD-TYPE", "unknown opportunity_type"),
    ]

    # the legacy engagement shape, whose engagement rows carry their time (test_hubspot_shapes.py
    # builds the v3 shape)
    hubspot = tmp_path / "hubspot"
    shutil.copytree(SHAPES / "hubspot_legacy", hubspot)
    companies = csv_rows(SHAPES / "hubspot_legacy" / "company.csv")
    customers = [r["id"] for r in companies if r["property_type"] == "PROSPECT"][:2]
    partner = next(r["id"] for r in companies if r["property_type"] == "PARTNER")
    stage = csv_rows(SHAPES / "hubspot_legacy" / "deal_pipeline_stage.csv")[0]["stage_id"]
    live = {"_fivetran_deleted": "false", "is_deleted": "false"}
    base_deal = {
        **live,
        "property_dealtype": "newbusiness",
        "deal_pipeline_stage_id": stage,
        "property_amount": "100",
        "property_createdate": "2024-01-01T00:00:00",
    }
    append_rows(
        hubspot / "deal.csv",
        [
            {**base_deal, "deal_id": "HS-BAD-STAGE", "deal_pipeline_stage_id": "no-such-stage"},
            {**base_deal, "deal_id": "HS-TWO-CUSTOMERS"},
            {**base_deal, "deal_id": "HS-NO-COMPANY"},
        ],
    )
    append_rows(
        hubspot / "deal_company.csv",
        [
            {
                "_fivetran_deleted": "false",
                "deal_id": "HS-BAD-STAGE",
                "company_id": customers[0],
                "type_id": "5",
            },
            {
                "_fivetran_deleted": "false",
                "deal_id": "HS-TWO-CUSTOMERS",
                "company_id": customers[0],
                "type_id": "341",
            },
            {
                "_fivetran_deleted": "false",
                "deal_id": "HS-TWO-CUSTOMERS",
                "company_id": customers[1],
                "type_id": "341",
            },
        ],
    )
    append_rows(
        hubspot / "engagement.csv",
        [
            {
                "_fivetran_deleted": "false",
                "id": "HS-BAD-TYPE",
                "type": "WHATSAPP",
                "timestamp": "2024-01-01T00:00:00",
            },
            # one meeting with a partner about two deals: a touch on each
            {"id": "HS-TWO-DEALS", "type": "MEETING", "timestamp": "2024-01-01T00:00:00"},
        ],
    )
    append_rows(
        hubspot / "engagement_company.csv",
        [
            {"_fivetran_deleted": "false", "engagement_id": "HS-BAD-TYPE", "company_id": partner},
            {"_fivetran_deleted": "false", "engagement_id": "HS-BAD-TYPE", "company_id": customers[0]},
            {"engagement_id": "HS-TWO-DEALS", "company_id": partner},
        ],
    )
    two_deals = sorted(row["deal_id"] for row in csv_rows(SHAPES / "hubspot_legacy" / "deal.csv")[:2])
    append_rows(
        hubspot / "engagement_deal.csv",
        [{"engagement_id": "HS-TWO-DEALS", "deal_id": deal} for deal in two_deals],
    )
    # the stages whose is_closed, closed_won and probability mislead, given their outcome by the var
    negotiation = [
        row["stage_id"]
        for row in csv_rows(SHAPES / "hubspot_legacy" / "deal_pipeline_stage.csv")
        if row["label"] == "negotiation"
    ]
    overridden = {
        **yaml.safe_load((SHAPES / "hubspot_legacy" / "dbt_vars.yml").read_text()),
        "raw_data_dir": str(hubspot),
        "hubspot_stage_outcomes": dict.fromkeys(negotiation, "lost"),
    }
    run = run_dbt(["build"], overridden, warehouse_name="hubspot.duckdb")
    assert run.returncode == 0, run.output[-3000:]
    negotiation_deals = [
        row["deal_id"]
        for row in csv_rows(SHAPES / "hubspot_legacy" / "deal.csv")
        if row["deal_pipeline_stage_id"] in negotiation
    ]
    assert negotiation_deals
    assert run.query(
        "select count(*), count(closed_at), count(case when not is_won then 1 end)"
        " from validated.val_crm__opportunities where stage = 'negotiation'"
    ) == [(len(negotiation_deals),) * 3]
    assert run.query(
        "select activity_id, partner_id, opportunity_id, activity_type"
        " from validated.val_crm__partner_activities"
        " where activity_id like 'HS-TWO-DEALS%' order by activity_id"
    ) == [(f"HS-TWO-DEALS:{partner}:{deal}", partner, deal, "co_sell_meeting") for deal in two_deals]
    assert sorted(run.query("select record_key, reason from audit.rejected_rows")) == [
        ("HS-BAD-STAGE", "unknown deal_pipeline_stage_id"),
        ("HS-BAD-TYPE", "unknown activity_type"),
        ("HS-NO-COMPANY", "missing account_id"),
        ("HS-TWO-CUSTOMERS", "several customer companies, no single primary; missing account_id"),
    ]


@pytest.mark.parametrize(
    ("shape", "extra", "message"),
    [
        ("generic", {"crm_source": "pipedrive"}, "The var crm_source is 'pipedrive'; use generic"),
        (
            "salesforce",
            {"salesforce_fields": {"opportunity.partner": "partner__c"}},
            "has the key 'opportunity.partner', which is not a field of the salesforce mapping",
        ),
        (
            "salesforce",
            {"salesforce_fields": {"opportunity.amount": 5}},
            "gives 'opportunity.amount' the value 5; write a column name",
        ),
        (
            "salesforce",
            {"salesforce_opportunity_type_map": ["New Business"]},
            "a value map must be a mapping of CRM value",
        ),
        (
            "hubspot",
            {"hubspot_partner_company_values": "PARTNER"},
            "hubspot_partner_company_values must be a",
        ),
        ("hubspot", {"hubspot_stage_outcomes": {"closedwon": "done"}}, "use won, lost or open"),
        (
            "salesforce",
            {"salesforce_fields": {"activity.partner_id": None}},
            "maps 'activity.partner_id' to null, but the salesforce mapping cannot do without that field",
        ),
    ],
    ids=[
        "crm_source",
        "unknown_field_key",
        "field_not_a_name",
        "value_map_not_a_map",
        "values_not_a_list",
        "stage_outcome",
        "required_field_null",
    ],
)
def test_bad_connector_configuration_stops_at_parse_time(run_dbt, shape, extra, message):
    run = run_dbt(["parse", "--no-partial-parse"], {**shape_vars(shape), **extra})
    assert run.returncode != 0
    assert message in run.output, run.output[-2000:]


def without_column(path: Path, column: str) -> None:
    rows = csv_rows(path)
    columns = [name for name in rows[0] if name != column]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def test_a_connector_table_missing_a_mapped_field_stops_the_run_naming_it(run_dbt, tmp_path: Path):
    salesforce = tmp_path / "salesforce"
    shutil.copytree(SHAPES / "salesforce", salesforce)
    without_column(salesforce / "opportunity.csv", "stage_name")
    run = run_dbt(
        ["run", "--select", "+conf_salesforce__opportunities"], shape_vars("salesforce", salesforce)
    )
    assert run.returncode != 0
    assert "The raw file for table opportunity" in run.output
    assert "lacks the column(s) stage_name" in run.output
    # a field the org names differently, or does not have, is one var away
    renamed = shape_vars("salesforce", salesforce)
    renamed["salesforce_fields"] = {**renamed["salesforce_fields"], "opportunity.stage": None}
    run = run_dbt(["run", "--select", "+conf_salesforce__opportunities"], renamed)
    assert run.returncode == 0, run.output[-2000:]


def test_optional_connector_fields_are_detected(run_dbt, tmp_path: Path):
    """A custom field or a deletion flag the org does not have reads as empty, and the run says so;
    one the user named in <crm>_fields must be there."""
    salesforce = tmp_path / "salesforce"
    shutil.copytree(SHAPES / "salesforce", salesforce)
    without_column(salesforce / "opportunity.csv", "sourced_partner_c")
    without_column(salesforce / "task.csv", "is_deleted")
    run = run_dbt(
        ["run", "--select", "+conf_salesforce__opportunities"], shape_vars("salesforce", salesforce)
    )
    assert run.returncode == 0, run.output[-2000:]
    assert "not found, read as empty (optional): opportunity.sourced_partner_c" in run.output
    assert run.query(
        "select count(*) from conformed.conf_salesforce__opportunities where sourced_partner_id is not null"
    ) == [(0,)]
    assert run.query("select count(*) from conformed.conf_salesforce__opportunities") == [
        (sum(row["is_deleted"] == "false" for row in csv_rows(salesforce / "opportunity.csv")),)
    ]
    named = shape_vars("salesforce", salesforce)
    named["salesforce_fields"] = {
        **named["salesforce_fields"],
        "opportunity.sourced_partner_id": "sourced_partner_c",
    }
    run = run_dbt(["run", "--select", "+conf_salesforce__opportunities"], named)
    assert run.returncode != 0
    assert "lacks the column(s) sourced_partner_c" in run.output


def documented_field_map(crm: str) -> dict[str, dict[str, str | None]]:
    """The field map as docs/crm_sources.md's table for `crm` gives it: {table: {column: field}}."""
    text = (SHAPES.parents[1] / "docs" / "crm_sources.md").read_text()
    section = text.split(f"### {crm.title() if crm == 'salesforce' else 'HubSpot'}\n", 1)[1].split("\n#", 1)[
        0
    ]
    fields: dict[str, dict[str, str | None]] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("table", "table (object)") or set(cells[0]) <= {"-"}:
            continue
        table = cells[0].split()[0]
        columns = [column.strip() for column in cells[1].split(",")]
        defaults = columns if cells[2] == "the same" else [field.strip() for field in cells[2].split(",")]
        if len(defaults) == 1:
            defaults = defaults * len(columns)
        assert len(defaults) == len(columns), line
        for column, field in zip(columns, defaults, strict=True):
            fields.setdefault(table, {})[column] = None if field == "null" else field
    return fields


@pytest.mark.parametrize("crm", ["salesforce", "hubspot"])
def test_the_documented_field_map_is_the_one_in_force(run_dbt, crm):
    run = run_dbt(["run-operation", "print_crm_fields", "--args", f"{{crm: {crm}}}"])
    assert run.returncode == 0, run.output[-2000:]
    in_force = json.loads(next(line for line in run.output.splitlines() if line.startswith("{")))
    assert documented_field_map(crm) == in_force
