"""The project installed as a dbt package in a host project (integration_tests/, copied): what a
host's own commands do, and the clear errors a host gets. The full build of the package in the
host, compared with the standalone build, is a CI step (scripts/tasks.py test)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from conftest import DBT, ROOT

HOST = ROOT / "integration_tests"


def host_copy(directory: Path, clashing_model: str | None = None) -> Path:
    """integration_tests/ copied into directory, installing the package from this repository; with a
    host model named clashing_model too."""
    host = directory / "host"
    shutil.copytree(HOST, host, ignore=shutil.ignore_patterns("target", "dbt_packages", "logs", "scripts"))
    (host / "packages.yml").write_text(f"packages:\n  - local: {ROOT}\n")
    project = (host / "dbt_project.yml").read_text().replace("../data/demo", str(ROOT / "data" / "demo"))
    (host / "dbt_project.yml").write_text(project)
    if clashing_model:
        (host / "models" / f"{clashing_model}.sql").write_text("select 1 as partner_id\n")
    return host


def dbt(host: Path, *args: str, warehouse: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(DBT_PROFILES_DIR=str(host), DBT_SEND_ANONYMOUS_USAGE_STATS="false", DUCKDB_PATH=str(warehouse))
    # the test command sets DBT_PROJECT_DIR to this repository: here the project is the host
    env["DBT_PROJECT_DIR"] = str(host)
    return subprocess.run([DBT, *args], cwd=host, env=env, capture_output=True, text=True)


def package_tables(warehouse: Path) -> list[str]:
    """The tables and views in the package's schemas other than its raw schema."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return [
            f"{row[0]}.{row[1]}"
            for row in connection.execute(
                "select table_schema, table_name from information_schema.tables where table_schema like "
                "'%partner_attribution%' and table_schema not like '%_raw'"
            ).fetchall()
        ]


def schemas(warehouse: Path) -> set[str]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return {
            row[0]
            for row in connection.execute("select schema_name from information_schema.schemata").fetchall()
        }


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Path:
    host = host_copy(tmp_path_factory.mktemp("package"))
    installed = dbt(host, "deps", warehouse=host / "unused.duckdb")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return host


