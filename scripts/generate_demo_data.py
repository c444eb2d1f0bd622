"""Generate a deterministic synthetic CRM export of a B2B software company's partner ecosystem.

The story
---------
A software vendor sells to companies ("accounts") in four regions: NA, EMEA, APAC and LATAM.
Each account buys once (``new_business``) and may come back for ``expansion`` or ``renewal``
deals. The vendor works with four kinds of partners:

* referral partners bring in deals (``referral`` and ``deal_registration`` touches),
* resellers resell licences (``resale`` / ``marketplace_transaction`` touches and the CRM's
  ``reseller_partner_id``) and run marketing funds (``mdf_campaign``),
* system integrators validate and then deploy the product (``technical_validation``,
  ``implementation`` after a won deal, ``customer_success_review``),
* technology partners co-sell (``co_sell_meeting``, ``joint_use_case``, ``joint_event``,
  ``account_mapping``, ``intel_share``).

APAC and LATAM are partner-led markets (partners involved in ~85% of deals, and most new
business there is partner sourced); in NA and EMEA partners touch ~40% of deals. Sourcing is
mostly about new business; a few expansions and renewals also carry a sourcing touch.
Partner-attached deals win more often (~37% vs ~22%), are larger (~1.3x) and close faster
(~0.8x the cycle). Partner touches cluster around opportunity lifecycles: account-level touches
(no ``opportunity_id``) in the months before an opportunity is created (so one touch can precede
several opportunities of the account), the sourcing referral or deal registration up to ~90 days
before creation, co-selling during the deal, and deployment, resale and customer-success touches
after the close. The CRM is incomplete in the usual ways: ``sourced_partner_id`` is filled on
only about half of the partner-sourced deals, some deals are contested by two partners, some
sourcing touches are unqualified, rejected, expired or funded by the vendor itself
(``funded_by = 'us'``), and some touches are outbound referrals the vendor gives to partners.

Export format
-------------
One file per table. CSV files have a header row, standard double-quote quoting (pyarrow quotes
every non-null string value) and an empty field for null. Timestamps are ISO-8601 in UTC,
and for a minority of rows (more in APAC) the same instant is written in the account's local
offset (``2024-03-05T23:07:33+09:00``). Booleans come in mixed spellings, amounts are plain
decimals in the opportunity's own currency (``mdf_campaign`` spend is in USD; resale values are
in the linked opportunity's currency). A few categorical values have odd case or surrounding
spaces. Parquet files carry the same columns with real types instead.

With ``--dirty-share`` > 0 a small share of rows per table is deliberately broken (duplicate
keys, missing keys, unknown references, unparsable values, ...); see :func:`plan_dirty_rows`.
Dirty rows are generated from a separate random stream, so the clean rows do not depend on it.

Everything is derived from ``numpy.random.default_rng(seed)``: the same arguments produce
byte-identical files.

Usage
-----
    python scripts/generate_demo_data.py                  # the bundled demo in data/demo
    python scripts/generate_demo_data.py --opportunities 1000000 --format parquet --out /tmp/big

Options: --opportunities N (100 .. 10,000,000), --seed S, --format csv|parquet, --out DIR,
--end-date YYYY-MM-DD, --dirty-share F (0 .. 0.2), --quiet.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

Columns = dict[str, np.ndarray]

SECONDS_PER_DAY = 86_400
CHUNK_ROWS = 1_000_000
MIN_OPPORTUNITIES = 100
MAX_OPPORTUNITIES = 10_000_000
MAX_DIRTY_SHARE = 0.2
HISTORY_YEARS = 3

# --------------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------------

REGIONS = ("NA", "EMEA", "APAC", "LATAM")
ACCOUNT_REGION_SHARE = (0.40, 0.30, 0.18, 0.12)
PARTNER_REGION_SHARE = (0.32, 0.28, 0.22, 0.18)
ATTACH_RATE = np.array([0.38, 0.42, 0.85, 0.85])  # partner involvement per account region
SOURCED_RATE = np.array([0.45, 0.42, 0.80, 0.78])  # partner-sourced share of attached new business
OTHER_SOURCED_RATE = 0.1  # expansions / renewals with a sourcing touch (not sourceable by default)
OFFSET_RATE = np.array([0.07, 0.10, 0.30, 0.16])  # rows written with a local UTC offset

PARTNER_TYPES = ("referral", "reseller", "system_integrator", "technology")
REFERRAL, RESELLER, SI, TECH = range(4)
PARTNER_TYPE_SHARE = (0.30, 0.25, 0.20, 0.25)
TIERS = ("platinum", "gold", "silver", "registered")
TIER_SHARE = (0.08, 0.22, 0.35, 0.35)
TIER_ACTIVITY_WEIGHT = np.array([4.0, 2.5, 1.5, 0.6])

OPPORTUNITY_TYPES = ("new_business", "expansion", "renewal")
NEW_BUSINESS, EXPANSION, RENEWAL = range(3)
STAGES = ("prospecting", "qualification", "proposal", "negotiation", "closed_won", "closed_lost")
CLOSED_WON, CLOSED_LOST = 4, 5
LEAD_SOURCES = ("partner", "web", "outbound", "event", "referral")
INDUSTRIES = (
    "software",
    "financial_services",
    "healthcare",
    "manufacturing",
    "retail",
    "telecommunications",
    "education",
    "energy",
    "logistics",
    "public_sector",
)
INDUSTRY_SHARE = (0.16, 0.14, 0.12, 0.13, 0.10, 0.07, 0.06, 0.06, 0.08, 0.08)
INDUSTRY_WORDS = (
    ("Software", "Systems", "Digital"),
    ("Bank", "Capital", "Financial"),
    ("Health", "Medical", "Care"),
    ("Industries", "Manufacturing", "Components"),
    ("Retail", "Stores", "Brands"),
    ("Telecom", "Networks", "Communications"),
    ("Learning", "Education", "Academy"),
    ("Energy", "Power", "Renewables"),
    ("Logistics", "Freight", "Shipping"),
    ("Services", "Agency", "Authority"),
)
NAME_PREFIXES = (
    "North", "Blue", "Silver", "Red", "Green", "Bright", "Clear", "Swift", "Iron", "Summit",
    "Pine", "Oak", "Stone", "River", "Lake", "Sun", "Star", "Cedar", "Maple", "Harbor",
    "Eagle", "Falcon", "Golden", "Crystal", "Ever", "True", "Prime", "Nova", "Apex", "Vertex",
    "Quantum", "Atlas", "Orion", "Polar", "Coral", "Granite", "Copper", "Amber", "Crimson", "Azure",
)  # fmt: skip
NAME_CORES = (
    "ridge", "field", "wood", "gate", "way", "point", "line", "bridge", "stone", "brook",
    "view", "crest", "peak", "vale", "port", "haven", "light", "works", "wave", "path",
    "rock", "bay", "spring", "hill", "mark",
)  # fmt: skip
PARTNER_NAME_FIRST = (
    "Acumen", "Bluepeak", "Cobalt", "Dynamo", "Elevate", "Fulcrum", "Keystone", "Lumen",
    "Meridian", "Nimbus", "Onward", "Pinnacle", "Quorum", "Relay", "Sterling", "Trellis",
    "Unison", "Vantage", "Westbrook", "Zenith", "Arcadia", "Beacon", "Catalyst", "Delta",
    "Ember", "Frontier", "Greystone", "Horizon", "Ionic", "Juniper", "Kinetic", "Lattice",
    "Mosaic", "Northstar", "Optima", "Paragon", "Radiant", "Solstice", "Tandem", "Vector",
)  # fmt: skip
PARTNER_NAME_SECOND = (
    "Cloud",
    "Data",
    "Digital",
    "Tech",
    "Insight",
    "Growth",
    "Logic",
    "Bridge",
    "Core",
    "Scale",
)
PARTNER_NAME_SUFFIX = (
    ("Advisors", "Partners", "Ventures"),
    ("Distribution", "Direct", "Solutions"),
    ("Consulting", "Integration", "Services"),
    ("Labs", "Technologies", "Software"),
)

ACTIVITY_TYPES = (
    "account_mapping",
    "intel_share",
    "referral",
    "deal_registration",
    "warm_intro",
    "co_sell_meeting",
    "joint_use_case",
    "technical_validation",
    "joint_event",
    "mdf_campaign",
    "resale",
    "marketplace_transaction",
    "implementation",
    "customer_success_review",
)
(
    A_ACCOUNT_MAPPING,
    A_INTEL_SHARE,
    A_REFERRAL,
    A_DEAL_REGISTRATION,
    A_WARM_INTRO,
    A_CO_SELL,
    A_JOINT_USE_CASE,
    A_TECHNICAL_VALIDATION,
    A_JOINT_EVENT,
    A_MDF_CAMPAIGN,
    A_RESALE,
    A_MARKETPLACE,
    A_IMPLEMENTATION,
    A_CUSTOMER_SUCCESS,
) = range(len(ACTIVITY_TYPES))
DIRECTIONS = ("inbound", "outbound")
INBOUND, OUTBOUND = 0, 1
REGISTRATION_STATUSES = ("submitted", "approved", "rejected", "expired")
REGISTRATION_STATUS_SHARE = (0.07, 0.73, 0.12, 0.08)
FUNDED_BY = ("partner", "us", "shared")
FUNDED_BY_SHARE = (0.45, 0.25, 0.30)
FUNDED_BY_US = 1

# Which touches each partner archetype logs: before a deal (account level) and during a deal.
PRE_DEAL_MIX: dict[int, dict[int, float]] = {
    REFERRAL: {
        A_WARM_INTRO: 0.35,
        A_ACCOUNT_MAPPING: 0.25,
        A_INTEL_SHARE: 0.25,
        A_JOINT_EVENT: 0.1,
        A_MDF_CAMPAIGN: 0.05,
    },
    RESELLER: {
        A_MDF_CAMPAIGN: 0.3,
        A_JOINT_EVENT: 0.25,
        A_WARM_INTRO: 0.2,
        A_ACCOUNT_MAPPING: 0.15,
        A_INTEL_SHARE: 0.1,
    },
    SI: {
        A_ACCOUNT_MAPPING: 0.3,
        A_JOINT_USE_CASE: 0.3,
        A_WARM_INTRO: 0.2,
        A_INTEL_SHARE: 0.1,
        A_JOINT_EVENT: 0.1,
    },
    TECH: {
        A_ACCOUNT_MAPPING: 0.3,
        A_INTEL_SHARE: 0.25,
        A_JOINT_EVENT: 0.2,
        A_JOINT_USE_CASE: 0.15,
        A_MDF_CAMPAIGN: 0.1,
    },
}
IN_DEAL_MIX: dict[int, dict[int, float]] = {
    REFERRAL: {A_WARM_INTRO: 0.4, A_INTEL_SHARE: 0.3, A_CO_SELL: 0.3},
    RESELLER: {
        A_CO_SELL: 0.35,
        A_WARM_INTRO: 0.2,
        A_JOINT_USE_CASE: 0.15,
        A_INTEL_SHARE: 0.15,
        A_TECHNICAL_VALIDATION: 0.15,
    },
    SI: {A_TECHNICAL_VALIDATION: 0.4, A_JOINT_USE_CASE: 0.3, A_CO_SELL: 0.15, A_WARM_INTRO: 0.15},
    TECH: {A_CO_SELL: 0.45, A_TECHNICAL_VALIDATION: 0.25, A_JOINT_USE_CASE: 0.2, A_INTEL_SHARE: 0.1},
}
SOURCING_MIX: dict[int, dict[int, float]] = {
    REFERRAL: {A_REFERRAL: 0.6, A_DEAL_REGISTRATION: 0.4},
    RESELLER: {A_DEAL_REGISTRATION: 0.85, A_REFERRAL: 0.15},
    SI: {A_REFERRAL: 0.6, A_DEAL_REGISTRATION: 0.4},
    TECH: {A_REFERRAL: 0.6, A_DEAL_REGISTRATION: 0.4},
}
# Average number of touches per attached deal (Poisson means), tuned for ~9 touches per deal.
PRE_DEAL_TOUCHES = 7.5
IN_DEAL_TOUCHES = 6.5

NOTES = (
    ("Mapped overlapping accounts", "Shared target list, 12 overlapping contacts", None),
    ("Partner shared org chart", 'Customer "evaluating competitors"', "Budget cycle starts in Q3"),
    ("Referral from partner AE", "Intro via partner, CIO interested", None),
    ("Registered via partner portal", "Deal reg, exclusive 90 days", "Resubmitted after correction"),
    ("Warm intro to VP Engineering", "Intro email, meeting booked", None),
    ("Joint call with partner AE", "Co-sell sync, next steps agreed", "Exec sponsor meeting"),
    ("Joint use case workshop", "Use case: data pipeline, analytics", None),
    ("POC environment provisioned", "Security review passed", "Architecture review, 3 findings"),
    ("Booth at partner summit", "Roundtable dinner, 14 attendees", None),
    ("MDF: virtual event series", "MDF campaign, paid social", "Field marketing, Q4 push"),
    ("Resale order placed", "PO received via reseller", None),
    ("Cloud marketplace private offer", "Marketplace transaction, 12 months", None),
    ("Kick-off with SI", "Implementation phase 1 complete", "Go-live, 200 users onboarded"),
    ("QBR with customer", "Health check: green", "Adoption review, expansion potential"),
)

BOOL_SPELLINGS = (
    ("true", "false"),
    ("t", "f"),
    ("yes", "no"),
    ("1", "0"),
    ("TRUE", "FALSE"),
    ("True", "False"),
)
BOOL_STYLE_SHARE = (0.64, 0.06, 0.08, 0.08, 0.08, 0.06)
MESSY_SHARE = 0.004  # rows whose categorical text has odd case or surrounding spaces


@dataclass(frozen=True)
class Country:
    code: str
    region: int
    weight: float  # share within its region
    currency: str
    local_share: float  # share of deals in the local currency, the rest is in USD
    offsets: tuple[int, ...]  # plausible UTC offsets in minutes
    legal: tuple[str, ...]  # legal-form suffixes for account names


COUNTRIES = (
    Country("US", 0, 0.82, "USD", 1.0, (-300, -360, -420, -480), ("Inc.", "LLC", "Corp.")),
    Country("CA", 0, 0.18, "CAD", 0.55, (-300, -480), ("Inc.", "Ltd.")),
    Country("GB", 1, 0.27, "GBP", 0.85, (0, 60), ("Ltd", "plc")),
    Country("DE", 1, 0.22, "EUR", 1.0, (60, 120), ("GmbH", "AG")),
    Country("FR", 1, 0.16, "EUR", 1.0, (60, 120), ("SA", "SAS")),
    Country("NL", 1, 0.10, "EUR", 1.0, (60, 120), ("B.V.", "N.V.")),
    Country("ES", 1, 0.07, "EUR", 1.0, (60, 120), ("S.L.", "S.A.")),
    Country("SE", 1, 0.08, "SEK", 0.6, (60, 120), ("AB",)),
    Country("AE", 1, 0.10, "USD", 1.0, (240,), ("LLC", "FZ-LLC")),
    Country("JP", 2, 0.24, "JPY", 0.85, (540,), ("K.K.", "Co., Ltd.")),
    Country("AU", 2, 0.24, "AUD", 0.9, (600, 660, 480), ("Pty Ltd",)),
    Country("IN", 2, 0.22, "INR", 0.5, (330,), ("Pvt Ltd", "Ltd")),
    Country("SG", 2, 0.16, "SGD", 0.4, (480,), ("Pte Ltd",)),
    Country("NZ", 2, 0.06, "NZD", 0.8, (720, 780), ("Ltd",)),
    Country("KR", 2, 0.08, "USD", 1.0, (540,), ("Co., Ltd.",)),
    Country("BR", 3, 0.45, "BRL", 0.75, (-180,), ("Ltda.", "S.A.")),
    Country("MX", 3, 0.30, "MXN", 0.6, (-360,), ("S.A. de C.V.",)),
    Country("CO", 3, 0.10, "USD", 1.0, (-300,), ("S.A.S.",)),
    Country("CL", 3, 0.10, "USD", 1.0, (-240, -180), ("SpA",)),
    Country("AR", 3, 0.05, "USD", 1.0, (-180,), ("S.R.L.",)),
)
# Units of USD per unit of currency around the start of the period.
CURRENCY_LEVELS = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.26,
    "CAD": 0.74,
    "SEK": 0.095,
    "JPY": 0.0070,
    "AUD": 0.66,
    "INR": 0.012,
    "SGD": 0.745,
    "NZD": 0.61,
    "BRL": 0.195,
    "MXN": 0.056,
}
CURRENCIES = tuple(CURRENCY_LEVELS)
USD = 0

COUNTRY_REGION = np.array([c.region for c in COUNTRIES])
COUNTRY_CURRENCY = np.array([CURRENCIES.index(c.currency) for c in COUNTRIES])
COUNTRY_LOCAL_SHARE = np.array([c.local_share for c in COUNTRIES])
OFFSET_MINUTES = tuple(sorted({m for c in COUNTRIES for m in c.offsets}))
# tz code 0 = plain UTC, code k > 0 = OFFSET_MINUTES[k - 1]
OFFSET_SECONDS = np.array([0] + [m * 60 for m in OFFSET_MINUTES], dtype=np.int64)
COUNTRY_OFFSET_COUNT = np.array([len(c.offsets) for c in COUNTRIES])
COUNTRY_OFFSET_CODES = np.array(
    [[OFFSET_MINUTES.index(c.offsets[i % len(c.offsets)]) + 1 for i in range(4)] for c in COUNTRIES]
)


def _offset_label(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


OFFSET_LABEL_BYTES = np.array(
    [list(b"+00:00")] + [list(_offset_label(m).encode()) for m in OFFSET_MINUTES], dtype=np.uint8
)

TABLES = (
    "accounts",
    "partners",
    "opportunities",
    "opportunity_stage_history",
    "partner_activities",
    "currency_rates",
)
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "accounts": (
        "account_id",
        "account_name",
        "industry",
        "region",
        "country",
        "employee_count",
        "created_at",
    ),
    "partners": ("partner_id", "partner_name", "partner_type", "tier", "region", "joined_at"),
    "opportunities": (
        "opportunity_id",
        "account_id",
        "opportunity_name",
        "opportunity_type",
        "stage",
        "amount",
        "currency",
        "created_at",
        "closed_at",
        "is_won",
        "sourced_partner_id",
        "reseller_partner_id",
        "lead_source",
    ),
    "opportunity_stage_history": ("opportunity_id", "stage", "amount", "changed_at"),
    "partner_activities": (
        "activity_id",
        "partner_id",
        "account_id",
        "opportunity_id",
        "activity_type",
        "occurred_at",
        "direction",
        "status",
        "is_qualified",
        "funded_by",
        "amount",
        "notes",
    ),
    "currency_rates": ("currency", "rate_date", "rate_to_reporting"),
}
_TIMESTAMP_COLUMNS = {"created_at", "closed_at", "changed_at", "occurred_at"}
_TYPED_COLUMNS: dict[str, pa.DataType] = {
    "employee_count": pa.int64(),
    "amount": pa.float64(),
    "rate_to_reporting": pa.float64(),
    "is_won": pa.bool_(),
    "is_qualified": pa.bool_(),
    "joined_at": pa.date32(),
    "rate_date": pa.date32(),
}


def table_schema(table: str, fmt: str) -> pa.Schema:
    """Arrow schema of an exported table: all strings for CSV, real types for Parquet."""
    fields = []
    for name in TABLE_COLUMNS[table]:
        if fmt == "csv":
            typ = pa.string()
        elif name in _TIMESTAMP_COLUMNS:
            typ = pa.timestamp("us", tz="UTC")
        else:
            typ = _TYPED_COLUMNS.get(name, pa.string())
        fields.append(pa.field(name, typ))
    return pa.schema(fields)


# --------------------------------------------------------------------------------------------
# Configuration and command line
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    opportunities: int = 2000
    seed: int = 42
    fmt: str = "csv"
    out: Path = Path("data/demo")
    end_date: dt.date = dt.date(2025, 12, 31)
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
    parser.add_argument("--out", type=Path, default=Path("data/demo"), metavar="DIR")
    parser.add_argument("--end-date", type=_iso_date, default=dt.date(2025, 12, 31), metavar="YYYY-MM-DD")
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


# --------------------------------------------------------------------------------------------
# Small vectorised helpers
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Partners
# --------------------------------------------------------------------------------------------


@dataclass
class PartnerPools:
    """Partners grouped by (type, region) with cumulative activity weights for sampling."""

    members: list[np.ndarray]
    cumulative: list[np.ndarray]

    @classmethod
    def build(cls, partners: Columns) -> PartnerPools:
        members, cumulative = [], []
        for key in range(16):
            rows = np.flatnonzero(partners["type"].astype(np.int64) * 4 + partners["region"] == key)
            members.append(rows)
            cumulative.append(np.cumsum(partners["weight"][rows]))
        return cls(members, cumulative)

    def sample(
        self, rng: np.random.Generator, ptype: np.ndarray, region: np.ndarray, cross_region: float = 0.08
    ) -> np.ndarray:
        """One partner per row of the given type, mostly from the given region."""
        region = np.where(rng.random(region.size) < cross_region, rng.integers(0, 4, region.size), region)
        key = ptype.astype(np.int64) * 4 + region
        out = np.empty(key.size, dtype=np.int32)
        draws = rng.random(key.size)
        for k in range(16):
            rows = np.flatnonzero(key == k)
            cum = self.cumulative[k]
            picks = np.searchsorted(cum, draws[rows] * cum[-1], side="right").clip(0, cum.size - 1)
            out[rows] = self.members[k][picks]
        return out


def generate_partners(rng: np.random.Generator, cfg: Config) -> Columns:
    n = cfg.n_partners
    ptype = _choice(rng, PARTNER_TYPE_SHARE, n)
    region = _choice(rng, PARTNER_REGION_SHARE, n)
    ptype[:16] = np.arange(16) // 4  # every (type, region) pool has at least one partner
    region[:16] = np.arange(16) % 4
    order = rng.permutation(n)
    ptype, region = ptype[order], region[order]
    tier = _choice(rng, TIER_SHARE, n)
    weight = TIER_ACTIVITY_WEIGHT[tier] * rng.lognormal(0.0, 0.5, n)
    start_day, end_day = _days(cfg.start_ts), _days(cfg.end_ts)
    veteran = rng.random(n) < 0.8
    joined = np.where(
        veteran,
        rng.integers(start_day - 3650, start_day - 200, n),
        rng.integers(start_day, end_day - 60, n),
    )
    combos = len(PARTNER_NAME_FIRST) * len(PARTNER_NAME_SECOND) * 3
    name_code = np.empty(n, dtype=np.int64)
    for t in range(4):
        rows = np.flatnonzero(ptype == t)
        name_code[rows] = rng.permutation(max(combos, rows.size))[: rows.size]
    return {
        "type": ptype,
        "region": region,
        "tier": tier,
        "weight": weight,
        "joined_day": joined.astype(np.int64),
        "name_code": name_code,
        "messy_type": _messy(rng, n),
        "messy_tier": _messy(rng, n),
        "messy_region": _messy(rng, n),
    }


# --------------------------------------------------------------------------------------------
# Accounts and opportunities
# --------------------------------------------------------------------------------------------


def _opportunities_per_account(rng: np.random.Generator, n_opportunities: int) -> np.ndarray:
    """Geometric number of deals per buying account (mean ~1.8) summing to exactly N."""
    counts = rng.geometric(0.55, size=int(n_opportunities * 0.6) + 16)
    while counts.sum() < n_opportunities:
        counts = np.concatenate([counts, rng.geometric(0.55, size=counts.size)])
    total = np.cumsum(counts)
    last = int(np.searchsorted(total, n_opportunities))
    counts = counts[: last + 1].copy()
    counts[-1] -= total[last] - n_opportunities
    return counts


def generate_accounts(rng: np.random.Generator, cfg: Config) -> tuple[Columns, np.ndarray]:
    """Accounts (buyers first, then a few prospects without deals) and deals per buyer."""
    counts = _opportunities_per_account(rng, cfg.opportunities)
    n_buyers = counts.size
    n = n_buyers + max(4, round(0.08 * n_buyers))
    region = _choice(rng, ACCOUNT_REGION_SHARE, n)
    country = np.empty(n, dtype=np.int64)
    for r in range(4):
        rows = np.flatnonzero(region == r)
        ids = np.array([i for i, c in enumerate(COUNTRIES) if c.region == r])
        country[rows] = ids[_choice(rng, [COUNTRIES[i].weight for i in ids], rows.size)]
    industry = _choice(rng, INDUSTRY_SHARE, n)
    employees = np.clip(np.round(rng.lognormal(np.log(350), 1.4, n)), 5, 300_000).astype(np.int64)
    accounts = {
        "region": region,
        "country": country,
        "industry": industry,
        "employees": employees,
        "name_first": rng.integers(0, len(NAME_PREFIXES) * len(NAME_CORES), n),
        "name_word": industry.astype(np.int64) * 3 + rng.integers(0, 3, n),
        "name_legal": rng.integers(0, 1_000_000, n),
        "messy_region": _messy(rng, n),
        "messy_industry": _messy(rng, n),
    }
    return accounts, counts


def _opportunity_skeleton(rng: np.random.Generator, cfg: Config, counts: np.ndarray) -> Columns:
    """Account, creation time and type of each deal, ordered by creation time."""
    n = cfg.opportunities
    account, rank = _group_positions(counts)
    span = cfg.end_ts - cfg.start_ts + 1
    created = cfg.start_ts + (span * rng.random(n) ** 0.8).astype(np.int64)  # business grows
    time_rank = np.empty(n, dtype=np.int64)
    time_rank[_stable_order(created)] = np.arange(n)
    created = created[_stable_order(account * n + time_rank)]  # chronological within each account
    later_type = np.where(rng.random(n) < 0.25 / 0.45, EXPANSION, RENEWAL)
    otype = np.where(rank == 0, NEW_BUSINESS, later_type).astype(np.int8)
    order = _stable_order(created)
    return {"account": account[order].astype(np.int64), "created": created[order], "type": otype[order]}


def _assign_partners(rng: np.random.Generator, opps: Columns, pools: PartnerPools, partners: Columns) -> None:
    """Pick the partners involved in each attached deal and their roles."""
    n = opps["account"].size
    region = opps["region"]
    attached, sourced = opps["attached"], opps["sourced"]
    primary_type = np.where(
        sourced,
        _choice(rng, (0.55, 0.25, 0.10, 0.10), n),
        _choice(rng, (0.10, 0.20, 0.30, 0.40), n),
    )
    primary = np.where(attached, pools.sample(rng, primary_type, region), -1)
    secondary = np.where(attached, pools.sample(rng, np.where(rng.random(n) < 0.6, TECH, SI), region), -1)
    ptype = partners["type"]
    reseller = np.where(
        primary_type == RESELLER,
        primary,
        np.where(rng.random(n) < 0.25, pools.sample(rng, np.full(n, RESELLER), region), -1),
    )
    si = np.where(
        primary_type == SI,
        primary,
        np.where(
            ptype[secondary] == SI,
            secondary,
            np.where(rng.random(n) < 0.3, pools.sample(rng, np.full(n, SI), region), -1),
        ),
    )
    opps["primary"] = primary.astype(np.int64)
    opps["secondary"] = secondary.astype(np.int64)
    opps["reseller_role"] = np.where(attached, reseller, -1).astype(np.int64)
    opps["si_role"] = np.where(attached, si, -1).astype(np.int64)


def _outcomes(rng: np.random.Generator, cfg: Config, opps: Columns) -> None:
    """Sales cycle, win/loss, open deals and the stage path of each deal."""
    n = opps["account"].size
    attached, otype = opps["attached"], opps["type"]
    cycle_factor = np.array([1.0, 0.8, 0.65])[otype] * np.where(attached, 0.8, 1.0)
    cycle_days = np.clip(rng.lognormal(np.log(115), 0.6, n) * cycle_factor, 7, 450)
    win_p = np.where(attached, 0.375, 0.225) + np.array([-0.04, 0.03, 0.07])[otype]
    won = rng.random(n) < win_p
    planned_close = opps["created"] + (cycle_days * SECONDS_PER_DAY).astype(np.int64)
    is_open = planned_close > cfg.end_ts
    # stage path: n_mid intermediate stages between prospecting and the close
    elapsed = (cfg.end_ts - opps["created"]) / np.maximum(planned_close - opps["created"], 1)
    n_mid_open = np.clip(1 + (elapsed * 3).astype(np.int64), 1, 3)
    n_mid_won = np.where(rng.random(n) < 0.6, 3, 2)
    n_mid_lost = _choice(rng, (0.2, 0.3, 0.3, 0.2), n).astype(np.int64)
    n_mid = np.where(is_open, n_mid_open, np.where(won, n_mid_won, n_mid_lost))
    skip = np.where(~is_open & won & (n_mid == 2), rng.integers(1, 4, n), 0)
    stage = np.where(is_open, n_mid, np.where(won, CLOSED_WON, CLOSED_LOST))
    opps["closed"] = np.where(is_open, -1, planned_close)
    opps["planned_close"] = planned_close
    opps["is_open"] = is_open
    opps["is_won"] = won & ~is_open
    opps["n_mid"] = n_mid
    opps["skip"] = skip
    opps["stage"] = stage.astype(np.int8)


def _amounts(rng: np.random.Generator, opps: Columns, accounts: Columns, rates: Columns) -> None:
    """Deal size in USD, converted to the deal currency at the month's rate."""
    n = opps["account"].size
    median = np.array([24_000.0, 14_000.0, 20_000.0])[opps["type"]]
    size_factor = (accounts["employees"][opps["account"]] / 400.0) ** 0.15
    usd = rng.lognormal(0.0, 0.8, n) * median * size_factor * np.where(opps["attached"], 1.3, 1.0)
    country = opps["country"]
    currency = np.where(rng.random(n) < COUNTRY_LOCAL_SHARE[country], COUNTRY_CURRENCY[country], USD)
    rate = rates["matrix"][currency, _month_index(opps["created"]) - rates["first_month"]]
    amount = np.maximum(np.round(usd / rate / 10.0) * 10.0, 10.0)
    initial = np.maximum(np.round(amount * rng.uniform(0.7, 1.25, n)), 1.0)
    opps["currency"] = currency.astype(np.int8)
    opps["amount"] = amount
    opps["initial_amount"] = initial


