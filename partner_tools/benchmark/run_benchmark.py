"""Benchmark the dbt build against hand-written DuckDB SQL, at several data sizes.

    .venv/bin/python -m partner_tools.benchmark.run_benchmark [--tiers 10000,100000,1000000]
        [--format parquet]

For each tier (number of opportunities, about 9 activities each) it:
1. generates a demo export with partner_tools.demo_data (kept under target/benchmark/data
   and reused while the generator and the tier are unchanged);
2. runs plain_core.sql (beside this module), the same core written straight in DuckDB SQL, with
   the project's definition vars and activity vocabulary (partner_tools.benchmark.plain_core),
   into a fresh database file;
3. builds the core models with dbt (everything up to fct_opportunities,
   fct_opportunity_partners and fct_partner_attribution, seeds included, no tests) into a fresh
   database file;
4. runs the whole `dbt build` (every model, test and unit test) into a fresh database file;
5. times incremental runs in three scenarios, each on a warehouse of its own: the same export
   again (the floor: finding that nothing changed), a scheduled run
   after the newest 1% of the partner activities arrive (the warehouse is built with
   `dbt run` from the export without them, then `dbt run` meets the whole export), and 1%
   late activities scattered over the whole history (copies of a random 1% sample under new
   ids, so they reach the deals their originals reach, every age of deal); after each
   incremental run, `dbt run --full-refresh` of the same export on the same file is the full
   build it is measured against. The dbt runs of a scenario read the export at one path and
   share a target directory, as a scheduled job does (dbt parses the project again only when
   it changed), so the incremental run and its full refresh start alike;
and prints wall time and peak RSS of each, the ratios to the plain script, and the slowest
models and tests of each dbt run (from run_results.json). Every run is a process of its own, so its peak
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

from partner_tools.constants import DEMO_AS_OF_DATE, ROOT

# the generator's modules: an export is reused while none of them changed
GENERATOR = ROOT / "partner_tools" / "demo_data"
WORK = ROOT / "target" / "benchmark"
BIN = ROOT / ".venv" / "bin"
CORE_SELECTION = [
    "+partner_attribution__fct_opportunities",
    "+partner_attribution__fct_opportunity_partners",
    "+partner_attribution__fct_partner_attribution",
]


@dataclass
class Run:
    name: str
    seconds: float
    peak_rss_mb: float
    models: list[tuple[str, float]] = field(default_factory=list)
    tests: list[tuple[str, float]] = field(default_factory=list)
    refreshed_opportunities: int | None = None


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
    digest = hashlib.sha256()
    for module in sorted(GENERATOR.glob("*.py")):
        digest.update(module.read_bytes())
    wanted = digest.hexdigest()
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return out
    if out.exists():
        shutil.rmtree(out)
    log(f"generating {opportunities:,} opportunities ({file_format}) into {out.relative_to(ROOT)}")
    command = [str(BIN / "python"), "-m", "partner_tools.demo_data", "--opportunities", str(opportunities)]
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
    # a process of its own, so its peak RSS is the yardstick's alone
    command = [
        *(str(BIN / "python"), "-m", "partner_tools.benchmark.plain_core", "--database", str(database)),
        *("--raw-data-dir", str(data), "--raw-format", file_format, "--as-of-date", DEMO_AS_OF_DATE),
        *("--temp-directory", str(database.parent / "spill")),
    ]
    seconds, rss = measured(command)
    return Run("plain DuckDB SQL (core)", seconds, rss)


def append_activities(data: Path, file_format: str, share: float) -> Path:
    """A copy of the export with `share` more partner activities: a sample re-issued under new ids."""
    every = round(1 / share)
    query = """
        select * from {activities}
        union all
        select * replace ('ACT-APPENDED-' || activity_id as activity_id)
        from {activities}
        where hash(activity_id) % {every} = 0
    """
    return rewrite_activities(data, file_format, "append", query.replace("{every}", str(every)))


def withhold_newest_activities(data: Path, file_format: str, share: float) -> Path:
    """A copy of the export without its newest `share` of partner activities (by occurred_at)."""
    query = """
        select * exclude (newest_rank)
        from (
            select *, percent_rank() over (order by occurred_at desc, activity_id) as newest_rank
            from {activities}
        )
        where newest_rank >= {share}
    """
    return rewrite_activities(data, file_format, "withheld", query.replace("{share}", str(share)))


def rewrite_activities(data: Path, file_format: str, suffix: str, query: str) -> Path:
    """A copy of the export, <data>-<suffix>, whose partner activities are `query` over the original ones."""
    out = data.parent / f"{data.name}-{suffix}"
    linked_copy(data, out, file_format)
    reader = "read_parquet" if file_format == "parquet" else "read_csv"
    options = "" if file_format == "parquet" else ", all_varchar = true"
    activities = f"{reader}('{data / f'partner_activities.{file_format}'}'{options})"
    target = out / f"partner_activities.{file_format}"
    written = "format parquet" if file_format == "parquet" else "header"
    copy = f"copy ({query.replace('{activities}', activities)}) to '{target}' ({written})"
    # In a process of its own: on Linux a child's peak RSS starts from its parent's peak, so a
    # large query in this process would be reported as the peak RSS of every dbt run after it.
    script = "import duckdb, sys; duckdb.connect().execute(sys.argv[1])"
    subprocess.run([sys.executable, "-c", script, copy], check=True)
    return out


def linked_copy(data: Path, out: Path, file_format: str) -> None:
    """`out` with a link to every table of `data` but partner_activities, which the caller writes."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    for source in data.iterdir():
        if source.name != f"partner_activities.{file_format}" and not source.name.startswith("."):
            (out / source.name).symlink_to(source)


