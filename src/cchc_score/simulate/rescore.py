"""A plan from the options the search chose: ordered and scored again as the engine scores it,
so every total, index, band and rank reported is the engine's.

A plan is scored again where it changes (``tally``): each changed leaf by its rule, once per
option, and the nodes above the changed leaves summed again in the engine's order, which gives
the engine's digits exactly and costs a small part of scoring the whole submission (a frontier
of 187 plans at nation scale spent most of its time in the engine). Under ``appraised_first``
the rank needs the appraised part too, and the plan applied to a copy of the submission is
scored by the engine (``rescore``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from cchc_score.engine import score
from cchc_score.errors import CchcScoreError
from cchc_score.model.criteria import Band
from cchc_score.model.result import Result
from cchc_score.rules.base import Lang

from .models import Plan, PlanStep, Purpose
from .options import Option, apply_changes
from .problem import Problem

ZERO = Decimal(0)
NOTE_STATES = (
    "too many prerequisite combinations to try them all: the plan may not be the cheapest"
    " / quá nhiều tổ hợp điều kiện tiên quyết: phương án có thể chưa có chi phí thấp nhất"
)
NOTE_TIES = (
    "ties on the index are decided by the appraised part: a cheaper plan that ties may also do"
    " / bằng chỉ số thì xét điểm thẩm định: phương án chi phí thấp hơn mà bằng điểm có thể cũng đạt"
)
NOTE_RESCORE = (
    "the engine's total differs from the planner's: not proven optimal"
    " / tổng điểm chấm lại khác với tính toán của bộ lập kế hoạch"
)


def rescore(problem: Problem, options: Sequence[Option]) -> Result:
    """Score the unit again with ``options`` applied (the engine is the ground truth)."""
    changes = {o.leaf_id: o for o in options}
    return score(problem.cset, apply_changes(problem.submission, changes, problem.sources))


def make_plan(
    problem: Problem, options: Sequence[Option], purpose: Purpose, notes: Sequence[str]
) -> Plan:
    """The plan doing ``options``, re-scored; ``notes`` say why it may not be the cheapest."""
    space, standings = problem.space, problem.standings
    ordered = _order(problem, options)
    new_total, new_index, new_band, new_rank, unrounded = _scored(problem, ordered)
    notes = list(notes)
    if not space.states_exact:
        notes.append(NOTE_STATES)
    steps = []
    run = problem.tally.run()  # the planner's totals after each step
    for i, option in enumerate(ordered):
        run.set(option.leaf_id, option.points)
        if i == len(ordered) - 1:
            total, rank = new_total, new_rank
        else:
            planned = run.total()
            total, rank = standings.total(planned), standings.rank(planned)
        steps.append(
            _step(problem, option).model_copy(update={"total_after": total, "rank_after": rank})
        )
    if unrounded != run.total():
        notes.append(NOTE_RESCORE)
    return Plan(
        objective=purpose,
        steps=tuple(steps),
        total_cost=sum((o.cost for o in ordered), ZERO),
        total_before=problem.result.total,
        new_total=new_total,
        new_index=new_index,
        new_band=new_band,
        rank_before=problem.rank_now,
        new_rank=new_rank,
        ties_with=_ties(problem, ordered, unrounded),
        proven_optimal=space.states_exact and NOTE_TIES not in notes and NOTE_RESCORE not in notes,
        notes=tuple(notes),
    )


def _step(problem: Problem, option: Option) -> PlanStep:
    """The step doing ``option``, validated once per option; a plan copies it with the total
    and rank after it (numbers the engine's arithmetic gave, as in the plan itself)."""
    cache = problem.step_templates
    known = cache.get(id(option))
    if known is not None and known[0] is option:
        return known[1]
    state = problem.leaves[option.leaf_id]
    step = PlanStep(
        leaf_id=option.leaf_id,
        label_vi=state.node.label_vi,
        label_en=state.node.label_en,
        from_points=state.current_points,
        to_points=option.points,
        from_value=state.current_text,
        from_value_en=state.current_text_en,
        to_value=value_text(problem, option.leaf_id, option.value),
        to_value_en=value_text(problem, option.leaf_id, option.value, "en"),
        from_evidence=state.current_value,
        to_evidence=option.value,
        to_label_vi=option.label_vi,
        action=option.action,
        to_label_en=option.label_en,
        gain=option.gain,
        cost=option.cost,
        total_after=problem.result.total,
        rank_after=problem.rank_now,
    )
    cache[id(option)] = (option, step)  # the option kept, so its id stays its own
    return step


def _ties(problem: Problem, options: Sequence[Option], unrounded: Decimal) -> tuple[str, ...]:
    """The peers the plan's result shares its rank with (the engine's figures)."""
    standings = problem.standings
    if standings.policy == "appraised_first":
        return standings.tied_with(rescore(problem, options))
    return standings.tied_with_total(unrounded, problem.result)


def _scored(
    problem: Problem, options: Sequence[Option]
) -> tuple[Decimal, Decimal, Band | None, int, Decimal]:
    """(total, index, band, rank, unrounded total) of the unit with ``options`` applied, as the
    engine gives them.

    Only the changed leaves and their ancestors are scored again (``tally``), which gives the
    engine's figures exactly. Under ``appraised_first`` the rank also needs the appraised part,
    so the whole submission is scored again.
    """
    standings = problem.standings
    if standings.policy == "appraised_first":
        result = rescore(problem, options)
        figures = (result.total, result.index, result.band, standings.rank_of(result))
        return (*figures, result.unrounded_total)
    unrounded = problem.engine_tally.unrounded(options)
    total = standings.total(unrounded)
    index = standings.index(total)
    band = problem.cset.band_for(problem.result.block, index)
    return total, index, band, standings.rank(unrounded), unrounded


def _order(problem: Problem, options: Sequence[Option]) -> list[Option]:
    """Prerequisites first, then the best value for money (free changes first)."""
    by_leaf = {o.leaf_id: o for o in options}

    def value(o: Option) -> tuple[int, Decimal, str]:
        return (0 if o.cost == 0 else 1, -(o.gain / o.cost) if o.cost else ZERO, o.leaf_id)

    pending = sorted(options, key=value)
    ordered: list[Option] = []
    placed: set[str] = set()
    while pending:
        for o in pending:
            reqs = {r.leaf for r in problem.leaves[o.leaf_id].requires if r.leaf in by_leaf}
            if reqs <= placed:
                break
        else:  # pragma: no cover - requirement cycles are rejected with the cost table
            o = pending[0]
        pending.remove(o)
        ordered.append(o)
        placed.add(o.leaf_id)
    return ordered


def value_text(problem: Problem, leaf_id: str, value: object, lang: Lang = "vi") -> str:
    """An evidence value in words, as the leaf's rule describes it."""
    try:
        return problem.cset.rules[leaf_id].describe(value, lang)
    except CchcScoreError:
        return str(value)