def _crm_fields(rng: np.random.Generator, opps: Columns) -> None:
    """What the sales reps recorded: sourced/reseller partner ids and lead source."""
    n = opps["account"].size
    sourced = opps["sourced"]
    opps["sourced_partner"] = np.where(sourced & (rng.random(n) < 0.5), opps["primary"], -1)
    reseller_recorded = (opps["reseller_role"] >= 0) & opps["is_won"] & (rng.random(n) < 0.85)
    opps["reseller_partner"] = np.where(reseller_recorded, opps["reseller_role"], -1)
    lead = np.where(
        sourced,
        _choice(rng, (0.70, 0.10, 0.05, 0.05, 0.10), n),
        _choice(rng, (0.04, 0.38, 0.35, 0.15, 0.08), n),
    )
    opps["lead_source"] = np.where(opps["sourced_partner"] >= 0, 0, lead).astype(np.int8)


def generate_opportunities(
    rng: np.random.Generator,
    cfg: Config,
    counts: np.ndarray,
    accounts: Columns,
    partners: Columns,
    pools: PartnerPools,
    rates: Columns,
) -> Columns:
    opps = _opportunity_skeleton(rng, cfg, counts)
    n = cfg.opportunities
    opps["country"] = accounts["country"][opps["account"]]
    opps["region"] = accounts["region"][opps["account"]].astype(np.int64)
    opps["attached"] = rng.random(n) < ATTACH_RATE[opps["region"]]
    sourced_rate = np.where(opps["type"] == NEW_BUSINESS, SOURCED_RATE[opps["region"]], OTHER_SOURCED_RATE)
    opps["sourced"] = opps["attached"] & (rng.random(n) < sourced_rate)
    _assign_partners(rng, opps, pools, partners)
    _outcomes(rng, cfg, opps)
    _amounts(rng, opps, accounts, rates)
    _crm_fields(rng, opps)
    opps["year"] = opps["created"].astype("datetime64[s]").astype("datetime64[Y]").astype(np.int64) + 1970
    opps["tz"] = _tz_codes(rng, opps["country"])
    opps["bool_style"] = _choice(rng, BOOL_STYLE_SHARE, n)
    opps["messy_type"] = _messy(rng, n)
    opps["messy_lead"] = _messy(rng, n)
    return opps


