"""simulate(): every answer about one unit in one call, as a ``Simulation``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from cchc_score.decimal_utils import check_magnitude
from cchc_score.errors import CchcScoreError
from cchc_score.model.criteria import CriteriaSet, TiePolicy
from cchc_score.model.evidence import Assessment, Submission
from cchc_score.model.ranking import Entry
from cchc_score.model.result import Result

from .costs import CostTable
from .models import (
    FIXED_STATUSES,
    Against,
    FrontierPoint,
    LeafNote,
    Plan,
    RankOdds,
    Simulation,
)
from .odds import Forecast, PeerForecast, p_rank_at_most, rank_distribution
from .planner import Planner
from .search import Goal
from .standing import Standings

#: Up to this many peers the odds cover every frontier plan and the whole rank distribution;
#: beyond (a nation-wide block) only the plan and its alternatives, to keep a run in seconds.
FULL_ODDS_UP_TO = 300


class SimulationError(CchcScoreError):
    """A simulation asked for something impossible (two targets, a negative budget)."""

    code = "invalid_simulation"


def simulate(
    cset: CriteriaSet,
    submission: Submission | Assessment,
    *,
    peers: Sequence[Entry | Result] = (),
    costs: CostTable | None = None,
    target_rank: int | None = None,
    target_band: str | None = None,
    budget: Decimal | None = None,
    alternatives: int = 0,
    forecasts: Mapping[str, Forecast] | None = None,
    default_forecast: Forecast | None = None,
    tie_policy: TiePolicy | None = None,
    against: Against = "current",
    margin: Decimal = Decimal(0),
) -> Simulation:
    """Opportunities, a plan for the objective given, the frontier, alternatives and odds.

    Args:
        peers: the other units of the block (scored results or ranking entries).
        costs: the cost table (default: 1 per point gained; survey and bonus leaves fixed).
        target_rank, target_band, budget: at most one objective for the plan.
        alternatives: how many other near-cheapest plans to add.
        forecasts: per peer (unit id, else name) the expected change and spread of its index;
            ``default_forecast`` for peers not named. Odds are given when some spread is set.
        against, margin: for a target rank, plan against the peers' indexes as given
            (``current``) or as expected (``expected``: plus each one's expected change), each
            raised by ``margin`` index points: rank ≤ K even if every peer did that well. The
            plan is exact against those figures; its ranks are still against the figures given.
    """
    objectives = [x for x in (target_rank, target_band, budget) if x is not None]
    if len(objectives) > 1:
        raise SimulationError("give one objective: a target rank, a target band or a budget")
    if target_rank is not None and target_rank < 1:
        raise SimulationError(f"target rank {target_rank} is below 1")
    if budget is not None and budget < 0:
        raise SimulationError(f"budget {budget} is negative")
    if budget is not None and (why := check_magnitude(budget)) is not None:
        raise SimulationError(f"budget {budget} {why}")
    safer = against != "current" or margin != 0
    if safer and target_rank is None:
        raise SimulationError("a margin or planning against expected figures needs a target rank")
    if margin < 0 or (why := check_magnitude(margin)) is not None:
        raise SimulationError(f"margin {margin} {why or 'is negative'}")
    entries = [p if isinstance(p, Entry) else Entry.from_result(p) for p in peers]
    if target_rank is not None and target_rank > len(entries) + 1:
        raise SimulationError(
            f"target rank {target_rank} is beyond the number of units ({len(entries) + 1})"
            f" / hạng mục tiêu {target_rank} vượt quá số đơn vị ({len(entries) + 1})"
        )
    planner = Planner(
        cset,
        submission,
        peers=entries,
        costs=costs,
        tie_policy=tie_policy,
    )
    plan: Plan | None = None
    reason: str | None = None
    goal: Goal | None = None
    if target_rank is not None and safer:
        given = dict(forecasts or {})
        fallback = default_forecast or Forecast()
        shifts = {
            p.identity: margin
            + (given.get(p.identity, fallback).expected_change if against == "expected" else 0)
            for p in planner.standings.peers
        }
        plan, goal = _safer_plan(planner, target_rank, shifts, against, margin)
        if plan is None:
            reason = (
                f"rank {target_rank} against the peers' {against} figures + {margin} cannot be"
                f" reached / không thể đạt hạng {target_rank} so với chỉ số"
                f" {'dự kiến' if against == 'expected' else 'hiện tại'} của các đơn vị khác"
                f" + {margin}"
            )
    elif target_rank is not None:
        plan = planner.plan_for_rank(target_rank)
        if plan is None:
            best = planner.best_reachable_rank()
            reason = (
                f"rank {target_rank} cannot be reached: the best reachable is {best}"
                f" / không thể đạt hạng {target_rank}: tốt nhất là hạng {best}"
            )
    elif target_band is not None:
        plan = planner.plan_for_band(target_band)
        if plan is None:
            reason = f"band {target_band} cannot be reached / không thể đạt xếp loại {target_band}"
    elif budget is not None:
        plan = planner.plan_within_budget(budget)
    frontier = planner.frontier()
    others = (
        planner.alternatives(plan, alternatives, goal=goal)
        if plan is not None and alternatives
        else []
    )
    odds = _odds(planner, target_rank, plan, others, frontier, forecasts, default_forecast)
    result = planner.result
    return Simulation(
        unit=result.unit,
        unit_id=result.unit_id,
        block=result.block,
        year=result.year,
        criteria_set=result.criteria_set,
        set_version=result.set_version,
        tie_policy=planner.standings.policy,
        cost_unit_vi=planner.costs.unit_vi,
        cost_unit_en=planner.costs.unit_en,
        peers=len(planner.standings.peers),
        total=result.total,
        index=result.index,
        band=result.band,
        rank=planner.rank_now,
        opportunities=tuple(planner.opportunities()),
        plan=plan,
        no_plan_reason=reason,
        frontier=tuple(frontier),
        alternatives=tuple(others),
        odds=odds,
        fixed_leaves=tuple(
            LeafNote(leaf_id=k, status=s.status)
            for k, s in planner.leaves.items()
            if s.status in FIXED_STATUSES
        ),
    )


def _safer_plan(
    planner: Planner,
    k: int,
    shifts: Mapping[str, Decimal],
    against: Against,
    margin: Decimal,
) -> tuple[Plan | None, Goal]:
    """The cheapest plan ranking ≤ ``k`` among the peers with each index raised by its shift,
    and that goal; the plan states what it was planned against and the least index it needs."""
    shifted = Standings(
        planner.cset,
        [_shift(p, shifts[p.identity]) for p in planner.standings.peers],
        planner.standings.policy,
    )

    def goal(points: Decimal, cost: Decimal) -> bool:
        return shifted.rank(points) <= k

    plan = planner.cheapest(goal, "target_rank")
    if plan is None:
        return None, goal
    least = planner.threshold(goal)
    target = shifted.index(shifted.total(least)) if least is not None else None
    return plan.model_copy(
        update={"against": against, "margin": margin, "target_index": target}
    ), goal


def _shift(peer: Entry, change: Decimal) -> Entry:
    """The peer with its index (and unrounded total) moved by ``change`` index points."""
    update: dict[str, Decimal] = {"index": peer.index + change}
    base = peer.unrounded_total if peer.unrounded_total is not None else peer.total
    if base is not None and peer.total_max:
        update["unrounded_total"] = base + change * peer.total_max / 100
    return peer.model_copy(update=update)


def _odds(
    planner: Planner,
    target_rank: int | None,
    plan: Plan | None,
    others: Sequence[Plan],
    frontier: Sequence[FrontierPoint],
    forecasts: Mapping[str, Forecast] | None,
    default: Forecast | None,
) -> RankOdds | None:
    given = dict(forecasts or {})
    fallback = default or Forecast()
    peers = [
        PeerForecast(p.index, f.expected_change, f.sd)
        for p in planner.standings.peers
        for f in [given.get(p.identity, fallback)]
    ]
    if not any(p.sd > 0 or p.expected_change != 0 for p in peers):
        return None
    k = target_rank or (plan.new_rank if plan is not None else planner.rank_now)
    cset, policy = planner.cset, planner.standings.policy
    plans: dict[str, float] = {}
    if plan is not None:
        plans["plan"] = p_rank_at_most(plan.new_index, k, peers, cset, policy)
    for i, alt in enumerate(others, start=1):
        plans[f"alternative {i}"] = p_rank_at_most(alt.new_index, k, peers, cset, policy)
    small = len(peers) <= FULL_ODDS_UP_TO
    for point in frontier if small else ():
        plans[f"rank {point.rank}"] = p_rank_at_most(point.plan.new_index, k, peers, cset, policy)
    now = p_rank_at_most(planner.result.index, k, peers, cset, policy)
    return RankOdds(
        target_rank=k,
        now=now,
        plans=plans,
        distribution_now=tuple(rank_distribution(planner.result.index, peers, cset, policy))
        if small
        else (),
        distribution_plan=tuple(rank_distribution(plan.new_index, peers, cset, policy))
        if plan is not None and small
        else (),
    )
