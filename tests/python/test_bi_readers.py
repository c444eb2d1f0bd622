"""BI readers find the marts wherever dbt built them, and MetricFlow reads the published file.

Installed as a package, the project's layers land in the host's schemas (by default
main_partner_attribution_marts, ...), beside the host's own models. The fast tests build a tiny
warehouse laid out so, with a manifest naming those schemas, and check that partner_tools.publish
copies exactly the package's reader relations under the stable published names (marts, audit,
semantic, dbt_test__audit), and that summary.py and report.py read the warehouse and the
publication alike. The MetricFlow tests parse the real project (its semantic models and metrics),
move every relation to the host's schemas, publish, and query the published file with `mf`:
partner sourcing and reciprocity grouped by a partner's name, and revenue by quarter of close
with no empty quarter for the open deal.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from partner_tools import summary
from partner_tools.check_semantic_layer import CHECKS, Check, compare
from partner_tools.constants import ROOT
from partner_tools.publish import (
    CATALOG,
    STANDALONE,
    layout_from_manifest,
    main,
    metricflow_dir_for,
    publish,
    published_semantic_manifest,
    reader_schemas,
)
from partner_tools.report import queries

MF = ROOT / ".venv-metricflow" / "bin" / "mf"
DBT = str(Path(sys.executable).parent / "dbt")
HOST = "main_partner_attribution_"  # the prefix a host's default generate_schema_name gives the layers

# The reader marts with the columns the semantic models, the summary and the report's headline read.
TABLES = {
    "marts.fct_opportunities": """
        select * from (values
            ('O1', 'A1', timestamp '2025-01-10', timestamp '2025-02-20', 'EMEA', 'new_business', 'direct',
             true, true, true, true, true, false, 1000.0, 41),
            ('O2', 'A2', timestamp '2025-01-15', timestamp '2025-05-02', 'APAC', 'new_business',
             'partner_led', true, false, false, false, false, false, 400.0, 107),
            ('O3', 'A1', timestamp '2025-04-01', null, 'EMEA', 'expansion', 'direct',
             false, false, true, true, false, false, 250.0, null)
        ) as t(opportunity_id, account_id, created_at, closed_at, region, opportunity_type, market_motion,
               is_closed, is_won, is_partner_attached, is_partner_influenced, is_partner_sourced,
               is_sourcing_contested, amount, sales_cycle_days)
    """,
    # the headline figures of the three deals above, as mart_partner_headline holds them
    "marts.mart_partner_headline": """
        select * from (values
            (3, 2.0 / 3, 1250.0 / 1650, 1.0 / 3, 1.0, 1.0, 1.0, 0.0, 0)
        ) as t(opportunities, attached_rate, attached_amount_rate, sourced_rate, sourced_won_amount_rate,
               attached_won_amount_rate, attached_win_rate, not_attached_win_rate,
               sourcing_contested_opportunities)
    """,
    "marts.dim_partners": """
        select * from (values
            ('P1', 'Acme Alliances', 'referral', 'gold', 'EMEA', 'direct'),
            ('P2', 'Borealis Resale', 'reseller', 'silver', 'APAC', 'partner_led')
        ) as t(partner_id, partner_name, partner_type, tier, region, market_motion)
    """,
    "marts.mart_partner_scorecard_quarterly": """
        select * from (values
            ('P1', 2025, 1, date '2025-01-01', 'sources', 100.0, 1000.0, 1, 2),
            ('P1', 2025, 2, date '2025-04-01', 'sources', 0.0, 0.0, 2, 1),
            ('P2', 2025, 1, date '2025-01-01', 'resells', 50.0, 0.0, 4, 0)
        ) as t(partner_id, fiscal_year, fiscal_quarter, fiscal_quarter_start_date, role_label, mdf_spend,
               mdf_influenced_revenue, referrals_given, sourced_opportunities)
    """,
    "marts.mart_partner_scorecard": """
        select * from (values
            ('P1', 'Acme Alliances', 'referral', 'gold', 'EMEA', 'sources', 2, 3, 1, 1000.0, 1000.0, 1.0,
             100.0, 10.0, 3, 1.0),
            ('P2', 'Borealis Resale', 'reseller', 'silver', 'APAC', 'resells', 0, 0, 0, 0.0, 0.0, null,
             50.0, 0.0, 4, null)
        ) as t(partner_id, partner_name, partner_type, tier, partner_region, role_label,
               attached_opportunities, sourced_opportunities, attached_won_opportunities,
               attached_won_amount, sourced_won_amount, partner_win_rate, mdf_spend, mdf_return,
               referrals_given, give_get_ratio)
    """,
    "audit.rejected_rows": "select 'partners' as source_table, 'P9' as record_key, 'unknown tier' as reason",
    "semantic.sem_partner_attribution": """
        select * from (values
            ('O1|P1|linear', 'O1', 'P1', 'linear', 1.0, 1000.0, 1000.0,
             timestamp '2025-01-10', timestamp '2025-02-20', true),
            ('O3|P1|linear', 'O3', 'P1', 'linear', 1.0, 250.0, 0.0, timestamp '2025-04-01', null, false)
        ) as t(attribution_key, opportunity_id, partner_id, attribution_model, weight, attributed_pipeline,
               attributed_revenue, created_at, closed_at, is_won)
    """,
    "semantic.metricflow_time_spine": (
        "select cast(range as date) as date_day"
        " from range(date '2024-01-01', date '2027-01-01', interval 1 day)"
    ),
    "dbt_test__audit.rejected_rows_are_reported": "select 'partners' as source_table, 1 as rejected",
}
# what a host adds: its own models and stored test failures, which are not the package's to publish
HOST_TABLES = {
    "main.customers": "select 1 as customer_id",
    "main_dbt_test__audit.host_test_failures": "select 1 as failures",
    f"{HOST}validated.val_crm__partners": "select 'P1' as partner_id",
}


def host_schema(layer: str) -> str:
    return "main_dbt_test__audit" if layer == "dbt_test__audit" else HOST + layer


def make_warehouse(path: Path, schema_of=host_schema) -> None:
    """The reader tables in the schemas schema_of names, and the host's own tables beside them."""
    tables = {f"{schema_of(name.split('.')[0])}.{name.split('.')[1]}": sql for name, sql in TABLES.items()}
    with duckdb.connect(str(path)) as connection:
        for relation, sql in {**tables, **HOST_TABLES}.items():
            schema, name = relation.split(".")
            connection.execute(f'create schema if not exists "{schema}"')
            connection.execute(f'create table "{schema}"."{name}" as {sql}')