# --------------------------------------------------------------------------------------------
# Currency rates
# --------------------------------------------------------------------------------------------


def generate_rates(rng: np.random.Generator, cfg: Config) -> Columns:
    """Monthly USD-per-unit rates: a mean-reverting random walk around each currency's level."""
    first_month = int(_month_index(np.array([cfg.start_ts]))[0]) - 12
    last_month = int(_month_index(np.array([cfg.end_ts]))[0])
    months = last_month - first_month + 1
    levels = np.array(list(CURRENCY_LEVELS.values()))
    drift = np.zeros(len(CURRENCIES))
    matrix = np.empty((len(CURRENCIES), months))
    for m in range(months):
        drift = 0.92 * drift + rng.normal(0.0, 0.018, len(CURRENCIES))
        matrix[:, m] = levels * np.exp(drift)
    matrix[USD] = 1.0
    matrix = np.round(matrix, 8)
    currency = np.repeat(np.arange(len(CURRENCIES)), months)
    month = np.tile(np.arange(first_month, last_month + 1), len(CURRENCIES))
    day = np.array(month, dtype="datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return {
        "matrix": matrix,
        "first_month": np.int64(first_month),
        "currency": currency,
        "day": day,
        "rate": matrix.ravel(),
    }


# --------------------------------------------------------------------------------------------
# Stage history
# --------------------------------------------------------------------------------------------


