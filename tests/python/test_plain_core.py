"""The benchmark's yardstick computes what the project computes.

scripts/benchmark/plain_core.sql is the core (links, levels, sourcing, rule-based weights)
written straight in DuckDB SQL; the benchmark compares the dbt build's time with it, which is
fair only while both give the same marts. This runs scripts/benchmark/check_plain_core.py on
the bundled demo export (dirty rows included) and on a small generated Parquet export.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts" / "benchmark" / "check_plain_core.py"
GENERATOR = ROOT / "scripts" / "generate_demo_data.py"


def check(raw_dir: Path, work: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, str(CHECK), "--raw-data-dir", str(raw_dir), "--as-of-date", "2025-12-31"]
    command += ["--plain-db", str(work / "plain.duckdb"), "--dbt-db", str(work / "dbt.duckdb")]
    command += ["--dbt-work-dir", str(work / "dbt")]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_plain_core_matches_the_marts_on_the_demo_export(tmp_path: Path) -> None:
    result = check(ROOT / "data" / "demo", tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert result.stdout.count("identical") >= 3 and "VERDICT: identical" in result.stdout


def test_plain_core_matches_the_marts_on_a_parquet_export(tmp_path: Path) -> None:
    export = tmp_path / "export"
    generate = [sys.executable, str(GENERATOR), "--opportunities", "5000", "--seed", "11"]
    subprocess.run([*generate, "--format", "parquet", "--out", str(export), "--quiet"], check=True)
    result = check(export, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "VERDICT: identical" in result.stdout
