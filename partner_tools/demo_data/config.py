"""The generator's settings and command line, and its progress lines."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from partner_tools.constants import DEMO_AS_OF_DATE, DEMO_DATA_DIR
from partner_tools.demo_data.vocabulary import (
    HISTORY_YEARS,
    MAX_DIRTY_SHARE,
    MAX_OPPORTUNITIES,
    MIN_OPPORTUNITIES,
    SECONDS_PER_DAY,
)

# the demo ends on the day the project's demo builds are as of
DEMO_END_DATE = dt.date.fromisoformat(DEMO_AS_OF_DATE)


@dataclass(frozen=True)
class Config:
    opportunities: int = 2000
    seed: int = 42
    fmt: str = "csv"
    out: Path = DEMO_DATA_DIR
    end_date: dt.date = DEMO_END_DATE
    dirty_share: float = 0.002
    quiet: bool = True

    @property
    def end_ts(self) -> int:
        """Last second (UTC epoch seconds) that may appear in the data."""
        return _epoch_seconds(self.end_date + dt.timedelta(days=1)) - 1

    @property
    def start_ts(self) -> int:
        """First second of the opportunity-creation window (HISTORY_YEARS before the end)."""
        day_after = self.end_date + dt.timedelta(days=1)
        try:
            start = day_after.replace(year=day_after.year - HISTORY_YEARS)
        except ValueError:  # 29 February
            start = day_after.replace(year=day_after.year - HISTORY_YEARS, day=28)
        return _epoch_seconds(start)

    @property
    def n_partners(self) -> int:
        return max(40, self.opportunities // 1000)


def _epoch_seconds(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days * SECONDS_PER_DAY


def _opportunity_count(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be an integer, got {text!r}") from None
    if not MIN_OPPORTUNITIES <= value <= MAX_OPPORTUNITIES:
        raise argparse.ArgumentTypeError(
            f"must be between {MIN_OPPORTUNITIES} and {MAX_OPPORTUNITIES:_}, got {value}"
        )
    return value


def _iso_date(text: str) -> dt.date:
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date like 2025-12-31, got {text!r}") from None
    if not 1990 <= value.year <= 2200:
        raise argparse.ArgumentTypeError(f"must be between 1990 and 2200, got {text!r}")
    return value


def _dirty_share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {text!r}") from None
    if not 0.0 <= value <= MAX_DIRTY_SHARE:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_DIRTY_SHARE}, got {value}")
    return value


def parse_args(argv: Sequence[str] | None = None) -> Config:
    parser = argparse.ArgumentParser(
        description="Generate a deterministic synthetic partner-ecosystem CRM export.",
    )
    parser.add_argument("--opportunities", type=_opportunity_count, default=2000, metavar="N")
    parser.add_argument("--seed", type=int, default=42, metavar="S")
    parser.add_argument("--format", dest="fmt", choices=("csv", "parquet"), default="csv")
    parser.add_argument("--out", type=Path, default=DEMO_DATA_DIR, metavar="DIR")
    parser.add_argument("--end-date", type=_iso_date, default=DEMO_END_DATE, metavar="YYYY-MM-DD")
    parser.add_argument("--dirty-share", type=_dirty_share, default=0.002, metavar="F")
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    args = parser.parse_args(argv)
    return Config(
        opportunities=args.opportunities,
        seed=args.seed,
        fmt=args.fmt,
        out=args.out,
        end_date=args.end_date,
        dirty_share=args.dirty_share,
        quiet=args.quiet,
    )


class Progress:
    """Progress lines on stderr with elapsed seconds; silent when quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.started = time.perf_counter()

    def log(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.perf_counter() - self.started:7.1f}s] {message}", file=sys.stderr, flush=True)