def generate_stage_history(rng: np.random.Generator, cfg: Config, opps: Columns) -> Columns:
    """2-5 rows per deal from prospecting to the current or final stage."""
    n_mid = opps["n_mid"]
    closed = ~opps["is_open"]
    rows = 1 + n_mid + closed
    opp, j = _group_positions(rows)
    n_mid_r, skip_r = n_mid[opp], opps["skip"][opp]
    mid_stage = np.where((skip_r > 0) & (j >= skip_r), j + 1, j)
    stage = np.where(j == 0, 0, np.where(j <= n_mid_r, mid_stage, opps["stage"][opp]))
    # sorted random fractions of the deal's duration for the intermediate rows: cumulative
    # exponential spacings normalised by their group total (uniform order statistics)
    is_mid = (j >= 1) & (j <= n_mid_r)
    spacing = np.where(is_mid, rng.exponential(1.0, j.size), 0.0)
    cumulative = np.cumsum(spacing)
    first_row = np.cumsum(rows) - rows
    last_row = first_row + rows - 1
    within = cumulative - cumulative[first_row][opp]
    total = (cumulative[last_row] - cumulative[first_row] + rng.exponential(1.0, rows.size))[opp]
    frac = np.where(is_mid, within / total, 0.0)
    is_last_closed = closed[opp] & (j == rows[opp] - 1)
    created = opps["created"][opp]
    finish = np.where(closed, opps["closed"], cfg.end_ts)[opp]
    changed = created + (frac * (finish - created)).astype(np.int64)
    changed = np.where(is_last_closed, finish, changed)
    change_at = 1 + (rng.random(rows.size) * (rows - 1)).astype(np.int64)
    amount = np.where(j >= change_at[opp], opps["amount"][opp], opps["initial_amount"][opp])
    return {
        "opp": opp,
        "stage": stage.astype(np.int8),
        "amount": amount,
        "changed": changed,
        "tz": opps["tz"][opp],
    }


