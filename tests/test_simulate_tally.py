"""The tally re-scores a plan where it changes, and gives exactly what the whole engine gives."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_score import Assessment, score
from cchc_score.plugins import build_registry
from cchc_score.simulate import Problem, prepare
from cchc_score.simulate.optimise import dp
from cchc_score.simulate.options import Option, apply_changes
from cchc_score.simulate.rescore import make_plan, rescore

from .simulate_strategies import Case, blank_with_surveys, cases

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def some_options(problem: Problem, pick: random.Random) -> list[Option]:
    """At most one option per leaf, any of them (prerequisites are not the tally's concern)."""
    out = []
    for state in problem.leaves.values():
        if state.options and pick.random() < 0.5:
            out.append(pick.choice(state.options))
    return out


def assert_same_as_engine(problem: Problem, options: list[Option]) -> None:
    full = rescore(problem, options)
    fast = problem.engine_tally.unrounded(options)
    assert fast == full.unrounded_total
    assert str(fast) == str(full.unrounded_total)  # the same digits, not only the same value
    points = {o.leaf_id: o.points for o in options}
    planned = dp.evaluate(problem.space.shapes, problem.space.current, points, problem.cset.cap)
    assert problem.tally.total_with(points) == planned
    # The plan's figures are the engine's.
    plan = make_plan(problem, options, "frontier", ())
    assert plan.new_total == full.total
    assert plan.new_index == full.index
    assert plan.new_band == full.band
    assert plan.new_rank == problem.standings.rank_of(full)


@SETTINGS
@given(cases(), st.integers(0, 2**32))
def test_tally_equals_the_engine_on_random_plans(case: Case, seed: int) -> None:
    """Caps, floors of bonus/penalty content, rounding at the leaf, appraisal adjustments
    dropped by a change, every tie policy: the tally's total and the plan's figures are the
    engine's."""
    problem = prepare(case.cset, case.submission, peers=case.peers, costs=case.costs)
    pick = random.Random(seed)
    for _ in range(4):
        assert_same_as_engine(problem, some_options(problem, pick))


@pytest.mark.parametrize("pack", ["vn_par_province_2022", "vn_par_ministry_2022"])
def test_tally_equals_the_engine_on_the_national_packs(pack: str) -> None:
    """Proportional leaves give points with many digits, so sums round at the context's
    precision and their order matters: the tally still gives the engine's digits."""
    pick = random.Random(7)
    blank = blank_with_surveys(pack, pick)
    cset = blank.cset
    assert len(str(blank.result.unrounded_total)) > 20
    for _ in range(5):
        # A unit with random evidence: random options applied to the blank one.
        changes = {o.leaf_id: o for o in some_options(blank, pick)}
        unit = apply_changes(blank.submission, changes, blank.sources)
        other = {o.leaf_id: o for o in some_options(blank, pick)}
        peer = apply_changes(blank.submission, other, blank.sources).assessment
        peers = [score(cset, peer.model_copy(update={"unit": "P"}))]
        problem = prepare(cset, unit, peers=peers)
        for _ in range(10):
            assert_same_as_engine(problem, some_options(problem, pick))


def test_an_option_is_scored_once() -> None:
    """Each option's leaf is scored by its rule once, however many plans use it."""
    cset = build_registry().get_set("vn_par_province_2022", None)
    empty = Assessment(unit="U", block="province", year=2023, criteria_set=cset.id, leaves={})
    problem = prepare(cset, empty)
    option = next(o for s in problem.leaves.values() for o in s.options)
    tally = problem.engine_tally
    first = tally.leaf_points(option)
    assert tally.leaf_points(option) is first
    assert first == option.points
    assert Decimal(0) <= first
