"""The questions besides a plan: the least cost of every reachable rank (the frontier), each
single improvement on its own (opportunities), and the best rank any plan reaches."""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

from .models import FrontierPoint, Opportunity
from .optimise import dp
from .options import Option
from .plans import rank_goal
from .problem import Problem
from .rescore import make_plan, value_text

ZERO = Decimal(0)


def best_reachable_rank(problem: Problem) -> int:
    """The best rank any allowed plan reaches, whatever it costs."""
    return problem.standings.rank(problem.space.best_total())


#: Up to this many ranks between the unit's and the best reachable, each rank's least total
#: is a level of its own (``SearchSpace.cheapest_reaching``); beyond, the greedy path's steps
#: bound the ranks they pass.
LEVELS_UP_TO = 48


def frontier(problem: Problem) -> list[FrontierPoint]:
    """For every rank the unit can reach, the least cost of reaching it; a rank is left out
    when a better one costs no more. The first point costs nothing.

    Each rank's cheapest plan is the cheapest reaching the rank's least total, and the greedy
    plan to the best reachable rank passes every rank on its way, so each rank has a known
    plan's cost to bound its search. With a few ranks to go, the programme answers each rank's
    least total at once, each budget starting just above the relaxation's lower bound
    (``SearchSpace.cheapest_reaching``). With many (a unit among thousands), each greedy step
    that improves the rank gives a goal, the least total of the worst rank it passes with the
    step's cost, and one programme bounded by those goals holds every rank's cheapest plan in
    order of rising total. When the greedy plan misses the best rank (a prerequisite it cannot
    meet), the whole frontier is computed.
    """
    space, standings = problem.space, problem.standings
    path = space.greedy_path(rank_goal(problem, best_reachable_rank(problem)))
    entries: list[tuple[Decimal, Decimal, int, dp.Picks]]
    if standings.rank(path[-1][0]) > best_reachable_rank(problem):
        entries = space.frontier_entries()
    elif standings.rank(space.start) - best_reachable_rank(problem) <= LEVELS_UP_TO:
        levels = _frontier_levels(problem, path)
        reached = space.cheapest_reaching(levels)
        entries = [(space.start, ZERO, 0, None), *(e for e in reached if e is not None)]
    else:
        bound, goals = _frontier_goals(problem, path)
        entries = space.frontier_entries(bound=bound, goals=goals)
    found: list[tuple[Decimal, dp.Picks]] = []
    last_rank: int | None = None
    for points, cost, _, picks in entries:
        rank = standings.rank(points)
        if last_rank is not None and rank >= last_rank:
            continue
        last_rank = rank
        if found and found[-1][0] == cost:
            found.pop()  # the better rank costs no more: the worse one is not on the frontier
        found.append((cost, picks))
    out = []
    for _, picks in found:
        plan = make_plan(problem, dp.picked(picks), "frontier", ())
        out.append(
            FrontierPoint(
                rank=plan.new_rank, min_cost=plan.total_cost, total=plan.new_total, plan=plan
            )
        )
    return out


def _frontier_levels(
    problem: Problem, path: list[tuple[Decimal, Decimal]]
) -> list[tuple[Decimal, Decimal]]:
    """Each rank better than the unit's own, down to the best reachable (which the greedy path
    reaches): its least total and the cost at which the greedy path first reaches it."""
    space, standings = problem.space, problem.standings
    levels: list[tuple[Decimal, Decimal]] = []
    totals = [total for total, _ in path]
    for rank in range(standings.rank(space.start) - 1, best_reachable_rank(problem) - 1, -1):
        least = space.threshold(rank_goal(problem, rank))
        assert least is not None  # the greedy path reaches the best rank
        if levels and levels[-1][0] == least:
            continue  # tied peers: the same total reaches both ranks
        levels.append((least, path[bisect_left(totals, least)][1]))
    return levels


def _frontier_goals(
    problem: Problem, path: list[tuple[Decimal, Decimal]]
) -> tuple[Decimal, tuple[tuple[Decimal, Decimal], ...]]:
    """The cost bound and the (least total, cost) pairs that bound every rank's plan, from a
    greedy path that reaches the best rank.

    Each greedy step that improves the rank reaches every rank between the last one and its
    own for its cost; the least total of the worst of those ranks, with that cost, bounds them
    all. Staying put costs nothing.
    """
    space, standings = problem.space, problem.standings
    goals = [(space.start, ZERO)]
    last = standings.rank(path[0][0])
    for total, cost in path[1:]:
        rank = standings.rank(total)
        if rank < last:
            least = space.threshold(rank_goal(problem, last - 1))
            assert least is not None  # this step's total reaches it
            goals.append((least, cost))
            last = rank
    return path[-1][1], tuple(goals)


def opportunities(problem: Problem) -> list[Opportunity]:
    """Each single improvement: gain to the total, rank alone, cost, gain per cost.

    An improvement that must wait for another ("B only after A") comes with the cheapest
    outcome of each unmet prerequisite, and its gain, rank and cost include them.
    """
    space, standings = problem.space, problem.standings
    out = []
    base = problem.result.unrounded_total
    total_now = problem.result.total
    for leaf_id, state in problem.leaves.items():
        first = _prerequisite_options(problem, leaf_id) if state.options else None
        if first is None:
            continue
        for option in state.options:
            changed = {o.leaf_id: o.points for o in first}
            changed[leaf_id] = option.points
            unrounded = space.tally.total_with(changed)
            if unrounded <= base:
                continue  # a capped parent absorbs the gain
            new_total = standings.total(unrounded)
            rank = standings.rank(unrounded)
            gain = new_total - total_now
            cost = option.cost + sum((o.cost for o in first), ZERO)
            out.append(
                Opportunity(
                    leaf_id=leaf_id,
                    label_vi=state.node.label_vi,
                    label_en=state.node.label_en,
                    from_points=state.current_points,
                    to_points=option.points,
                    to_value=value_text(problem, leaf_id, option.value),
                    to_value_en=value_text(problem, leaf_id, option.value, "en"),
                    to_evidence=option.value,
                    to_label_vi=option.label_vi,
                    action=option.action,
                    to_label_en=option.label_en,
                    gain=gain,
                    new_total=new_total,
                    rank=rank,
                    rank_gain=problem.rank_now - rank,
                    cost=cost,
                    gain_per_cost=gain / cost if cost else None,
                    prerequisites={o.leaf_id: o.points for o in first},
                )
            )
    out.sort(
        key=lambda o: (
            -o.rank_gain,
            o.gain_per_cost is not None,
            -(o.gain_per_cost or ZERO),
            o.leaf_id,
            o.to_points,
        )
    )
    return out


def _prerequisite_options(problem: Problem, leaf_id: str) -> list[Option] | None:
    """The cheapest outcome of each prerequisite ``leaf_id`` still waits for; None when one
    cannot be met by a single change."""
    first = []
    for req in problem.leaves[leaf_id].requires:
        other = problem.leaves[req.leaf]
        need = req.min_points if req.min_points is not None else other.node.max_points
        if other.current_points >= need:
            continue
        fits = [o for o in other.options if o.points >= need]
        if not fits or not problem.space.requirements_met(req.leaf, problem.current):
            return None
        first.append(min(fits, key=lambda o: (o.cost, o.points)))
    return first