# --------------------------------------------------------------------------------------------
# Partner activities
# --------------------------------------------------------------------------------------------


def _batch(
    partner: np.ndarray,
    account: np.ndarray,
    opp: np.ndarray,
    atype: np.ndarray,
    ts: np.ndarray,
    **extra: object,
) -> Columns:
    """Activity rows with default (inbound, no status/qualification/funding/amount) attributes."""
    n = partner.size
    cols = {
        "partner": partner.astype(np.int64),
        "account": account.astype(np.int64),
        "opp": opp.astype(np.int64),
        "type": atype.astype(np.int8),
        "ts": ts.astype(np.int64),
        "direction": np.full(n, INBOUND, dtype=np.int8),
        "status": np.full(n, -1, dtype=np.int8),
        "qualified": np.full(n, -1, dtype=np.int8),
        "funded": np.full(n, -1, dtype=np.int8),
        "amount": np.full(n, np.nan),
    }
    for key, value in extra.items():
        cols[key] = np.broadcast_to(value, n).astype(cols[key].dtype)
    return cols


def _days_seconds(days: np.ndarray) -> np.ndarray:
    return (days * SECONDS_PER_DAY).astype(np.int64)


def _pre_deal_touches(
    rng: np.random.Generator, opps: Columns, pools: PartnerPools, partners: Columns
) -> Columns:
    """Account-level touches in the months before an attached deal is created."""
    deals = np.flatnonzero(opps["attached"])
    deal = deals[np.repeat(np.arange(deals.size), rng.poisson(PRE_DEAL_TOUCHES, deals.size))]
    n = deal.size
    other = pools.sample(rng, _choice(rng, (0.2, 0.2, 0.25, 0.35), n), opps["region"][deal])
    partner = np.where(rng.random(n) < 0.65, opps["primary"][deal], other)
    atype = _choice_from_mix(rng, PRE_DEAL_MIX, partners["type"][partner])
    lead_days = np.clip(rng.gamma(2.0, 28.0, n), 1.0, 240.0)
    ts = opps["created"][deal] - _days_seconds(lead_days)
    return _batch(partner, opps["account"][deal], np.full(n, -1), atype, ts)


