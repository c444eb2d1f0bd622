"""The benchmark's yardstick computes what the project computes.

partner_tools/benchmark/plain_core.sql is the core (links, levels, sourcing, rule-based weights)
written straight in DuckDB SQL; the benchmark compares the dbt build's time with it, which is
fair only while both give the same marts. This runs partner_tools.benchmark.check_plain_core on
the bundled demo export (dirty rows included), on a small generated Parquet export, and on a copy
of the project that a user customised (a default var and a row of the activity_types seed): the
yardstick takes both from the project, so the customised project passes its own check.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from partner_tools.benchmark.plain_core import run_plain
from partner_tools.constants import DEMO_AS_OF_DATE, DEMO_DATA_DIR, ROOT

SEED = Path("seeds") / "partner_attribution__activity_types.csv"
SOURCED_PAIRS = "select count(*) from plain_opportunity_partners where is_sourced"


def check(raw_dir: Path, work: Path, project_dir: Path = ROOT) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "partner_tools.benchmark.check_plain_core"]
    command += ["--raw-data-dir", str(raw_dir), "--as-of-date", DEMO_AS_OF_DATE]
    command += ["--plain-db", str(work / "plain.duckdb"), "--dbt-db", str(work / "dbt.duckdb")]
    command += ["--dbt-work-dir", str(work / "dbt"), "--project-dir", str(project_dir)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_plain_core_matches_the_marts_on_the_demo_export(tmp_path: Path) -> None:
    result = check(DEMO_DATA_DIR, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert result.stdout.count("identical") >= 3 and "VERDICT: identical" in result.stdout


def test_plain_core_matches_the_marts_on_a_parquet_export(tmp_path: Path) -> None:
    export = tmp_path / "export"
    generate = [sys.executable, "-m", "partner_tools.demo_data", "--opportunities", "5000", "--seed", "11"]
    subprocess.run([*generate, "--format", "parquet", "--out", str(export), "--quiet"], check=True, cwd=ROOT)
    result = check(export, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "VERDICT: identical" in result.stdout


def customised_copy(project: Path) -> Path:
    """A copy of the project with a narrower sourcing window and a co-sell meeting that can source."""
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(
            ".*", "target", "logs", "warehouse", "dbt_packages", "data", "integration_tests", "partner_tools"
        ),
    )
    settings = project / "dbt_project.yml"
    default_window = "  sourcing_lookback_days: 90\n"
    assert default_window in settings.read_text(), "the test edits the default sourcing window"
    settings.write_text(settings.read_text().replace(default_window, "  sourcing_lookback_days: 30\n"))
    seed = project / SEED
    default_row = "co_sell_meeting,influence,true,false,false,false\n"
    assert default_row in seed.read_text(), "the test edits the co_sell_meeting row of the seed"
    seed.write_text(
        seed.read_text().replace(default_row, "co_sell_meeting,influence,true,true,false,false\n")
    )
    return project


def sourced_pairs(database: Path, raw_dir: Path, project_dir: Path) -> int:
    run_plain(database, raw_dir, DEMO_AS_OF_DATE, project_dir=project_dir)
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(SOURCED_PAIRS).fetchall()[0][0]


def test_a_customised_project_passes_its_own_check(tmp_path: Path) -> None:
    project = customised_copy(tmp_path / "project")
    # the edits change what the yardstick computes, so a yardstick that kept the defaults would fail
    default = sourced_pairs(tmp_path / "default.duckdb", DEMO_DATA_DIR, ROOT)
    customised = sourced_pairs(tmp_path / "customised.duckdb", DEMO_DATA_DIR, project)
    assert customised != default, (default, customised)
    result = check(DEMO_DATA_DIR, tmp_path / "check", project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "VERDICT: identical" in result.stdout
