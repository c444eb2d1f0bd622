"""The partners: their archetypes, tiers and regions, and the pools deals draw them from."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from partner_tools.demo_data.config import Config
from partner_tools.demo_data.helpers import _choice, _days, _messy
from partner_tools.demo_data.vocabulary import (
    PARTNER_NAME_FIRST,
    PARTNER_NAME_SECOND,
    PARTNER_REGION_SHARE,
    PARTNER_TYPE_SHARE,
    TIER_ACTIVITY_WEIGHT,
    TIER_SHARE,
    Columns,
)


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