def node(resource_type: str, fqn: list[str], schema: str, **config) -> dict:
    """A manifest node of package fqn[0], aliased as it is named."""
    return {
        "package_name": fqn[0],
        "resource_type": resource_type,
        "fqn": fqn,
        "name": fqn[-1],
        "database": "host",
        "schema": schema,
        "alias": fqn[-1],
        "config": {"materialized": "table", **config},
    }


def host_manifest() -> dict:
    """The nodes of a host's manifest that matter here: the package's, the host's, and the rest."""
    package = "partner_attribution"
    nodes = [
        node("model", ["host", "customers"], "main"),
        node("test", ["host", "host_test_failures"], "main_dbt_test__audit"),
        node("model", [package, "validated", "val_crm__partners"], f"{HOST}validated"),
        node("model", [package, "marts", "int_helper"], f"{HOST}marts", materialized="ephemeral"),
        node("test", [package, "rejected_rows_are_reported"], "main_dbt_test__audit", store_failures=True),
        # stores no failures: no table, nothing published
        node("test", [package, "not_null_x"], "main_dbt_test__audit"),
    ]
    for relation in TABLES:
        layer, name = relation.split(".")
        if layer != "dbt_test__audit":
            nodes.append(node("model", [package, layer, name], host_schema(layer)))
    return {"nodes": {f"{n['resource_type']}.{n['package_name']}.{n['name']}": n for n in nodes}}


def run_publish(warehouse: Path, published: Path, *options: str) -> int:
    """partner_tools.publish's command line."""
    return main(["--warehouse", str(warehouse), "--published", str(published), *options])


