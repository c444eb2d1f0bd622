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
    exact for sets of up to `shapley_exact_max_partners` partners (default 8). The work grows
    as 3^n: at a million deals, 8 takes about 40 s for all the paths and 10 about three times
    as long. A larger set is split equally among its partners, which is the Shapley value of
    the simpler game v(S) = the number of conversions within S. That approximation reached
    1.4% of the paths at a million deals. A value can be negative: adding the partner lowers
    the conversion rate.

A segment with fewer paths than `data_driven_min_paths` still gets rows, flagged
is_too_few_paths: there is too little data to read them.
"""

import itertools
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
        members = frozenset(path)
        counts = deals.setdefault(members, [0, 0])
        counts[0] += 1
        counts[1] += 1 if converted else 0
    rates = {}

    def value(coalition):
        if coalition not in rates:
            if len(coalition) <= 12:
                inside = (
                    deals.get(frozenset(subset))
                    for size in range(1, len(coalition) + 1)
                    for subset in itertools.combinations(sorted(coalition), size)
                )
                inside = [counts for counts in inside if counts]
            else:
                inside = [counts for members, counts in deals.items() if members <= coalition]
            total = sum(counts[0] for counts in inside)
            rates[coalition] = sum(counts[1] for counts in inside) / total if total else 0.0
        return rates[coalition]

    shares = {}
    for members, (_, converted) in deals.items():
        if not converted:
            continue
        players = sorted(members)
        count = len(players)
        values = dict.fromkeys(players, 0.0)
        if count <= exact_max_partners:
            for player in players:
                others = [other for other in players if other != player]
                for size in range(count):
                    weight = math.factorial(size) * math.factorial(count - size - 1) / math.factorial(count)
                    for subset in itertools.combinations(others, size):
                        coalition = frozenset(subset)
                        values[player] += weight * (value(coalition | {player}) - value(coalition))
        else:
            values = dict.fromkeys(players, 1.0)  # beyond the exact limit: an equal split
        total = sum(values.values())
        if total:
            shares[members] = {player: contribution / total for player, contribution in values.items()}
        else:
            shares[members] = {player: 1.0 / count for player in players}
    return shares


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
    paths = {}
    columns = "opportunity_id, path_step, partner_id, is_won, won_amount, region, opportunity_type"
    for opportunity_id, _, partner_id, is_won, won_amount, region, opportunity_type in relation.query(
        "paths", f"select {columns} from paths order by opportunity_id, path_step"
    ).fetchall():
        if opportunity_id not in paths:
            paths[opportunity_id] = (
                [],
                bool(is_won),
                float(won_amount or 0),
                region or "unknown",
                opportunity_type,
            )
        paths[opportunity_id][0].append(partner_id)
    return paths


def model(dbt, session):
    dbt.config(materialized="table")
    min_paths = int(dbt.config.get("data_driven_min_paths"))
    exact_max_partners = int(dbt.config.get("shapley_exact_max_partners"))
    paths = read_paths(dbt.ref("int_partner_paths"))

    segments = {}
    for partners, converted, amount, region, opportunity_type in paths.values():
        path = (tuple(partners), converted, amount)
        for segment in ((ALL, ALL), (region, ALL), (ALL, opportunity_type)):
            segments.setdefault(segment, []).append(path)

    columns = {
        name: []
        for name in (
            "partner_id",
            "region",
            "opportunity_type",
            "attribution_model",
            "attributed_conversions",
            "attributed_revenue",
            "share",
            "paths_used",
            "segment_conversions",
            "is_too_few_paths",
        )
    }
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
    return pa.table(columns, schema=schema)
