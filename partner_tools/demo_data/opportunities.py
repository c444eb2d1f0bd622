"""Accounts and their opportunities (partners, outcomes, amounts, CRM fields), currency rates and
the stage history."""

from __future__ import annotations

import numpy as np

from partner_tools.demo_data.config import Config
from partner_tools.demo_data.helpers import (
    _choice,
    _group_positions,
    _messy,
    _month_index,
    _stable_order,
    _tz_codes,
)
from partner_tools.demo_data.partners import PartnerPools
from partner_tools.demo_data.vocabulary import (
    ACCOUNT_REGION_SHARE,
    ATTACH_RATE,
    BOOL_STYLE_SHARE,
    CLOSED_LOST,
    CLOSED_WON,
    COUNTRIES,
    COUNTRY_CURRENCY,
    COUNTRY_LOCAL_SHARE,
    CURRENCIES,
    CURRENCY_LEVELS,
    EXPANSION,
    INDUSTRY_SHARE,
    NAME_CORES,
    NAME_PREFIXES,
    NEW_BUSINESS,
    OTHER_SOURCED_RATE,
    RENEWAL,
    RESELLER,
    SECONDS_PER_DAY,
    SI,
    SOURCED_RATE,
    TECH,
    USD,
    Columns,
)


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