@pytest.fixture
def host_build(tmp_path: Path) -> tuple[Path, Path]:
    """A warehouse as a host project built it, and that build's target directory."""
    warehouse, target = tmp_path / "host.duckdb", tmp_path / "target"
    make_warehouse(warehouse)
    target.mkdir()
    (target / "manifest.json").write_text(json.dumps(host_manifest()))
    return warehouse, target


def relations(path: Path) -> dict[str, list[tuple]]:
    """Every table of a DuckDB file outside main, with its rows."""
    with duckdb.connect(str(path), read_only=True) as connection:
        names = connection.sql(
            "select table_schema || '.' || table_name from information_schema.tables"
            " where table_schema != 'main' order by 1"
        ).fetchall()
        return {name: sorted(connection.sql(f"from {name}").fetchall()) for (name,) in names}


def test_publish_finds_the_marts_where_the_manifest_says(host_build, tmp_path: Path, capsys):
    warehouse, target = host_build
    published = tmp_path / "published.duckdb"
    assert run_publish(warehouse, published, "--target-path", str(target)) == 0
    assert "published 9 tables of host.duckdb" in capsys.readouterr().out

    # the package's reader relations, under the published names; not the host's, not staging
    copied = relations(published)
    assert sorted(copied) == sorted(TABLES)
    source = relations(warehouse)
    for name, rows in copied.items():
        layer, table = name.split(".")
        assert rows == source[f"{host_schema(layer)}.{table}"] and rows, name
    with duckdb.connect(str(published), read_only=True) as connection:
        recorded = connection.sql("select relation, row_count from main.publication order by 1").fetchall()
    assert recorded == [(name, len(rows)) for name, rows in sorted(copied.items())]
    # no semantic_manifest.json in the target: no MetricFlow project
    assert not metricflow_dir_for(published).exists()


def test_a_standalone_warehouse_publishes_the_same_by_its_manifest_or_without(tmp_path: Path):
    """Standalone, the schemas are the layers' own names: the manifest and the defaults agree."""
    warehouse = tmp_path / "standalone.duckdb"
    make_warehouse(warehouse, schema_of=lambda layer: layer)
    manifest = host_manifest()
    for each in manifest["nodes"].values():
        each["schema"] = each["schema"].removeprefix("main_").removeprefix("partner_attribution_")
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    by_manifest, by_default = tmp_path / "by_manifest.duckdb", tmp_path / "by_default.duckdb"
    assert run_publish(warehouse, by_manifest, "--target-path", str(tmp_path)) == 0
    publish(warehouse, by_default)  # the standalone names, each layer's schema copied whole
    assert relations(by_manifest) == relations(by_default)
    assert sorted(relations(by_manifest)) == sorted(TABLES)


def test_without_the_manifest_a_host_warehouse_is_not_guessed(host_build, tmp_path: Path):
    warehouse, _ = host_build
    published = tmp_path / "published.duckdb"
    with pytest.raises(SystemExit, match=r"has no marts \(schema marts, from the standalone schema names\)"):
        publish(warehouse, published)
    with pytest.raises(SystemExit, match=r"has no marts \(schema marts, from --schema\).*--target-path"):
        run_publish(warehouse, published, "--schema", "marts=marts")
    assert not published.exists()


def test_schema_flags_publish_only_the_layers_they_name(host_build, tmp_path: Path):
    warehouse, _ = host_build
    published = tmp_path / "published.duckdb"
    assert run_publish(warehouse, published, "--schema", f"marts={HOST}marts") == 0
    assert sorted(relations(published)) == sorted(name for name in TABLES if name.startswith("marts."))
    with pytest.raises(SystemExit, match="LAYER=SCHEMA"):
        main(["--warehouse", str(warehouse), "--schema", "mart=x"])


