"""The cheapest-first merge of two frontiers gives the dictionary merge's frontier, entry for
entry and pick for pick."""

from __future__ import annotations

import random
from decimal import Decimal
from unittest.mock import patch

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cchc_score import Assessment, Submission, score
from cchc_score.plugins import build_registry
from cchc_score.simulate import TargetRank, frontier, plan_for, prepare
from cchc_score.simulate.costs import CostTable, LeafCost
from cchc_score.simulate.optimise import dp
from cchc_score.simulate.optimise.staircase import merge_cheapest_first
from cchc_score.simulate.options import apply_changes


@st.composite
def frontiers(draw: st.DrawFn, name: str) -> list[dp.Entry]:
    """A frontier: any (points, key) pairs made Pareto, with picks named after their place
    (``None`` for some, as the 'no change' entry is); small ranges so that totals and keys tie
    often."""
    pairs = draw(
        st.lists(st.tuples(st.integers(-5, 40), st.integers(0, 60)), min_size=1, max_size=40)
    )
    best: dict[int, tuple[int, dp.Picks]] = {}
    for i, (points, key) in enumerate(pairs):
        picks = None if draw(st.integers(0, 5)) == 0 else f"{name}{i}"
        old = best.get(points)
        if old is None or key < old[0]:
            best[points] = (key, picks)  # type: ignore[assignment]
    return dp.pareto(best)


def dictionary_merge(
    acc: list[dp.Entry], child: list[dp.Entry], bound: int | None
) -> list[dp.Entry]:
    with patch.object(dp, "CHEAPEST_FIRST_FROM", 10**18):
        return dp.merge(acc, child, bound)


@settings(max_examples=400, deadline=None)
@given(frontiers("a"), frontiers("b"), st.one_of(st.none(), st.integers(0, 120)))
def test_cheapest_first_merge_is_the_dictionary_merge(
    acc: list[dp.Entry], child: list[dp.Entry], bound: int | None
) -> None:
    """Same entries, same picks (ties on a total go to the first entry of ``acc``, ties on a
    key to the most points), the same cost bound. (A child that is a single 'no change'
    entry is added to every entry directly, and never merged this way.)"""
    assume(not (len(child) == 1 and child[0][2] is None))
    assume(not (len(acc) == 1 and acc[0][2] is None))
    expected = dictionary_merge(acc, child, bound)
    limit = bound if bound is not None else -1
    assert merge_cheapest_first(acc, child, limit) == expected
    # Either side may be the shorter one the heap follows.
    assert merge_cheapest_first(child, acc, limit) == dictionary_merge(child, acc, bound)


def test_large_merges_go_cheapest_first() -> None:
    """Merges from ``CHEAPEST_FIRST_FROM`` combinations on take the cheapest-first path and
    give what the dictionary gives."""
    acc = dp.pareto({p: (3 * p + (p % 7), f"a{p}") for p in range(60)})  # type: ignore[misc]
    child = dp.pareto({p: (2 * p + (p % 5), f"b{p}") for p in range(0, 120, 3)})  # type: ignore[misc]
    assert len(acc) * len(child) >= dp.CHEAPEST_FIRST_FROM
    with patch("cchc_score.simulate.optimise.dp.merge_cheapest_first") as spy:
        spy.side_effect = merge_cheapest_first
        merged = dp.merge(acc, child, 200)
    assert spy.called
    assert merged == dictionary_merge(acc, child, 200)


def test_national_pack_frontier_and_plan_are_those_of_the_dictionary_merge() -> None:
    """On the national provincial pack (proportional leaves with an outcome at every 1 %, so
    frontiers of hundreds of entries), the frontier and a plan are the same, plan for plan,
    whichever merge runs."""
    cset = build_registry().get_set("vn_par_province_2022", None)
    pick = random.Random(3)
    blank = prepare(
        cset, Assessment(unit="U", block="province", year=2023, criteria_set=cset.id, leaves={})
    )

    def unit(name: str, share: float) -> Submission:
        changes = {
            s.leaf_id: s.options[int(share * (len(s.options) - 1))]
            for s in blank.leaves.values()
            if s.options and pick.random() < 0.8
        }
        done = apply_changes(blank.submission, changes, blank.sources)
        return Submission(assessment=done.assessment.model_copy(update={"unit": name}))

    me = unit("U", 0.5)
    peers = [score(cset, unit(f"P{i}", 0.55 + i / 40)) for i in range(6)]
    costs = CostTable(
        leaves={
            leaf.id: LeafCost(
                fixed=Decimal(pick.randint(1, 10)), per_point=Decimal(pick.randint(2, 20))
            )
            for leaf in cset.leaves()
        }
    )

    def answers() -> tuple[object, ...]:
        problem = prepare(cset, me, peers=peers, costs=costs)
        return (
            tuple(frontier(problem)),
            plan_for(problem, TargetRank(max(1, problem.rank_now - 3))),
        )

    with patch("cchc_score.simulate.optimise.dp.merge_cheapest_first") as spy:
        spy.side_effect = merge_cheapest_first
        fast = answers()
    assert spy.call_count > 0
    assert len(fast[0]) >= 4  # a frontier over several ranks, with plans of many steps
    with patch.object(dp, "CHEAPEST_FIRST_FROM", 10**18):
        assert answers() == fast
