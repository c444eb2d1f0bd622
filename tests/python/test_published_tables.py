"""partner_tools.published_tables compare: what it calls a difference, and the one it allows (a listed
column rename). The recording itself is run before and after a redesign (its closing note)."""

from __future__ import annotations

import copy
from pathlib import Path

import duckdb

from partner_tools.published_tables import differences, fingerprints


def published_file(path: Path, rows: list[tuple]) -> Path:
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        connection.execute("create table marts.m (partner_id varchar, win_rate double, deals integer)")
        connection.executemany("insert into marts.m values (?, ?, ?)", rows)
        connection.execute("create table main.publication (published_at timestamp)")  # not a reader's table
    return path


def test_the_same_rows_in_another_order_are_identical(tmp_path: Path) -> None:
    rows = [("P1", 0.5, 2), ("P2", 1 / 3, 3)]
    before = {"demo": fingerprints(published_file(tmp_path / "a.duckdb", rows))}
    after = {"demo": fingerprints(published_file(tmp_path / "b.duckdb", rows[::-1]))}
    assert list(before["demo"]) == ["marts.m"]
    assert differences(before, after, {}) == []


def test_a_value_a_row_a_column_or_a_table_that_changed_is_named(tmp_path: Path) -> None:
    rows = [("P1", 0.5, 2), ("P2", 1 / 3, 3)]
    before = {"demo": fingerprints(published_file(tmp_path / "a.duckdb", rows))}
    last_bit = {
        "demo": fingerprints(published_file(tmp_path / "b.duckdb", [rows[0], ("P2", 0.33333333333333337, 3)]))
    }
    assert differences(before, last_bit, {}) == ["demo marts.m: values differ in ['win_rate']"]
    fewer = {"demo": fingerprints(published_file(tmp_path / "c.duckdb", rows[:1]))}
    assert differences(before, fewer, {}) == ["demo marts.m: 2 rows became 1"]

    renamed = copy.deepcopy(before)
    table = renamed["demo"]["marts.m"]
    table["columns"][1][0] = "attached_win_rate"
    table["column_hashes"]["attached_win_rate"] = table["column_hashes"].pop("win_rate")
    assert "columns" in differences(before, renamed, {})[0]
    # the rename listed for the table is the one difference allowed
    assert differences(before, renamed, {"marts.m": {"win_rate": "attached_win_rate"}}) == []
    assert differences(before, {"demo": {}}, {}) == ["demo marts.m: published on one side only"]
    # a table listed as added may be new; one that was there before may not go
    grown = copy.deepcopy(before)
    grown["demo"]["marts.n"] = grown["demo"]["marts.m"]
    assert differences(before, grown, {}) == ["demo marts.n: published on one side only"]
    assert differences(before, grown, {"added_tables": ["marts.n"]}) == []
    assert differences(grown, before, {"added_tables": ["marts.n"]}) == [
        "demo marts.n: published on one side only"
    ]


def test_a_listed_table_rename_is_allowed_when_the_table_is_the_same(tmp_path: Path) -> None:
    rows = [("P1", 0.5, 2), ("P2", 1 / 3, 3)]
    before = {"demo": fingerprints(published_file(tmp_path / "a.duckdb", rows))}
    # the stored failures of a test on a renamed model: the same table under a new name
    moved = {"demo": {"audit.m_renamed": before["demo"]["marts.m"]}}
    assert differences(before, moved, {}) == [
        "demo audit.m_renamed: published on one side only",
        "demo marts.m: published on one side only",
    ]
    renamed = {"renamed_tables": {"marts.m": "audit.m_renamed"}}
    assert differences(before, moved, renamed) == []
    # under its new name it must still hold the same rows
    one_row = fingerprints(published_file(tmp_path / "b.duckdb", rows[:1]))["marts.m"]
    fewer = {"demo": {"audit.m_renamed": one_row}}
    assert differences(before, fewer, renamed) == ["demo audit.m_renamed: 2 rows became 1"]
    # and its column renames are listed under the new name
    recolumned = copy.deepcopy(moved)
    table = recolumned["demo"]["audit.m_renamed"]
    table["columns"][1][0] = "attached_win_rate"
    table["column_hashes"]["attached_win_rate"] = table["column_hashes"].pop("win_rate")
    columns = {"audit.m_renamed": {"win_rate": "attached_win_rate"}}
    assert differences(before, recolumned, {**renamed, **columns}) == []
