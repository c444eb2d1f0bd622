"""Readers during a scheduled build: they never block it and never see half-built marts.

BI tools read the published file (partner_tools.publish), never the warehouse that dbt writes. The
test holds a reader connection on the published file, and runs a second reader process that
reconnects in a loop. Meanwhile it rebuilds the warehouse as of a later day and publishes
again. The build and the publication must succeed. Every read must return one whole
publication, old or new. The connection held open keeps the old one, and a new connection
gets the new one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from partner_tools.constants import DEMO_AS_OF_DATE, DEMO_DATA_DIR, ROOT
from partner_tools.publish import publish

DEMO = str(DEMO_DATA_DIR)
FINGERPRINT = "select count(*), sum(hash(t)) from marts.fct_opportunities as t"
READER = """
import json, os, sys, time
import duckdb
path, stop, out = sys.argv[1:4]
seen = []
while not os.path.exists(stop):
    with duckdb.connect(path, read_only=True) as connection:
        count, total = connection.sql(sys.argv[4]).fetchall()[0]
        # a second table, read in the same connection: a mix of two publications would pair
        # one publication's deals with the other's deal-partner rows
        pairs = connection.sql("select count(*) from marts.fct_opportunity_partners").fetchall()[0][0]
    seen.append([count, str(total), pairs])
    time.sleep(0.02)
with open(out, "w") as handle:
    json.dump(seen, handle)
"""


def fingerprint(connection: duckdb.DuckDBPyConnection) -> list:
    count, total = connection.sql(FINGERPRINT).fetchall()[0]
    return [count, str(total)]


def test_readers_neither_block_the_build_nor_see_it_half_done(run_dbt, tmp_path: Path):
    first = run_dbt(["build"], {"raw_data_dir": DEMO, "as_of_date": "2025-06-30"})
    assert first.returncode == 0, first.output[-3000:]
    published = tmp_path / "published.duckdb"
    publish(first.warehouse, published)

    held = duckdb.connect(str(published), read_only=True)  # a BI tool that keeps its connection
    try:
        before = fingerprint(held)
        before_pairs = held.sql("select count(*) from marts.fct_opportunity_partners").fetchall()[0][0]
        stop, seen_file = tmp_path / "stop", tmp_path / "seen.json"
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(published), str(stop), str(seen_file), FINGERPRINT]
        )
        try:
            second = run_dbt(["build"], {"raw_data_dir": DEMO, "as_of_date": DEMO_AS_OF_DATE})
            assert second.returncode == 0, second.output[-3000:]  # not blocked by either reader
            publish(second.warehouse, published)
            time.sleep(1.0)  # let the looping reader connect to the new publication a few times
        finally:
            stop.touch()
            assert reader.wait(timeout=60) == 0
        assert fingerprint(held) == before  # the held connection still reads the old publication
    finally:
        held.close()

    # with the held connection closed, a new connection of this process opens the new file
    with duckdb.connect(str(published), read_only=True) as connection:
        after = fingerprint(connection)
        after_pairs = connection.sql("select count(*) from marts.fct_opportunity_partners").fetchall()[0][0]
    assert after != before and after[0] > before[0]  # a new connection reads the new marts
    assert before_pairs != after_pairs

    seen = json.loads(seen_file.read_text())
    assert len(seen) > 10
    # every read saw one whole publication: its deals and its deal-partner rows together
    assert {tuple(observation) for observation in seen} == {(*before, before_pairs), (*after, after_pairs)}
    assert not list(tmp_path.glob("*.publishing*"))


def test_a_failed_publication_leaves_the_last_one(run_dbt, tmp_path: Path):
    built = run_dbt(
        ["run", "--select", "+partner_attribution__fct_opportunities"],
        {"raw_data_dir": DEMO, "as_of_date": DEMO_AS_OF_DATE},
    )
    assert built.returncode == 0, built.output[-3000:]
    published = tmp_path / "published.duckdb"
    publish(built.warehouse, published)
    content = published.read_bytes()

    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(SystemExit, match="has no marts"):
        publish(empty, published)
    assert published.read_bytes() == content
    assert not list(tmp_path.glob("*.publishing*"))


def test_the_demo_job_publishes_only_a_build_that_succeeded(tmp_path: Path):
    warehouse = tmp_path / "job.duckdb"
    published = tmp_path / "job_published.duckdb"
    env = {**os.environ, "DUCKDB_PATH": str(warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    tasks = [sys.executable, str(ROOT / "scripts" / "tasks.py"), "demo"]
    ok = subprocess.run(tasks, cwd=ROOT, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout[-3000:] + ok.stderr[-2000:]
    content = published.read_bytes()

    broken = subprocess.run(
        [*tasks, "--raw-data-dir", str(tmp_path / "no_such_export")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert broken.returncode != 0
    assert "nothing was published" in broken.stdout + broken.stderr
    assert published.read_bytes() == content
