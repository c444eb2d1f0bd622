"""The data-driven attribution's arithmetic, on paths small enough to work out by hand.

The Python model mart_partner_data_driven_attribution is imported as a module. Its functions
are checked against values computed on paper, and the Markov shortcut (the probability of
visiting a partner, from the fundamental matrix) against the chain solved again without it.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import random
from pathlib import Path

import numpy as np
import pytest

MODEL = (
    Path(__file__).resolve().parents[2]
    / "models"
    / "marts"
    / "partner_attribution__mart_partner_data_driven_attribution.py"
)
spec = importlib.util.spec_from_file_location("data_driven", MODEL)
data_driven = importlib.util.module_from_spec(spec)
spec.loader.exec_module(data_driven)


def test_markov_removal_effect_by_hand():
    # start -> A 2/3, -> B 1/3; A -> conv 1/2, -> B 1/2; B -> conv 1/2, -> null 1/2
    # P(conv) = 2/3 * (1/2 + 1/2 * 1/2) + 1/3 * 1/2 = 2/3
    # without A: 1/3 * 1/2 = 1/6, effect 3/4; without B: 2/3 * 1/2 = 1/3, effect 1/2
    shares = data_driven.markov_shares([(("A",), True), (("A", "B"), True), (("B",), False)])
    assert shares == pytest.approx({"A": 0.75 / 1.25, "B": 0.5 / 1.25}, abs=1e-12)


def converts(paths, removed=None):
    """P(conversion) of the chain estimated from every path, solved again with `removed` cut out.

    Cutting a partner out redirects every step into it to null: its column of the transition
    matrix goes, and it is never entered. No shortcut: a linear system per removal.
    """
    states = ["start", *sorted({p for path, _ in paths for p in path})]
    index = {state: i for i, state in enumerate(states)}
    steps, conversions, leaving = np.zeros((len(states),) * 2), np.zeros(len(states)), np.zeros(len(states))
    for path, converted in paths:
        state = "start"
        for partner in path:
            leaving[index[state]] += 1
            steps[index[state], index[partner]] += 1
            state = partner
        leaving[index[state]] += 1
        conversions[index[state]] += converted
    transitions = steps / leaving[:, None]
    if removed is not None:
        transitions[:, index[removed]] = 0.0
    solved = np.linalg.solve(np.eye(len(states)) - transitions, conversions / leaving)
    return solved[0]


def test_markov_shortcut_equals_the_chain_solved_again_without_each_partner():
    generator = random.Random(7)
    partners = ["A", "B", "C", "D", "E"]
    paths = []
    for _ in range(200):
        path = [generator.choice(partners)]
        while generator.random() < 0.6:
            path.append(generator.choice([p for p in partners if p != path[-1]]))  # repeats collapsed
        paths.append((tuple(path), generator.random() < 0.4))
    base = converts(paths)
    effects = {partner: 1 - converts(paths, removed=partner) / base for partner in partners}
    expected = {partner: effect / sum(effects.values()) for partner, effect in effects.items()}
    assert data_driven.markov_shares(paths) == pytest.approx(expected, abs=1e-9)


SHAPLEY_PATHS = [(("A",), True), (("A",), False), (("B",), False), (("B",), False), (("A", "B"), True)]


def test_shapley_by_hand():
    # v(A) = 1/2, v(B) = 0/2, v(AB) = (1 + 0 + 1) / (2 + 2 + 1) = 2/5
    # phi_A = (v(A) - 0) / 2 + (v(AB) - v(B)) / 2 = 0.45; phi_B = 0 / 2 + (v(AB) - v(A)) / 2 = -0.05
    shares = data_driven.shapley_path_shares(SHAPLEY_PATHS, exact_max_partners=10)
    assert shares[frozenset("A")] == pytest.approx({"A": 1.0})
    assert shares[frozenset("AB")] == pytest.approx({"A": 0.45 / 0.4, "B": -0.05 / 0.4}, abs=1e-12)
    rows = {
        (partner, model): (conversions, revenue)
        for partner, model, conversions, revenue in data_driven.attribute(
            [(path, converted, 100.0 if converted else 0.0) for path, converted in SHAPLEY_PATHS], 10
        )
    }
    assert rows[("A", "shapley")] == pytest.approx((1 + 1.125, 100 + 112.5))
    assert rows[("B", "shapley")] == pytest.approx((-0.125, -12.5))


def brute_force_shapley(paths, players):
    """Shapley values of v(S) = conversion rate of the paths within S, straight from the definition."""

    def value(coalition):
        inside = [converted for path, converted in paths if set(path) <= set(coalition)]
        return sum(inside) / len(inside) if inside else 0.0

    count = len(players)
    values = {}
    for player in players:
        others = [other for other in players if other != player]
        values[player] = sum(
            math.factorial(size)
            * math.factorial(count - size - 1)
            / math.factorial(count)
            * (value((*subset, player)) - value(subset))
            for size in range(count)
            for subset in itertools.combinations(others, size)
        )
    return values


def test_shapley_equals_the_definition_on_random_paths():
    generator = random.Random(5)
    partners = ["A", "B", "C", "D", "E", "F", "G"]
    paths = [
        (tuple(generator.sample(partners, generator.randint(1, 6))), generator.random() < 0.4)
        for _ in range(400)
    ]
    shares = data_driven.shapley_path_shares(paths, exact_max_partners=8)
    checked = 0
    for members, given in shares.items():
        expected = brute_force_shapley(paths, sorted(members))
        total = sum(expected.values())
        assert given == pytest.approx({player: value / total for player, value in expected.items()}, abs=1e-9)
        checked += 1
    assert checked > 50


def test_shapley_beyond_the_exact_limit_splits_equally():
    shares = data_driven.shapley_path_shares(SHAPLEY_PATHS, exact_max_partners=1)
    assert shares[frozenset("AB")] == {"A": 0.5, "B": 0.5}
    assert shares[frozenset("A")] == pytest.approx({"A": 1.0})


def test_every_model_hands_out_exactly_the_conversions_and_revenue():
    generator = random.Random(11)
    partners = ["P1", "P2", "P3", "P4", "P5", "P6"]
    paths = []
    for _ in range(300):
        path = tuple(generator.sample(partners, generator.randint(1, 4)))
        converted = generator.random() < 0.35
        paths.append((path, converted, generator.randint(1, 50) * 1000.0 if converted else 0.0))
    rows = data_driven.attribute(paths, exact_max_partners=3)  # 4-partner paths are split equally
    for model in ("markov", "shapley"):
        given = [(conversions, revenue) for _, name, conversions, revenue in rows if name == model]
        assert sum(c for c, _ in given) == pytest.approx(sum(1 for _, converted, _ in paths if converted))
        assert sum(r for _, r in given) == pytest.approx(sum(amount for *_, amount in paths))
    assert {partner for partner, *_ in rows} == set(partners)
    assert len(rows) == 2 * len(partners)


def test_no_conversion_gives_no_credit():
    paths = [(("A", "B"), False, 0.0), (("B",), False, 0.0)]
    assert all(
        conversions == 0 and revenue == 0 for *_, conversions, revenue in data_driven.attribute(paths, 10)
    )
    assert list(itertools.chain(data_driven.shapley_path_shares([(p, c) for p, c, _ in paths], 10))) == []


def test_markov_agrees_with_the_channelattribution_package():
    """The same paths through ChannelAttribution's Markov model (it simulates): shares within 0.01."""
    import pandas as pd
    from ChannelAttribution import markov_model

    generator = random.Random(3)
    partners = ["P1", "P2", "P3", "P4", "P5", "P6"]
    lift = {"P1": 0.6, "P2": 0.05, "P3": 0.3, "P4": 0.0, "P5": 0.15, "P6": 0.0}  # unequal on purpose
    paths = []
    for _ in range(3000):
        path = [generator.choice(partners)]
        while generator.random() < 0.55:
            path.append(generator.choice([p for p in partners if p != path[-1]]))
        paths.append(
            (tuple(path), generator.random() < min(0.95, 0.05 + sum(lift[p] for p in set(path)) / 2))
        )

    journeys = {}
    for path, converted in paths:
        counts = journeys.setdefault(" > ".join(path), [0, 0])
        counts[0 if converted else 1] += 1
    data = pd.DataFrame(
        [(path, conversions, nulls) for path, (conversions, nulls) in sorted(journeys.items())],
        columns=["path", "conversions", "nulls"],
    )
    result = markov_model(
        data, "path", "conversions", var_null="nulls", sep=">", seed=0, verbose=False, flg_pro=False
    )
    theirs = dict(
        zip(
            result["channel_name"],
            result["total_conversions"] / result["total_conversions"].sum(),
            strict=True,
        )
    )

    ours = data_driven.markov_shares(paths)
    assert set(ours) == set(theirs) == set(partners)
    for partner in partners:
        assert ours[partner] == pytest.approx(theirs[partner], abs=0.01), (partner, ours, theirs)
    assert max(ours.values()) - min(ours.values()) > 0.05  # the shares differ, so agreeing means something
