#!/usr/bin/env python3
"""The project's entry points: set-up, the demo warehouse, and every test.

    python3 scripts/tasks.py demo    install, build the warehouse from the bundled demo data, publish it for
                                     readers, print a summary, write the partner report (HTML charts)
    python3 scripts/tasks.py test    install, then run every check: ruff, dbt build + tests on DuckDB and
                                     PostgreSQL, the same marts on both, sqlfluff, pytest
    python3 scripts/tasks.py setup   only install the pinned toolchain into .venv

Only the standard library is used here, so this runs on a fresh machine with nothing but python3:
it creates .venv and installs requirements.txt into it (again only when that file changed).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import venv
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path


def _load_constants():
    """partner_tools/constants.py, loaded from its file: the package's other modules need .venv,
    which may not exist yet, and this script runs with python3 from scripts/, where the package
    is not importable; the constants module is standard library only, so it loads anywhere."""
    path = Path(__file__).resolve().parent.parent / "partner_tools" / "constants.py"
    spec = importlib.util.spec_from_file_location("partner_tools_constants", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_constants = _load_constants()
ROOT = _constants.ROOT
VENV = ROOT / ".venv"
BIN = VENV / "bin"
REQUIREMENTS = ROOT / "requirements.txt"
# Spark (pyspark carries Spark itself, ~600 MB) gets a virtualenv of its own
SPARK_VENV = ROOT / ".venv-spark"
SPARK_REQUIREMENTS = ROOT / "requirements-spark.txt"
# the semantic layer (dbt-metricflow) too, so its dependencies never move the main toolchain's
METRICFLOW_VENV = ROOT / ".venv-metricflow"
METRICFLOW_REQUIREMENTS = ROOT / "requirements-metricflow.txt"
# the oldest dbt-core that dbt_project.yml's require-dbt-version claims: CI builds the package with it
OLDEST_DBT_VENV = ROOT / ".venv-dbt-oldest"
OLDEST_DBT_REQUIREMENTS = ROOT / "requirements-oldest.txt"

DEMO_AS_OF_DATE = _constants.DEMO_AS_OF_DATE
DEFAULT_WAREHOUSE = _constants.DEFAULT_WAREHOUSE
TEST_WAREHOUSE = ROOT / "target" / "test" / "partner_attribution.duckdb"
ENGINES = ("duckdb", "postgres", "spark")
TEST_SPARK_STATE = ROOT / "target" / "test" / "spark"
# a host dbt project that installs this one as a package (packages.yml: local ../)
INTEGRATION_TESTS = ROOT / "integration_tests"
# the throw-away PostgreSQL server that partner_tools.local_postgres starts for the tests
TEST_POSTGRES = {
    "PGHOST": "127.0.0.1",
    "PGPORT": os.environ.get("PARTNER_TEST_PGPORT", "55432"),
    "PGUSER": "postgres",
    "PGPASSWORD": "",
    "PGDATABASE": "partner_attribution_test",
}


def log(message: str) -> None:
    print(f"[tasks] {message}", flush=True)


def dbt_env(**extra: str) -> dict[str, str]:
    """Environment for dbt: this project's profiles.yml, no tracking calls to an unreachable host."""
    env = dict(os.environ)
    env.update(
        DBT_PROFILES_DIR=str(ROOT),
        DBT_PROJECT_DIR=str(ROOT),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DO_NOT_TRACK="1",
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
    )
    env.update(extra)
    return env


def install(venv_dir: Path, requirements: Path, what: str) -> None:
    """Create venv_dir and install requirements into it, unless it is already installed as pinned."""
    stamp = venv_dir / ".requirements.sha256"
    wanted = hashlib.sha256(requirements.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == wanted and (venv_dir / "bin" / "dbt").exists():
        return
    python = venv_dir / "bin" / "python"
    if not python.exists():
        log(f"creating {venv_dir.relative_to(ROOT)}")
        venv.EnvBuilder(with_pip=True, clear=True).create(venv_dir)
    log(f"installing {what} from {requirements.name} (a minute or two on a fresh machine)")
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "--quiet", "-r", str(requirements)], check=True)
    stamp.write_text(wanted + "\n")


