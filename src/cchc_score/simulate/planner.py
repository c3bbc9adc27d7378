"""The planner: exact answers to "what is the cheapest way to rank ≤ K?" and its relatives.

``Planner`` scores the unit, builds each leaf's options (``options``) and solves the exact
dynamic programme (``dp``) for the Pareto frontier of (total → least cost, then fewest changes).
Every question is then a scan of that frontier, and every plan returned is applied to a copy of
the unit's inputs and scored again by the engine: totals, indexes, bands and ranks reported are
the engine's.

Prerequisites and the search itself are in ``search``; beyond ``max_states`` prerequisite
combinations plans are marked not proven optimal.

Under the ``appraised_first`` tie policy a tie on the index is counted as lost while planning
(the appraised part of a plan is not followed); a plan that might have done with less is then
marked not proven optimal, with a note.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Sequence
from decimal import Decimal

from cchc_score.engine import score
from cchc_score.errors import CchcScoreError, UnknownIdError
from cchc_score.model.result import Result
from cchc_score.rules.base import Lang

from . import dp
from .models import FrontierPoint, Objective, Opportunity, Plan, PlanStep
from .options import Option, apply_changes
from .search import ZERO, Goal, Search

NOTE_STATES = (
    "too many prerequisite combinations to try them all: the plan may not be the cheapest"
    " / quá nhiều tổ hợp điều kiện tiên quyết: phương án có thể chưa rẻ nhất"
)
NOTE_TIES = (
    "ties on the index are decided by the appraised part: a cheaper plan that ties may also do"
    " / bằng chỉ số thì xét điểm thẩm định: phương án rẻ hơn mà bằng điểm có thể cũng đạt"
)
NOTE_RESCORE = (
    "the engine's total differs from the planner's: not proven optimal"
    " / tổng điểm chấm lại khác với tính toán của bộ lập kế hoạch"
)


class Planner(Search):
    """One unit, its peers and its costs: the exact planner and its questions.

    Args:
        cset: the criteria set.
        submission: the unit's submission, as ``score`` takes it.
        peers: the other units of the block, as ranking entries (``Entry.from_result``, or rows
            of a published table); the unit itself is skipped if present.
        costs: the cost table (default: 1 per point gained, survey and bonus leaves fixed).
        tie_policy: overrides the set's tie policy.
        max_states: most prerequisite combinations solved exactly.
    """

    # -- questions -------------------------------------------------------------------------

    def rank_goal(self, k: int) -> Goal:
        return lambda points, cost: self.standings.rank(points) <= k

    def band_goal(self, code: str) -> Goal:
        bands = {b.code: b for b in self.cset.bands_for(self.submission.assessment.block)}
        band = bands.get(code)
        if band is None:
            known = ", ".join(bands) or "none"
            raise UnknownIdError(f"band {code!r} is not a band of this block (bands: {known})")
        total = self.standings.total
        index = self.standings.index
        return lambda points, cost: index(total(points)) >= band.min_index

    def cheapest(
        self,
        goal: Goal,
        objective: Objective,
        forbidden: frozenset[str] = frozenset(),
        rank: int | None = None,
    ) -> Plan | None:
        """The least-cost plan meeting ``goal`` (then fewest changes), or None.

        ``rank``: the rank the goal asks for, to tell when a tie decided by the appraised part
        might let a cheaper plan do.
        """
        found = self.cheapest_choice(goal, forbidden, rank)
        if found is None:
            return None
        return self.make_plan(found[2], objective, found[3])

    def cheapest_choice(
        self,
        goal: Goal,
        forbidden: frozenset[str] = frozenset(),
        rank: int | None = None,
        bound: Decimal | None = None,
    ) -> tuple[Decimal, Decimal, list[Option], tuple[str, ...]] | None:
        """(unrounded total, cost, options, notes) of the least-cost plan meeting ``goal``;
        ``bound``: the cost of some plan meeting it (by default found greedily)."""
        if bound is None:
            bound = self.greedy_cost(goal, forbidden)
        if bound is None:
            return None
        ties = rank is not None and self.standings.policy == "appraised_first"
        entries = self.frontier_entries(forbidden, bound, None if ties else self.threshold(goal))
        for i, (points, cost, _, picks) in enumerate(entries):
            if goal(points, cost):
                notes: tuple[str, ...] = ()
                if rank is not None and any(
                    self.standings.rank_if_ties_won(e[0]) <= rank for e in entries[:i]
                ):
                    notes = (NOTE_TIES,)
                return points, cost, dp.picked(picks), notes
        return None

    def plan_for_rank(self, k: int) -> Plan | None:
        return self.cheapest(self.rank_goal(k), "target_rank", rank=k)

    def plan_for_band(self, code: str) -> Plan | None:
        return self.cheapest(self.band_goal(code), "target_band")

    def plan_within_budget(self, budget: Decimal) -> Plan:
        """The best rank, then the most points, for a cost ≤ ``budget``."""
        entries = self.frontier_entries(bound=budget)
        picks = entries[-1][3]  # staying put costs nothing, so there is an entry
        return self.make_plan(dp.picked(picks), "budget", ())

    def frontier(self) -> list[FrontierPoint]:
        """For every rank the unit can reach, the least cost of reaching it; a rank is left out
        when a better one costs no more. The first point costs nothing.

        One programme, bounded by the cost of a greedy plan to the best reachable rank, answers
        every rank: along its frontier costs rise with the total, so the first entry at each
        rank is that rank's cheapest plan.
        """
        found: list[tuple[Decimal, dp.Picks]] = []
        last_rank: int | None = None
        bound = self.greedy_cost(self.rank_goal(self.best_reachable_rank()))
        for points, cost, _, picks in self.frontier_entries(bound=bound):
            rank = self.standings.rank(points)
            if last_rank is not None and rank >= last_rank:
                continue
            last_rank = rank
            if found and found[-1][0] == cost:
                found.pop()  # the better rank costs no more: the worse one is not on the frontier
            found.append((cost, picks))
        out = []
        for _, picks in found:
            plan = self.make_plan(dp.picked(picks), "frontier", ())
            out.append(
                FrontierPoint(
                    rank=plan.new_rank, min_cost=plan.total_cost, total=plan.new_total, plan=plan
                )
            )
        return out

    def best_reachable_rank(self) -> int:
        return self.standings.rank(self.best_total())

    def opportunities(self) -> list[Opportunity]:
        """Each single improvement: gain to the total, rank alone, cost, gain per cost.

        An improvement that must wait for another ("B only after A") comes with the cheapest
        outcome of each unmet prerequisite, and its gain, rank and cost include them.
        """
        out = []
        base = self.result.unrounded_total
        total_now = self.result.total
        for leaf_id, state in self.leaves.items():
            first = self._prerequisite_options(leaf_id) if state.options else None
            if first is None:
                continue
            for option in state.options:
                changed = {o.leaf_id: o.points for o in first}
                changed[leaf_id] = option.points
                unrounded = dp.evaluate(self.shapes, self.current, changed, self.cset.cap)
                if unrounded <= base:
                    continue  # a capped parent absorbs the gain
                new_total = self.standings.total(unrounded)
                rank = self.standings.rank(unrounded)
                gain = new_total - total_now
                cost = option.cost + sum((o.cost for o in first), ZERO)
                out.append(
                    Opportunity(
                        leaf_id=leaf_id,
                        label_vi=state.node.label_vi,
                        label_en=state.node.label_en,
                        from_points=state.current_points,
                        to_points=option.points,
                        to_value=self._value_text(leaf_id, option.value),
                        to_value_en=self._value_text(leaf_id, option.value, "en"),
                        to_evidence=option.value,
                        to_label_vi=option.label_vi,
                        to_label_en=option.label_en,
                        gain=gain,
                        new_total=new_total,
                        rank=rank,
                        rank_gain=self.rank_now - rank,
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

    def _prerequisite_options(self, leaf_id: str) -> list[Option] | None:
        """The cheapest outcome of each prerequisite ``leaf_id`` still waits for; None when one
        cannot be met by a single change."""
        first = []
        for req in self.leaves[leaf_id].requires:
            other = self.leaves[req.leaf]
            need = req.min_points if req.min_points is not None else other.node.max_points
            if other.current_points >= need:
                continue
            fits = [o for o in other.options if o.points >= need]
            if not fits or not self._requirements_met(req.leaf, self.current):
                return None
            first.append(min(fits, key=lambda o: (o.cost, o.points)))
        return first

    def alternatives(
        self, plan: Plan, n: int, max_solves: int = 40, goal: Goal | None = None
    ) -> list[Plan]:
        """Up to ``n`` more plans reaching the plan's rank (or meeting ``goal``), each avoiding a
        change of a cheaper one (Lawler's scheme over forbidden leaves): each is the cheapest
        plan under its exclusions, cheapest first; they differ from the plan and each other in
        what they change.
        """
        tie_rank = plan.new_rank if goal is None else None
        goal = goal or self.rank_goal(plan.new_rank)
        seen = {plan.changes}
        counter = itertools.count()
        heap: list[tuple[Decimal, int, int, frozenset[str], Plan]] = []
        tried: set[frozenset[str]] = set()

        def push(forbidden: frozenset[str]) -> None:
            if forbidden in tried or len(tried) >= max_solves:
                return
            tried.add(forbidden)
            found = self.cheapest(goal, "alternative", forbidden, rank=tie_rank)
            if found is not None:
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

    # -- plans -----------------------------------------------------------------------------

    def rescore(self, options: Sequence[Option]) -> Result:
        """Score the unit again with ``options`` applied (the engine is the ground truth)."""
        changes = {o.leaf_id: o for o in options}
        return score(self.cset, apply_changes(self.submission, changes, self.sources))

    def make_plan(
        self, options: Sequence[Option], objective: Objective, notes: Sequence[str]
    ) -> Plan:
        ordered = self._order(options)
        result = self.rescore(ordered)
        planned = dp.evaluate(
            self.shapes, self.current, {o.leaf_id: o.points for o in ordered}, self.cset.cap
        )
        notes = list(notes)
        if not self.states_exact:
            notes.append(NOTE_STATES)
        if result.unrounded_total != planned:
            notes.append(NOTE_RESCORE)
        steps = []
        done: dict[str, Decimal] = {}
        for i, option in enumerate(ordered):
            done[option.leaf_id] = option.points
            if i == len(ordered) - 1:
                total, rank = result.total, self.standings.rank_of(result)
            else:
                unrounded = dp.evaluate(self.shapes, self.current, done, self.cset.cap)
                total, rank = self.standings.total(unrounded), self.standings.rank(unrounded)
            state = self.leaves[option.leaf_id]
            steps.append(
                PlanStep(
                    leaf_id=option.leaf_id,
                    label_vi=state.node.label_vi,
                    label_en=state.node.label_en,
                    from_points=state.current_points,
                    to_points=option.points,
                    from_value=state.current_text,
                    from_value_en=state.current_text_en,
                    to_value=self._value_text(option.leaf_id, option.value),
                    to_value_en=self._value_text(option.leaf_id, option.value, "en"),
                    from_evidence=state.current_value,
                    to_evidence=option.value,
                    to_label_vi=option.label_vi,
                    to_label_en=option.label_en,
                    gain=option.gain,
                    cost=option.cost,
                    total_after=total,
                    rank_after=rank,
                )
            )
        return Plan(
            objective=objective,
            steps=tuple(steps),
            total_cost=sum((o.cost for o in ordered), ZERO),
            total_before=self.result.total,
            new_total=result.total,
            new_index=result.index,
            new_band=result.band,
            rank_before=self.rank_now,
            new_rank=self.standings.rank_of(result),
            proven_optimal=self.states_exact
            and NOTE_TIES not in notes
            and NOTE_RESCORE not in notes,
            notes=tuple(notes),
        )

    def _order(self, options: Sequence[Option]) -> list[Option]:
        """Prerequisites first, then the best value for money (free changes first)."""
        by_leaf = {o.leaf_id: o for o in options}

        def value(o: Option) -> tuple[int, Decimal, str]:
            return (0 if o.cost == 0 else 1, -(o.gain / o.cost) if o.cost else ZERO, o.leaf_id)

        pending = sorted(options, key=value)
        ordered: list[Option] = []
        placed: set[str] = set()
        while pending:
            for o in pending:
                reqs = {r.leaf for r in self.leaves[o.leaf_id].requires if r.leaf in by_leaf}
                if reqs <= placed:
                    break
            else:  # pragma: no cover - requirement cycles are rejected with the cost table
                o = pending[0]
            pending.remove(o)
            ordered.append(o)
            placed.add(o.leaf_id)
        return ordered

    def _value_text(self, leaf_id: str, value: object, lang: Lang = "vi") -> str:
        try:
            return self.rules[leaf_id].describe(value, lang)
        except CchcScoreError:
            return str(value)
