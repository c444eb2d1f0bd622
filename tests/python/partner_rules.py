"""An independent, pure-Python reading of docs/definitions.md.

Written from the spec's text, not from the SQL, so that the warehouse can be checked against it:
as-of state, touch linking and windows, every level per opportunity and partner, the sourcing
rule with its tie breakers, and the rule-based attribution models. Deliberately naive (loops over
lists): clarity over speed, for the small data sets the property tests generate.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from partner_tools.constants import DEMO_AS_OF_DATE

SEED = Path(__file__).resolve().parents[2] / "seeds" / "partner_attribution__activity_types.csv"

TOUCH_MODELS = (
    "first_touch",
    "last_touch",
    "linear",
    "position_based",
    "j_shaped",
    "inverse_j",
    "w_shaped",
    "time_decay",
)
POSITION_SHARES = {"position_based": (0.4, 0.4), "j_shaped": (0.2, 0.6), "inverse_j": (0.6, 0.2)}


@dataclass(frozen=True)
class ActivityType:
    motion: str
    is_influence: bool
    can_source: bool
    is_deployment: bool
    is_resale: bool


def load_activity_types(path: Path = SEED) -> dict[str, ActivityType]:
    with path.open(newline="") as handle:
        return {
            row["activity_type"]: ActivityType(
                row["motion"],
                row["is_influence"] == "true",
                row["can_source"] == "true",
                row["is_deployment"] == "true",
                row["is_resale"] == "true",
            )
            for row in csv.DictReader(handle)
        }


@dataclass(frozen=True)
class Opportunity:
    opportunity_id: str
    account_id: str
    opportunity_type: str
    amount: float
    created_at: datetime
    closed_at: datetime | None
    is_won: bool
    sourced_partner_id: str | None = None
    reseller_partner_id: str | None = None


@dataclass(frozen=True)
class Activity:
    activity_id: str
    partner_id: str
    account_id: str
    opportunity_id: str | None
    activity_type: str
    occurred_at: datetime
    direction: str = "inbound"
    status: str | None = None
    is_qualified: bool | None = None
    funded_by: str | None = None


@dataclass(frozen=True)
class Config:
    as_of_date: str = DEMO_AS_OF_DATE
    attribution_lookback_days: int = 180
    post_close_window_days: int = 180
    sourcing_lookback_days: int = 90
    sourcing_grace_days: int = 7
    sourcing_requires_qualification: bool = False
    sourcing_exclude_us_funded: bool = True
    sourcing_tie_breaker: str = "earliest"
    sourcing_trust_crm_field: bool = True
    sourceable_opportunity_types: tuple[str, ...] = ("new_business",)
    time_decay_half_life_days: float = 7

    def as_vars(self) -> dict:
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values["sourceable_opportunity_types"] = list(self.sourceable_opportunity_types)
        return values


@dataclass
class PartnerLevels:
    is_touched: bool = False
    is_influenced: bool = False
    is_sourced: bool = False
    sourced_credit: float = 0.0
    is_resold: bool = False
    is_deployed: bool = False
    touch_count: int = 0
    influence_touch_count: int = 0

    @property
    def is_partner_led(self) -> bool:
        return self.is_sourced and self.is_resold

    @property
    def is_attached(self) -> bool:
        return self.is_touched or self.is_influenced or self.is_sourced or self.is_resold or self.is_deployed


@dataclass
class Result:
    levels: dict[tuple[str, str], PartnerLevels] = field(default_factory=dict)
    contested: set[str] = field(default_factory=set)
    weights: dict[tuple[str, str, str], float] = field(default_factory=dict)
    is_won: dict[str, bool] = field(default_factory=dict)


def exact_days(start: datetime, end: datetime) -> float:
    return (end - start) / timedelta(microseconds=1) / 86_400_000_000


def position_weights(n: int, first: float, last: float) -> list[float]:
    if n == 1:
        return [1.0]
    if n == 2:
        return [first / (first + last), last / (first + last)]
    return [first] + [(1 - first - last) / (n - 2)] * (n - 2) + [last]


def touch_weights(model: str, touches: list[Activity], created_at: datetime, end: datetime, half_life: float):
    """Weights of an opportunity's ordered attribution touches under one model (spec wording)."""
    n = len(touches)
    if model == "first_touch":
        return [1.0] + [0.0] * (n - 1)
    if model == "last_touch":
        return [0.0] * (n - 1) + [1.0]
    if model == "linear":
        return [1 / n] * n
    if model in POSITION_SHARES:
        return position_weights(n, *POSITION_SHARES[model])
    if model == "w_shaped":
        before_creation = [i for i, t in enumerate(touches) if t.occurred_at <= created_at]
        keys = {0, n - 1} | ({before_creation[-1]} if before_creation else set())
        if n == len(keys):
            return [1 / len(keys)] * n
        return [0.9 / len(keys) if i in keys else 0.1 / (n - len(keys)) for i in range(n)]
    if model == "time_decay":
        raw = [2 ** (-exact_days(t.occurred_at, end) / half_life) for t in touches]
        return [value / sum(raw) for value in raw]
    raise ValueError(model)