def point_export(link: Path, data: Path) -> Path:
    """The scheduled job's export path, `link`, now pointing at `data`."""
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(data)
    return link


def run_dbt(
    name: str,
    data: Path,
    database: Path,
    arguments: list[str],
    command_name: str = "build",
    keep: bool = False,
) -> Run:
    """A dbt command into `database` (a fresh file unless `keep`), its target directory beside it."""
    target = database.parent / f"target-{database.stem}"
    if not keep:
        fresh(database)
        shutil.rmtree(target, ignore_errors=True)
    env = dict(os.environ)
    env.update(
        DUCKDB_PATH=str(database),
        DUCKDB_TEMP_DIRECTORY=str(database.parent / "spill"),
        DBT_TARGET="duckdb",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DO_NOT_TRACK="1",
    )
    variables = json.dumps({"raw_data_dir": str(data), "as_of_date": DEMO_AS_OF_DATE})
    command = [str(BIN / "dbt"), command_name, "--profiles-dir", str(ROOT), "--vars", variables]
    command += ["--target-path", str(target), "--log-path", str(target / "logs"), *arguments]
    seconds, rss = measured(command, env)
    results = json.loads((target / "run_results.json").read_text())["results"]

    def slowest(kinds: tuple[str, ...]) -> list[tuple[str, float]]:
        timed = [
            (r["unique_id"].split(".", 2)[2], r["execution_time"])
            for r in results
            if r["unique_id"].startswith(kinds)
        ]
        return sorted(timed, key=lambda item: -item[1])

    return Run(name, seconds, rss, slowest(("model.",)), slowest(("test.", "unit_test.")))


