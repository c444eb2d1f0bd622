"""The whole dataset in memory, generated section by section, then made consistent."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from partner_tools.demo_data.activities import _days_seconds, generate_activities
from partner_tools.demo_data.cells import _labels
from partner_tools.demo_data.config import Config, Progress
from partner_tools.demo_data.helpers import _days, _stable_order, _tz_codes
from partner_tools.demo_data.opportunities import (
    generate_accounts,
    generate_opportunities,
    generate_rates,
    generate_stage_history,
)
from partner_tools.demo_data.partners import PartnerPools, generate_partners
from partner_tools.demo_data.vocabulary import SECONDS_PER_DAY, Columns


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
