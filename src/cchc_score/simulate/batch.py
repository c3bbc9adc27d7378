"""Every unit of a block its own plan against the others (a province's whole league table)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from cchc_score.engine import score
from cchc_score.errors import msg
from cchc_score.model.base import Frozen
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import Submission
from cchc_score.model.ranking import Entry
from cchc_score.model.result import Result

from .costs import CostTable, CostTableError
from .models import Plan
from .objectives import Objective, SimulationError, TargetRank
from .plans import plan_for
from .problem import prepare

T = TypeVar("T")


@dataclass(frozen=True)
class Unit:
    """One unit's submission under its criteria set; ``result``: the engine's score of it, when
    the caller has it already (then it is not scored again)."""

    cset: CriteriaSet
    submission: Submission
    result: Result | None = None


class UnitPlan(Frozen):
    """A unit's standing and its plan (None when it cannot reach the objective)."""

    unit: str
    unit_id: str | None = None
    block: str
    year: int
    total: Decimal
    rank: int
    of: int
    target_rank: int | None = None
    plan: Plan | None = None


def _same(items: Iterable[T]) -> Iterable[T]:
    return items


def plan_each(
    units: Sequence[Unit],
    *,
    costs: Callable[[CriteriaSet], CostTable | None] = lambda cset: None,
    objective: Objective | None = None,
    ranks_up: int = 1,
    progress: Callable[[Sequence[int]], Iterable[int]] = _same,
) -> list[UnitPlan]:
    """Each unit's cheapest plan against the other units of its block and year.

    The objective is the same for all (a target rank, a band or a budget); without one each unit
    aims ``ranks_up`` ranks above its own. ``progress`` wraps the loop (e.g. a progress bar).
    """
    # Each unit is scored once (or not at all when it comes scored) and the result reused.
    results = [u.result or score(u.cset, u.submission) for u in units]
    entries = [Entry.from_result(r) for r in results]
    sizes = Counter((e.block, e.year) for e in entries)
    if isinstance(objective, TargetRank) and sizes and objective.rank > max(sizes.values()):
        largest = max(sizes.values())
        raise SimulationError(
            msg(
                "target rank {rank} is beyond the number of units ({size})",
                rank=objective.rank,
                size=largest,
            )
        )
    out = []
    for i in progress(range(len(units))):
        unit, own = units[i], entries[i]
        peers = [
            e
            for j, e in enumerate(entries)
            if j != i and e.block == own.block and e.year == own.year
        ]
        try:
            problem = prepare(
                unit.cset,
                unit.submission,
                peers=peers,
                costs=costs(unit.cset),
                result=results[i],
            )
        except CostTableError as exc:  # a price this unit cannot use: say which unit
            raise CostTableError(
                msg("{unit}: {problem}", unit=own.unit, problem=exc.message), place=exc.place
            ) from None
        aim = objective or TargetRank(max(1, problem.rank_now - ranks_up))
        out.append(
            UnitPlan(
                unit=own.unit,
                unit_id=own.unit_id,
                block=own.block,
                year=own.year,
                total=results[i].total,
                rank=problem.rank_now,
                of=len(peers) + 1,
                target_rank=aim.rank if isinstance(aim, TargetRank) else None,
                plan=plan_for(problem, aim),
            )
        )
    return sorted(out, key=lambda p: (p.year, p.block, p.rank, p.unit))