def benchmark(opportunities: int, file_format: str, steps: list[str]) -> Tier:
    data = generate(opportunities, file_format)
    tier = Tier(opportunities, count_activities(data, file_format))
    where = WORK / f"run-{opportunities}"
    where.mkdir(parents=True, exist_ok=True)
    if "plain" in steps:
        log(f"{opportunities:,} opportunities, {tier.activities:,} activities: plain SQL")
        tier.runs.append(run_plain(data, file_format, where / "plain.duckdb"))
    if "core" in steps:
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
    if "full" in steps:
        log(f"{opportunities:,}: dbt build, everything with tests")
        tier.runs.append(run_dbt("dbt build, all with tests", data, where / "full.duckdb", []))
    if "incremental" in steps:
        export = where / "export"
        scenarios = [
            ("no new", data, data),  # the floor: finding that nothing changed
            ("newest 1%", withhold_newest_activities(data, file_format, 0.01), data),
            ("random 1%", data, append_activities(data, file_format, 0.01)),
        ]
        for label, before, after in scenarios:
            database = where / "incremental.duckdb"
            log(f"{opportunities:,}: {label}: dbt run, the warehouse before the new activities")
            tier.runs.append(
                run_dbt(
                    f"dbt run, before the {label} activities",
                    point_export(export, before),
                    database,
                    [],
                    "run",
                )
            )
            log(f"{opportunities:,}: {label}: dbt run, incremental")
            name = f"dbt run, incremental, {label} activities"
            incremental = run_dbt(name, point_export(export, after), database, [], "run", keep=True)
            incremental.refreshed_opportunities = refreshed_count(database)
            tier.runs.append(incremental)
            log(f"{opportunities:,}: {label}: dbt run --full-refresh of the same export")
            name = f"dbt run, full refresh, {label} activities"
            tier.runs.append(run_dbt(name, export, database, ["--full-refresh"], "run", keep=True))
        export.unlink()
    for database in ("plain", "core", "full", "incremental"):
        fresh(where / f"{database}.duckdb")  # the files are large; the figures are what we keep
    return tier


def refreshed_count(database: Path) -> int:
    import duckdb

    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.sql("select count(*) from intermediate.int_opportunities_to_refresh").fetchall()
        return rows[0][0]


def report(tiers: list[Tier]) -> str:
    lines = [
        "",
        "| opportunities | activities | run | wall s | x plain | peak RSS MB |",
        "|---:|---:|---|---:|---:|---:|",
    ]
    for tier in tiers:
        plain = next((run.seconds for run in tier.runs if run.name.startswith("plain")), None)
        for run in tier.runs:
            ratio = f"{run.seconds / plain:.2f}" if plain else "-"
            lines.append(
                f"| {tier.opportunities:,} | {tier.activities:,} | {run.name} | {run.seconds:.1f} "
                f"| {ratio} | {run.peak_rss_mb:,.0f} |"
            )
    for tier in tiers:
        runs = {run.name: run for run in tier.runs}
        for label in ("no new", "newest 1%", "random 1%"):
            incremental = runs.get(f"dbt run, incremental, {label} activities")
            full_refresh = runs.get(f"dbt run, full refresh, {label} activities")
            if not (incremental and full_refresh):
                continue
            lines.append(
                f"\n{tier.opportunities:,} opportunities, {label} activities: the incremental run recomputed "
                f"{incremental.refreshed_opportunities:,} opportunities in {incremental.seconds:.1f} s, "
                f"{100 * incremental.seconds / full_refresh.seconds:.0f}% of the full refresh run "
                f"({full_refresh.seconds:.1f} s)"
            )
            if "dbt build, all with tests" in runs:
                share = 100 * incremental.seconds / runs["dbt build, all with tests"].seconds
                lines.append(f"  and {share:.0f}% of the full build with tests")
    for tier in tiers:
        for run in tier.runs:
            if not run.models:
                continue
            total = sum(seconds for _, seconds in run.models) or 1
            lines += ["", f"slowest models, {tier.opportunities:,} opportunities, {run.name}:"]
            for model, seconds in run.models[:10]:
                lines.append(f"  {model:<42} {seconds:7.1f} s  {100 * seconds / total:4.0f}%")
            if run.tests:
                test_total = sum(seconds for _, seconds in run.tests)
                lines += [f"slowest of {len(run.tests)} tests ({test_total:.1f} s of thread time in all):"]
                for test, seconds in run.tests[:10]:
                    lines.append(f"  {test[:60]:<60} {seconds:7.1f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--tiers", default="10000,100000,1000000", help="opportunities per tier, comma-separated"
    )
    parser.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    parser.add_argument(
        "--steps",
        default="plain,core,full,incremental",
        help="which runs, comma-separated, of plain, core, full, incremental (default: all)",
    )
    args = parser.parse_args(argv)
    steps = args.steps.split(",")
    tiers = [benchmark(int(n), args.format, steps) for n in args.tiers.split(",")]
    text = report(tiers)
    print(text)
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "results.json").write_text(json.dumps([asdict(tier) for tier in tiers], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
