"""Small vectorised helpers the generating sections share: weighted choices, groups, time arithmetic."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from partner_tools.demo_data.vocabulary import (
    COUNTRY_OFFSET_CODES,
    COUNTRY_OFFSET_COUNT,
    COUNTRY_REGION,
    MESSY_SHARE,
    OFFSET_RATE,
    SECONDS_PER_DAY,
)


def _choice(rng: np.random.Generator, probabilities: Sequence[float], size: int) -> np.ndarray:
    """Draw category codes (int8) with the given probabilities."""
    p = np.asarray(probabilities, dtype=np.float64)
    cumulative = np.cumsum(p / p.sum())
    return np.searchsorted(cumulative, rng.random(size), side="right").clip(0, len(p) - 1).astype(np.int8)


def _choice_from_mix(
    rng: np.random.Generator, mix: dict[int, dict[int, float]], keys: np.ndarray
) -> np.ndarray:
    """Draw one activity type per row from the mix of the row's partner type."""
    out = np.empty(keys.size, dtype=np.int8)
    for key, weights in mix.items():
        rows = np.flatnonzero(keys == key)
        codes = np.array(list(weights), dtype=np.int8)
        out[rows] = codes[_choice(rng, list(weights.values()), rows.size)]
    return out


def _group_positions(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For groups of the given sizes: group index and position within the group of each row."""
    group = np.repeat(np.arange(counts.size), counts)
    starts = np.cumsum(counts) - counts
    return group, np.arange(group.size) - starts[group]


def _stable_order(values: np.ndarray) -> np.ndarray:
    """Stable argsort of integer values.

    Sorts unique composite keys (value, row) instead of calling a stable argsort: several times
    faster, and the result cannot depend on which sort algorithm numpy dispatches to.
    """
    n = values.size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    shift = max(1, n.bit_length())
    span = values.astype(np.int64) - values.min()
    if int(span.max()) >= 1 << (62 - shift):
        return np.argsort(values, kind="stable")
    keys = (span << shift) | np.arange(n, dtype=np.int64)
    keys.sort()
    return keys & ((1 << shift) - 1)


def _messy(rng: np.random.Generator, size: int) -> np.ndarray:
    """Spelling variant per row: 0 = canonical, 1-4 = odd case or surrounding spaces."""
    variant = np.zeros(size, dtype=np.int8)
    rows = np.flatnonzero(rng.random(size) < MESSY_SHARE)
    variant[rows] = rng.integers(1, 5, rows.size)
    return variant


def _tz_codes(rng: np.random.Generator, country: np.ndarray) -> np.ndarray:
    """Per row: 0 = write in UTC, k > 0 = write in local offset OFFSET_MINUTES[k-1]."""
    use_offset = rng.random(country.size) < OFFSET_RATE[COUNTRY_REGION[country]]
    option = (rng.random(country.size) * COUNTRY_OFFSET_COUNT[country]).astype(np.int64)
    return np.where(use_offset, COUNTRY_OFFSET_CODES[country, option], 0).astype(np.int8)


def _month_index(seconds: np.ndarray) -> np.ndarray:
    """Months since 1970-01 of UTC epoch seconds."""
    return seconds.astype("datetime64[s]").astype("datetime64[M]").astype(np.int64)


def _days(seconds: np.ndarray | int) -> np.ndarray:
    return np.floor_divide(seconds, SECONDS_PER_DAY)
