"""The scripts that take the project to other engines: the raw loader's checks and the mart comparison."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from partner_tools import compare_marts
from partner_tools import load_raw_export as loader
from partner_tools.constants import ROOT

STAGING_RULES = ROOT / "tests" / "fixtures" / "staging_rules"


def test_loader_reads_the_contract_from_the_sources_file():
    tables = {table.name: table for table in loader.raw_tables()}
    assert set(tables) == {
        "accounts",
        "partners",
        "opportunities",
        "opportunity_stage_history",
        "partner_activities",
        "currency_rates",
    }
    assert tables["currency_rates"].optional and not tables["opportunities"].optional
    assert tables["partners"].columns == [
        "partner_id",
        "partner_name",
        "partner_type",
        "tier",
        "region",
        "joined_at",
    ]


def test_loader_exports_declared_columns_as_text():
    tables = {table.name: table for table in loader.raw_tables()}
    with duckdb.connect() as connection:
        text = loader.export_as_text(STAGING_RULES, tables["partners"], connection)
    lines = text.splitlines()
    assert lines[0] == "partner_id,partner_name,partner_type,tier,region,joined_at"
    assert lines[1] == "PRT-1,Referral Co,Referral,gold,APAC,2022-01-01"
    assert len(lines) == 4


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("missing_file", "has no partners.csv or partners.parquet"),
        ("both_formats", "holds both partners.csv and partners.parquet"),
        ("missing_column", "lacks the column(s) partner_type, tier, region, joined_at"),
    ],
)
def test_loader_stops_on_a_bad_export(tmp_path: Path, damage: str, message: str):
    export = tmp_path / "export"
    shutil.copytree(STAGING_RULES, export)
    partners = export / "partners.csv"
    if damage == "missing_file":
        partners.unlink()
    elif damage == "both_formats":
        (export / "partners.parquet").write_bytes(b"")
    else:
        partners.write_text("partner_id,partner_name\nPRT-1,Referral Co\n")
    tables = {table.name: table for table in loader.raw_tables()}
    with duckdb.connect() as connection, pytest.raises(loader.ExportError, match=re.escape(message)):
        loader.export_as_text(export, tables["partners"], connection)


def test_loader_skips_a_missing_optional_table(tmp_path: Path):
    tables = {table.name: table for table in loader.raw_tables()}
    with duckdb.connect() as connection:
        assert loader.export_as_text(tmp_path, tables["currency_rates"], connection) is None


def fake_reader(rows_by_mart: dict[str, list[tuple]]):
    return lambda mart, columns: rows_by_mart[mart]


def partner_attribution_rows(weight: float, revenue: float) -> list[tuple]:
    return [
        ("OPP-1", "P1", "linear", weight, 100.0 * weight, revenue),
        ("OPP-1", "P2", "linear", 0.5, 50.0, 50.0),
    ]


def test_compare_accepts_float_noise_and_rejects_real_differences():
    base = fake_reader({"fct_partner_attribution": partner_attribution_rows(0.5, 50.0)})
    noisy = fake_reader({"fct_partner_attribution": partner_attribution_rows(0.5 + 1e-13, 50.0)})
    wrong = fake_reader({"fct_partner_attribution": partner_attribution_rows(0.5, 49.0)})
    assert compare_marts.compare("fct_partner_attribution", {"a": base, "b": noisy}) == []
    problems = compare_marts.compare("fct_partner_attribution", {"a": base, "b": wrong})
    assert len(problems) == 1 and "attributed_revenue" in problems[0]


def test_compare_reports_missing_and_extra_rows():
    base = fake_reader({"fct_partner_attribution": partner_attribution_rows(0.5, 50.0)})
    fewer = fake_reader({"fct_partner_attribution": partner_attribution_rows(0.5, 50.0)[:1]})
    problems = compare_marts.compare("fct_partner_attribution", {"a": base, "b": fewer})
    assert problems == ["fct_partner_attribution: 1 rows of a not on b: [('OPP-1', 'P2', 'linear')]"]
    problems = compare_marts.compare("fct_partner_attribution", {"a": fewer, "b": base})
    assert len(problems) == 1 and "not on a" in problems[0]


@pytest.mark.parametrize("schema", ["marts", "dbt_ci_partner_attribution_marts"])
def test_spark_reader_reads_a_published_view_from_its_intermediate_table(tmp_path: Path, schema: str):
    """Spark keeps no files for a view: a fct_* view is read from the intermediate table it
    publishes, in the intermediate schema beside the marts'; a table is read from its own files."""
    intermediate = schema.removesuffix("marts") + "intermediate"
    for directory, table, rows in [
        (f"{intermediate}.db/int_partner_attribution_credit", "credit", partner_attribution_rows(0.5, 50.0)),
        (f"{schema}.db/mart_partner_impact", "impact", [("overall",)]),
    ]:
        (tmp_path / directory).mkdir(parents=True)
        with duckdb.connect() as connection:
            values = ", ".join(str(row) for row in rows)
            columns = "(segment)" if table == "impact" else "(a, b, c, d, e, f)"
            connection.execute(f"create table {table} as select * from (values {values}) as v{columns}")
            connection.execute(
                f"copy {table} to '{tmp_path / directory / 'part-0.parquet'}' (format parquet)"
            )
    read = compare_marts.parquet_warehouse_reader(tmp_path, schema)
    assert compare_marts.published_view_source("fct_partner_attribution") == "int_partner_attribution_credit"
    assert compare_marts.published_view_source("mart_partner_impact") is None
    assert sorted(read("fct_partner_attribution", ["a", "b", "f"])) == [
        ("OPP-1", "P1", 50.0),
        ("OPP-1", "P2", 50.0),
    ]
    assert read("mart_partner_impact", ["segment"]) == [("overall",)]
