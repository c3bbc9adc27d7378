"""The planner against brute force: exact optima, re-scored totals, a monotone frontier."""

from __future__ import annotations

import itertools
import random
from decimal import Decimal
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_score import Assessment, score
from cchc_score.model.ranking import Entry
from cchc_score.simulate import (
    Budget,
    Problem,
    TargetRank,
    alternatives,
    frontier,
    opportunities,
    plan_for,
    prepare,
    questions,
)
from cchc_score.simulate.optimise import dp
from cchc_score.simulate.optimise.search import Goal, SearchSpace
from cchc_score.simulate.options import apply_changes
from cchc_score.simulate.plans import rank_goal
from cchc_score.simulate.rescore import rescore

from .simulate_strategies import Case, blank_with_surveys, brute_force, cases

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def problem_for(case: Case) -> Problem:
    return prepare(case.cset, case.submission, peers=case.peers, costs=case.costs)


@SETTINGS
@given(cases())
def test_cheapest_plan_to_each_rank_equals_brute_force(case: Case) -> None:
    """For every target rank K, the planner's plan costs exactly the least any allowed plan
    reaching rank ≤ K costs (None when no plan reaches it), caps, rounding, ties, locked leaves
    and prerequisites included; and the plan does reach rank ≤ K when re-scored."""
    problem = problem_for(case)
    plans = brute_force(problem)
    for k in range(1, len(case.peers) + 2):
        costs = [p.cost for p in plans if p.rank <= k]
        plan = plan_for(problem, TargetRank(k))
        if not costs:
            assert plan is None
            continue
        assert plan is not None
        assert plan.total_cost == min(costs)
        assert plan.new_rank <= k
        assert plan.proven_optimal


@SETTINGS
@given(cases(), st.integers(0, 12))
def test_best_plan_within_budget_equals_brute_force(case: Case, halves: int) -> None:
    """Within a budget, the planner reaches the best rank any affordable plan reaches, and among
    those the highest total."""
    budget = Decimal(halves) / 2
    problem = problem_for(case)
    affordable = [p for p in brute_force(problem) if p.cost <= budget]
    best = min(affordable, key=lambda p: (p.rank, -p.total))
    plan = plan_for(problem, Budget(budget))
    assert plan.total_cost <= budget
    assert (plan.new_rank, plan.new_total) == (best.rank, best.total)


@SETTINGS
@given(cases())
def test_every_plan_is_rescored_and_its_steps_add_up(case: Case) -> None:
    """Each frontier plan reports the engine's total for its changes, its last step stands where
    the plan does, and its cost is the sum of its steps' costs."""
    problem = problem_for(case)
    for point in frontier(problem):
        plan = point.plan
        result = rescore(
            problem,
            [
                o
                for s in plan.steps
                for o in problem.leaves[s.leaf_id].options
                if o.points == s.to_points
            ],
        )
        assert result.total == plan.new_total
        assert problem.standings.rank_of(result) == plan.new_rank
        assert plan.total_cost == sum((s.cost for s in plan.steps), Decimal(0))
        if plan.steps:
            assert (plan.steps[-1].total_after, plan.steps[-1].rank_after) == (
                plan.new_total,
                plan.new_rank,
            )


@SETTINGS
@given(cases(), st.sampled_from([0, questions.LEVELS_UP_TO]))
def test_frontier_is_monotone_and_each_point_is_the_least_cost(case: Case, levels: int) -> None:
    """Along the frontier ranks improve and costs rise strictly from nothing; each point's cost
    is the least cost of any plan reaching that rank, and the frontier ends at the best
    reachable rank: with each rank's least total a level of its own, and with the greedy
    path's steps as goals (a unit among many)."""
    problem = problem_for(case)
    plans = brute_force(problem)
    with patch.object(questions, "LEVELS_UP_TO", levels):
        points = frontier(problem)
    assert points[0].min_cost == 0
    assert points[0].rank <= problem.rank_now
    for a, b in itertools.pairwise(points):
        assert b.rank < a.rank
        assert b.min_cost > a.min_cost
    for point in points:
        assert point.min_cost == min(p.cost for p in plans if p.rank <= point.rank)
    assert points[-1].rank == min(p.rank for p in plans)


@settings(max_examples=40, deadline=None)
@given(cases())
def test_opportunities_report_the_engine_total(case: Case) -> None:
    """Each opportunity's new total is the engine's total with that change (and the
    prerequisites it waits for), and its cost is theirs together."""
    problem = problem_for(case)
    for opp in opportunities(problem):
        wanted = {**opp.prerequisites, opp.leaf_id: opp.to_points}
        options = [
            next(o for o in problem.leaves[leaf].options if o.points == points)
            for leaf, points in wanted.items()
        ]
        assert opp.cost == sum((o.cost for o in options), Decimal(0))
        result = rescore(problem, options)
        assert result.total == opp.new_total
        assert problem.standings.rank_of(result) == opp.rank


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_alternatives_are_distinct_reach_the_rank_and_cost_no_less(case: Case) -> None:
    """Alternatives reach the main plan's rank, differ from it and each other in what they
    change, and never cost less than the proven minimum."""
    problem = problem_for(case)
    plan = frontier(problem)[-1].plan
    seen = {plan.changes}
    for alt in alternatives(problem, plan, 3):
        assert alt.new_rank <= plan.new_rank
        assert alt.total_cost >= plan.total_cost
        assert alt.changes not in seen
        seen.add(alt.changes)


