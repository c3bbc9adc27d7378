"""The cheapest plan for an objective, and near-cheapest alternatives to it.

Each question scans the exact frontier of the problem's search space (``optimise.search``),
bounded by the cost of a plan found greedily; the plan returned is re-scored by the engine
(``rescore``).

Under the ``appraised_first`` tie policy a tie on the index is counted as lost while planning
(the appraised part of a plan is not followed); a plan that might have done with less is then
marked not proven optimal, with a note.
"""

from __future__ import annotations

import heapq
import itertools
from decimal import Decimal

from cchc_score.labels import band_code
from cchc_score.model.ranking import Entry

from .models import Plan, Purpose
from .objectives import Budget, Objective, TargetBand, TargetRank
from .optimise import dp
from .optimise.search import Goal
from .options import Option
from .problem import Problem
from .rescore import NOTE_TIES, make_plan
from .standing import Standings


def rank_goal(problem: Problem, k: int) -> Goal:
    """Rank ≤ ``k`` among the peers as given."""
    rank = problem.standings.rank
    return lambda points, cost: rank(points) <= k


def band_goal(problem: Problem, code: str) -> Goal:
    """The band ``code`` (or its label: ``Tốt``, ``tot``, ``Good``) of the unit's block or
    better; UnknownIdError, listing the block's bands, for a band the block does not have."""
    block = problem.submission.assessment.block
    found = band_code(problem.cset, block, code)
    band = next(b for b in problem.cset.bands_for(block) if b.code == found)
    total, index = problem.standings.total, problem.standings.index
    return lambda points, cost: index(total(points)) >= band.min_index


def safer_goal(problem: Problem, target: TargetRank) -> tuple[Goal, Standings]:
    """Rank ≤ the target among the peers with each index raised by the margin (and, planning
    against expected figures, by its forecast's expected change); and those shifted peers."""
    expected = target.against == "expected"
    shifted = Standings(
        problem.cset,
        [
            _shift(p, target.margin + (problem.forecast(p).expected_change if expected else 0))
            for p in problem.standings.peers
        ],
        problem.standings.policy,
    )
    k = target.rank
    return (lambda points, cost: shifted.rank(points) <= k), shifted


def _shift(peer: Entry, change: Decimal) -> Entry:
    """The peer with its index (and unrounded total) moved by ``change`` index points."""
    update: dict[str, Decimal] = {"index": peer.index + change}
    base = peer.unrounded_total if peer.unrounded_total is not None else peer.total
    if base is not None and peer.total_max:
        update["unrounded_total"] = base + change * peer.total_max / 100
    return peer.model_copy(update=update)


def goal_of(problem: Problem, objective: TargetRank | TargetBand) -> Goal:
    """The test a plan's (unrounded total, cost) must pass to meet ``objective``."""
    if isinstance(objective, TargetBand):
        return band_goal(problem, objective.band)
    if objective.safer:
        return safer_goal(problem, objective)[0]
    return rank_goal(problem, objective.rank)


def plan_for(problem: Problem, objective: Objective) -> Plan | None:
    """The least-cost plan meeting ``objective`` (then the fewest changes); None when no plan
    does. Within a budget there is always one: staying put costs nothing.

    A target rank with a margin or against expected figures is planned against the shifted
    peers; the plan then states what it was planned against and the least index it needs.
    """
    if isinstance(objective, Budget):
        entries = problem.space.frontier_entries(bound=objective.amount)
        picks = entries[-1][3]  # staying put costs nothing, so there is an entry
        return make_plan(problem, dp.picked(picks), "budget", ())
    if isinstance(objective, TargetBand):
        return cheapest(problem, band_goal(problem, objective.band), "target_band")
    if not objective.safer:
        k = objective.rank
        return cheapest(problem, rank_goal(problem, k), "target_rank", rank=k)
    goal, shifted = safer_goal(problem, objective)
    found = cheapest(problem, goal, "target_rank")
    if found is None:
        return None
    least = problem.space.threshold(goal)
    target = shifted.index(shifted.total(least)) if least is not None else None
    return found.model_copy(
        update={"against": objective.against, "margin": objective.margin, "target_index": target}
    )


