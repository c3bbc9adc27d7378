"""Rank odds when the peers' next indexes are uncertain: exact, not sampled.

Each peer's next index is an independent normal variable, mean ``index + expected_change`` and
standard deviation ``sd`` (index points, i.e. percent of the maximum; a peer with ``sd = 0``
stays at its mean). The unit's own index is fixed (it is what the plan controls). A peer beats
the unit when its *published* index (rounded to the set's index places) is higher, so for a
half-up or half-even rounding a peer beats an index ``x`` when its value is at least ``x`` plus
half a unit of the last place (a full unit when rounding down). Under ``unrounded`` ties the
unrounded index is compared. Under ``appraised_first`` a tie on the published index counts as lost
(conservative), and under ``dense`` the shared rank is used (a bound: dense ranks are never
worse).

The number of peers that beat the unit is then Poisson-binomial; its distribution is computed
exactly by the usual recurrence, in floats (probabilities are not points).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from cchc_score.model.criteria import CriteriaSet, TiePolicy

from .models import FrontierPoint, PeerMove, Plan, RankOdds

if TYPE_CHECKING:
    from .problem import Problem

#: Up to this many peers the odds cover every frontier plan and the whole rank distribution;
#: beyond (a nation-wide block) only the plan and its alternatives, to keep a run in seconds.
FULL_ODDS_UP_TO = 300


@dataclass(frozen=True)
class Forecast:
    """How a peer's index may move by the next assessment: expected change and spread (index
    points)."""

    expected_change: Decimal = Decimal(0)
    sd: Decimal = Decimal(0)


@dataclass(frozen=True)
class PeerForecast:
    """A peer's current index and its forecast."""

    index: Decimal
    expected_change: Decimal = Decimal(0)
    sd: Decimal = Decimal(0)


def normal_sf(x: float) -> float:
    """P(Z > x) for a standard normal Z."""
    return 0.5 * math.erfc(x / math.sqrt(2))


def beat_threshold(own_index: Decimal, cset: CriteriaSet, policy: TiePolicy) -> Decimal:
    """The lowest next index (before rounding) with which a peer beats ``own_index``."""
    if policy == "unrounded":
        return own_index
    rounding = cset.rounding
    unit = Decimal(1).scaleb(-rounding.index_places)
    if policy == "appraised_first":
        return own_index - unit / 2 if rounding.mode != "down" else own_index
    return own_index + unit / 2 if rounding.mode != "down" else own_index + unit


def beat_probabilities(threshold: Decimal, peers: Sequence[PeerForecast]) -> list[float]:
    """For each peer, the probability that its next index reaches ``threshold``."""
    out = []
    for peer in peers:
        mean = peer.index + peer.expected_change
        if peer.sd <= 0:
            out.append(1.0 if mean >= threshold else 0.0)
        else:
            out.append(normal_sf(float((threshold - mean) / peer.sd)))
    return out


def count_distribution(probabilities: Sequence[float], upto: int | None = None) -> list[float]:
    """P(exactly k events) for k = 0..upto-1 (all when ``upto`` is None) of independent events.

    Truncating at ``upto`` keeps a nation-wide run (thousands of peers) linear in the peers.
    """
    size = len(probabilities) + 1 if upto is None else min(upto, len(probabilities) + 1)
    dist = [0.0] * size
    dist[0] = 1.0
    for p in probabilities:
        q = 1.0 - p
        for k in range(size - 1, 0, -1):
            dist[k] = dist[k] * q + dist[k - 1] * p
        dist[0] *= q
    return dist


#: A peer less likely than this to beat the unit is left out of the count (its whole effect on
#: any probability is below this; thousands of them stay below 10⁻¹²).
NEGLIGIBLE = 1e-16


def p_rank_at_most(
    own_index: Decimal,
    k: int,
    peers: Sequence[PeerForecast],
    cset: CriteriaSet,
    policy: TiePolicy,
) -> float:
    """P(rank ≤ k): fewer than k peers beat the unit.

    Peers sure to beat the unit (probability 1 in floats) lower k instead of entering the count,
    and peers with a negligible chance are left out, so a nation-wide block (thousands of peers,
    most far above or below the unit) counts only the peers near it.
    """
    probs = beat_probabilities(beat_threshold(own_index, cset, policy), peers)
    sure = sum(1 for p in probs if p >= 1.0)
    uncertain = [p for p in probs if NEGLIGIBLE <= p < 1.0]
    room = k - sure
    if room < 1:
        return 0.0
    if room <= WINDOW_FROM:
        return min(1.0, sum(count_distribution(uncertain, upto=room)))
    low, dist = count_window(uncertain)  # a rank far down: the window is narrower than k
    return min(1.0, sum(dist[: max(0, room - low)], 0.0))


