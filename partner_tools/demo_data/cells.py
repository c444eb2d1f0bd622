"""Formatting cells: fast string building from byte matrices (ids, timestamps, dates, amounts, labels)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from partner_tools.demo_data.vocabulary import (
    ACTIVITY_TYPES,
    BOOL_SPELLINGS,
    COUNTRIES,
    CURRENCIES,
    DIRECTIONS,
    FUNDED_BY,
    INDUSTRIES,
    INDUSTRY_WORDS,
    LEAD_SOURCES,
    NAME_CORES,
    NAME_PREFIXES,
    NOTES,
    OFFSET_LABEL_BYTES,
    OFFSET_SECONDS,
    OPPORTUNITY_TYPES,
    PARTNER_NAME_FIRST,
    PARTNER_NAME_SECOND,
    PARTNER_NAME_SUFFIX,
    PARTNER_TYPES,
    REGIONS,
    REGISTRATION_STATUSES,
    SECONDS_PER_DAY,
    STAGES,
    TIERS,
)

if TYPE_CHECKING:  # the dataset module uses these labels, so import it for the types only
    from partner_tools.demo_data.dataset import Dataset


_DIGIT_PAIRS = np.array([[48 + i // 10, 48 + i % 10] for i in range(100)], dtype=np.uint8)


def _ascii_digits(values: np.ndarray, width: int) -> np.ndarray:
    """(n, width) uint8 matrix with the zero-padded decimal digits of non-negative ints."""
    out = np.empty((values.size, width), dtype=np.uint8)
    rest = values.astype(np.int64, copy=True)
    col = width
    while col >= 2:  # two digits at a time, dividing by a scalar (fast path in numpy)
        out[:, col - 2 : col] = _DIGIT_PAIRS[rest % 100]
        rest //= 100
        col -= 2
    if col == 1:
        out[:, 0] = rest % 10 + 48
    return out


def _strings_from_matrix(
    matrix: np.ndarray,
    lengths: np.ndarray | None = None,
    valid: np.ndarray | None = None,
    right: bool = False,
) -> pa.Array:
    """Arrow string array from a byte matrix; each row's text is its first (or last) length bytes."""
    n, width = matrix.shape
    if lengths is None:
        lengths = np.full(n, width, dtype=np.int64)
    if valid is not None:
        lengths = np.where(valid, lengths, 0)
    columns = np.arange(width)
    keep = columns >= (width - lengths)[:, None] if right else columns < lengths[:, None]
    data = matrix[keep]
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(data.tobytes())]
    null_count = 0
    if valid is not None and not valid.all():
        buffers[0] = pa.py_buffer(np.packbits(valid, bitorder="little"))
        null_count = int(n - np.count_nonzero(valid))
    return pa.Array.from_buffers(pa.string(), n, buffers, null_count=null_count)


def format_ids(prefix: str, numbers: np.ndarray, width: int, valid: np.ndarray | None = None) -> pa.Array:
    """'ACC-000001' style ids for 1-based numbers."""
    head = np.frombuffer(prefix.encode(), dtype=np.uint8)
    matrix = np.empty((numbers.size, head.size + width), dtype=np.uint8)
    matrix[:, : head.size] = head
    matrix[:, head.size :] = _ascii_digits(numbers, width)
    return _strings_from_matrix(matrix, valid=valid)


def _civil(seconds: np.ndarray) -> tuple[np.ndarray, ...]:
    """Year, month, day, hour, minute, second of UTC epoch seconds."""
    t = seconds.astype("datetime64[s]")
    days = t.astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    years = months.astype("datetime64[Y]").astype(np.int64)
    month = months.astype(np.int64) - years * 12 + 1
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    sod = (t - days.astype("datetime64[s]")).astype(np.int64)
    return years + 1970, month, day, sod // 3600, sod // 60 % 60, sod % 60