def _not_after(rng: np.random.Generator, ts: np.ndarray, earliest: np.ndarray, end_ts: int) -> np.ndarray:
    """Touches that would fall after the end are moved to a random time between earliest and the end."""
    late = ts > end_ts
    moved = earliest + (rng.random(ts.size) * (end_ts - earliest)).astype(np.int64)
    return np.where(late, moved, ts)


def _sourcing_touches(
    rng: np.random.Generator, opps: Columns, pools: PartnerPools, partners: Columns, end_ts: int
) -> Columns:
    """Referral / deal registration by the sourcing partner(s), ~0-90 days before creation."""
    sourced = np.flatnonzero(opps["sourced"])
    contested = sourced[rng.random(sourced.size) < 0.1]
    rival = pools.sample(rng, _choice(rng, (0.6, 0.4), contested.size), opps["region"][contested])
    deal = np.concatenate([sourced, contested])
    partner = np.concatenate([opps["primary"][sourced], rival])
    n = deal.size
    atype = _choice_from_mix(rng, SOURCING_MIX, partners["type"][partner])
    timing = rng.random(n)  # mostly 0-90 days before creation, a few after, a few too early to count
    offset_days = np.where(
        timing < 0.07,
        -rng.uniform(0, 5, n),
        np.where(timing < 0.1, rng.uniform(90, 130, n), rng.uniform(0, 90, n)),
    )
    ts = _not_after(rng, opps["created"][deal] - _days_seconds(offset_days), opps["created"][deal], end_ts)
    linked = rng.random(n) < 0.6
    funded = np.where(rng.random(n) < 0.04, FUNDED_BY_US, -1)
    qualified = (rng.random(n) < 0.86).astype(np.int8)
    opp = np.where(linked, deal, -1)
    return _batch(partner, opps["account"][deal], opp, atype, ts, funded=funded, qualified=qualified)


def _deal_end(opps: Columns, end_ts: int) -> np.ndarray:
    return np.where(opps["is_open"], end_ts, opps["closed"])


def _in_deal_touches(rng: np.random.Generator, opps: Columns, partners: Columns, end_ts: int) -> Columns:
    """Co-selling touches linked to the deal between creation and close."""
    deals = np.flatnonzero(opps["attached"])
    deal = deals[np.repeat(np.arange(deals.size), 1 + rng.poisson(IN_DEAL_TOUCHES, deals.size))]
    n = deal.size
    partner = np.where(rng.random(n) < 0.6, opps["primary"][deal], opps["secondary"][deal])
    atype = _choice_from_mix(rng, IN_DEAL_MIX, partners["type"][partner])
    created = opps["created"][deal]
    ts = created + (rng.random(n) * (_deal_end(opps, end_ts)[deal] - created)).astype(np.int64)
    return _batch(partner, opps["account"][deal], deal, atype, ts)


def _resale_touches(rng: np.random.Generator, opps: Columns, end_ts: int) -> Columns:
    """Resale or marketplace transaction near the close of won deals with a reseller."""
    first = np.flatnonzero((opps["reseller_role"] >= 0) & opps["is_won"])
    add_on = first[rng.random(first.size) < 0.15]
    deal = np.concatenate([first, add_on])
    n = deal.size
    days = np.concatenate([rng.uniform(-10, 20, first.size), rng.uniform(30, 180, add_on.size)])
    ts = np.maximum(opps["closed"][deal] + _days_seconds(days), opps["created"][deal])
    first_resale = np.arange(n) < first.size  # the resale of record happens; later add-ons may not yet
    near_close = np.maximum(opps["closed"][deal] - 10 * SECONDS_PER_DAY, opps["created"][deal])
    ts = np.where(first_resale, _not_after(rng, ts, near_close, end_ts), ts)
    atype = np.where(rng.random(n) < 0.7, A_RESALE, A_MARKETPLACE)
    amount = np.round(opps["amount"][deal] * rng.uniform(0.85, 1.0, n), 2)
    partner = opps["reseller_role"][deal]
    return _batch(partner, opps["account"][deal], deal, atype, ts, amount=amount)