def test_summary_and_report_read_a_host_warehouse_and_its_publication(host_build, tmp_path: Path):
    warehouse, target = host_build
    layout = layout_from_manifest(target / "manifest.json")
    printed = summary.summarise(warehouse, layout)
    assert "opportunities (as of the run's as_of_date): 3" in printed
    assert "win rate:              100.0% with a partner attached vs 0.0% without" in printed
    assert f"see {HOST}audit.rejected_rows" in printed and f"from {HOST}marts.fct_opportunities" in printed
    with pytest.raises(SystemExit, match="has no mart_partner_headline"):
        summary.summarise(warehouse, STANDALONE)

    published = tmp_path / "published.duckdb"
    run_publish(warehouse, published, "--target-path", str(target))
    # a published file is read by the published names, whatever layout is asked for
    assert summary.summarise(published, layout).replace(str(published), "") == printed.replace(
        str(warehouse), ""
    ).replace(HOST, "")
    for path in (warehouse, published):
        marts = queries.load(path, layout)
        assert marts.headline["opportunities"] == 3 and marts.scorecard["partner_name"].tolist()
        assert "mart_partner_attach" in marts.missing and "fct_opportunities" not in marts.missing
        assert "mart_partner_headline" not in marts.missing and marts.headline["attached_win_rate"] == 1.0
    with duckdb.connect(str(published), read_only=True) as connection:
        assert reader_schemas(connection, layout)[("marts", "fct_opportunities")] == "marts"


def test_the_published_semantic_manifest_points_at_the_published_layout(host_build):
    _, target = host_build
    layout = layout_from_manifest(target / "manifest.json")

    def relation(schema: str, alias: str) -> dict:
        return {"database": "host", "schema_name": schema, "alias": alias, "relation_name": "x"}

    def metric(name: str, *measures: str) -> dict:
        return {"name": name, "type_params": {"input_measures": [{"name": m} for m in measures]}}

    semantic = {
        "semantic_models": [
            {
                "name": "partners",
                "node_relation": relation(f"{HOST}marts", "dim_partners"),
                "measures": [{"name": "partner_count"}],
            },
            {
                "name": "customers",
                "node_relation": relation("main", "customers"),
                "measures": [{"name": "customer_count"}],
            },
        ],
        "metrics": [
            metric("partners", "partner_count"),
            metric("customers", "customer_count"),
            metric("partners_per_customer", "partner_count", "customer_count"),
        ],
        "saved_queries": [{"name": "q", "query_params": {"metrics": ["customers"]}}],
        "project_configuration": {
            "time_spines": [{"node_relation": relation(f"{HOST}semantic", "metricflow_time_spine")}]
        },
    }
    published = published_semantic_manifest(semantic, layout, [name for name in TABLES])
    assert [model["name"] for model in published["semantic_models"]] == ["partners"]
    assert published["semantic_models"][0]["node_relation"] == {
        "database": CATALOG,
        "schema_name": "marts",
        "alias": "dim_partners",
        "relation_name": '"partner_attribution"."marts"."dim_partners"',
    }
    assert [each["name"] for each in published["metrics"]] == ["partners"]
    assert published["saved_queries"] == []
    spine = published["project_configuration"]["time_spines"][0]["node_relation"]
    assert (spine["database"], spine["schema_name"]) == (CATALOG, "semantic")
    with pytest.raises(ValueError, match="time spine"):
        published_semantic_manifest(semantic, layout, ["marts.dim_partners"])


def test_checks_compare_groups_of_several_dimensions():
    check = Check("by name and model", ("revenue",), ("partner__partner_name", "model"), "")
    answer = [{"partner__partner_name": "Acme", "model": "linear", "revenue": "10.0"}]
    assert compare(check, answer, [("Acme", "linear", 10)]) == []
    assert compare(check, answer, [("Acme", "linear", 11)]) == [
        "revenue for Acme/linear: MetricFlow 10.0, SQL 11.0"
    ]
    assert compare(check, answer, [("Acme", "first_touch", 10)])[0].startswith("groups differ")
    assert any("partner__partner_name" in each.group_by for each in CHECKS)


# ---------------------------------------------------------------- MetricFlow on the published file


