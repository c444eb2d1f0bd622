"""Formatting tables: each table's rows as CSV text or Parquet types."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from partner_tools.demo_data.cells import (
    VOCAB,
    _id_width,
    _ref,
    _take,
    format_amounts,
    format_dates,
    format_ids,
    format_timestamps,
)
from partner_tools.demo_data.dataset import Dataset
from partner_tools.demo_data.vocabulary import table_schema


class Cells:
    """Builds the format-dependent columns: text for CSV, typed arrays for Parquet."""

    def __init__(self, fmt: str) -> None:
        self.csv = fmt == "csv"

    def timestamp(self, seconds: np.ndarray, tz: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
        if self.csv:
            return format_timestamps(seconds, tz, valid)
        return pa.array(
            seconds * 1_000_000, pa.timestamp("us", tz="UTC"), mask=None if valid is None else ~valid
        )

    def date(self, days: np.ndarray) -> pa.Array:
        return format_dates(days) if self.csv else pa.array(days.astype(np.int32), pa.date32())

    def boolean(self, values: np.ndarray, style: np.ndarray) -> pa.Array:
        if self.csv:
            return _take(VOCAB["bool"], np.where(values < 0, -1, style.astype(np.int64) * 2 + 1 - values))
        return pa.array(values == 1, pa.bool_(), mask=values < 0)

    def amount(self, values: np.ndarray) -> pa.Array:
        return (
            format_amounts(values)
            if self.csv
            else pa.array(np.round(values, 2), pa.float64(), from_pandas=True)
        )

    def integer(self, values: np.ndarray) -> pa.Array:
        array = pa.array(values.astype(np.int64), pa.int64())
        return array.cast(pa.string()) if self.csv else array

    def rate(self, values: np.ndarray) -> pa.Array:
        array = pa.array(values, pa.float64())
        return array.cast(pa.string()) if self.csv else array


def _table(name: str, cells: Cells, columns: list[pa.Array]) -> pa.Table:
    schema = table_schema(name, "csv" if cells.csv else "parquet")
    return pa.Table.from_arrays(columns, schema=schema)


def format_accounts(ds: Dataset, idx: np.ndarray, cells: Cells) -> pa.Table:
    a = {k: v[idx] for k, v in ds.accounts.items()}
    return _table(
        "accounts",
        cells,
        [
            _ref(ds, "account_id", idx),
            _ref(ds, "account_name", idx),
            _take(VOCAB["industry"], a["industry"], a["messy_industry"]),
            _take(VOCAB["region"], a["region"], a["messy_region"]),
            _take(VOCAB["country"], a["country"]),
            cells.integer(a["employees"]),
            cells.timestamp(a["created"], a["tz"]),
        ],
    )


def format_partners(ds: Dataset, idx: np.ndarray, cells: Cells) -> pa.Table:
    p = {k: v[idx] for k, v in ds.partners.items()}
    return _table(
        "partners",
        cells,
        [
            _ref(ds, "partner_id", idx),
            _ref(ds, "partner_name", idx),
            _take(VOCAB["partner_type"], p["type"], p["messy_type"]),
            _take(VOCAB["tier"], p["tier"], p["messy_tier"]),
            _take(VOCAB["region"], p["region"], p["messy_region"]),
            cells.date(p["joined_day"]),
        ],
    )


def format_opportunities(ds: Dataset, idx: np.ndarray, cells: Cells) -> pa.Table:
    o = {k: v[idx] for k, v in ds.opportunities.items()}
    years = np.arange(o["year"].min(), o["year"].max() + 1) if idx.size else np.array([2000])
    name = pc.binary_join_element_wise(
        _ref(ds, "account_name", o["account"]),
        _take(VOCAB["opportunity_label"], o["type"]),
        _take(pa.array(years.astype(str)), o["year"] - years[0]),
        "",
    )
    closed = o["closed"] >= 0
    return _table(
        "opportunities",
        cells,
        [
            _ref(ds, "opportunity_id", idx),
            _ref(ds, "account_id", o["account"]),
            name,
            _take(VOCAB["opportunity_type"], o["type"], o["messy_type"]),
            _take(VOCAB["stage"], o["stage"]),
            cells.amount(o["amount"]),
            _take(VOCAB["currency"], o["currency"]),
            cells.timestamp(o["created"], o["tz"]),
            cells.timestamp(np.where(closed, o["closed"], 0), o["tz"], valid=closed),
            cells.boolean(o["is_won"].astype(np.int8), o["bool_style"]),
            _ref(ds, "partner_id", o["sourced_partner"]),
            _ref(ds, "partner_id", o["reseller_partner"]),
            _take(VOCAB["lead_source"], o["lead_source"], o["messy_lead"]),
        ],
    )


def format_stage_history(ds: Dataset, idx: np.ndarray, cells: Cells) -> pa.Table:
    h = {k: v[idx] for k, v in ds.stage_history.items()}
    return _table(
        "opportunity_stage_history",
        cells,
        [
            _ref(ds, "opportunity_id", h["opp"]),
            _take(VOCAB["stage"], h["stage"]),
            cells.amount(h["amount"]),
            cells.timestamp(h["changed"], h["tz"]),
        ],
    )


def format_activities(ds: Dataset, idx: np.ndarray, cells: Cells) -> pa.Table:
    a = {k: v[idx] for k, v in ds.activities.items()}
    n_total = ds.rows("partner_activities")
    return _table(
        "partner_activities",
        cells,
        [
            format_ids("ACT-", idx + 1, _id_width(n_total, 8)),
            _ref(ds, "partner_id", a["partner"]),
            _ref(ds, "account_id", a["account"], valid=a["account_shown"]),
            _ref(ds, "opportunity_id", a["opp"]),
            _take(VOCAB["activity_type"], a["type"], a["messy_type"]),
            cells.timestamp(a["ts"], a["tz"]),
            _take(VOCAB["direction"], a["direction"]),
            _take(VOCAB["status"], a["status"]),
            cells.boolean(a["qualified"], a["bool_style"]),
            _take(VOCAB["funded_by"], a["funded"]),
            cells.amount(a["amount"]),
            _take(VOCAB["notes"], a["note"]),
        ],
    )


def format_rates(ds: Dataset, idx: np.ndarray, cells: Cells) -> pa.Table:
    r = ds.rates
    return _table(
        "currency_rates",
        cells,
        [_take(VOCAB["currency"], r["currency"][idx]), cells.date(r["day"][idx]), cells.rate(r["rate"][idx])],
    )


FORMATTERS: dict[str, Callable[[Dataset, np.ndarray, Cells], pa.Table]] = {
    "accounts": format_accounts,
    "partners": format_partners,
    "opportunities": format_opportunities,
    "opportunity_stage_history": format_stage_history,
    "partner_activities": format_activities,
    "currency_rates": format_rates,
}