def _after_close_touches(rng: np.random.Generator, opps: Columns, end_ts: int) -> Columns:
    """SI implementation after won deals and customer-success reviews on renewals/expansions."""
    won_si = np.flatnonzero((opps["si_role"] >= 0) & opps["is_won"])
    impl = won_si[np.repeat(np.arange(won_si.size), 1 + rng.poisson(1.0, won_si.size))]
    impl_ts = opps["closed"][impl] + _days_seconds(rng.uniform(3, 180, impl.size))
    cs_deals = np.flatnonzero(
        opps["attached"] & (opps["type"] != NEW_BUSINESS) & (rng.random(opps["type"].size) < 0.6)
    )
    cs = cs_deals[np.repeat(np.arange(cs_deals.size), 1 + rng.poisson(0.5, cs_deals.size))]
    cs_partner = np.where(opps["si_role"][cs] >= 0, opps["si_role"][cs], opps["secondary"][cs])
    created, closed = opps["created"][cs], opps["closed"][cs]
    after = (closed >= 0) & (rng.random(cs.size) < 0.3)
    during = created + (rng.random(cs.size) * (_deal_end(opps, end_ts)[cs] - created)).astype(np.int64)
    cs_ts = np.where(after, closed + _days_seconds(rng.uniform(7, 180, cs.size)), during)
    return _concat(
        [
            _batch(
                opps["si_role"][impl],
                opps["account"][impl],
                impl,
                np.full(impl.size, A_IMPLEMENTATION),
                impl_ts,
            ),
            _batch(cs_partner, opps["account"][cs], cs, np.full(cs.size, A_CUSTOMER_SUCCESS), cs_ts),
        ]
    )


def _outbound_referrals(rng: np.random.Generator, opps: Columns, pools: PartnerPools) -> Columns:
    """Referrals the vendor gives to partners (account level, direction outbound)."""
    n = max(4, round(0.28 * opps["account"].size))
    deal = rng.integers(0, opps["account"].size, n)
    partner = pools.sample(rng, _choice(rng, (0.3, 0.2, 0.5, 0.0), n), opps["region"][deal])
    ts = opps["created"][deal] + _days_seconds(rng.uniform(-60, 150, n))
    qualified = (rng.random(n) < 0.7).astype(np.int8)
    return _batch(
        partner,
        opps["account"][deal],
        np.full(n, -1),
        np.full(n, A_REFERRAL),
        ts,
        direction=OUTBOUND,
        qualified=qualified,
    )


def _background_touches(
    rng: np.random.Generator,
    cfg: Config,
    accounts: Columns,
    n_buyers: int,
    pools: PartnerPools,
    partners: Columns,
) -> Columns:
    """Touches on accounts with no nearby deal: prospects, and stray registrations."""
    n_accounts = accounts["region"].size
    n = max(8, round(0.15 * cfg.opportunities))
    prospect = rng.random(n) < 0.6
    account = np.where(prospect, rng.integers(n_buyers, n_accounts, n), rng.integers(0, n_accounts, n))
    ptype = _choice(rng, PARTNER_TYPE_SHARE, n)
    partner = pools.sample(rng, ptype, accounts["region"][account].astype(np.int64))
    atype = _choice_from_mix(rng, PRE_DEAL_MIX, partners["type"][partner])
    registration = rng.random(n) < 0.3
    atype = np.where(registration, A_DEAL_REGISTRATION, atype)
    status = np.where(registration, _choice(rng, (0.2, 0.1, 0.4, 0.3), n), -1)
    ts = rng.integers(cfg.start_ts - 180 * SECONDS_PER_DAY, cfg.end_ts + 1, n)
    return _batch(partner, account, np.full(n, -1), atype, ts, status=status)


def _concat(batches: list[Columns]) -> Columns:
    return {key: np.concatenate([b[key] for b in batches]) for key in batches[0]}


def _finish_activities(rng: np.random.Generator, cfg: Config, acts: Columns, accounts: Columns) -> Columns:
    """Drop future touches, fill type-dependent attributes, sort by time."""
    keep = np.flatnonzero(acts["ts"] <= cfg.end_ts)
    rows = keep[_stable_order(acts["ts"][keep])]
    acts = {key: value[rows] for key, value in acts.items()}
    n = acts["ts"].size
    atype = acts["type"]
    is_registration = atype == A_DEAL_REGISTRATION
    status = np.where(is_registration, _choice(rng, REGISTRATION_STATUS_SHARE, n), -1)
    acts["status"] = np.where(is_registration & (acts["status"] >= 0), acts["status"], status).astype(np.int8)
    sourcing = is_registration | (atype == A_REFERRAL)
    qualified = np.where(rng.random(n) < 0.03, -1, (rng.random(n) < 0.82).astype(np.int8))
    stray = np.where(rng.random(n) < 0.02, (rng.random(n) < 0.5).astype(np.int8), -1)
    preset = acts["qualified"] >= 0
    acts["qualified"] = np.where(preset, acts["qualified"], np.where(sourcing, qualified, stray)).astype(
        np.int8
    )
    funded_rows = (atype == A_JOINT_EVENT) | (atype == A_MDF_CAMPAIGN)
    funded = np.where(funded_rows, _choice(rng, FUNDED_BY_SHARE, n), -1)
    acts["funded"] = np.where(acts["funded"] >= 0, acts["funded"], funded).astype(np.int8)
    mdf = np.round(np.round(rng.lognormal(np.log(4000), 0.7, n) / 10.0) * 10.0, 2)
    acts["amount"] = np.where(atype == A_MDF_CAMPAIGN, mdf, acts["amount"])
    blank_direction = (acts["direction"] == INBOUND) & (rng.random(n) < 0.1)
    acts["direction"] = np.where(blank_direction, -1, acts["direction"]).astype(np.int8)
    acts["account_shown"] = (acts["opp"] < 0) | (rng.random(n) >= 0.25)
    acts["note"] = np.where(rng.random(n) < 0.35, atype.astype(np.int64) * 3 + rng.integers(0, 3, n), -1)
    acts["tz"] = _tz_codes(rng, accounts["country"][acts["account"]])
    acts["bool_style"] = _choice(rng, BOOL_STYLE_SHARE, n)
    acts["messy_type"] = _messy(rng, n)
    return acts


