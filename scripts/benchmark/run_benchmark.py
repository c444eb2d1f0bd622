#!/usr/bin/env python3
"""Benchmark the dbt build against hand-written DuckDB SQL, at several data sizes.

    .venv/bin/python scripts/benchmark/run_benchmark.py [--tiers 10000,100000,1000000] [--format parquet]

For each tier (number of opportunities, about 9 activities each) it:
1. generates a demo export with scripts/generate_demo_data.py (kept under target/benchmark/data
   and reused while the generator and the tier are unchanged);
2. runs plain_core.sql (beside this script), the same core written straight in DuckDB SQL,
   into a fresh database file;
3. builds the core models with dbt (everything up to fct_opportunities,
   fct_opportunity_partners and fct_partner_attribution, seeds included, no tests) into a fresh
   database file;
4. runs the whole `dbt build` (every model, test and unit test) into a fresh database file;
and prints wall time and peak RSS of each, the ratios to the plain script, and the slowest
models of each dbt run (from run_results.json). Every run is a process of its own, so its peak
RSS (ru_maxrss of that process) is its own. Results also go to target/benchmark/results.json.

Timings vary with the machine and what else runs on it: benchmark on an idle machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PLAIN_SQL = HERE / "plain_core.sql"
GENERATOR = ROOT / "scripts" / "generate_demo_data.py"
WORK = ROOT / "target" / "benchmark"
BIN = ROOT / ".venv" / "bin"
AS_OF_DATE = "2025-12-31"  # the generator's default end date
CORE_SELECTION = ["+fct_opportunities", "+fct_opportunity_partners", "+fct_partner_attribution"]


@dataclass
class Run:
    name: str
    seconds: float
    peak_rss_mb: float
    models: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class Tier:
    opportunities: int
    activities: int
    runs: list[Run] = field(default_factory=list)


def log(message: str) -> None:
    print(f"[benchmark] {message}", flush=True)


def measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a command; return its wall seconds and its peak RSS in MB. Fail loudly if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.stdout.write(output.decode(errors="replace")[-6000:])
        raise SystemExit(f"failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024


def fresh(database: Path) -> None:
    for leftover in (database, Path(f"{database}.wal")):
        if leftover.exists():
            leftover.unlink()


def generate(opportunities: int, file_format: str) -> Path:
    """The tier's export, generated once per generator version."""
    out = WORK / "data" / f"{opportunities}-{file_format}"
    stamp = out / ".generator.sha256"
    wanted = hashlib.sha256(GENERATOR.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return out
    if out.exists():
        shutil.rmtree(out)
    log(f"generating {opportunities:,} opportunities ({file_format}) into {out.relative_to(ROOT)}")
    command = [str(BIN / "python"), str(GENERATOR), "--opportunities", str(opportunities)]
    measured([*command, "--format", file_format, "--out", str(out), "--quiet"])
    stamp.write_text(wanted + "\n")
    return out


def count_activities(data: Path, file_format: str) -> int:
    import duckdb

    reader = "read_parquet" if file_format == "parquet" else "read_csv"
    with duckdb.connect() as connection:
        rows = connection.sql(
            f"select count(*) from {reader}('{data / ('partner_activities.' + file_format)}')"
        )
        return rows.fetchall()[0][0]


def run_plain(data: Path, file_format: str, database: Path) -> Run:
    fresh(database)
    code = (
        "import duckdb, sys\n"
        "with duckdb.connect(sys.argv[1]) as c:\n"
        "    c.execute('set variable raw_dir = $1', [sys.argv[2]])\n"
        "    c.execute('set variable raw_format = $1', [sys.argv[3]])\n"
        "    c.execute('set variable as_of_date = $1', [sys.argv[4]])\n"
        "    c.execute('set variable temp_directory = $1', [sys.argv[5]])\n"
        "    c.execute(open(sys.argv[6]).read())\n"
    )
    spill = str(database.parent / "spill")
    command = [
        str(BIN / "python"),
        "-c",
        code,
        str(database),
        str(data),
        file_format,
        AS_OF_DATE,
        spill,
        str(PLAIN_SQL),
    ]
    seconds, rss = measured(command)
    return Run("plain DuckDB SQL (core)", seconds, rss)


def run_dbt(name: str, data: Path, database: Path, arguments: list[str]) -> Run:
    fresh(database)
    target = database.parent / f"target-{database.stem}"
    env = dict(os.environ)
    env.update(
        DUCKDB_PATH=str(database),
        DUCKDB_TEMP_DIRECTORY=str(database.parent / "spill"),
        DBT_TARGET="duckdb",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DO_NOT_TRACK="1",
    )
    variables = json.dumps({"raw_data_dir": str(data), "as_of_date": AS_OF_DATE})
    command = [str(BIN / "dbt"), "build", "--profiles-dir", str(ROOT), "--vars", variables]
    command += ["--target-path", str(target), "--log-path", str(target / "logs"), *arguments]
    seconds, rss = measured(command, env)
    results = json.loads((target / "run_results.json").read_text())["results"]
    models = sorted(
        (
            (r["unique_id"].split(".")[-1], r["execution_time"])
            for r in results
            if r["unique_id"].startswith("model.")
        ),
        key=lambda item: -item[1],
    )
    return Run(name, seconds, rss, models)


def benchmark(opportunities: int, file_format: str) -> Tier:
    data = generate(opportunities, file_format)
    tier = Tier(opportunities, count_activities(data, file_format))
    where = WORK / f"run-{opportunities}"
    where.mkdir(parents=True, exist_ok=True)
    log(f"{opportunities:,} opportunities, {tier.activities:,} activities: plain SQL")
    tier.runs.append(run_plain(data, file_format, where / "plain.duckdb"))
    log(f"{opportunities:,}: dbt core models")
    core = [
        "--select",
        *CORE_SELECTION,
        "--exclude-resource-type",
        "test",
        "--exclude-resource-type",
        "unit_test",
    ]
    tier.runs.append(run_dbt("dbt build, core models", data, where / "core.duckdb", core))
    log(f"{opportunities:,}: dbt build, everything with tests")
    tier.runs.append(run_dbt("dbt build, all with tests", data, where / "full.duckdb", []))
    for database in ("plain", "core", "full"):
        fresh(where / f"{database}.duckdb")  # the files are large; the figures are what we keep
    return tier


def report(tiers: list[Tier]) -> str:
    lines = [
        "",
        "| opportunities | activities | run | wall s | x plain | peak RSS MB |",
        "|---:|---:|---|---:|---:|---:|",
    ]
    for tier in tiers:
        plain = tier.runs[0].seconds
        for run in tier.runs:
            lines.append(
                f"| {tier.opportunities:,} | {tier.activities:,} | {run.name} | {run.seconds:.1f} "
                f"| {run.seconds / plain:.2f} | {run.peak_rss_mb:,.0f} |"
            )
    for tier in tiers:
        for run in tier.runs[1:]:
            total = sum(seconds for _, seconds in run.models) or 1
            lines += ["", f"slowest models, {tier.opportunities:,} opportunities, {run.name}:"]
            for model, seconds in run.models[:8]:
                lines.append(f"  {model:<42} {seconds:7.1f} s  {100 * seconds / total:4.0f}%")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--tiers", default="10000,100000,1000000", help="opportunities per tier, comma-separated"
    )
    parser.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    args = parser.parse_args(argv)
    tiers = [benchmark(int(n), args.format) for n in args.tiers.split(",")]
    text = report(tiers)
    print(text)
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "results.json").write_text(json.dumps([asdict(tier) for tier in tiers], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
