"""simulate(): every answer about one unit in one call, as a ``Simulation``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cchc_score.errors import msg
from cchc_score.model.criteria import CriteriaSet, TiePolicy
from cchc_score.model.evidence import Assessment, Submission
from cchc_score.model.ranking import Entry
from cchc_score.model.result import Result

from .costs import CostTable
from .models import FIXED_STATUSES, LeafNote, Simulation
from .objectives import Budget, Objective, SimulationError, TargetBand, TargetRank
from .odds import Forecast, rank_odds
from .plans import alternatives as alternatives_to
from .plans import plan_for
from .problem import Problem, prepare
from .questions import best_reachable_rank, frontier, opportunities

__all__ = ["SimulationError", "simulate"]


def simulate(
    cset: CriteriaSet,
    submission: Submission | Assessment,
    *,
    peers: Sequence[Entry | Result] = (),
    costs: CostTable | None = None,
    objective: Objective | None = None,
    alternatives: int = 0,
    forecasts: Mapping[str, Forecast] | None = None,
    default_forecast: Forecast | None = None,
    tie_policy: TiePolicy | None = None,
) -> Simulation:
    """Opportunities, a plan for the objective given, the frontier, alternatives and odds.

    Args:
        cset: the criteria set (with its rules).
        submission: the unit's submission, as ``score`` takes it.
        peers: the other units of the block (scored results or ranking entries); when they
            are all of one other year (last year's results for a draft), the simulation says
            so (``Simulation.peers_year``).
        costs: the cost table (default: 1 per point gained; survey and bonus leaves fixed).
        objective: ``TargetRank`` (with a margin, or against the peers' expected figures, for
            a safer plan), ``TargetBand`` or ``Budget``; None: no plan, the rest still given.
        alternatives: how many other near-cheapest plans to add.
        forecasts: per peer (unit id, else name) the expected change and spread of its index;
            ``default_forecast`` for peers not named. Odds are given when some spread is set.
        tie_policy: overrides the set's tie policy.
    """
    size = len(peers) + 1
    if isinstance(objective, TargetRank) and objective.rank > size:
        raise SimulationError(
            msg(
                "target rank {rank} is beyond the number of units ({size})",
                rank=objective.rank,
                size=size,
            )
        )
    problem = prepare(
        cset,
        submission,
        peers=peers,
        costs=costs,
        tie_policy=tie_policy,
        forecasts=forecasts,
        default_forecast=default_forecast,
    )
    plan = plan_for(problem, objective) if objective is not None else None
    reason = _why_none(problem, objective) if plan is None else None
    points = frontier(problem)
    others = (
        alternatives_to(problem, plan, alternatives, objective=objective)
        if plan is not None and alternatives
        else []
    )
    k = objective.rank if isinstance(objective, TargetRank) else None
    k = k or (plan.new_rank if plan is not None else problem.rank_now)
    result = problem.result
    # Peers all of one other year: a draft planned against last year's results, said so.
    years = {p.year for p in problem.standings.peers}
    peers_year = years.pop() if len(years) == 1 and result.year not in years else None
    return Simulation(
        unit=result.unit,
        unit_id=result.unit_id,
        block=result.block,
        year=result.year,
        criteria_set=result.criteria_set,
        set_version=result.set_version,
        tie_policy=problem.standings.policy,
        cost_unit_vi=problem.costs.unit_vi,
        cost_unit_en=problem.costs.unit_en,
        peers=len(problem.standings.peers),
        total=result.total,
        index=result.index,
        band=result.band,
        rank=problem.rank_now,
        opportunities=tuple(opportunities(problem)),
        plan=plan,
        no_plan_reason=reason,
        frontier=tuple(points),
        alternatives=tuple(others),
        odds=rank_odds(problem, k, plan, others, points),
        fixed_leaves=tuple(
            LeafNote(leaf_id=k, status=s.status)
            for k, s in problem.leaves.items()
            if s.status in FIXED_STATUSES
        ),
        peers_year=peers_year,
    )


def _why_none(problem: Problem, objective: Objective | None) -> str | None:
    """Why no plan meets ``objective``, in both languages."""
    if isinstance(objective, TargetRank) and objective.safer:
        k, against, margin = objective.rank, objective.against, objective.margin
        return (
            f"rank {k} against the peers' {against} figures + {margin} cannot be"
            f" reached / không thể đạt hạng {k} so với chỉ số"
            f" {'dự kiến' if against == 'expected' else 'hiện tại'} của các đơn vị khác"
            f" + {margin}"
        )
    if isinstance(objective, TargetRank):
        k, best = objective.rank, best_reachable_rank(problem)
        return (
            f"rank {k} cannot be reached: the best reachable is {best}"
            f" / không thể đạt hạng {k}: tốt nhất là hạng {best}"
        )
    if isinstance(objective, TargetBand):
        code = objective.band
        return f"band {code} cannot be reached / không thể đạt xếp loại {code}"
    assert objective is None or isinstance(objective, Budget)
    return None