def test_minimal_example_plan_to_third_is_cheapest_and_rescored(minimal_set, minimal_file) -> None:  # type: ignore[no-untyped-def]
    """On the shipped example, the plan to rank 3 among seven peers reaches rank 3 when scored
    again, and no single opportunity does it alone."""
    sub = minimal_file.submission
    peers = [
        Entry(
            unit=f"P{i}",
            block="district",
            year=2021,
            index=Decimal(x),
            total=Decimal(x) / 5,
            total_max=Decimal(20),
        )
        for i, x in enumerate(["55", "60", "62.5", "70", "75", "80", "48"])
    ]
    problem = prepare(minimal_set, sub, peers=peers)
    assert problem.rank_now == 8
    plan = plan_for(problem, TargetRank(3))
    assert plan is not None and plan.new_rank <= 3 and plan.proven_optimal
    inputs_total = score(minimal_set, sub).total
    assert plan.total_before == inputs_total
    assert all(o.rank > 3 for o in opportunities(problem))


@SETTINGS
@given(cases())
def test_appraised_first_plans_reach_the_rank_and_say_when_they_may_overpay(case: Case) -> None:
    """Under appraised_first (ties on the index decided by the appraised part) every plan reaches
    its target when re-scored; when a cheaper plan also reaches it, the plan does not claim to be
    proven optimal."""
    cset = case.cset.model_copy(update={"tie_policy": "appraised_first"})
    problem = prepare(cset, case.submission, peers=case.peers, costs=case.costs)
    plans = brute_force(problem)
    for k in range(1, len(case.peers) + 2):
        plan = plan_for(problem, TargetRank(k))
        if plan is None:
            continue
        assert plan.new_rank <= k
        cheapest = min(p.cost for p in plans if p.rank <= k)
        assert plan.total_cost >= cheapest
        if plan.total_cost > cheapest:
            assert not plan.proven_optimal


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(max_leaves=5))
def test_too_many_prerequisite_states_withdraws_the_proof_not_feasibility(case: Case) -> None:
    """With room for a single prerequisite state, plans still respect every prerequisite and
    reach their rank, and a plan is claimed optimal only when all states could be tried."""
    problem = prepare(
        case.cset,
        case.submission,
        peers=case.peers,
        costs=case.costs,
        max_states=1,
    )
    plans = brute_force(problem)
    for k in range(1, len(case.peers) + 2):
        plan = plan_for(problem, TargetRank(k))
        if plan is None:
            continue
        assert plan.new_rank <= k
        assert plan.total_cost >= min(p.cost for p in plans if p.rank <= k)
        assert plan.proven_optimal == problem.space.states_exact
        changed = {s.leaf_id: s.to_points for s in plan.steps}
        for leaf_id in changed:
            for req in problem.leaves[leaf_id].requires:
                need = req.min_points or case.cset.index[req.leaf].max_points
                assert changed.get(req.leaf, problem.current[req.leaf]) >= need
    # The frontier and the alternatives keep to the states tried as well, and say so.
    for point in frontier(problem):
        assert point.plan.proven_optimal == problem.space.states_exact
        assert point.min_cost >= min(p.cost for p in plans if p.rank <= point.rank)


@SETTINGS
@given(cases())
def test_relaxation_bound_keeps_the_optimum(case: Case) -> None:
    """With the relaxed bound filtering every partial plan (not only large frontiers), the
    cheapest plan to each rank still costs exactly what brute force finds."""
    with patch.object(dp, "KEEP_FROM", 1):
        problem = problem_for(case)
        plans = brute_force(problem)
        for k in range(1, len(case.peers) + 2):
            costs = [p.cost for p in plans if p.rank <= k]
            plan = plan_for(problem, TargetRank(k))
            assert (plan.total_cost if plan else None) == (min(costs) if costs else None)


