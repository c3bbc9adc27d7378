"""The search: a unit's options, its prerequisite states and the exact Pareto frontier of
(total → least cost, then fewest changes) over every allowed plan.

Prerequisites ("B only after A"): each unmet prerequisite (leaf A must reach some points) is a
yes/no state. For each combination of states the programme is solved with A forced to reach its
points when "yes" (B may then change) and B held still when "no"; the union of the answers is
exact. This takes 2^n solves for n unmet prerequisites that matter (a prerequisite of leaves that
have no options does not), so beyond ``max_states`` combinations only a few are tried (none met,
all met, each alone) and ``states_exact`` is false.

A question is answered from the frontier bounded by the cost of a plan found greedily (best
points per cost first): entries costing more cannot be the answer, and dropping them keeps the
frontiers small. A question with a target total also drops partial plans that the relaxation
(``relax``) shows cannot reach it within that cost.
"""

from __future__ import annotations

import heapq
import itertools
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import cached_property

from cchc_score.model.criteria import CriteriaSet
from cchc_score.simulate.options import LeafState, Option
from cchc_score.simulate.tally import Tally

from . import dp
from .relax import Relaxation, Steps, Tree

ZERO = Decimal(0)
Goal = Callable[[Decimal, Decimal], bool]  # (unrounded total, cost) -> meets the objective
#: (unrounded total, cost, number of changes, picks), sorted by total, costs rising.
Frontier = list[tuple[Decimal, Decimal, int, dp.Picks]]