def setup(spark: bool = False, metricflow: bool = False) -> None:
    """The pinned toolchain in .venv; with spark and metricflow, also .venv-spark and .venv-metricflow."""
    install(VENV, REQUIREMENTS, "the pinned toolchain")
    if metricflow:
        install(METRICFLOW_VENV, METRICFLOW_REQUIREMENTS, "the semantic layer (dbt-metricflow)")
    if spark:
        install(SPARK_VENV, SPARK_REQUIREMENTS, "the Spark toolchain (dbt-spark, pyspark)")


def run(command: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> int:
    log("$ " + ("" if cwd == ROOT else f"(in {cwd.relative_to(ROOT)}) ") + " ".join(command))
    return subprocess.run(command, cwd=cwd, env=env or dbt_env()).returncode


def build_demo(args: argparse.Namespace) -> int:
    setup()
    warehouse = Path(os.environ.get("DUCKDB_PATH", DEFAULT_WAREHOUSE)).resolve()
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    env = dbt_env(DUCKDB_PATH=str(warehouse))
    variables = json.dumps({"raw_data_dir": args.raw_data_dir, "as_of_date": args.as_of_date})
    code = run([str(BIN / "dbt"), "build", "--vars", variables], env)
    if code != 0:
        log("the build failed, so nothing was published; see the dbt output above (and logs/dbt.log)")
        return code
    # readers (BI tools) use the published copy: swapped in whole, never blocking the next build
    published = warehouse.with_name(f"{warehouse.stem}_published.duckdb")
    publish = [str(BIN / "python"), "-m", "partner_tools.publish", "--warehouse", str(warehouse)]
    code = run([*publish, "--published", str(published)], env)
    if code != 0:
        return code
    code = run([str(BIN / "python"), "-m", "partner_tools.summary", str(published)], env)
    if code != 0:
        return code
    # the partner report: charts from the published marts, one HTML file beside the warehouse
    report = warehouse.with_name("partner_report.html")
    command = [str(BIN / "python"), "-m", "partner_tools.report", "--warehouse", str(published)]
    code = run([*command, "--output", str(report), "--as-of-date", args.as_of_date], env)
    if code == 0:
        log(f"open the partner report in a browser: {report}")
    return code


@dataclass
class StepResult:
    name: str
    passed: int
    failed: int
    seconds: float


def count_dbt_results(run_results: Path) -> tuple[int, int]:
    """(passed, failed) over every node dbt ran: tests and unit tests, and models, seeds that errored."""
    if not run_results.exists():
        return 0, 1
    passed = failed = 0
    for result in json.loads(run_results.read_text())["results"]:
        status = result["status"]
        is_check = result["unique_id"].startswith(("test.", "unit_test."))
        if status in ("fail", "error", "runtime error"):
            failed += 1
        elif is_check and status in ("pass", "warn"):
            passed += 1
    return passed, failed


def count_pytest_results(report: Path) -> tuple[int, int]:
    if not report.exists():
        return 0, 1
    suite = ElementTree.parse(report).getroot()
    suites = [suite] if suite.tag == "testsuite" else list(suite.iter("testsuite"))
    tests = sum(int(s.get("tests", 0)) for s in suites)
    bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return tests - bad - skipped, bad


def test(args: argparse.Namespace) -> int:
    setup(spark="spark" in args.engines, metricflow=True)
    install(OLDEST_DBT_VENV, OLDEST_DBT_REQUIREMENTS, "the oldest dbt-core the package claims")
    results: list[StepResult] = []

    def step(
        name: str, command: list[str], env: dict[str, str] | None = None, counter=None, cwd: Path = ROOT
    ) -> None:
        started = time.monotonic()
        code = run(command, env, cwd)
        seconds = time.monotonic() - started
        if counter is None:
            passed, failed = (1, 0) if code == 0 else (0, 1)
        else:
            passed, failed = counter()
            if code != 0 and failed == 0:
                failed = 1
        results.append(StepResult(name, passed, failed, seconds))

    step("ruff check", [str(BIN / "ruff"), "check", "."])
    step("ruff format", [str(BIN / "ruff"), "format", "--check", "."])

    # dbt on a warehouse file of its own, so a test run never touches (or waits on) the demo warehouse
    if TEST_WAREHOUSE.parent.exists():
        shutil.rmtree(TEST_WAREHOUSE.parent)
    TEST_WAREHOUSE.parent.mkdir(parents=True)
    variables = json.dumps({"as_of_date": DEMO_AS_OF_DATE})

    def dbt_build(
        engine: str, env: dict[str, str], dbt: Path = BIN / "dbt", shape: str | None = None
    ) -> None:
        """dbt build on engine: the demo export, or one of data/crm_shapes read by its dbt_vars.yml."""
        if shape is None:
            name, build_vars = engine, variables
        else:
            vars_file = _constants.CRM_SHAPES_DIR / shape / "dbt_vars.yml"
            lines = vars_file.read_text().splitlines(True)
            # without its comment lines, so that the logged command shows the vars
            name, build_vars = (
                f"{engine} {shape}",
                "".join(line for line in lines if not line.startswith("#")),
            )
        target_path = f"target/test/{name.replace(' ', '_')}_dbt"
        step(
            f"dbt build {name}",
            [str(dbt), "build", "--vars", build_vars, "--target-path", target_path],
            env,
            counter=lambda: count_dbt_results(ROOT / target_path / "run_results.json"),
        )

    compare = [str(BIN / "python"), "-m", "partner_tools.compare_marts", "--duckdb", str(TEST_WAREHOUSE)]
    dbt_build("duckdb", dbt_env(DUCKDB_PATH=str(TEST_WAREHOUSE)))

    def package_build(
        engine: str, env: dict[str, str], dbt: Path = BIN / "dbt", label: str = "", extra: tuple = ()
    ) -> Path:
        """Install the project as a package in integration_tests/ (a host project) and build it there."""
        name = f"package {engine}{label}"
        target_path = TEST_WAREHOUSE.parent / f"{name.replace(' ', '_')}_dbt"
        host_env = {
            **env,
            "DBT_PROFILES_DIR": str(INTEGRATION_TESTS),
            "DBT_PROJECT_DIR": str(INTEGRATION_TESTS),
        }
        step(f"dbt deps {name}", [str(dbt), "deps"], host_env, cwd=INTEGRATION_TESTS)
        step(
            f"dbt build {name}",
            [
                str(dbt),
                "build",
                *extra,
                "--target-path",
                str(target_path),
                "--log-path",
                str(target_path / "logs"),
            ],
            host_env,
            counter=lambda: count_dbt_results(target_path / "run_results.json"),
            cwd=INTEGRATION_TESTS,
        )
        return target_path / "manifest.json"

    def same_as_standalone(name: str, package_manifest: Path, engine_args: list[str]) -> None:
        step(
            f"same tables {name}",
            [
                *(str(BIN / "python"), "integration_tests/scripts/compare_with_standalone.py"),
                *("--standalone-manifest", str(ROOT / f"target/test/{name}_dbt/manifest.json")),
                *("--package-manifest", str(package_manifest), *engine_args),
            ],
            dbt_env(**TEST_POSTGRES) if "--postgres" in engine_args else None,
        )

    # the same project installed as a package in a host with clashing names: the same tables
    package_warehouse = TEST_WAREHOUSE.with_name("integration_tests.duckdb")
    manifest = package_build("duckdb", dbt_env(DUCKDB_PATH=str(package_warehouse)))
    duckdb_files = ["--standalone-duckdb", str(TEST_WAREHOUSE), "--package-duckdb", str(package_warehouse)]
    same_as_standalone("duckdb", manifest, duckdb_files)
    # and with the oldest dbt-core that require-dbt-version claims
    oldest_warehouse = TEST_WAREHOUSE.with_name("integration_tests_oldest_dbt.duckdb")
    oldest_env = dbt_env(DUCKDB_PATH=str(oldest_warehouse))
    manifest = package_build("duckdb", oldest_env, dbt=OLDEST_DBT_VENV / "bin" / "dbt", label=" oldest dbt")
    duckdb_files = ["--standalone-duckdb", str(TEST_WAREHOUSE), "--package-duckdb", str(oldest_warehouse)]
    same_as_standalone("duckdb", manifest, duckdb_files)
    # the documentation site: every model, column and doc block must render
    step(
        "dbt docs",
        [str(BIN / "dbt"), "docs", "generate", "--vars", variables, "--target-path", "target/test/docs"],
        dbt_env(DUCKDB_PATH=str(TEST_WAREHOUSE)),
    )
    # the semantic layer: mf validate-configs, and mf query answers checked against SQL on the marts
    step(
        "semantic layer",
        [
            *(str(METRICFLOW_VENV / "bin" / "python"), "-m", "partner_tools.check_semantic_layer"),
            str(TEST_WAREHOUSE),
        ],
        dbt_env(DUCKDB_PATH=str(TEST_WAREHOUSE)),
    )

    if "postgres" in args.engines:
        postgres_env = dbt_env(DBT_TARGET="postgres", **TEST_POSTGRES)
        step(
            "postgres up",
            [str(BIN / "python"), "-m", "partner_tools.local_postgres", "start", "--fresh-database"],
            postgres_env,
        )
        step("load raw (pg)", [str(BIN / "python"), "-m", "partner_tools.load_raw_export"], postgres_env)
        dbt_build("postgres", postgres_env)
        step("same marts pg", [*compare, "--postgres"], postgres_env)
        # the host's CRM export is already in the warehouse (schema crm_export), as a loader landed it
        step(
            "load crm_export (pg)",
            [str(BIN / "python"), "-m", "partner_tools.load_raw_export", "--schema", "crm_export"],
            postgres_env,
        )
        manifest = package_build("postgres", postgres_env, extra=("--vars", '{raw_data_dir: ""}'))
        same_as_standalone("postgres", manifest, ["--postgres"])

    if "spark" in args.engines:
        # Spark in session mode reads the export in place, like DuckDB; its tables are Parquet
        # files under the state directory, which the comparison reads directly
        spark_env = dbt_env(
            DBT_TARGET="spark",
            SPARK_LOCAL_IP="127.0.0.1",
            SPARK_STATE_DIR=str(TEST_SPARK_STATE),
            PATH=f"{SPARK_VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        )
        dbt_build("spark", spark_env, dbt=SPARK_VENV / "bin" / "dbt")
        step("same marts spark", [*compare, "--spark-warehouse", str(TEST_SPARK_STATE / "warehouse")])

        # a connector's shape on Spark: the Salesforce tables of data/crm_shapes, in Fivetran's
        # history mode (versions before and after as_of_date, optional fields detected), give the
        # marts that DuckDB builds from the same scenario as the generic export (pytest checks
        # every shape against the others on DuckDB)
        shapes_warehouse = TEST_WAREHOUSE.with_name("crm_shapes_generic.duckdb")
        dbt_build("duckdb", dbt_env(DUCKDB_PATH=str(shapes_warehouse)), shape="generic")
        salesforce_env = {**spark_env, "SPARK_STATE_DIR": str(TEST_SPARK_STATE) + "_salesforce"}
        dbt_build("spark", salesforce_env, dbt=SPARK_VENV / "bin" / "dbt", shape="salesforce_history")
        step(
            "same marts sf spark",
            [
                *(str(BIN / "python"), "-m", "partner_tools.compare_marts"),
                *("--duckdb", str(shapes_warehouse)),
                *("--spark-warehouse", str(TEST_SPARK_STATE) + "_salesforce/warehouse"),
            ],
        )

    step(
        "sqlfluff lint",
        [str(BIN / "sqlfluff"), "lint", "models", "tests", "analyses", "macros"],
        dbt_env(DBT_TARGET="lint"),
    )
    # the SQL the macros generate, linted where it lands: sqlfluff skips the files of macros/, and
    # the step above ignores templated areas. Every model, test and analysis, so that each macro is
    # linted as rendered by every caller (the generic export's shape; the connector shapes' staging
    # models are disabled here, as in the step above).
    step(
        "sqlfluff macros",
        [
            *(str(BIN / "sqlfluff"), "lint", "--config", ".sqlfluff-contexts/macros.cfg"),
            *("models", "tests", "analyses"),
        ],
        dbt_env(DBT_TARGET="lint"),
    )
    # the connector staging and conformed models are built (and so linted) only when crm_source
    # names them
    for crm in ("salesforce", "hubspot"):
        step(
            f"sqlfluff {crm}",
            [
                *(str(BIN / "sqlfluff"), "lint", "--config", f".sqlfluff-contexts/{crm}.cfg"),
                f"models/staging/{crm}",
                f"models/conformed/{crm}",
                "models/audit/partner_attribution__crm_left_out_rows.sql",
                *sorted(
                    str(path.relative_to(ROOT)) for path in (ROOT / "tests" / "singular").glob(f"{crm}_*.sql")
                ),
            ],
            dbt_env(DBT_TARGET="lint"),
        )

    # the report test opens the partner report in Debian's Chromium (installed here when root)
    step("browser", [str(BIN / "python"), "-m", "partner_tools.install_browser"])
    report = ROOT / "target" / "test" / "pytest.xml"
    # two test files at a time (each test's dbt builds are mostly one core's work): 28 -> 17 minutes
    # on the 2-core CI machine; a file's tests stay together, so module-wide builds are built once
    pytest_command = [
        *(str(BIN / "python"), "-m", "pytest", "-n", "2", "--dist", "loadfile", f"--junitxml={report}"),
        *args.pytest_args,
    ]
    step("pytest", pytest_command, counter=lambda: count_pytest_results(report))

    log("summary")
    for result in results:
        verdict = "ok" if result.failed == 0 else "FAILED"
        log(
            f"  {result.name:<26} {verdict:<6} {result.passed:>4} passed, {result.failed} failed"
            f"  ({result.seconds:.0f} s)"
        )
    passed = sum(r.passed for r in results)
    failed = sum(r.failed for r in results)
    print(f"tests: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    setup_parser = commands.add_parser("setup", help="install the pinned toolchain into .venv")
    setup_parser.add_argument("--spark", action="store_true", help="also install the Spark toolchain")
    setup_parser.add_argument(
        "--metricflow", action="store_true", help="also install the semantic layer (dbt-metricflow)"
    )
    demo = commands.add_parser(
        "demo",
        help="build the demo warehouse on DuckDB, publish it for readers, print a summary, write the report",
    )
    demo.add_argument("--raw-data-dir", default="data/demo", help="the CRM export to build from")
    demo.add_argument("--as-of-date", default=DEMO_AS_OF_DATE, help="the day the marts describe")
    check = commands.add_parser("test", help="run every test and lint")
    check.add_argument(
        "--engines",
        type=lambda text: [engine.strip() for engine in text.split(",")],
        default=list(ENGINES),
        help=f"engines to build and compare, comma separated (default {','.join(ENGINES)}; duckdb always)",
    )
    check.add_argument("pytest_args", nargs="*", help="extra arguments for pytest")
    args = parser.parse_args(argv)

    if args.command == "setup":
        setup(spark=args.spark, metricflow=args.metricflow)
        return 0
    if args.command == "demo":
        return build_demo(args)
    return test(args)


if __name__ == "__main__":
    sys.exit(main())