@SETTINGS
@given(cases(), st.sampled_from([0, questions.LEVELS_UP_TO]))
def test_relaxation_bound_keeps_every_frontier_point(case: Case, levels: int) -> None:
    """With the relaxed bounds of every rank filtering every partial plan of the frontier, it
    still holds every rank a cheaper plan reaches, each at the least cost brute force finds,
    whichever way the frontier bounds its ranks."""
    with patch.object(dp, "KEEP_FROM", 1), patch.object(questions, "LEVELS_UP_TO", levels):
        problem = problem_for(case)
        plans = brute_force(problem)
        free = min(p.rank for p in plans if p.cost == 0)
        best = min(p.rank for p in plans)

        def least(rank: int) -> Decimal:
            return min(p.cost for p in plans if p.rank <= rank)

        # a rank is on the frontier unless a better one costs no more
        wanted = [
            (rank, least(rank))
            for rank in range(free, best - 1, -1)
            if rank == best or least(rank) < least(rank - 1)
        ]
        assert [(p.rank, p.min_cost) for p in frontier(problem)] == wanted


@SETTINGS
@given(cases(), st.data())
def test_cheapest_plan_reaching_each_total_equals_brute_force(
    case: Case, data: st.DataObject
) -> None:
    """Asked for several totals at once, each with the cost of some plan reaching it, the
    programme gives for each the least cost (then the fewest changes) of any allowed plan
    reaching it: whether its first budgets are as tight as can be (so that every total is
    tried again with more room, up to the known cost) or as loose as the known costs, and
    with the relaxation filtering every partial plan or only large frontiers."""
    problem = problem_for(case)
    tally = problem.space.tally
    plans = [
        (tally.total_with({k: o.points for k, o in p.changes.items()}), p.cost, len(p.changes))
        for p in brute_force(problem)
    ]
    totals = sorted({total for total, _, _ in plans})
    chosen = data.draw(st.lists(st.sampled_from(totals), min_size=1, max_size=4, unique=True))
    levels = [
        (t, data.draw(st.sampled_from(sorted({c for total, c, _ in plans if total >= t}))))
        for t in chosen
    ]

    def smallest(space: SearchSpace, *_: object) -> Decimal:
        return space.cost_scale.down(1)

    def known(space: SearchSpace, levels: list[tuple[Decimal, Decimal]], _: object) -> Decimal:
        return max(cost for _, cost in levels)

    for first_room, keep_from in itertools.product((smallest, known), (1, dp.KEEP_FROM)):
        with (
            patch.object(SearchSpace, "_first_room", first_room),
            patch.object(dp, "KEEP_FROM", keep_from),
        ):
            got = problem_for(case).space.cheapest_reaching(levels)
        for (least, _), (total, cost, changes, picks) in zip(levels, got, strict=True):
            reaching = [(c, n) for t, c, n in plans if t >= least]
            assert total >= least
            assert (cost, changes) == min(reaching)
            assert len(dp.picked(picks)) == changes


def _least_by_bisection(space: SearchSpace, goal: Goal) -> Decimal | None:
    """The least total meeting ``goal``, point by point of the points' resolution."""
    scale = space.points_scale
    low, high = scale.up(min(space.start, Decimal(0))), scale.up(space.cset.cap)
    if not goal(scale.down(high), Decimal(0)):
        return None
    while low < high:
        mid = (low + high) // 2
        if goal(scale.down(mid), Decimal(0)):
            high = mid
        else:
            low = mid + 1
    return scale.down(low)


@SETTINGS
@given(cases(), st.data())
def test_least_total_of_each_rank_and_any_total_equals_bisection(
    case: Case, data: st.DataObject
) -> None:
    """The least total meeting a goal, found on the rounded totals' steps first, is the one a
    search point by point finds: for every rank under the case's rounding mode and tie policy,
    and for goals that do not follow the rounding (a total anywhere on the points' scale)."""
    problem = problem_for(case)
    space = problem.space
    goals: list[Goal] = [rank_goal(problem, k) for k in range(1, len(case.peers) + 2)]
    scale = space.points_scale
    top = scale.up(space.cset.cap)
    for scaled in data.draw(st.lists(st.integers(-2, top + 2), max_size=4)):
        at = scale.down(scaled)
        goals.append(lambda points, cost, at=at: points >= at)
    for goal in goals:
        assert space.threshold(goal) == _least_by_bisection(space, goal)


def test_least_totals_with_more_places_than_decimals_hold() -> None:
    """Survey answers give the national pack's points 28 places, beyond Decimal's 28 digits:
    the least total of each rank is still the one a point-by-point search finds."""
    pick = random.Random(11)
    blank = blank_with_surveys("vn_par_province_2022", pick)
    cset = blank.cset

    def some_unit(name: str) -> Assessment:
        changes = {}
        for leaf_id, state in blank.leaves.items():
            if state.options and pick.random() < 0.6:
                changes[leaf_id] = pick.choice(state.options)
        unit = apply_changes(blank.submission, changes, blank.sources).assessment
        return unit.model_copy(update={"unit": name})

    peers = [score(cset, some_unit(f"P{i}")) for i in range(8)]
    problem = prepare(cset, some_unit("U"), peers=peers)
    assert problem.space.points_scale.places > 20
    for k in range(1, len(peers) + 2):
        goal = rank_goal(problem, k)
        assert problem.space.threshold(goal) == _least_by_bisection(problem.space, goal)
