"""The export's world: regions, partner archetypes, activity mixes, countries and currencies, and
the tables with their columns and types."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

Columns = dict[str, np.ndarray]

SECONDS_PER_DAY = 86_400
CHUNK_ROWS = 1_000_000
MIN_OPPORTUNITIES = 100
MAX_OPPORTUNITIES = 10_000_000
MAX_DIRTY_SHARE = 0.2
HISTORY_YEARS = 3

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