@pytest.fixture(scope="module")
def published_from_a_host(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project parsed, its relations moved to a host's schemas, built small and published."""
    if not MF.exists():
        pytest.skip(f"no MetricFlow at {MF}: python3 scripts/tasks.py setup --metricflow")
    directory = tmp_path_factory.mktemp("host_semantic_layer")
    target, warehouse = directory / "target", directory / "host.duckdb"
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "DUCKDB_PATH": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_TARGET": "lint",
    }
    parse = [DBT, "parse", "--quiet", "--target-path", str(target), "--log-path", str(directory / "logs")]
    parsed = subprocess.run(parse, cwd=ROOT, env=env, capture_output=True, text=True)
    assert parsed.returncode == 0, parsed.stdout[-3000:] + parsed.stderr[-3000:]

    def moved(schema: str) -> str:
        return schema if schema == "main" else host_schema(schema)

    manifest = json.loads((target / "manifest.json").read_text())
    for each in manifest["nodes"].values():
        each["database"], each["schema"] = "host", moved(each["schema"])
    (target / "manifest.json").write_text(json.dumps(manifest))
    semantic = json.loads((target / "semantic_manifest.json").read_text())
    relations_of = [model["node_relation"] for model in semantic["semantic_models"]]
    relations_of += [spine["node_relation"] for spine in semantic["project_configuration"]["time_spines"]]
    for relation in relations_of:
        relation.update(database="host", schema_name=moved(relation["schema_name"]), relation_name="moved")
    (target / "semantic_manifest.json").write_text(json.dumps(semantic))

    make_warehouse(warehouse)
    published = directory / "published.duckdb"
    assert run_publish(warehouse, published, "--target-path", str(target)) == 0
    return published


def mf_query(published: Path, *arguments: str) -> list[dict[str, str]]:
    """`mf query` in the publication's MetricFlow project, as the README says to run it."""
    project = metricflow_dir_for(published)
    out = project / "answer.csv"
    out.unlink(missing_ok=True)
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(project),
        "DBT_PROJECT_DIR": str(project),
        "DBT_TARGET": "published",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
    }
    command = [str(MF), "query", "--quiet", *arguments, "--csv", str(out)]
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_metricflow_groups_partner_measures_by_partner_name_on_the_published_file(published_from_a_host):
    profile = (metricflow_dir_for(published_from_a_host) / "profiles.yml").read_text()
    assert str(published_from_a_host) in profile and "read_only: true" in profile
    rows = mf_query(
        published_from_a_host,
        "--metrics",
        "sourced_opportunities,referrals_given,give_get_ratio,attributed_revenue",
        "--group-by",
        "partner__partner_name",
    )
    answer = {row["partner__partner_name"]: row for row in rows}
    assert sorted(answer) == ["Acme Alliances", "Borealis Resale"]
    acme, borealis = answer["Acme Alliances"], answer["Borealis Resale"]
    assert (int(acme["sourced_opportunities"]), int(acme["referrals_given"])) == (3, 3)
    assert float(acme["give_get_ratio"]) == 1.0 and float(acme["attributed_revenue"]) == 1000.0
    assert (int(borealis["sourced_opportunities"]), int(borealis["referrals_given"])) == (0, 4)
    assert borealis["give_get_ratio"] == ""  # sourced nothing: the ratio is empty, not infinite


def test_metricflow_dates_revenue_by_close_without_an_empty_quarter(published_from_a_host):
    rows = mf_query(
        published_from_a_host,
        "--metrics",
        "won_amount,attached_win_rate,opportunities",
        "--group-by",
        "metric_time__quarter",
        "--order",
        "metric_time__quarter",
    )
    by_quarter = {row["metric_time__quarter"][:10]: row for row in rows}
    # O1 (won) closed in Q1 and O2 (lost) in Q2; O3 is open: no row without a quarter
    assert sorted(by_quarter) == ["2025-01-01", "2025-04-01"]
    q1, q2 = by_quarter["2025-01-01"], by_quarter["2025-04-01"]
    assert (float(q1["won_amount"]), float(q1["attached_win_rate"]), int(q1["opportunities"])) == (
        1000.0,
        1.0,
        2,
    )
    assert (float(q2["won_amount"]), q2["attached_win_rate"], int(q2["opportunities"])) == (0.0, "", 1)