def rank_distribution(
    own_index: Decimal, peers: Sequence[PeerForecast], cset: CriteriaSet, policy: TiePolicy
) -> list[float]:
    """P(rank = r) for r = 1..len(peers)+1.

    As for ``p_rank_at_most``, peers sure to beat the unit shift the distribution instead of
    entering the count and peers with a negligible chance are left out, so a nation-wide block
    counts only the peers near the unit (the count is quadratic in the peers it covers).
    """
    probs = beat_probabilities(beat_threshold(own_index, cset, policy), peers)
    sure = sum(1 for p in probs if p >= 1.0)
    low, counted = count_window([p for p in probs if NEGLIGIBLE <= p < 1.0])
    head = [0.0] * (sure + low)
    return head + counted + [0.0] * (len(probs) + 1 - len(head) - len(counted))


#: From this k on, P(rank ≤ k) sums the window of likely counts rather than the first k counts.
WINDOW_FROM = 64

#: A count less likely than this is dropped from the ends of the window ``count_window`` keeps
#: (all of them together stay below 10⁻²⁵ for a nation of peers).
TINY = 1e-30


def count_window(probabilities: Sequence[float]) -> tuple[int, list[float]]:
    """(low, dist): P(exactly low + i events) = dist[i]; counts outside the window are
    negligible (below ``TINY`` each when dropped).

    The count's spread grows with the square root of the peers, so the window stays narrow and
    the count near-linear for thousands of peers. The peers nearly sure either way come first
    (by distance from an even chance, ties in their order): they hardly widen the window, which
    so stays narrow for most of the count (2.5 times faster among 2,600 uncertain peers; the
    sums' order moves the results by about 10⁻¹⁶).
    """
    low, dist = 0, [1.0]
    for p in sorted(probabilities, key=lambda p: -abs(p - 0.5)):
        q = 1.0 - p
        grown = [a * q + b * p for a, b in zip([*dist, 0.0], [0.0, *dist], strict=True)]
        start, end = 0, len(grown)
        while grown[start] < TINY:  # the mass is 1, so some count stays
            start += 1
        while grown[end - 1] < TINY:
            end -= 1
        low += start
        dist = grown[start:end]
    return low, dist


def rank_odds(
    problem: Problem,
    k: int,
    plan: Plan | None = None,
    others: Sequence[Plan] = (),
    frontier: Sequence[FrontierPoint] = (),
) -> RankOdds | None:
    """P(rank ≤ ``k``) now and with each plan given (the plan, its alternatives, each point of
    the frontier) when the peers move as the problem's forecasts say; None when no forecast
    moves a peer."""
    peers = [
        PeerForecast(p.index, f.expected_change, f.sd)
        for p in problem.standings.peers
        for f in [problem.forecast(p)]
    ]
    if not any(p.sd > 0 or p.expected_change != 0 for p in peers):
        return None
    cset, policy = problem.cset, problem.standings.policy
    plans: dict[str, float] = {}
    if plan is not None:
        plans["plan"] = p_rank_at_most(plan.new_index, k, peers, cset, policy)
    for i, alt in enumerate(others, start=1):
        plans[f"alternative {i}"] = p_rank_at_most(alt.new_index, k, peers, cset, policy)
    small = len(peers) <= FULL_ODDS_UP_TO
    for point in frontier if small else ():
        plans[f"rank {point.rank}"] = p_rank_at_most(point.plan.new_index, k, peers, cset, policy)
    index_now = problem.result.index
    return RankOdds(
        target_rank=k,
        assumptions=assumptions(peers),
        now=p_rank_at_most(index_now, k, peers, cset, policy),
        plans=plans,
        distribution_now=tuple(rank_distribution(index_now, peers, cset, policy)) if small else (),
        distribution_plan=tuple(rank_distribution(plan.new_index, peers, cset, policy))
        if plan is not None and small
        else (),
    )


def assumptions(peers: Sequence[PeerForecast]) -> tuple[PeerMove, ...]:
    """The forecasts the odds assume, each with how many peers it is given to (most first)."""
    counts = Counter((p.expected_change, p.sd) for p in peers)
    return tuple(
        PeerMove(peers=n, expected_change=change, sd=sd)
        for (change, sd), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
