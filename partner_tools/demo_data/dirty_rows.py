"""Dirty rows: a small share of each table deliberately broken, from a random stream of its own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pyarrow as pa

from partner_tools.demo_data.cells import _id_width
from partner_tools.demo_data.dataset import Dataset
from partner_tools.demo_data.tables import FORMATTERS, Cells
from partner_tools.demo_data.vocabulary import TABLES, USD, table_schema

DIRTY_KINDS: dict[str, tuple[str, ...]] = {
    "accounts": ("duplicate_exact", "duplicate_conflict", "missing_key", "unparsable_timestamp"),
    "partners": ("duplicate_exact", "duplicate_conflict", "missing_key", "unparsable_timestamp"),
    "opportunities": (
        "duplicate_exact",
        "duplicate_conflict",
        "missing_key",
        "unknown_account",
        "unknown_currency",
        "unknown_sourced_partner",
        "unparsable_timestamp",
        "unparsable_amount",
        "negative_amount",
        "invalid_boolean",
    ),
    "opportunity_stage_history": (
        "duplicate_exact",
        "missing_key",
        "unknown_opportunity",
        "unparsable_timestamp",
        "unparsable_amount",
        "negative_amount",
    ),
    "partner_activities": (
        "duplicate_exact",
        "duplicate_conflict",
        "missing_key",
        "unknown_partner",
        "unknown_account",
        "unknown_opportunity",
        "unknown_activity_type",
        "unparsable_timestamp",
        "unparsable_amount",
        "negative_amount",
        "invalid_boolean",
    ),
    "currency_rates": ("duplicate_exact", "duplicate_conflict", "unparsable_amount"),
}
CSV_ONLY_KINDS = frozenset({"unparsable_timestamp", "unparsable_amount", "invalid_boolean"})
PARENT_TABLES = frozenset({"accounts", "partners", "opportunities"})
KEY_COLUMN = {
    "accounts": "account_id",
    "partners": "partner_id",
    "opportunities": "opportunity_id",
    "opportunity_stage_history": "opportunity_id",
    "partner_activities": "activity_id",
    "currency_rates": "currency",
}
TIME_COLUMN = {
    "accounts": "created_at",
    "partners": "joined_at",
    "opportunities": "created_at",
    "opportunity_stage_history": "changed_at",
    "partner_activities": "occurred_at",
}
AMOUNT_COLUMN = {
    "opportunities": "amount",
    "opportunity_stage_history": "amount",
    "partner_activities": "amount",
    "currency_rates": "rate_to_reporting",
}
BOOL_COLUMN = {"opportunities": "is_won", "partner_activities": "is_qualified"}
BAD_TIMESTAMPS = ("2024-13-45", "yesterday", "31/02/2024 25:61", "2024-02-30T10:00:00")
BAD_AMOUNTS = ("12,5k", "€1.200,00", "TBD", "1.2.3")
BAD_BOOLEANS = ("maybe", "unknown", "2")
UNKNOWN_ACTIVITY_TYPES = ("webinar", "lunch_and_learn", "podcast")


@dataclass
class DirtyRows:
    """Deliberately bad rows of one table, merged into the export at the given positions.

    replace=True rows take the place of the clean row at that position, the others are added
    right after it. Parent tables (accounts, partners, opportunities) only ever get added rows
    (with a fresh id unless the kind is about the key), so no clean child row loses its parent.
    """

    positions: np.ndarray
    replace: np.ndarray
    kinds: list[str]
    table: pa.Table


class _DirtyIds:
    """Fresh ids for added parent rows and ids that exist nowhere."""

    prefixes: ClassVar[dict[str, tuple[str, int]]] = {
        "accounts": ("ACC-", 6),
        "partners": ("PRT-", 4),
        "opportunities": ("OPP-", 7),
    }

    def __init__(self, ds: Dataset) -> None:
        self.counts = {t: ds.rows(t) for t in self.prefixes}
        self.fresh_used = dict.fromkeys(self.prefixes, 0)
        self.unknown_used = dict.fromkeys(self.prefixes, 0)

    def _id(self, table: str, number: int) -> str:
        prefix, minimum = self.prefixes[table]
        return prefix + str(number).zfill(_id_width(self.counts[table], minimum))

    def fresh(self, table: str) -> str:
        self.fresh_used[table] += 1
        return self._id(table, self.counts[table] + self.fresh_used[table])

    def unknown(self, table: str) -> str:
        # beyond every fresh id: fresh ids stay below 2 * count because the dirty share is <= 0.2
        self.unknown_used[table] += 1
        return self._id(table, 2 * self.counts[table] + 1000 + self.unknown_used[table])


def _dirty_kinds(table: str, fmt: str) -> tuple[str, ...]:
    kinds = DIRTY_KINDS[table]
    return kinds if fmt == "csv" else tuple(k for k in kinds if k not in CSV_ONLY_KINDS)


def _eligible_rows(ds: Dataset, table: str, kind: str) -> np.ndarray | None:
    """Rows a kind may be applied to (None = any row)."""
    if table == "partner_activities":
        acts = ds.activities
        if kind in ("unparsable_amount", "negative_amount"):
            return ~np.isnan(acts["amount"])
        if kind == "invalid_boolean":
            return acts["qualified"] >= 0
        if kind == "unknown_opportunity":
            return acts["opp"] >= 0
    if table == "currency_rates" and kind == "duplicate_conflict":  # a month before any deal
        return (ds.rates["currency"] != USD) & (ds.rates["day"] == ds.rates["day"].min())
    return None


def _scaled(value: object, factor: float, csv: bool, decimals: int = 2) -> object:
    """A number (or its CSV text) multiplied by factor, keeping its integer/decimal nature."""
    if csv:
        text = str(value)
        if "." not in text:
            return str(round(int(text) * factor))
        return f"{float(text) * factor:.{decimals}f}"
    if isinstance(value, int):
        return round(value * factor)
    return round(float(value) * factor, decimals)


_CONFLICTS: dict[str, tuple[str, Callable[[object, bool], object]]] = {
    "accounts": ("employee_count", lambda v, csv: _scaled(v, 2, csv)),
    "partners": ("tier", lambda v, csv: "gold" if str(v).strip().lower() != "gold" else "silver"),
    "opportunities": ("amount", lambda v, csv: _scaled(v, 1.15, csv)),
    "partner_activities": (
        "activity_type",
        lambda v, csv: "warm_intro" if v == "intel_share" else "intel_share",
    ),
    "currency_rates": ("rate_to_reporting", lambda v, csv: _scaled(v, 1.02, csv, decimals=8)),
}


def _corrupt(table: str, kind: str, row: dict, j: int, ids: _DirtyIds, csv: bool) -> list[dict]:
    """The bad row(s) of one kind, made from a formatted clean row (column -> cell value).

    Parent-table rows get a fresh id (a conflicting duplicate there is a pair of rows sharing a
    fresh id), so that rejecting them never orphans clean child rows.
    """
    row = dict(row)
    key = KEY_COLUMN[table]
    if table in PARENT_TABLES and kind not in ("duplicate_exact", "missing_key"):
        row[key] = ids.fresh(table)
    if kind == "duplicate_conflict":
        column, change = _CONFLICTS[table]
        changed = {**row, column: change(row[column], csv)}
        return [row, changed] if table in PARENT_TABLES else [changed]
    if kind == "missing_key":
        row[key] = None
    elif kind == "unknown_partner":
        row["partner_id"] = ids.unknown("partners")
    elif kind == "unknown_account":
        row["account_id"] = ids.unknown("accounts")
    elif kind == "unknown_opportunity":
        row["opportunity_id"] = ids.unknown("opportunities")
    elif kind == "unknown_sourced_partner":
        row["sourced_partner_id"] = ids.unknown("partners")
    elif kind == "unknown_currency":
        row["currency"] = "XXX"
    elif kind == "unknown_activity_type":
        row["activity_type"] = UNKNOWN_ACTIVITY_TYPES[j % len(UNKNOWN_ACTIVITY_TYPES)]
    elif kind == "unparsable_timestamp":
        row[TIME_COLUMN[table]] = BAD_TIMESTAMPS[j % len(BAD_TIMESTAMPS)]
    elif kind == "unparsable_amount":
        row[AMOUNT_COLUMN[table]] = BAD_AMOUNTS[j % len(BAD_AMOUNTS)]
    elif kind == "negative_amount":
        column = AMOUNT_COLUMN[table]
        row[column] = "-" + row[column].lstrip("-") if csv else -abs(row[column])
    elif kind == "invalid_boolean":
        row[BOOL_COLUMN[table]] = BAD_BOOLEANS[j % len(BAD_BOOLEANS)]
    return [row]


def _pick_positions(
    rng: np.random.Generator, ds: Dataset, table: str, kinds: tuple[str, ...], kind_index: np.ndarray
) -> np.ndarray:
    """Distinct source rows for the dirty rows, from the rows each kind may be applied to."""
    used = np.zeros(ds.rows(table), dtype=bool)
    positions = np.empty(kind_index.size, dtype=np.int64)
    for k, kind in enumerate(kinds):
        slots = np.flatnonzero(kind_index == k)
        eligible = _eligible_rows(ds, table, kind)
        candidates = np.flatnonzero(~used if eligible is None else eligible & ~used)
        if candidates.size == 0:  # tiny tables: reuse rows rather than fail
            candidates = np.flatnonzero(np.ones_like(used) if eligible is None else eligible)
        picks = rng.choice(candidates, size=min(slots.size, candidates.size), replace=False)
        positions[slots] = np.resize(picks, slots.size)
        used[picks] = True
    return positions


def plan_dirty_rows(ds: Dataset, fmt: str, share: float, seed: int) -> dict[str, DirtyRows]:
    """Choose and build the deliberately bad rows of every table (empty when share is 0).

    Each table gets max(number of kinds, round(share * rows)) bad rows, the kinds cycling so that
    every kind that fits the format appears at least once. Deterministic for a given seed and
    independent of the clean data's random streams.
    """
    if share <= 0:
        return {}
    rng = np.random.default_rng([seed, 0xD1A7])
    cells = Cells(fmt)
    ids = _DirtyIds(ds)
    csv = fmt == "csv"
    plans = {}
    for table in TABLES:
        kinds = _dirty_kinds(table, fmt)
        kind_index = np.arange(max(len(kinds), round(share * ds.rows(table)))) % len(kinds)
        positions = _pick_positions(rng, ds, table, kinds, kind_index)
        source = FORMATTERS[table](ds, positions, cells).to_pylist()
        rows, row_positions, row_kinds = [], [], []
        for j, (k, clean, position) in enumerate(zip(kind_index, source, positions, strict=True)):
            for bad in _corrupt(table, kinds[k], clean, j, ids, csv):
                rows.append(bad)
                row_positions.append(position)
                row_kinds.append(kinds[k])
        replace = np.array(
            [table not in PARENT_TABLES and not kind.startswith("duplicate") for kind in row_kinds],
            dtype=bool,
        )
        row_positions_arr = np.array(row_positions, dtype=np.int64)
        order = np.lexsort((~replace, row_positions_arr))
        plans[table] = DirtyRows(
            positions=row_positions_arr[order],
            replace=replace[order],
            kinds=[row_kinds[i] for i in order],
            table=pa.Table.from_pylist([rows[i] for i in order], schema=table_schema(table, fmt)),
        )
    return plans


def _merge_dirty(chunk: pa.Table, lo: int, dirty: DirtyRows | None) -> pa.Table:
    """Put the dirty rows whose position falls into this chunk in place / after their row."""
    if dirty is None:
        return chunk
    hi = lo + chunk.num_rows
    inside = np.flatnonzero((dirty.positions >= lo) & (dirty.positions < hi))
    if inside.size == 0:
        return chunk
    local = dirty.positions[inside] - lo
    replace = dirty.replace[inside]
    keep = np.ones(chunk.num_rows, dtype=bool)
    keep[local[replace]] = False
    keys = np.concatenate([np.flatnonzero(keep) * 2, local * 2 + ~replace])
    merged = pa.concat_tables([chunk.filter(pa.array(keep)), dirty.table.take(pa.array(inside))])
    return merged.take(pa.array(np.argsort(keys, kind="stable")))
