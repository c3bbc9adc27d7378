"""A plan from the options the search chose: ordered, applied to a copy of the unit's
submission and scored again by the engine, so every total, index, band and rank reported is the
engine's."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from cchc_score.engine import score
from cchc_score.errors import CchcScoreError
from cchc_score.model.result import Result
from cchc_score.rules.base import Lang

from .models import Plan, PlanStep, Purpose
from .optimise import dp
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
    result = rescore(problem, ordered)
    cap = problem.cset.cap
    planned = dp.evaluate(space.shapes, space.current, {o.leaf_id: o.points for o in ordered}, cap)
    notes = list(notes)
    if not space.states_exact:
        notes.append(NOTE_STATES)
    if result.unrounded_total != planned:
        notes.append(NOTE_RESCORE)
    steps = []
    done: dict[str, Decimal] = {}
    for i, option in enumerate(ordered):
        done[option.leaf_id] = option.points
        if i == len(ordered) - 1:
            total, rank = result.total, standings.rank_of(result)
        else:
            unrounded = dp.evaluate(space.shapes, space.current, done, cap)
            total, rank = standings.total(unrounded), standings.rank(unrounded)
        state = problem.leaves[option.leaf_id]
        steps.append(
            PlanStep(
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
                total_after=total,
                rank_after=rank,
            )
        )
    return Plan(
        objective=purpose,
        steps=tuple(steps),
        total_cost=sum((o.cost for o in ordered), ZERO),
        total_before=problem.result.total,
        new_total=result.total,
        new_index=result.index,
        new_band=result.band,
        rank_before=problem.rank_now,
        new_rank=standings.rank_of(result),
        ties_with=standings.tied_with(result),
        proven_optimal=space.states_exact and NOTE_TIES not in notes and NOTE_RESCORE not in notes,
        notes=tuple(notes),
    )


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