def cheapest(
    problem: Problem,
    goal: Goal,
    purpose: Purpose,
    forbidden: frozenset[str] = frozenset(),
    rank: int | None = None,
) -> Plan | None:
    """The least-cost plan meeting ``goal`` (then fewest changes) without changing the
    ``forbidden`` leaves, or None.

    ``rank``: the rank the goal asks for, to tell when a tie decided by the appraised part
    might let a cheaper plan do.
    """
    found = cheapest_choice(problem, goal, forbidden, rank)
    if found is None:
        return None
    return make_plan(problem, found[2], purpose, found[3])


def cheapest_choice(
    problem: Problem,
    goal: Goal,
    forbidden: frozenset[str] = frozenset(),
    rank: int | None = None,
    bound: Decimal | None = None,
) -> tuple[Decimal, Decimal, list[Option], tuple[str, ...]] | None:
    """(unrounded total, cost, options, notes) of the least-cost plan meeting ``goal``;
    ``bound``: the cost of some plan meeting it (by default found greedily)."""
    space, standings = problem.space, problem.standings
    if bound is None:
        bound = space.greedy_cost(goal, forbidden)
    if bound is None:
        return None
    ties = rank is not None and standings.policy == "appraised_first"
    if not ties:
        least = space.threshold(goal)
        if least is None:
            return None
        found = space.cheapest_reaching([(least, bound)], forbidden)[0]
        if found is None:
            return None
        points, cost, _, picks = found
        if not goal(points, cost):
            raise AssertionError("the least total meeting a goal does not meet it")
        return points, cost, dp.picked(picks), ()
    entries = space.frontier_entries(forbidden, bound)
    for i, (points, cost, _, picks) in enumerate(entries):
        if goal(points, cost):
            notes: tuple[str, ...] = ()
            if rank is not None and any(
                standings.rank_if_ties_won(e[0]) <= rank for e in entries[:i]
            ):
                notes = (NOTE_TIES,)
            return points, cost, dp.picked(picks), notes
    return None


def alternatives(
    problem: Problem,
    plan: Plan,
    n: int,
    *,
    objective: Objective | None = None,
    max_solves: int = 40,
) -> list[Plan]:
    """Up to ``n`` more plans meeting what the plan meets, each avoiding a change of a cheaper
    one (Lawler's scheme over forbidden leaves): each is the cheapest plan under its exclusions,
    cheapest first; they differ from the plan and each other in what they change.

    What they meet: the plan's rank; for a target band, that band (a plan reaching the rank
    without the band would be cheaper than the plan and no answer to its question); for a
    target rank with a margin or against expected figures, that ``objective``; for a budget,
    the plan's rank within the budget. So an alternative costs no less than a plan that is the
    cheapest for its objective; a budget plan buys the most points within the budget instead,
    and an alternative to it may cost less for fewer points.
    """
    limit: Decimal | None = None
    if isinstance(objective, TargetRank) and objective.safer:
        goal, tie_rank = safer_goal(problem, objective)[0], None
    elif isinstance(objective, TargetBand):
        goal, tie_rank = band_goal(problem, objective.band), None
    else:
        goal, tie_rank = rank_goal(problem, plan.new_rank), plan.new_rank
        if isinstance(objective, Budget):
            limit = objective.amount
    seen = {plan.changes}
    counter = itertools.count()
    heap: list[tuple[Decimal, int, int, frozenset[str], Plan]] = []
    tried: set[frozenset[str]] = set()

    def push(forbidden: frozenset[str]) -> None:
        if forbidden in tried or len(tried) >= max_solves:
            return
        tried.add(forbidden)
        found = cheapest(problem, goal, "alternative", forbidden, rank=tie_rank)
        # Over the budget: so is every plan that also avoids more leaves, so none is pushed.
        if found is not None and (limit is None or found.total_cost <= limit):
            item = (found.total_cost, len(found.steps), next(counter), forbidden, found)
            heapq.heappush(heap, item)

    for step in plan.steps:
        push(frozenset({step.leaf_id}))
    out: list[Plan] = []
    while heap and len(out) < n:
        _, _, _, forbidden, found = heapq.heappop(heap)
        if found.changes not in seen:
            seen.add(found.changes)
            out.append(found)
        for step in found.steps:
            push(forbidden | {step.leaf_id})
    return out