def test_a_host_command_without_package_nodes_does_no_package_work(host: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "host_only.duckdb"
    # a directory that does not exist: the package's hook would stop the run if it read it
    missing = {"raw_data_dir": str(tmp_path / "no_such_export")}
    seeded = dbt(host, "seed", "--select", "accounts", warehouse=warehouse)
    assert seeded.returncode == 0, seeded.stdout
    ran = dbt(
        host, "run", "--select", "acme_analytics.dim_partners", "--vars", str(missing), warehouse=warehouse
    )
    assert ran.returncode == 0, ran.stdout
    assert "raw_data_dir" not in ran.stdout
    assert not [schema for schema in schemas(warehouse) if "partner_attribution" in schema]
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.execute("select count(*) from main.dim_partners").fetchone()[0] == 2

    # the same directory is read, and named in the error, once a package node is selected
    selected = dbt(
        host, "run", "--select", "package:partner_attribution", "--vars", str(missing), warehouse=warehouse
    )
    assert selected.returncode != 0
    assert "partner_attribution: raw_data_dir" in selected.stdout
    assert "no_such_export" in selected.stdout


def test_the_package_never_replaces_a_relation_it_did_not_create(host: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "raw_clash.duckdb"
    assert dbt(host, "seed", "--select", "accounts", warehouse=warehouse).returncode == 0
    # the host points the package's raw schema at its own schema, which holds a table `accounts`
    clash = dbt(
        host,
        "run",
        "--select",
        "package:partner_attribution",
        "--vars",
        "{raw_schema: main}",
        warehouse=warehouse,
    )
    assert clash.returncode != 0
    assert "main.accounts exists and was not created by this project" in clash.stdout
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.execute(
            "select account_name from main.accounts order by account_id"
        ).fetchall() == [
            ("Host account one",),
            ("Host account two",),
        ]


def test_missing_tables_are_named_before_anything_is_built(host: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "no_tables.duckdb"
    variables = "{raw_data_dir: '', crm_source: salesforce, salesforce_schema: fivetran_sf}"
    run = dbt(
        host, "run", "--select", "package:partner_attribution", "--vars", variables, warehouse=warehouse
    )
    assert run.returncode != 0
    assert "partner_attribution reads the salesforce tables from the warehouse" in run.stdout
    assert "table fivetran_sf.opportunity is missing" in run.stdout
    assert "Set the var salesforce_schema" in run.stdout
    assert package_tables(warehouse) == []


def test_a_host_model_named_like_an_internal_node_stops_the_run_without_dbt_s_flag(tmp_path: Path) -> None:
    # the nodes readers use are named partner_attribution__*, so the host's dim_partners never
    # clashes (integration_tests builds with it); an internal node's name still could
    host = host_copy(tmp_path, clashing_model="int_partner_touches")
    warehouse = tmp_path / "clash.duckdb"
    assert dbt(host, "deps", warehouse=warehouse).returncode == 0
    run = dbt(host, "build", "--select", "package:partner_attribution", warehouse=warehouse)
    assert run.returncode != 0
    assert "this project's tests of int_partner_touches would run on the acme_analytics" in run.stdout
    assert "require_ref_searches_node_package_before_root" in run.stdout
    assert package_tables(warehouse) == []

    # with dbt's flag, the package's tests find the package's node, and they run on it
    project = host / "dbt_project.yml"
    project.write_text(
        project.read_text() + "\nflags:\n  require_ref_searches_node_package_before_root: true\n"
    )
    host_nodes = ("--exclude", "package:acme_analytics")
    built = dbt(host, "run", "--select", "+int_partner_touches", *host_nodes, warehouse=warehouse)
    assert built.returncode == 0, built.stdout
    tested = dbt(
        host,
        "test",
        "--select",
        "int_partner_touches",
        "--indirect-selection",
        "cautious",
        *host_nodes,
        warehouse=warehouse,
    )
    assert tested.returncode == 0, tested.stdout
    assert "would run on the" not in tested.stdout
    assert "not_null_int_partner_touches" in tested.stdout


def test_a_host_that_sets_no_var_is_told_which_to_set(tmp_path: Path) -> None:
    host = host_copy(tmp_path)
    project = host / "dbt_project.yml"
    text = project.read_text()
    # the host's project without its partner_attribution: block of vars
    start = text.index("vars:\n")
    project.write_text(text[:start])
    warehouse = tmp_path / "no_vars.duckdb"
    assert dbt(host, "deps", warehouse=warehouse).returncode == 0
    run = dbt(host, "run", "--select", "package:partner_attribution", warehouse=warehouse)
    assert run.returncode != 0
    # installed as a package, the default is to read the export's tables from the warehouse
    assert "partner_attribution reads the generic tables from the warehouse" in run.stdout
    assert "table main_partner_attribution_raw.accounts is missing" in run.stdout
    assert "the var crm_schema" in run.stdout
    assert "the var raw_data_dir" in run.stdout
    assert package_tables(warehouse) == []


def test_connector_tables_are_read_from_the_database_and_schema_the_host_names(
    host: Path, tmp_path: Path
) -> None:
    variables = (
        "{raw_data_dir: '', crm_source: salesforce, salesforce_database: fivetran_db, salesforce_schema: sf,"
        " hubspot_database: other_db}"
    )
    parsed = dbt(
        host,
        "parse",
        "--vars",
        variables,
        "--target-path",
        str(tmp_path / "target"),
        warehouse=tmp_path / "w.duckdb",
    )
    assert parsed.returncode == 0, parsed.stdout
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())
    opportunity = manifest["sources"]["source.partner_attribution.partner_attribution_salesforce.opportunity"]
    assert (opportunity["database"], opportunity["schema"], opportunity["identifier"]) == (
        "fivetran_db",
        "sf",
        "opportunity",
    )
    assert opportunity["config"]["enabled"] is True
    # the generic export's source is not read with crm_source salesforce
    assert "source.partner_attribution.partner_attribution_crm.accounts" not in manifest["sources"]