class SearchSpace:
    """Every plan one unit may choose, ready for the exact programme.

    Args:
        cset: the criteria set (its tree, floors and cap).
        leaves: every leaf's current points, options and prerequisites.
        start: the unit's unrounded total as it stands.
        max_states: most prerequisite combinations solved exactly.
    """

    def __init__(
        self,
        cset: CriteriaSet,
        leaves: Mapping[str, LeafState],
        start: Decimal,
        max_states: int = 64,
    ) -> None:
        self.cset = cset
        self.leaves = dict(leaves)
        self.start = start
        self.shapes = dp.shapes(cset)
        self.current = {k: s.current_points for k, s in self.leaves.items()}
        self._states, self.states_exact = self._prerequisite_states(max_states)
        self._cache: dict[
            tuple[frozenset[str], Decimal | None, tuple[tuple[Decimal, Decimal], ...]], Frontier
        ] = {}
        self._choice_cache: dict[
            tuple[int, frozenset[str]], tuple[dict[str, list[dp.Choice]], Steps]
        ] = {}
        self._base_cache: dict[frozenset[str], Steps] = {}
        self._walks: dict[frozenset[str], GreedyWalk] = {}
        self._scale_setup()
        #: For each leaf, the leaves that wait for it (prerequisites).
        self.waiting: dict[str, list[str]] = {}
        for leaf_id, state in self.leaves.items():
            for req in state.requires:
                self.waiting.setdefault(req.leaf, []).append(leaf_id)

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
        goals: tuple[tuple[Decimal, Decimal], ...] = (),
    ) -> Frontier:
        """Pareto frontier of (unrounded total, cost, changes) over every allowed plan; with a
        ``bound``, only the entries costing at most that (exact for those); with a ``target`` as
        well, only those reaching the target total (see ``relax``). ``goals``, (total, cost)
        pairs: keep only the plans that reach one of the totals within its cost (exact for the
        cheapest plan reaching each total, when some plan reaches it within that cost)."""
        if target is not None and bound is not None:
            goals = ((target, bound), *goals)
        cached = self._cache.get((forbidden, bound, goals))
        if cached is not None:
            return cached
        limit = (
            None
            if bound is None
            else self.cost_scale.up_floor(bound) * self.width + (self.width - 1)
        )
        best: dict[int, tuple[int, dp.Picks]] = {}
        up_points, width = self.points_scale.up, self.width
        for state, (_, forced) in enumerate(self._states):
            choices, steps = self._choices(state, forbidden)
            keep = None
            if goals:
                keep = Relaxation(
                    steps,
                    width,
                    [(up_points(t), self.cost_scale.up_floor(c)) for t, c in goals],
                ).keep
            for points, key, picks in dp.solve(
                self.shapes,
                self.points_scale,
                self.current_scaled,
                choices,
                must_change=forced,
                cap=self.cset.cap,
                bound=limit,
                keep=keep,
            ):
                old = best.get(points)
                if old is None or key < old[0]:
                    best[points] = (key, picks)
        down_points, down_cost = self.points_scale.down, self.cost_scale.down
        entries = [
            (down_points(p), down_cost(key // width), key % width, picks)
            for p, key, picks in dp.pareto(best)
        ]
        self._cache[(forbidden, bound, goals)] = entries
        return entries

    def _choices(
        self, state: int, forbidden: frozenset[str]
    ) -> tuple[dict[str, list[dp.Choice]], Steps]:
        """Each leaf's choices in scaled integers in one prerequisite state, without the
        forbidden leaves, and their relaxation's steps (kept: every question asks again)."""
        found = self._choice_cache.get((state, forbidden))
        if found is None:
            up_points, up_cost, width = self.points_scale.up, self.cost_scale.up, self.width
            options = self._states[state][0]
            choices = {
                k: [(up_points(o.points), up_cost(o.cost) * width + 1, o) for o in v]
                for k, v in options.items()
                if v and k not in forbidden
            }
            found = (choices, Steps(self.relax_tree, self.current_scaled, choices, width))
            self._choice_cache[(state, forbidden)] = found
        return found

    def cheapest_reaching(
        self,
        levels: Sequence[tuple[Decimal, Decimal]],
        forbidden: frozenset[str] = frozenset(),
    ) -> list[tuple[Decimal, Decimal, int, dp.Picks] | None]:
        """For each level, (least total, cost of a plan known to reach it), the cheapest plan
        reaching that total (then the fewest changes): its entry, exact. None only when not
        every prerequisite state is tried (``states_exact`` false) and the ones tried hold no
        plan within the known cost.

        The programme is exact for every plan costing at most its budget, and its work grows
        quickly with the budget. So it is first run with budgets just above the relaxation's
        lower bound on each level's cost (``relax``), which is seldom far below the optimum; a
        level whose cheapest plan found costs at most its budget is answered (a cheaper plan
        would have been found as well), and the others are tried again with twice the room,
        up to the cost of the cheapest plan known to reach them (given, or found by an
        earlier try), where some plan is always found.
        """
        if not levels:
            return []
        lows = self._least_costs([t for t, _ in levels], forbidden)
        answers: dict[int, tuple[Decimal, Decimal, int, dp.Picks] | None] = {}
        pending = list(range(len(levels)))
        room = self._first_room(levels, lows)
        known = [cost for _, cost in levels]
        while pending:
            budgets = {i: min(known[i], lows[i] + room) for i in pending}
            goals = tuple((levels[i][0], budgets[i]) for i in pending)
            entries = self.frontier_entries(forbidden, max(budgets.values()), goals=goals)
            totals = [e[0] for e in entries]
            still = []
            for i in pending:
                at = bisect_left(totals, levels[i][0])
                if at < len(entries) and entries[at][1] <= budgets[i]:
                    answers[i] = entries[at]
                elif budgets[i] >= known[i]:
                    if self.states_exact:
                        raise AssertionError("no plan within the cost of a plan known to reach it")
                    answers[i] = None  # the known plan's prerequisite state was not tried
                else:
                    if at < len(entries):
                        # A plan that reaches the level, though maybe not the cheapest: its
                        # cost bounds the next try.
                        known[i] = min(known[i], entries[at][1])
                    still.append(i)
            pending = still
            room *= 2
        return [answers[i] for i in range(len(levels))]

    def _least_costs(self, targets: Sequence[Decimal], forbidden: frozenset[str]) -> list[Decimal]:
        """The relaxation's lower bound on the cost of reaching each total (0 when it cannot
        tell: the programme then starts from the smallest room)."""
        lows = self._base_steps(forbidden).least_costs([self.points_scale.up(t) for t in targets])
        down = self.cost_scale.down
        return [down(int(low)) if low != float("inf") else ZERO for low in lows]

    def _base_steps(self, forbidden: frozenset[str]) -> Steps:
        """The relaxation's steps over every leaf's options, prerequisites ignored."""
        found = self._base_cache.get(forbidden)
        if found is None:
            up_points, up_cost, width = self.points_scale.up, self.cost_scale.up, self.width
            choices = {
                k: [(up_points(o.points), up_cost(o.cost) * width + 1, o) for o in s.options]
                for k, s in self.leaves.items()
                if s.options and k not in forbidden
            }
            found = Steps(self.relax_tree, self.current_scaled, choices, width)
            self._base_cache[forbidden] = found
        return found

    def _first_room(
        self, levels: Sequence[tuple[Decimal, Decimal]], lows: Sequence[Decimal]
    ) -> Decimal:
        """The first room above the lower bounds: an eighth of the largest gap between a lower
        bound and the known plan's cost, at least the costs' resolution."""
        gap = max((cost - low for (_, cost), low in zip(levels, lows, strict=True)), default=ZERO)
        scale = self.cost_scale
        return scale.down(max(1, scale.up_floor(gap / 8)))

    @cached_property
    def relax_tree(self) -> Tree:
        """The tree as the relaxation sees it (``relax``), shared by every solve."""
        return Tree(
            self.shapes, self.current_scaled, self.points_scale, self.points_scale.up(self.cset.cap)
        )

    @cached_property
    def tally(self) -> Tally:
        """Every node's points as the unit stands, to total a plan where it changes."""
        return Tally(self.cset, self.current)

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
                if options and not self.requirements_met(leaf_id, best):
                    allowed[leaf_id] = []
                    best[leaf_id] = self.leaves[leaf_id].current_points
                    changed = True
        return allowed

    def requirements_met(self, leaf_id: str, points: Mapping[str, Decimal]) -> bool:
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
        """The least total meeting ``goal`` (a goal on the total alone: a rank or a band), on the
        points' resolution; None when no total up to the cap does.

        Totals are rounded before they are ranked or banded, so the search runs first on the
        rounded totals' steps (a few comparisons where the points have many places) to the
        least rounded total meeting the goal; the least unrounded one then lies in the step
        below it, and is where rounding turns (half a step below, or a whole one) under any
        rounding mode, each candidate checked with the goal. A goal that does not follow the
        rounding (the ``unrounded`` tie policy) is searched within that step point by point.
        """
        scale = self.points_scale
        fits = self._fits(goal)
        low, high = scale.up(min(self.start, ZERO)), scale.up(self.cset.cap)
        if not fits(high):
            return None
        places = self.cset.rounding.places
        step = 10 ** (scale.places - places) if scale.places > places else 1
        if step > 1:
            # The least multiple of the step meeting the goal (the cap meets it).
            top = -(-high // step)
            coarse_low, coarse_high = -(-low // step), top
            while coarse_low < coarse_high:
                mid = (coarse_low + coarse_high) // 2
                if fits(min(mid * step, high)):
                    coarse_high = mid
                else:
                    coarse_low = mid + 1
            upper = min(coarse_low * step, high)
            lower = max(upper - step, low - 1)  # does not meet it (or lies below the range)
            for candidate in (upper - step + 1, upper - step // 2, upper - step // 2 + 1, upper):
                if not lower < candidate <= upper:
                    continue
                if candidate == upper or fits(candidate):
                    if candidate - 1 == lower or self._least_meeting(goal, candidate):
                        return scale.down(candidate)
                    upper = candidate - 1  # meets it too: the least lies lower
                    break
                lower = candidate
            low, high = lower + 1, upper
        while low < high:
            mid = (low + high) // 2
            if fits(mid):
                high = mid
            else:
                low = mid + 1
        return scale.down(low)

    def _least_meeting(self, goal: Goal, scaled: int) -> bool:
        """Whether no total below the one at ``scaled`` meets ``goal``. Points with more
        places than Decimal's 28 digits hold are compared as Decimals: then the total just
        below is the next Decimal down, not the next point of the scale."""
        down = self.points_scale.down
        total, below = down(scaled), down(scaled - 1)
        if below == total:
            below = total.next_minus()
        return not goal(below, ZERO)

    def _fits(self, goal: Goal) -> Callable[[int], bool]:
        down = self.points_scale.down
        return lambda scaled: goal(down(scaled), ZERO)

    def best_total(self, forbidden: frozenset[str] = frozenset()) -> Decimal:
        """The highest unrounded total any allowed plan reaches."""
        top = {k: max(o.points for o in v) for k, v in self.allowed_options(forbidden).items() if v}
        return self.tally.total_with(top)

    def greedy_cost(self, goal: Goal, forbidden: frozenset[str] = frozenset()) -> Decimal | None:
        """The cost of a plan meeting ``goal`` found greedily (best points per cost first): an
        upper bound on the optimum that lets the exact programme drop costlier entries."""
        path = self.greedy_path(goal, forbidden)
        return path[-1][1] if path and goal(*path[-1]) else None

    def greedy_path(
        self, goal: Goal, forbidden: frozenset[str] = frozenset()
    ) -> list[tuple[Decimal, Decimal]]:
        """(total, cost) after each greedy step, from no change until ``goal`` is met or nothing
        is left; the steps do not depend on the goal, so one walk per set of forbidden leaves
        is taken as far as any question asks and serves every lesser goal."""
        walk = self._walks.get(forbidden)
        if walk is None:
            walk = self._walks[forbidden] = GreedyWalk(self, forbidden)
        return walk.until(goal)

    def _best_step(
        self,
        leaf_id: str,
        options: Sequence[Option],
        points: Mapping[str, Decimal],
        spent: Mapping[str, Decimal],
    ) -> tuple[Decimal, Option] | None:
        """A leaf's next greedy step: the option with the most points per extra cost."""
        if not options or not self.requirements_met(leaf_id, points):
            return None
        here, paid = points[leaf_id], spent.get(leaf_id, ZERO)
        found: tuple[Decimal, Option] | None = None
        for o in options:
            if o.points <= here:
                continue
            extra = o.cost - paid
            ratio = (o.points - here) / extra if extra > 0 else Decimal("Infinity")
            if found is None or ratio > found[0]:
                found = (ratio, o)
        return found


class GreedyWalk:
    """The greedy steps (best points per extra cost first) of one search space without some
    leaves, taken as far as asked: each leaf's next step waits in a heap, and only the leaf
    that moved and the leaves waiting for it are looked at again after a step. Ties on the
    rate go to the leaf id last in order."""

    def __init__(self, space: SearchSpace, forbidden: frozenset[str]) -> None:
        self.space = space
        self.allowed = space.allowed_options(forbidden)
        self.points = dict(space.current)
        self.spent: dict[str, Decimal] = {}
        self.cost = ZERO
        self.run = space.tally.run()
        self.path = [(self.run.total(), ZERO)]
        self.order = {leaf_id: i for i, leaf_id in enumerate(sorted(self.allowed))}
        self.heap: list[tuple[Decimal, int, int, str, Option]] = []
        self.version: dict[str, int] = {}
        for leaf_id in self.allowed:
            self._push(leaf_id)

    def _push(self, leaf_id: str) -> None:
        """Put the leaf's next step in the heap (any earlier one goes stale)."""
        version = self.version[leaf_id] = self.version.get(leaf_id, 0) + 1
        step = self.space._best_step(leaf_id, self.allowed[leaf_id], self.points, self.spent)
        if step is not None:
            item = (-step[0], -self.order[leaf_id], version, leaf_id, step[1])
            heapq.heappush(self.heap, item)

    def until(self, goal: Goal) -> list[tuple[Decimal, Decimal]]:
        """The path up to the first point meeting ``goal``, or all of it when none does."""
        for i, point in enumerate(self.path):
            if goal(*point):
                return self.path[: i + 1]
        while self.heap:
            _, _, version, leaf_id, option = heapq.heappop(self.heap)
            if version != self.version[leaf_id]:
                continue  # the leaf moved on since
            self.cost += option.cost - self.spent.get(leaf_id, ZERO)
            self.points[leaf_id] = option.points
            self.spent[leaf_id] = option.cost
            self.run.set(leaf_id, option.points)
            self.path.append((self.run.total(), self.cost))
            # The leaf moved on, and leaves waiting for it may now go ahead.
            self._push(leaf_id)
            for other in self.space.waiting.get(leaf_id, ()):
                if other in self.allowed:
                    self._push(other)
            if goal(*self.path[-1]):
                return list(self.path)
        return list(self.path)
