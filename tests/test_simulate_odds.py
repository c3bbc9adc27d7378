"""Rank odds: the exact Poisson-binomial count against a seeded Monte Carlo estimate."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_score import CriteriaSet
from cchc_score.decimal_utils import quantize
from cchc_score.ranking import rank_position
from cchc_score.simulate.odds import (
    PeerForecast,
    beat_probabilities,
    beat_threshold,
    count_distribution,
    count_window,
    p_rank_at_most,
    rank_distribution,
)


@pytest.mark.parametrize("own", ["80.00", "82.37", "85.50"])
def test_exact_odds_match_a_seeded_monte_carlo(minimal_set: CriteriaSet, own: str) -> None:
    """P(rank ≤ K) computed exactly agrees with 20,000 simulated years in which every peer's
    index is drawn, rounded as published, and the unit ranked with shared ties."""
    rng = random.Random(7)
    peers = [
        PeerForecast(Decimal(m), Decimal(c), Decimal(s))
        for m, c, s in [
            ("81.2", "0.5", "1.5"),
            ("84.0", "0", "2"),
            ("79.5", "1", "1"),
            ("86.3", "-1", "2.5"),
            ("82.4", "0", "0"),
            ("83.0", "0.2", "0.8"),
            ("77.0", "2", "3"),
            ("85.0", "0", "1.2"),
        ]
    ]
    own_index = Decimal(own)
    runs = 20_000
    hits = {k: 0 for k in range(1, 10)}
    for _ in range(runs):
        drawn = [
            quantize(Decimal(repr(rng.gauss(float(p.index + p.expected_change), float(p.sd)))), 2)
            if p.sd > 0
            else p.index + p.expected_change
            for p in peers
        ]
        rank = rank_position(own_index, drawn)
        for k in hits:
            hits[k] += rank <= k
    for k, count in hits.items():
        exact = p_rank_at_most(own_index, k, peers, minimal_set, "shared")
        assert abs(exact - count / runs) < 0.015, (k, exact, count / runs)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1), max_size=12), st.integers(1, 13))
def test_truncated_count_distribution_agrees_with_the_full_one(probs: list[float], k: int) -> None:
    """Counting only up to k events gives the same first k probabilities as the full
    distribution, and the full distribution sums to one."""
    full = count_distribution(probs)
    assert sum(full) == pytest.approx(1.0)
    assert count_distribution(probs, upto=k) == pytest.approx(full[:k])


def test_certain_peers_give_certain_odds(minimal_set: CriteriaSet) -> None:
    """Peers with no spread: the odds are 0 or 1, and a tie on the published index is not lost
    under shared ties."""
    peers = [PeerForecast(Decimal("90")), PeerForecast(Decimal("80")), PeerForecast(Decimal("70"))]
    assert p_rank_at_most(Decimal("80"), 2, peers, minimal_set, "shared") == 1.0
    assert p_rank_at_most(Decimal("79.99"), 2, peers, minimal_set, "shared") == 0.0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(3000, 9000), st.integers(0, 300)), min_size=1, max_size=25),
    st.integers(3000, 9000),
    st.integers(1, 26),
)
def test_counting_only_the_uncertain_peers_changes_nothing(
    peers: list[tuple[int, int]], own: int, k: int
) -> None:
    """Setting aside the peers sure to win (they lower k) and those with a negligible chance
    gives the same P(rank ≤ k) as counting every peer."""
    cset = CriteriaSet.model_validate(
        {
            "id": "t",
            "version": "1",
            "title_vi": "t",
            "title_en": "t",
            "unit_type": "district",
            "total_max": 1,
            "nodes": [
                {
                    "id": "1",
                    "label_vi": "a",
                    "label_en": "a",
                    "max_points": 1,
                    "rule": {"kind": "binary"},
                }
            ],
        }
    )
    forecasts = [PeerForecast(Decimal(i) / 100, Decimal(0), Decimal(s) / 100) for i, s in peers]
    own_index = Decimal(own) / 100
    probs = beat_probabilities(beat_threshold(own_index, cset, "shared"), forecasts)
    plain = min(1.0, sum(count_distribution(probs, upto=k)))
    assert p_rank_at_most(own_index, k, forecasts, cset, "shared") == pytest.approx(
        plain, abs=1e-12
    )


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1), max_size=80))
def test_the_window_of_likely_counts_agrees_with_the_full_count(probs: list[float]) -> None:
    """The counts the window drops are negligible: inside it and outside it, the probabilities
    are the full distribution's."""
    full = count_distribution(probs)
    low, window = count_window(probs)
    rebuilt = [0.0] * low + window + [0.0] * (len(full) - low - len(window))
    assert rebuilt == pytest.approx(full, abs=1e-12)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_odds_among_many_peers_agree_with_counting_every_peer(
    minimal_set: CriteriaSet, seed: int
) -> None:
    """Among 300 peers, most sure to win or without a chance: the whole rank distribution and
    P(rank ≤ k) for k far down (summed over the window) are those of the plain count."""
    rng = random.Random(seed)
    peers = [
        PeerForecast(
            Decimal(rng.randint(4000, 9900)) / 100,
            Decimal(rng.choice(["0", "0.5"])),
            Decimal(rng.choice(["0", "1", "2.5"])),
        )
        for _ in range(300)
    ]
    own = Decimal("70.00")
    probs = beat_probabilities(beat_threshold(own, minimal_set, "shared"), peers)
    full = count_distribution(probs)
    dist = rank_distribution(own, peers, minimal_set, "shared")
    assert len(dist) == len(peers) + 1
    assert dist == pytest.approx(full, abs=1e-12)
    for k in (1, 50, 100, 150, 200, 301):
        plain = min(1.0, sum(full[:k]))
        odds = p_rank_at_most(own, k, peers, minimal_set, "shared")
        assert odds == pytest.approx(plain, abs=1e-12)