def format_timestamps(seconds: np.ndarray, tz: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """ISO-8601 text: UTC without offset (tz 0) or the same instant in a local offset."""
    local = seconds + OFFSET_SECONDS[tz]
    year, month, day, hour, minute, second = _civil(local)
    matrix = np.empty((seconds.size, 25), dtype=np.uint8)
    parts = ((year, 4), (month, 2), (day, 2), (hour, 2), (minute, 2), (second, 2))
    for col, (part, width) in zip((0, 5, 8, 11, 14, 17), parts, strict=True):
        matrix[:, col : col + width] = _ascii_digits(part, width)
    matrix[:, [4, 7]] = ord("-")
    matrix[:, 10] = ord("T")
    matrix[:, [13, 16]] = ord(":")
    matrix[:, 19:] = OFFSET_LABEL_BYTES[tz]
    return _strings_from_matrix(matrix, lengths=np.where(tz > 0, 25, 19), valid=valid)


def format_dates(days: np.ndarray) -> pa.Array:
    year, month, day, *_ = _civil(days * SECONDS_PER_DAY)
    matrix = np.empty((days.size, 10), dtype=np.uint8)
    matrix[:, 0:4] = _ascii_digits(year, 4)
    matrix[:, 5:7] = _ascii_digits(month, 2)
    matrix[:, 8:10] = _ascii_digits(day, 2)
    matrix[:, [4, 7]] = ord("-")
    return _strings_from_matrix(matrix)


_POWERS_OF_TEN = 10 ** np.arange(19, dtype=np.int64)


def format_amounts(values: np.ndarray) -> pa.Array:
    """Plain decimals with 2 decimals ('-1234.50'); NaN becomes null."""
    valid = ~np.isnan(values)
    cents = np.round(np.where(valid, values, 0.0) * 100).astype(np.int64)
    negative = cents < 0
    whole, frac = np.abs(cents) // 100, np.abs(cents) % 100
    n_digits = np.maximum(np.searchsorted(_POWERS_OF_TEN, whole, side="right"), 1)
    digits = int(n_digits.max()) if values.size else 1
    width = 1 + digits + 3
    matrix = np.empty((values.size, width), dtype=np.uint8)
    matrix[:, 1 : digits + 1] = _ascii_digits(whole, digits)
    matrix[:, digits + 1] = ord(".")
    matrix[:, digits + 2 :] = _ascii_digits(frac, 2)
    rows = np.flatnonzero(negative)
    matrix[rows, digits - n_digits[rows]] = ord("-")
    lengths = n_digits + 3 + negative
    return _strings_from_matrix(matrix, lengths=lengths, valid=valid, right=True)


def _variants(word: str) -> list[str]:
    """Canonical spelling followed by four messy ones."""
    flipped = word.upper() if word.islower() else word.lower()
    return [word, flipped, word.title(), " " + word.lower(), word + " "]


def _vocabulary(words: Sequence[str | None], messy: bool = False) -> pa.Array:
    if messy:
        return pa.array([v for w in words for v in _variants(w)], pa.string())
    return pa.array(list(words), pa.string())


VOCAB = {
    "region": _vocabulary(REGIONS, messy=True),
    "industry": _vocabulary(INDUSTRIES, messy=True),
    "partner_type": _vocabulary(PARTNER_TYPES, messy=True),
    "tier": _vocabulary(TIERS, messy=True),
    "opportunity_type": _vocabulary(OPPORTUNITY_TYPES, messy=True),
    "lead_source": _vocabulary(LEAD_SOURCES, messy=True),
    "activity_type": _vocabulary(ACTIVITY_TYPES, messy=True),
    "stage": _vocabulary(STAGES),
    "country": _vocabulary([c.code for c in COUNTRIES]),
    "currency": _vocabulary(CURRENCIES),
    "direction": _vocabulary(DIRECTIONS),
    "status": _vocabulary(REGISTRATION_STATUSES),
    "funded_by": _vocabulary(FUNDED_BY),
    "notes": _vocabulary([note for notes in NOTES for note in notes]),
    "bool": _vocabulary([s for pair in BOOL_SPELLINGS for s in pair]),
    "name_first": _vocabulary([p + c for p in NAME_PREFIXES for c in NAME_CORES]),
    "name_word": _vocabulary([w for words in INDUSTRY_WORDS for w in words]),
    "legal": _vocabulary([s for c in COUNTRIES for s in c.legal]),
    "opportunity_label": _vocabulary([" - New Business ", " - Expansion ", " - Renewal "]),
    "partner_first": _vocabulary(PARTNER_NAME_FIRST),
    "partner_second": _vocabulary(PARTNER_NAME_SECOND),
    "partner_suffix": _vocabulary([s for suffixes in PARTNER_NAME_SUFFIX for s in suffixes]),
}
LEGAL_START = np.cumsum([0] + [len(c.legal) for c in COUNTRIES])[:-1]
LEGAL_COUNT = np.array([len(c.legal) for c in COUNTRIES])


def _take(vocabulary: pa.Array, codes: np.ndarray, variant: np.ndarray | None = None) -> pa.Array:
    """Vocabulary lookup; negative codes become null; variant selects a messy spelling."""
    index = codes.astype(np.int64) * (5 if variant is not None else 1)
    if variant is not None:
        index = index + variant
    return vocabulary.take(pa.array(index, mask=codes < 0))


def _id_width(count: int, minimum: int) -> int:
    return max(minimum, len(str(count)))


def _labels(ds: Dataset) -> dict[str, pa.Array]:
    """Id and name strings of the entities referenced by other tables."""
    n_acc, n_prt, n_opp = ds.rows("accounts"), ds.rows("partners"), ds.rows("opportunities")
    a, p = ds.accounts, ds.partners
    legal = LEGAL_START[a["country"]] + a["name_legal"] % LEGAL_COUNT[a["country"]]
    account_names = pc.binary_join_element_wise(
        _take(VOCAB["name_first"], a["name_first"]),
        _take(VOCAB["name_word"], a["name_word"]),
        _take(VOCAB["legal"], legal),
        " ",
    )
    combos = len(PARTNER_NAME_FIRST) * len(PARTNER_NAME_SECOND) * 3
    code = p["name_code"] % combos
    suffix = p["type"].astype(np.int64) * 3 + code % 3
    second = code // 3 % len(PARTNER_NAME_SECOND)
    first = code // 3 // len(PARTNER_NAME_SECOND)
    partner_names = pc.binary_join_element_wise(
        _take(VOCAB["partner_first"], first),
        _take(VOCAB["partner_second"], second),
        _take(VOCAB["partner_suffix"], suffix),
        " ",
    )
    repeat = p["name_code"] // combos  # only for very large partner counts
    if repeat.any():
        numbered = pc.binary_join_element_wise(partner_names, pa.array((repeat + 1).astype(str)), " ")
        partner_names = pc.if_else(pa.array(repeat > 0), numbered, partner_names)
    return {
        "account_id": format_ids("ACC-", np.arange(1, n_acc + 1), _id_width(n_acc, 6)),
        "partner_id": format_ids("PRT-", np.arange(1, n_prt + 1), _id_width(n_prt, 4)),
        "opportunity_id": format_ids("OPP-", np.arange(1, n_opp + 1), _id_width(n_opp, 7)),
        "account_name": account_names,
        "partner_name": partner_names,
    }


def _ref(ds: Dataset, column: str, index: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    mask = index < 0 if valid is None else ~valid
    return ds.labels[column].take(pa.array(index, mask=mask))