def generate_activities(
    rng: np.random.Generator,
    cfg: Config,
    opps: Columns,
    accounts: Columns,
    n_buyers: int,
    partners: Columns,
    pools: PartnerPools,
) -> Columns:
    batches = [
        _pre_deal_touches(rng, opps, pools, partners),
        _sourcing_touches(rng, opps, pools, partners, cfg.end_ts),
        _in_deal_touches(rng, opps, partners, cfg.end_ts),
        _resale_touches(rng, opps, cfg.end_ts),
        _after_close_touches(rng, opps, cfg.end_ts),
        _outbound_referrals(rng, opps, pools),
        _background_touches(rng, cfg, accounts, n_buyers, pools, partners),
    ]
    return _finish_activities(rng, cfg, _concat(batches), accounts)


# --------------------------------------------------------------------------------------------
# Final consistency: partners join before their first touch, accounts exist before use
# --------------------------------------------------------------------------------------------


def _first_per_key(keys: np.ndarray, ts: np.ndarray, n_keys: int) -> np.ndarray:
    """Earliest ts per key; int64 max where the key is absent."""
    first = np.full(n_keys, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, keys, ts)
    return first


def _finalise(
    rng: np.random.Generator, cfg: Config, partners: Columns, accounts: Columns, opps: Columns, acts: Columns
) -> None:
    n_partners, n_accounts = partners["type"].size, accounts["region"].size
    first_touch = _first_per_key(acts["partner"], acts["ts"], n_partners)
    touched = first_touch < np.iinfo(np.int64).max
    latest_join = _days(np.where(touched, first_touch, 0)) - rng.integers(0, 60, n_partners)
    partners["joined_day"] = np.where(
        touched, np.minimum(partners["joined_day"], latest_join), partners["joined_day"]
    )

    first_deal = _first_per_key(opps["account"], opps["created"], n_accounts)
    first_activity = _first_per_key(acts["account"], acts["ts"], n_accounts)
    first_seen = np.minimum(first_deal, first_activity)
    before = _days_seconds(rng.gamma(1.5, 60.0, n_accounts)) + rng.integers(3600, SECONDS_PER_DAY, n_accounts)
    unseen = first_seen == np.iinfo(np.int64).max
    random_time = rng.integers(cfg.start_ts, cfg.end_ts - 30 * SECONDS_PER_DAY, n_accounts)
    created = np.where(unseen, random_time, first_seen - before)
    # account ids in order of creation
    order = _stable_order(created)
    new_index = np.empty(n_accounts, dtype=np.int64)
    new_index[order] = np.arange(n_accounts)
    for key in list(accounts):
        accounts[key] = accounts[key][order]
    accounts["created"] = created[order]
    accounts["tz"] = _tz_codes(rng, accounts["country"])
    opps["account"] = new_index[opps["account"]]
    acts["account"] = new_index[acts["account"]]


# --------------------------------------------------------------------------------------------
# The dataset
# --------------------------------------------------------------------------------------------


@dataclass
class Dataset:
    """All generated tables as numpy columns (codes, epoch seconds, indices)."""

    cfg: Config
    partners: Columns
    accounts: Columns
    opportunities: Columns
    stage_history: Columns
    activities: Columns
    rates: Columns
    labels: dict[str, pa.Array] = field(default_factory=dict)

    def rows(self, table: str) -> int:
        sizes = {
            "accounts": self.accounts["region"].size,
            "partners": self.partners["type"].size,
            "opportunities": self.opportunities["account"].size,
            "opportunity_stage_history": self.stage_history["opp"].size,
            "partner_activities": self.activities["ts"].size,
            "currency_rates": self.rates["rate"].size,
        }
        return sizes[table]


def generate_dataset(cfg: Config, progress: Progress | None = None) -> Dataset:
    """Generate all tables in memory. Random streams are split per phase for stability."""
    progress = progress or Progress(quiet=True)
    streams = np.random.default_rng(cfg.seed).spawn(7)
    progress.log(f"generating partners ({cfg.n_partners:,})")
    partners = generate_partners(streams[0], cfg)
    pools = PartnerPools.build(partners)
    progress.log("generating currency rates")
    rates = generate_rates(streams[1], cfg)
    progress.log(f"generating accounts and opportunities ({cfg.opportunities:,})")
    accounts, counts = generate_accounts(streams[2], cfg)
    opps = generate_opportunities(streams[3], cfg, counts, accounts, partners, pools, rates)
    progress.log("generating stage history")
    history = generate_stage_history(streams[4], cfg, opps)
    progress.log("generating partner activities")
    acts = generate_activities(streams[5], cfg, opps, accounts, counts.size, partners, pools)
    progress.log(
        f"  {acts['ts'].size:,} activities ({acts['ts'].size / cfg.opportunities:.1f} per opportunity)"
    )
    _finalise(streams[6], cfg, partners, accounts, opps, acts)
    ds = Dataset(cfg, partners, accounts, opps, history, acts, rates)
    ds.labels = _labels(ds)
    return ds


# --------------------------------------------------------------------------------------------
# Formatting cells: fast string building from byte matrices
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Formatting tables (CSV text or Parquet types)
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Dirty rows
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    rows: int
    size: int


class _TableWriter:
    """CSV or Parquet writer with the same write/close interface."""

    def __init__(self, path: Path, schema: pa.Schema, fmt: str) -> None:
        if fmt == "csv":
            self.writer = pa_csv.CSVWriter(
                str(path), schema, write_options=pa_csv.WriteOptions(include_header=True)
            )
        else:
            self.writer = pq.ParquetWriter(str(path), schema, compression="zstd")

    def write(self, table: pa.Table) -> None:
        self.writer.write_table(table)

    def close(self) -> None:
        self.writer.close()


def write_table(
    ds: Dataset, table: str, cfg: Config, dirty: DirtyRows | None, progress: Progress
) -> WrittenFile:
    path = cfg.out / f"{table}.{cfg.fmt}"
    cells = Cells(cfg.fmt)
    n = ds.rows(table)
    writer = _TableWriter(path, table_schema(table, cfg.fmt), cfg.fmt)
    written = 0
    try:
        for lo in range(0, n, CHUNK_ROWS):
            hi = min(n, lo + CHUNK_ROWS)
            chunk = _merge_dirty(FORMATTERS[table](ds, np.arange(lo, hi), cells), lo, dirty)
            writer.write(chunk)
            written += chunk.num_rows
            progress.log(f"writing {path.name}: {100 * hi // n:3d}% ({hi:,} / {n:,} rows)")
    finally:
        writer.close()
    return WrittenFile(path, written, path.stat().st_size)


def _human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def run(cfg: Config) -> list[WrittenFile]:
    """Generate the dataset and write one file per table into cfg.out."""
    progress = Progress(cfg.quiet)
    ds = generate_dataset(cfg, progress)
    dirty = plan_dirty_rows(ds, cfg.fmt, cfg.dirty_share, cfg.seed)
    if dirty:
        progress.log(f"dirty rows: {sum(d.table.num_rows for d in dirty.values()):,}")
    cfg.out.mkdir(parents=True, exist_ok=True)
    files = [write_table(ds, table, cfg, dirty.get(table), progress) for table in TABLES]
    progress.log("done")
    if not cfg.quiet:
        for f in files:
            print(f"{f.path}: {f.rows:,} rows, {_human_size(f.size)}")
    return files


def main(argv: Sequence[str] | None = None) -> int:
    run(parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
