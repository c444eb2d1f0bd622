"""An edit to the code, vars or seeds of the incremental models refreshes their rows, nothing raised by hand.

The incremental models store the definition they were built under: the checksum of each model,
the SQL of every macro they call (transitively), the seeds they are built from and the vars
they read, all derived at compile time (macros/incremental/incremental_definition_of.sql). The
project is copied to a temporary directory, built once on a small export, and then edited there
the way a contributor would: each plain run after an edit must refresh every row the edit can
change, and an edit that cannot change them must refresh nothing.

Each step first spoils the stored rows an incremental run keeps when it refreshes nothing (the
by-opportunity tables are emptied; a checked model's rejection_reason is overwritten): the step
passes only when the run really rebuilt them. At the end the warehouse must equal a full
refresh of the edited project. docs/incremental.md has the design.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from conftest import FIXTURES, ROOT, DbtRun, dbt_runner

EXPORT = FIXTURES / "staging_rules"
SETTINGS = {"raw_data_dir": str(EXPORT), "as_of_date": "2023-12-31"}
# the incremental models and everything they are built from; the marts on top are left out
SELECT = ["--select", "+int_opportunity_build_state"]
BY_OPPORTUNITY = [
    "intermediate.int_touches_linked_to_opportunities",
    "intermediate.int_partner_sourced",
    "intermediate.int_attribution_touch_weights",
    "intermediate.int_opportunity_partner_levels",
    "intermediate.int_partner_attribution_credit",
    "intermediate.int_opportunity_levels",
]
# the raw tables whose checked models, incremental by source key, the facts are built from (stage
# history is not)
CHECKED_TABLES = ["accounts", "opportunities", "partner_activities"]
# what a project needs to build (its tests and docs are left behind)
LEFT_OUT = {
    ".git",
    "target",
    "logs",
    "warehouse",
    "dbt_packages",
    "data",
    "docs",
    "scripts",
    "integration_tests",
}


def copy_project(destination: Path) -> Path:
    def ignore(directory: str, names: list[str]) -> set[str]:
        if Path(directory) == ROOT:
            return {name for name in names if name in LEFT_OUT or name.startswith(".venv")}
        if Path(directory) == ROOT / "tests":
            return {"python", "fixtures"} & set(names)
        return {"__pycache__"} & set(names)

    shutil.copytree(ROOT, destination, ignore=ignore)
    return destination


def checked(table: str) -> str:
    """The checked model of a raw table: its every row with its rejection reason."""
    return f"validated.val_crm__{table}_checked"


def edit_macro(path: Path) -> None:
    """Add a comment inside the file's first macro: its SQL changes, not what it renders."""
    text = path.read_text()
    assert "{%- endmacro %}" in text, path
    path.write_text(text.replace("{%- endmacro %}", "{#- edited -#}\n{%- endmacro %}", 1))


def edit_model(path: Path) -> None:
    path.write_text(path.read_text() + "\n-- edited\n")


def spoil(run: DbtRun, checked_tables: list[str] = ()) -> None:
    """Empty the by-opportunity tables and spoil the rejection reasons of the raw tables' checked models."""
    with duckdb.connect(str(run.warehouse)) as connection:
        for table in BY_OPPORTUNITY:
            connection.execute(f"delete from {table}")
        for table in checked_tables:
            connection.execute(f"update {checked(table)} set rejection_reason = 'spoiled'")


def opportunity_refresh(run: DbtRun) -> dict[str, int]:
    reasons = "select refresh_reason, count(*) from intermediate.int_opportunities_to_refresh group by 1"
    return dict(run.query(reasons))


def checked_refresh(run: DbtRun) -> dict[str, dict[str, int]]:
    """Per checked model, how many keys the run retyped, by reason."""
    return {
        table: dict(run.query(f"select refresh_reason, count(*) from {checked(table)}__refresh group by 1"))
        for table in CHECKED_TABLES
    }


def raw_keys(run: DbtRun, table: str, key: str) -> int:
    return run.query(f"select count(distinct coalesce({key}, '')) from {checked(table)}")[0][0]


def assert_rebuilt(run: DbtRun, opportunities: int) -> None:
    """Every opportunity's rows are back and no spoiled reason is left."""
    assert run.query("select count(*) from intermediate.int_opportunity_levels") == [(opportunities,)]
    for table in BY_OPPORTUNITY:
        assert run.query(f"select count(*) from {table}")[0][0] > 0, table
    for table in CHECKED_TABLES:
        spoiled = f"select count(*) from {checked(table)} where rejection_reason = 'spoiled'"
        assert run.query(spoiled) == [(0,)], table