def compute(
    opportunities: list[Opportunity],
    activities: list[Activity],
    partners: set[str],
    config: Config,
    activity_types: dict[str, ActivityType],
) -> Result:
    as_of_end = datetime.fromisoformat(config.as_of_date) + timedelta(days=1) - timedelta(microseconds=1)
    result = Result()
    touches = [a for a in activities if a.direction == "inbound" and a.occurred_at <= as_of_end]

    for opp in opportunities:
        if opp.created_at > as_of_end:
            continue
        is_closed = opp.closed_at is not None and opp.closed_at <= as_of_end
        is_won = is_closed and opp.is_won
        end = opp.closed_at if is_closed else as_of_end
        result.is_won[opp.opportunity_id] = is_won

        # linking, then the lifecycle window W2; W1 marks pre-close touches
        linked = []
        for touch in touches:
            explicit = touch.opportunity_id == opp.opportunity_id
            account_level = (
                touch.opportunity_id is None
                and touch.account_id == opp.account_id
                and touch.occurred_at >= opp.created_at - timedelta(days=config.attribution_lookback_days)
            )
            if (explicit or account_level) and touch.occurred_at <= end + timedelta(
                days=config.post_close_window_days
            ):
                linked.append(touch)

        levels: dict[str, PartnerLevels] = defaultdict(PartnerLevels)
        for touch in linked:
            kind = activity_types[touch.activity_type]
            partner = levels[touch.partner_id]
            if touch.occurred_at <= end:
                partner.is_touched = True
                partner.touch_count += 1
                if kind.is_influence:
                    partner.is_influenced = True
                    partner.influence_touch_count += 1
            if is_won and kind.is_resale:
                partner.is_resold = True
            if is_won and kind.is_deployment:
                partner.is_deployed = True
        reseller = opp.reseller_partner_id if opp.reseller_partner_id in partners else None
        if is_won and reseller:
            levels[reseller].is_resold = True

        # sourcing
        if opp.opportunity_type in config.sourceable_opportunity_types:
            crm_partner = opp.sourced_partner_id if opp.sourced_partner_id in partners else None
            if config.sourcing_trust_crm_field and crm_partner:
                levels[crm_partner].is_sourced = True
                levels[crm_partner].sourced_credit = 1.0
            else:
                low = opp.created_at - timedelta(days=config.sourcing_lookback_days)
                high = opp.created_at + timedelta(days=config.sourcing_grace_days)
                candidates = sorted(
                    (
                        t
                        for t in linked
                        if activity_types[t.activity_type].can_source
                        and low <= t.occurred_at <= high
                        and t.status not in ("rejected", "expired")
                        and (t.is_qualified is True or not config.sourcing_requires_qualification)
                        and (t.funded_by != "us" or not config.sourcing_exclude_us_funded)
                    ),
                    key=lambda t: (t.occurred_at, t.activity_id),
                )
                distinct = sorted({t.partner_id for t in candidates})
                if len(distinct) == 1 or (distinct and config.sourcing_tie_breaker == "earliest"):
                    winner = candidates[0].partner_id
                    levels[winner].is_sourced = True
                    levels[winner].sourced_credit = 1.0
                elif distinct and config.sourcing_tie_breaker == "split":
                    for partner_id in distinct:
                        levels[partner_id].is_sourced = True
                        levels[partner_id].sourced_credit = 1 / len(distinct)
                elif distinct:
                    result.contested.add(opp.opportunity_id)

        for partner_id, partner in levels.items():
            if partner.is_attached:
                result.levels[(opp.opportunity_id, partner_id)] = partner
                if partner.is_sourced:
                    result.weights[(opp.opportunity_id, partner_id, "sourced")] = partner.sourced_credit

        # attribution
        attribution = sorted(
            (t for t in linked if t.occurred_at <= end and activity_types[t.activity_type].is_influence),
            key=lambda t: (t.occurred_at, t.activity_id),
        )
        if attribution:
            for model in TOUCH_MODELS:
                weights = touch_weights(
                    model, attribution, opp.created_at, end, config.time_decay_half_life_days
                )
                for touch, weight in zip(attribution, weights, strict=True):
                    key = (opp.opportunity_id, touch.partner_id, model)
                    result.weights[key] = result.weights.get(key, 0.0) + weight
    return result
