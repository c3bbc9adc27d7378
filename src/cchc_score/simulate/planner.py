"""The planner: exact answers to "what is the cheapest way to rank ≤ K?" and its relatives.

``Planner`` scores the unit, builds each leaf's options (``options``) and solves the exact
dynamic programme (``dp``) for the Pareto frontier of (total → least cost, then fewest changes).
Every question is then a scan of that frontier, and every plan returned is applied to a copy of
the unit's inputs and scored again by the engine: totals, indexes, bands and ranks reported are
the engine's.

Prerequisites ("B only after A"): each unmet prerequisite (leaf A must reach some points) is a
yes/no state. For each combination of states the planner solves the programme with A forced to
reach its points when "yes" (B may then change) and B held still when "no"; the union of the
answers is exact. This takes 2^n solves for n unmet prerequisites that matter (a prerequisite of
leaves that have no options does not), so beyond ``max_states`` combinations the planner tries
only a few (none met, all met, each alone) and marks its plans as not proven optimal.

Under the ``appraised_first`` tie policy a tie on the index is counted as lost while planning
(the appraised part of a plan is not followed); a plan that might have done with less is then
marked not proven optimal, with a note.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from cchc_score.engine import score
from cchc_score.errors import CchcScoreError, UnknownIdError
from cchc_score.model.criteria import CriteriaSet, TiePolicy
from cchc_score.model.evidence import Appraisal, Assessment, Survey
from cchc_score.model.ranking import Entry as PeerEntry
from cchc_score.model.result import Result
from cchc_score.rules import Rule

from . import dp
from .costs import CostTable
from .models import FrontierPoint, Objective, Opportunity, Plan, PlanStep
from .options import LeafState, Option, apply_changes, leaf_states
from .standing import Standings

ZERO = Decimal(0)
Goal = Callable[[Decimal, Decimal], bool]  # (unrounded total, cost) -> meets the objective
#: (unrounded total, cost, number of changes, picks), sorted by total, costs rising.
Frontier = list[tuple[Decimal, Decimal, int, dp.Picks]]

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


class Planner:
    """One unit, its peers and its costs: the exact planner and its questions.

    Args:
        cset: the criteria set.
        assessment, appraisal, survey: the unit's inputs, as ``score`` takes them.
        peers: the other units of the block, as ranking entries (``Entry.from_result``, or rows
            of a published table); the unit itself is skipped if present.
        costs: the cost table (default: 1 per point gained, survey leaves fixed).
        rules: compiled rules, for sets using rule kinds from plug-ins.
        tie_policy: overrides the set's tie policy.
        max_states: most prerequisite combinations solved exactly.
    """

    def __init__(
        self,
        cset: CriteriaSet,
        assessment: Assessment,
        appraisal: Appraisal | None = None,
        survey: Survey | None = None,
        *,
        peers: Sequence[PeerEntry] = (),
        costs: CostTable | None = None,
        rules: Mapping[str, Rule] | None = None,
        tie_policy: TiePolicy | None = None,
        max_states: int = 64,
    ) -> None:
        self.cset = cset
        self.assessment = assessment
        self.appraisal = appraisal
        self.survey = survey
        self.rules = rules if rules is not None else cset.compile_rules()
        self.costs = costs if costs is not None else CostTable()
        self.costs.check_against(cset, self.rules)
        self.result = score(cset, assessment, appraisal, survey, rules=self.rules)
        own = PeerEntry.from_result(self.result).identity
        self.standings = Standings(cset, [p for p in peers if p.identity != own], tie_policy)
        self.leaves: dict[str, LeafState] = leaf_states(
            cset, self.result, assessment, survey, self.costs, self.rules
        )
        self.shapes = dp.shapes(cset, self.rules)
        self.current = {k: s.current_points for k, s in self.leaves.items()}
        self.sources = {k: s.source for k, s in self.leaves.items()}
        self.rank_now = self.standings.rank_of(self.result)
        self._states, self.states_exact = self._prerequisite_states(max_states)
        self._cache: dict[tuple[frozenset[str], Decimal | None, Decimal | None], Frontier] = {}
        self._scale_setup()

    def _scale_setup(self) -> None:
        amounts = [self.cset.cap]
        for shape in self.shapes:
            for node in shape.walk():
                amounts += [node.max_points, node.floor]
        for state in self.leaves.values():
            amounts.append(state.current_points)
            amounts += [o.points for o in state.options]
        self.points_scale = dp.Scale(amounts)
        self.cost_scale = dp.Scale([o.cost for s in self.leaves.values() for o in s.options])
        self.width = len(self.leaves) + 1
        up = self.points_scale.up
        self.current_scaled = {k: up(v) for k, v in self.current.items()}

    # -- the programme ---------------------------------------------------------------------

    def _prerequisite_states(
        self, max_states: int
    ) -> tuple[list[tuple[dict[str, tuple[Option, ...]], frozenset[str]]], bool]:
        """Per combination of unmet prerequisites: each leaf's options and the leaves forced."""
        needs: dict[str, list[tuple[str, Decimal]]] = {}
        for leaf_id, state in self.leaves.items():
            if not state.options:
                continue
            for req in state.requires:
                other = self.leaves[req.leaf]
                need = req.min_points if req.min_points is not None else other.node.max_points
                if other.current_points < need:
                    needs.setdefault(leaf_id, []).append((req.leaf, need))
        variables = sorted({v for vs in needs.values() for v in vs})
        exact = 2 ** len(variables) <= max_states
        if exact:
            combos = [
                dict(zip(variables, bits, strict=True))
                for bits in itertools.product((False, True), repeat=len(variables))
            ]
        else:
            combos = [dict.fromkeys(variables, False), dict.fromkeys(variables, True)]
            combos += [{v: v == w for v in variables} for w in variables]
        base = {k: s.options for k, s in self.leaves.items()}
        out = []
        for met in combos:
            options = dict(base)
            for leaf_id, vs in needs.items():
                if not all(met[v] for v in vs):
                    options[leaf_id] = ()
            forced: set[str] = set()
            for (leaf_id, need), yes in met.items():
                if yes:
                    options[leaf_id] = tuple(o for o in options[leaf_id] if o.points >= need)
                    forced.add(leaf_id)
            out.append((options, frozenset(forced)))
        return out, exact

    def frontier_entries(
        self,
        forbidden: frozenset[str] = frozenset(),
        bound: Decimal | None = None,
        target: Decimal | None = None,
    ) -> Frontier:
        """Pareto frontier of (unrounded total, cost, changes) over every allowed plan; with a
        ``bound``, only the entries costing at most that (exact for those); with a ``target``
        total, entries say only whether they reach it (see ``dp.solve``)."""
        cached = self._cache.get((forbidden, bound, target))
        if cached is not None:
            return cached
        limit = (
            None
            if bound is None
            else self.cost_scale.up_floor(bound) * self.width + (self.width - 1)
        )
        best: dict[int, tuple[int, dp.Picks]] = {}
        up_points, up_cost, width = self.points_scale.up, self.cost_scale.up, self.width
        for options, forced in self._states:
            choices = {
                k: [(up_points(o.points), up_cost(o.cost) * width + 1, o) for o in v]
                for k, v in options.items()
                if v and k not in forbidden
            }
            for points, key, picks in dp.solve(
                self.shapes,
                self.points_scale,
                self.current_scaled,
                choices,
                must_change=forced,
                cap=self.cset.cap,
                bound=limit,
                target=None if target is None else self.points_scale.up(target),
            ):
                old = best.get(points)
                if old is None or key < old[0]:
                    best[points] = (key, picks)
        down_points, down_cost = self.points_scale.down, self.cost_scale.down
        entries = [
            (down_points(p), down_cost(key // width), key % width, picks)
            for p, key, picks in dp.pareto(best)
        ]
        self._cache[(forbidden, bound, target)] = entries
        return entries

    def allowed_options(self, forbidden: frozenset[str] = frozenset()) -> dict[str, list[Option]]:
        """Each leaf's options that some plan can use: not forbidden, prerequisites reachable."""
        best = {
            k: max((o.points for o in s.options), default=s.current_points)
            for k, s in self.leaves.items()
            if k not in forbidden
        }
        allowed = {k: list(s.options) for k, s in self.leaves.items() if k not in forbidden}
        changed = True
        while changed:
            changed = False
            for leaf_id, options in allowed.items():
                if options and not self._requirements_met(leaf_id, best):
                    allowed[leaf_id] = []
                    best[leaf_id] = self.leaves[leaf_id].current_points
                    changed = True
        return allowed

    def _requirements_met(self, leaf_id: str, points: Mapping[str, Decimal]) -> bool:
        for req in self.leaves[leaf_id].requires:
            need = (
                req.min_points
                if req.min_points is not None
                else (self.leaves[req.leaf].node.max_points)
            )
            if points.get(req.leaf, self.current[req.leaf]) < need:
                return False
        return True

    def threshold(self, goal: Goal) -> Decimal | None:
        """The least total meeting ``goal`` on the points' resolution; None when 0 already does
        (a goal on the total only: rank or band)."""
        scale = self.points_scale
        low, high = 0, scale.up(self.cset.cap)
        if goal(ZERO, ZERO):
            return None
        while low < high:
            mid = (low + high) // 2
            if goal(scale.down(mid), ZERO):
                high = mid
            else:
                low = mid + 1
        return scale.down(low)

    def best_total(self, forbidden: frozenset[str] = frozenset()) -> Decimal:
        """The highest unrounded total any allowed plan reaches."""
        top = {k: max(o.points for o in v) for k, v in self.allowed_options(forbidden).items() if v}
        return dp.evaluate(self.shapes, self.current, top, self.cset.cap)

    def greedy_cost(self, goal: Goal, forbidden: frozenset[str] = frozenset()) -> Decimal | None:
        """The cost of a plan meeting ``goal`` found greedily (best points per cost first): an
        upper bound on the optimum that lets the exact programme drop costlier entries."""
        allowed = self.allowed_options(forbidden)
        points = dict(self.current)
        spent: dict[str, Decimal] = {}
        total = dp.evaluate(self.shapes, self.current, points, self.cset.cap)
        while not goal(total, sum(spent.values(), ZERO)):
            best: tuple[Decimal, str, Option] | None = None
            for leaf_id, options in allowed.items():
                if not options or not self._requirements_met(leaf_id, points):
                    continue
                here, paid = points[leaf_id], spent.get(leaf_id, ZERO)
                for o in options:
                    if o.points <= here:
                        continue
                    extra = o.cost - paid
                    ratio = (o.points - here) / extra if extra > 0 else Decimal("Infinity")
                    if best is None or ratio > best[0]:
                        best = (ratio, leaf_id, o)
            if best is None:
                return None
            _, leaf_id, option = best
            points[leaf_id] = option.points
            spent[leaf_id] = option.cost
            total = dp.evaluate(self.shapes, self.current, points, self.cset.cap)
        return sum(spent.values(), ZERO)

    # -- questions -------------------------------------------------------------------------

    def rank_goal(self, k: int) -> Goal:
        return lambda points, cost: self.standings.rank(points) <= k

    def band_goal(self, code: str) -> Goal:
        bands = {b.code: b for b in self.cset.bands_for(self.assessment.block)}
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
        bound = self.greedy_cost(goal, forbidden)
        if bound is None:
            return None
        target = (
            None
            if rank is not None and self.standings.policy == "appraised_first"
            else (self.threshold(goal))
        )
        entries = self.frontier_entries(forbidden, bound, target)
        for i, (points, cost, _, picks) in enumerate(entries):
            if goal(points, cost):
                notes: tuple[str, ...] = ()
                if rank is not None and any(
                    self.standings.rank_if_ties_won(e[0]) <= rank for e in entries[:i]
                ):
                    notes = (NOTE_TIES,)
                return self.make_plan(dp.picked(picks), objective, notes)
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
        when a better one costs no more. The first point costs nothing."""
        out: list[FrontierPoint] = []
        last_rank: int | None = None
        bound = self.greedy_cost(self.rank_goal(self.best_reachable_rank()))
        for points, cost, _, picks in self.frontier_entries(bound=bound):
            rank = self.standings.rank(points)
            if last_rank is not None and rank >= last_rank:
                continue
            last_rank = rank
            if out and out[-1].min_cost == cost:
                out.pop()  # the better rank costs no more: the worse one is not on the frontier
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
        """Each single improvement: gain to the total, rank alone, cost, gain per cost."""
        out = []
        base = self.result.unrounded_total
        total_now = self.result.total
        for leaf_id, state in self.leaves.items():
            for option in state.options:
                unrounded = dp.evaluate(
                    self.shapes, self.current, {leaf_id: option.points}, self.cset.cap
                )
                if unrounded <= base:
                    continue  # a capped parent absorbs the gain
                new_total = self.standings.total(unrounded)
                rank = self.standings.rank(unrounded)
                gain = new_total - total_now
                out.append(
                    Opportunity(
                        leaf_id=leaf_id,
                        label_vi=state.node.label_vi,
                        label_en=state.node.label_en,
                        from_points=state.current_points,
                        to_points=option.points,
                        to_value=self._value_text(leaf_id, option.value),
                        to_label_vi=option.label_vi,
                        to_label_en=option.label_en,
                        gain=gain,
                        new_total=new_total,
                        rank=rank,
                        rank_gain=self.rank_now - rank,
                        cost=option.cost,
                        gain_per_cost=gain / option.cost if option.cost else None,
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

    def alternatives(self, plan: Plan, n: int, max_solves: int = 40) -> list[Plan]:
        """Up to ``n`` more plans reaching the plan's rank, each avoiding a change of a cheaper
        one (Lawler's scheme over forbidden leaves): each is the cheapest plan under its
        exclusions, cheapest first; they differ from the plan and each other in what they change.
        """
        goal = self.rank_goal(plan.new_rank)
        seen = {plan.changes}
        counter = itertools.count()
        heap: list[tuple[Decimal, int, int, frozenset[str], Plan]] = []
        tried: set[frozenset[str]] = set()

        def push(forbidden: frozenset[str]) -> None:
            if forbidden in tried or len(tried) >= max_solves:
                return
            tried.add(forbidden)
            found = self.cheapest(goal, "alternative", forbidden, rank=plan.new_rank)
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
        inputs = apply_changes(self.assessment, self.appraisal, self.survey, changes, self.sources)
        return score(self.cset, *inputs, rules=self.rules)

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
                    to_value=self._value_text(option.leaf_id, option.value),
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

    def _value_text(self, leaf_id: str, value: object) -> str:
        try:
            return self.rules[leaf_id].describe(value)
        except CchcScoreError:
            return str(value)