def contents(run: DbtRun) -> dict[str, tuple]:
    tables = [*BY_OPPORTUNITY, *(checked(table) for table in CHECKED_TABLES)]
    return {table: run.query(f"select count(*), sum(hash(t)) from {table} as t")[0] for table in tables}


def test_edits_to_code_vars_and_seeds_refresh_what_they_can_change(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    run_dbt = dbt_runner(tmp_path, project=project)
    settings = dict(SETTINGS)

    def run(*extra: str) -> DbtRun:
        completed = run_dbt(["run", *SELECT, *extra], settings, warehouse_name="incremental.duckdb")
        assert completed.returncode == 0, completed.output[-3000:]
        return completed

    first = run()
    opportunities = first.query("select count(*) from intermediate.int_opportunity_levels")[0][0]
    assert opportunities > 0
    baseline = contents(first)
    nothing = {table: {} for table in CHECKED_TABLES}

    # unrelated edits: a mart outside the incremental models, a macro only marts call, and a
    # macro's variant for another engine (PostgreSQL's parse_integer); nothing is refreshed
    edit_model(project / "models" / "marts" / "partner_attribution__mart_partner_impact.sql")
    edit_macro(project / "macros" / "marts" / "wilson_interval.sql")
    parse_integer = project / "macros" / "staging" / "parse_integer.sql"
    text = parse_integer.read_text()
    postgres = "{% macro postgres__partner_attribution_parse_integer(column) -%}\n"
    assert postgres in text
    parse_integer.write_text(text.replace(postgres, postgres + "    {#- edited -#}\n"))
    unrelated = run()
    assert opportunity_refresh(unrelated) == {}
    assert checked_refresh(unrelated) == nothing
    assert contents(unrelated) == baseline

    # (a) the SQL of an incremental model: every opportunity is rebuilt, staging is not retyped
    edit_model(project / "models" / "intermediate" / "int_partner_sourced.sql")
    spoil(unrelated)
    model_edit = run()
    assert opportunity_refresh(model_edit) == {"definition changed": opportunities}
    assert checked_refresh(model_edit) == nothing
    assert "model int_partner_sourced" in model_edit.output
    assert_rebuilt(model_edit, opportunities)
    assert contents(model_edit) == baseline

    # (b) macros they call, two levels down: linear (through attribution_models) rebuilds every
    # opportunity; parse_integer, which only val_crm__accounts_checked calls (inside a call block),
    # retypes every account and no other checked model's rows
    edit_macro(project / "macros" / "attribution" / "linear.sql")
    edit_macro(parse_integer)
    spoil(model_edit, ["accounts"])
    macro_edit = run()
    assert opportunity_refresh(macro_edit) == {"definition changed": opportunities}
    assert checked_refresh(macro_edit) == {
        **nothing,
        "accounts": {"definition changed": raw_keys(macro_edit, "accounts", "account_id")},
    }
    assert_rebuilt(macro_edit, opportunities)
    assert contents(macro_edit) == baseline

    # (c) a var they read: the time-decay half life reaches only the by-opportunity models;
    # the reporting currency reaches val_crm__opportunities_checked (and the as-of rows: every
    # opportunity is refreshed anyway)
    settings.update(time_decay_half_life_days=3, reporting_currency="EUR")
    spoil(macro_edit, ["opportunities"])
    var_edit = run()
    assert opportunity_refresh(var_edit) == {"definition changed": opportunities}
    assert checked_refresh(var_edit) == {
        **nothing,
        "opportunities": {"definition changed": raw_keys(var_edit, "opportunities", "opportunity_id")},
    }
    assert "var time_decay_half_life_days was 7, is now 3" in var_edit.output
    assert_rebuilt(var_edit, opportunities)

    # (d) the activity_types seed: every opportunity and every activity is rebuilt
    seed = project / "seeds" / "partner_attribution__activity_types.csv"
    seed.write_text(seed.read_text().replace("referral,sourcing,true,true", "referral,sourcing,true,false"))
    seeded = run_dbt(["seed"], settings, warehouse_name="incremental.duckdb")
    assert seeded.returncode == 0, seeded.output[-3000:]
    spoil(var_edit, ["partner_activities"])
    seed_edit = run()
    assert opportunity_refresh(seed_edit) == {"definition changed": opportunities}
    activities = raw_keys(seed_edit, "partner_activities", "activity_id")
    assert checked_refresh(seed_edit) == {**nothing, "partner_activities": {"definition changed": activities}}
    assert_rebuilt(seed_edit, opportunities)

    # the same rows as a full refresh of the edited project
    full = run_dbt(["run", *SELECT, "--full-refresh"], settings, warehouse_name="full.duckdb")
    assert full.returncode == 0, full.output[-3000:]
    assert contents(seed_edit) == contents(full)
