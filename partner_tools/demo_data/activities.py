"""Partner activities: the touches around each deal's lifecycle and the background noise."""

from __future__ import annotations

import numpy as np

from partner_tools.demo_data.config import Config
from partner_tools.demo_data.helpers import _choice, _choice_from_mix, _messy, _stable_order, _tz_codes
from partner_tools.demo_data.partners import PartnerPools
from partner_tools.demo_data.vocabulary import (
    A_CUSTOMER_SUCCESS,
    A_DEAL_REGISTRATION,
    A_IMPLEMENTATION,
    A_JOINT_EVENT,
    A_MARKETPLACE,
    A_MDF_CAMPAIGN,
    A_REFERRAL,
    A_RESALE,
    BOOL_STYLE_SHARE,
    FUNDED_BY_SHARE,
    FUNDED_BY_US,
    IN_DEAL_MIX,
    IN_DEAL_TOUCHES,
    INBOUND,
    NEW_BUSINESS,
    OUTBOUND,
    PARTNER_TYPE_SHARE,
    PRE_DEAL_MIX,
    PRE_DEAL_TOUCHES,
    REGISTRATION_STATUS_SHARE,
    SECONDS_PER_DAY,
    SOURCING_MIX,
    Columns,
)


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
