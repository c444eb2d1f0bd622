"""HubSpot as Fivetran lands it: the v3 engagements (since May 2023) and the legacy ones, stage
outcomes as deal_pipeline_stage carries them, the rows left out, and the schema route.

data/crm_shapes/hubspot (v3: engagement holds id and type, the per-type tables engagement_call ...
hold the time and the portal's properties) and data/crm_shapes/hubspot_legacy (time and properties
on engagement) hold the scenario of data/crm_shapes/generic (python -m partner_tools.crm_shapes), with the
columns Fivetran lands beside the mapped ones and rows the mapping must leave out. The sales
pipeline has an open stage at 0% and a deleted stage that deals' history still names; every third
deal is in a partner pipeline whose stages are all 0%.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml
from conftest import DbtRun, dbt_runner, marts_differences

SHAPES = Path(__file__).resolve().parents[2] / "data" / "crm_shapes"
DETAILS = ("engagement_call", "engagement_email", "engagement_meeting", "engagement_note", "engagement_task")


def shape_vars(shape: str, raw_data_dir: Path | None = None) -> dict:
    variables = yaml.safe_load((SHAPES / shape / "dbt_vars.yml").read_text())
    return {**variables, "raw_data_dir": str(raw_data_dir or SHAPES / shape)}


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, DbtRun]:
    """dbt build (every model and data test) of the generic export and of both HubSpot shapes."""
    runs = {}
    for shape in ("generic", "hubspot", "hubspot_legacy"):
        directory = tmp_path_factory.mktemp(shape)
        runs[shape] = dbt_runner(directory)(["build"], shape_vars(shape), warehouse_name=f"{shape}.duckdb")
        assert runs[shape].returncode == 0, f"{shape}:\n{runs[shape].output[-3000:]}"
    return runs


EXPECTED_LEFT_OUT = [
    ("company", "CO-DELETED", "deleted"),
    ("company", "CO-MERGED", "deleted"),
    ("deal", "DEAL-DELETED", "deleted"),
    ("deal", "DEAL-RECYCLED", "deleted"),
    ("deal_property_history", "DEAL-DELETED:dealstage:2024-02-01T00:00:00", "history of a deleted deal"),
    ("deal_property_history", "OPP-0000001:amount:2024-01-01T00:00:00", "not a dealstage change"),
    ("deal_property_history", "OPP-0000001:closedate:2024-01-01T00:00:00", "not a dealstage change"),
    ("engagement", "ENG-DEL-1", "deleted"),
    ("engagement", "ENG-OWN-1", "not a partner activity"),
    ("engagement_call", "ENG-OWN-1", "not a partner activity"),
    ("engagement_company", "ACT-00000001:CO-DELETED", "association to nothing"),
    ("engagement_company", "ENG-DEL-1:PRT-0001", "association to nothing"),
    ("engagement_company", "ENG-GONE-1:PRT-0001", "association to nothing"),
    ("engagement_company", "ENG-OWN-1:ACC-000001", "not a partner activity"),
    ("engagement_deal", "ACT-00000001:DEAL-DELETED", "association to nothing"),
    ("engagement_deal", "ENG-OWN-1:OPP-0000001", "not a partner activity"),
    ("engagement_meeting", "ENG-DEL-1", "deleted"),
]


@pytest.mark.parametrize("shape", ["hubspot", "hubspot_legacy"])
def test_both_engagement_shapes_give_the_generic_marts(builds, shape):
    run = builds[shape]
    assert marts_differences(builds["generic"], run) == []
    assert run.query("select count(*) from audit.rejected_rows") == [(0,)]
    # each shape's own route was taken: v3 has no time on engagement, legacy none on its details
    engagement_columns = list(csv_rows(SHAPES / shape / "engagement.csv")[0])
    detail_columns = list(csv_rows(SHAPES / shape / "engagement_note.csv")[0])
    assert ("timestamp" in engagement_columns) == (shape == "hubspot_legacy")
    assert ("property_hs_timestamp" in detail_columns) == (shape == "hubspot")
    assert run.query("select count(*) from conformed.conf_hubspot__partner_activities") == [
        (len(csv_rows(SHAPES / "generic" / "partner_activities.csv")),)
    ]

    # every row of every table lands or is left out with its rule (the build ran the
    # crm_rows_land_or_are_left_out tests); these are the rows left out
    left_out = run.query("select source_table, record_key, left_out_rule from audit.crm_left_out_rows")
    deal_company = [row for row in left_out if row[0] == "deal_company"]
    partner_links = [row for row in deal_company if row[2] == "link to a partner company (no date)"]
    resold = [r for r in csv_rows(SHAPES / "generic" / "opportunities.csv") if r["reseller_partner_id"]]
    assert len(partner_links) == len(resold) > 0
    type_id = ":5" if shape == "hubspot" else ":"  # the legacy association tables have no type_id
    assert sorted(row for row in deal_company if row not in partner_links) == [
        ("deal_company", "DEAL-DELETED:ACC-000001" + type_id, "association to nothing"),
        (
            "deal_company",
            "OPP-0000001:CO-DELETED" + (":341" if shape == "hubspot" else ":"),
            "association to nothing",
        ),
    ]
    expected = EXPECTED_LEFT_OUT + (
        # v3 only: a per-type row whose engagement did not land
        [("engagement_note", "ENG-ORPHAN-1", "engagement not landed")] if shape == "hubspot" else []
    )
    assert sorted(row for row in left_out if row[0] != "deal_company") == sorted(expected)


def test_stage_outcomes_follow_is_closed_not_the_probability(builds, tmp_path: Path):
    run = builds["hubspot"]
    stages = csv_rows(SHAPES / "hubspot" / "deal_pipeline_stage.csv")
    deals = csv_rows(SHAPES / "hubspot" / "deal.csv")
    generic = {r["opportunity_id"]: r for r in csv_rows(SHAPES / "generic" / "opportunities.csv")}
    open_at_zero = {s["stage_id"] for s in stages if s["probability"] == "0.0" and s["is_closed"] == "false"}
    partner_pipeline = {s["stage_id"] for s in stages if s["pipeline_id"] == "partner"}
    assert {s["probability"] for s in stages if s["pipeline_id"] == "partner"} == {"0.0"}
    outcomes = dict(
        run.query(
            "select opportunity_id,"
            " case when closed_at is null then 'open' when is_won then 'won' else 'lost' end"
            " from validated.val_crm__opportunities"
        )
    )

    def expected(opportunity_id: str) -> str:
        row = generic[opportunity_id]
        return "open" if not row["closed_at"] else "won" if row["is_won"] == "true" else "lost"

    # a stage at 0% that is not closed is open, and so is every open deal of the all-0% pipeline
    at_zero = [d["deal_id"] for d in deals if d["deal_pipeline_stage_id"] in open_at_zero]
    assert at_zero and all(outcomes[deal] == "open" for deal in at_zero)
    assert any(d["deal_pipeline_stage_id"] == "qualifiedtobuy" for d in deals)  # in the sales pipeline too
    in_partner_pipeline = [d["deal_id"] for d in deals if d["deal_pipeline_stage_id"] in partner_pipeline]
    assert {expected(deal) for deal in in_partner_pipeline} == {"open", "won", "lost"}
    assert all(outcomes[deal] == expected(deal) for deal in in_partner_pipeline)
    # the deleted stage still names the dealstage changes into it
    deleted_stage = next(s for s in stages if s["_fivetran_deleted"] == "true")
    into_deleted = (
        "select count(*) from validated.val_crm__opportunity_stage_history"
        f" where stage = '{deleted_stage['label']}'"
    )
    assert run.query(into_deleted) == builds["generic"].query(into_deleted) != [(0,)]

    # an older landing without is_closed keeps the rule before it (a 0% stage is lost), and a deal
    # still on a deleted stage takes its label and outcome
    older = tmp_path / "hubspot"
    shutil.copytree(SHAPES / "hubspot", older)
    write_rows(older / "deal_pipeline_stage.csv", stages, [c for c in stages[0] if c != "is_closed"])
    moved = next(d for d in deals if d["deal_pipeline_stage_id"] == "presentationscheduled")
    moved["deal_pipeline_stage_id"] = deleted_stage["stage_id"]
    write_rows(older / "deal.csv", deals, list(deals[0]))
    rerun = dbt_runner(tmp_path)(
        ["run", "--select", "+conf_hubspot__opportunities"],
        shape_vars("hubspot", older),
        warehouse_name="older.duckdb",
    )
    assert rerun.returncode == 0, rerun.output[-3000:]
    assert "not found, read as empty (optional): deal_pipeline_stage.is_closed" in rerun.output
    older_outcomes = dict(
        rerun.query(
            "select opportunity_id, case when closed_at is null then 'open' when is_won = 'true' then 'won'"
            " else 'lost' end from conformed.conf_hubspot__opportunities"
        )
    )
    assert all(older_outcomes[deal] == "lost" for deal in at_zero)
    assert rerun.query(
        "select stage, closed_at from conformed.conf_hubspot__opportunities"
        f" where opportunity_id = '{moved['deal_id']}'"
    ) == [(deleted_stage["label"], None)]


def test_v3_tables_landed_typed_in_a_schema(builds, tmp_path: Path):
    """The connector's schema, typed as a warehouse types each column (booleans, timestamps, numbers),
    every column Fivetran lands included: read where it is, no file loaded."""
    warehouse = tmp_path / "landed.duckdb"
    shutil.copy(builds["hubspot"].warehouse, warehouse)
    run_dbt = dbt_runner(tmp_path)
    landed = {**shape_vars("hubspot"), "raw_data_dir": "", "hubspot_schema": "fivetran_hubspot"}
    tables = sorted(path.stem for path in (SHAPES / "hubspot").glob("*.csv"))
    assert set(DETAILS) <= set(tables)
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("create schema fivetran_hubspot")
        for table in tables:
            connection.execute(
                f"create table fivetran_hubspot.{table} as"
                f" select * from read_csv('{SHAPES / 'hubspot' / table}.csv')"
            )
        describe = "select column_name, column_type from (describe fivetran_hubspot.{})"
        stage_types = dict(connection.execute(describe.format("deal_pipeline_stage")).fetchall())
        call_types = dict(connection.execute(describe.format("engagement_call")).fetchall())
    assert stage_types["is_closed"] == "BOOLEAN" and stage_types["probability"] == "DOUBLE"
    assert call_types["property_hs_timestamp"] == "TIMESTAMP"
    typed = run_dbt(["build"], landed, warehouse_name=warehouse.name)
    assert typed.returncode == 0, typed.output[-3000:]
    assert marts_differences(builds["generic"], typed) == []
    assert typed.query("select count(*) from audit.rejected_rows") == [(0,)]

    # v3 without any per-type table: the engagements' time is nowhere, and the run says so
    with duckdb.connect(str(warehouse)) as connection:
        for table in DETAILS:
            connection.execute(f"drop table fivetran_hubspot.{table}")
    broken = run_dbt(
        ["run", "--select", "+conf_hubspot__partner_activities"], landed, warehouse_name=warehouse.name
    )
    assert broken.returncode != 0
    assert "The HubSpot engagement table has no field timestamp" in broken.output, broken.output[-2000:]
    assert "none of them is landed" in broken.output
