#!/usr/bin/env python3
"""Start (or stop) a throw-away PostgreSQL server on 127.0.0.1 for building the project there.

    python -m partner_tools.local_postgres start   # prints the PG* variables that profiles.yml reads
    python -m partner_tools.local_postgres stop

Uses the machine's PostgreSQL binaries (Debian: apt-get install postgresql; this script installs
them when it runs as root and finds none). As root, the cluster runs as the `postgres` user, as
PostgreSQL requires. The cluster lives in PARTNER_PG_DIR (default /tmp/partner_attribution_pg), is
tuned for speed over durability (fsync off: it holds nothing that cannot be rebuilt), and listens
only on 127.0.0.1:PGPORT (default 55432).
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

DATA_DIR = Path(os.environ.get("PARTNER_PG_DIR", "/tmp/partner_attribution_pg"))
PORT = os.environ.get("PGPORT", "55432")
DATABASE = os.environ.get("PGDATABASE", "partner_attribution")
USER = "postgres"


def log(message: str) -> None:
    print(f"[postgres] {message}", file=sys.stderr, flush=True)


def bin_dir() -> Path:
    """The newest installed PostgreSQL's bin directory, installing Debian's package if there is none."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if not found and shutil.which("initdb"):
        return Path(shutil.which("initdb")).parent
    if not found:
        if os.geteuid() != 0:
            sys.exit("PostgreSQL is not installed: run `apt-get install postgresql` as root and retry")
        log("installing Debian's postgresql package")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, env=env)
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent


def as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its programs as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", USER, "--", *command]
    return command


def is_running(binaries: Path) -> bool:
    if not (DATA_DIR / "PG_VERSION").exists():
        return False
    command = as_server_user([str(binaries / "pg_ctl"), "-D", str(DATA_DIR), "status"])
    status = subprocess.run(command, capture_output=True)
    return status.returncode == 0


def start(fresh_database: bool = False) -> None:
    binaries = bin_dir()
    if not (DATA_DIR / "PG_VERSION").exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(DATA_DIR, USER, USER)
        log(f"initdb {DATA_DIR}")
        subprocess.run(
            as_server_user([str(binaries / "initdb"), "-D", str(DATA_DIR), "-U", USER, "--auth=trust"]),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if not is_running(binaries):
        options = (
            f"-p {PORT} -c listen_addresses=127.0.0.1 -k {DATA_DIR} -c fsync=off -c synchronous_commit=off"
            " -c full_page_writes=off -c shared_buffers=512MB -c work_mem=64MB -c max_connections=50"
            " -c timezone=UTC"
        )
        log(f"starting on 127.0.0.1:{PORT}")
        subprocess.run(
            as_server_user(
                [
                    str(binaries / "pg_ctl"),
                    "-D",
                    str(DATA_DIR),
                    "-o",
                    options,
                    "-l",
                    str(DATA_DIR / "server.log"),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    psql = [str(binaries / "psql"), "-h", "127.0.0.1", "-p", PORT, "-U", USER, "-d", "postgres", "-tAc"]
    for _ in range(30):
        if subprocess.run([*psql, "select 1"], capture_output=True).returncode == 0:
            break
        time.sleep(0.5)
    if fresh_database:
        # a test run starts from nothing: tables left by an earlier run (an old seed's columns,
        # a model since renamed) must not decide whether this one passes
        subprocess.run([*psql, f'drop database if exists "{DATABASE}" with (force)'], check=True)
    query = f"select 1 from pg_database where datname = '{DATABASE}'"
    exists = subprocess.run([*psql, query], capture_output=True)
    if exists.stdout.strip() != b"1":
        subprocess.run([*psql, f'create database "{DATABASE}"'], check=True, stdout=subprocess.DEVNULL)
    print(f"export PGHOST=127.0.0.1 PGPORT={PORT} PGUSER={USER} PGPASSWORD= PGDATABASE={DATABASE}")


def stop() -> None:
    binaries = bin_dir()
    if is_running(binaries):
        subprocess.run(
            as_server_user([str(binaries / "pg_ctl"), "-D", str(DATA_DIR), "-m", "fast", "stop"]),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        log("stopped")


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument(
        "--fresh-database", action="store_true", help="on start, drop the database first and create it empty"
    )
    args = parser.parse_args(argv)
    start(args.fresh_database) if args.action == "start" else stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
