"""A bound that lets the programme drop partial plans that cannot reach a target total.

Relax the problem: let each leaf take a fraction of its next option, and forget the caps. The
most points the leaves outside a part of the tree can then add for a budget is found greedily,
best points per cost first, along each leaf's upper hull of (cost, gain) — the linear-programme
relaxation of the multiple-choice knapsack. It is never below what a real plan adds: every step
from leaf points to the total (sums, clamps) moves the total by at most what the leaves move.

So a partial plan over some children of a node, with points ``s`` (``base`` with no change) and
cost ``c``, can reach a total of at most ``now + (s - base) + relaxed(budget - c)``; when that is
below the target it is dropped, and the answer stays exact. Several (target, budget) pairs may
be given (the frontier asks for every rank at once, each within the cost of a plan known to reach
it): a partial plan is then kept when it may reach one of the targets within its budget. Sums are
exact integers; the relaxed gain is a float, compared with a margin of 10⁻⁹ points so rounding
can only keep, never drop.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Mapping, Sequence

from .dp import Choice, Entry, Scale, Shape

Segment = tuple[float, int, int]  # (gain per cost, cost, gain) of one hull step


def hull(current: int, choices: Sequence[Choice], width: int) -> list[Segment]:
    """A leaf's upper hull of (cost, gain) as steps of falling efficiency."""
    points = sorted({(key // width, p - current) for p, key, _ in choices if p > current})
    steps: list[tuple[int, int]] = [(0, 0)]
    for cost, gain in points:
        if gain <= steps[-1][1]:
            continue  # costs more for no more points
        while len(steps) >= 2:
            (c0, g0), (c1, g1) = steps[-2], steps[-1]
            # drop the middle point when it lies on or under the line from c0 to the new point
            if (g1 - g0) * (cost - c0) <= (gain - g0) * (c1 - c0):
                steps.pop()
            else:
                break
        steps.append((cost, gain))
    out = []
    for (c0, g0), (c1, g1) in itertools.pairwise(steps):
        dc, dg = c1 - c0, g1 - g0
        out.append((float("inf") if dc == 0 else dg / dc, dc, dg))
    return out


class Tree:
    """What every relaxation of one unit shares: each node's leaves and points as it stands,
    and the unit's total (computed once per search space, not once per solve)."""

    def __init__(
        self, roots: Sequence[Shape], current: Mapping[str, int], scale: Scale, cap: int
    ) -> None:
        self.leaves: dict[str, frozenset[str]] = {}
        self.now: dict[str, int] = {}
        self.current = current
        self.scale = scale
        self.total_now = min(max(sum(self._walk(root)[1] for root in roots), 0), cap)

    def _walk(self, shape: Shape) -> tuple[frozenset[str], int]:
        if shape.is_leaf:
            found, now = frozenset({shape.node_id}), self.current[shape.node_id]
        else:
            parts = [self._walk(c) for c in shape.children]
            found = frozenset().union(*(p[0] for p in parts))
            low, high = self.scale.up(shape.floor), self.scale.up(shape.max_points)
            now = min(max(sum(p[1] for p in parts), low), high)
        self.leaves[shape.node_id], self.now[shape.node_id] = found, now
        return found, now


class Steps:
    """Every hull step of the leaves' choices, best rate first (ties in the leaves' order), and
    per part of the tree the running costs and gains of the steps outside it: what every
    relaxation over the same choices shares, whatever the goals."""

    def __init__(
        self,
        tree: Tree,
        current: Mapping[str, int],
        choices: Mapping[str, Sequence[Choice]],
        width: int,
    ) -> None:
        self.tree = tree
        steps = [
            (rate, cost, gain, leaf)
            for leaf, ch in choices.items()
            for rate, cost, gain in hull(current[leaf], ch, width)
        ]
        steps.sort(key=lambda s: -s[0])
        self.steps = steps
        self._bounds: dict[tuple[str, int], tuple[int, list[int], list[float], list[float]]] = {}

    def least_costs(self, targets: Sequence[int]) -> list[float]:
        """For each target total (scaled), the least cost (scaled) at which the relaxation
        reaches it from the unit's total: a lower bound on any plan's cost (inf: out of reach).
        """
        out = []
        for target in targets:
            need, cost = target - self.tree.total_now, 0.0
            for rate, step_cost, gain, _ in self.steps:
                if need <= 0:
                    break
                if gain >= need:
                    cost += need / rate if rate != float("inf") else 0.0
                    need = 0
                    break
                cost += step_cost
                need -= gain
            out.append(cost if need <= 0 else float("inf"))
        return out

    def bound(
        self, key: str, index: int, children: Sequence[Shape]
    ) -> tuple[int, list[int], list[float], list[float]]:
        """The unit's points in the children up to ``index`` as it stands, and the running
        costs and gains (as floats) of the steps outside them, with each step's rate (one more,
        0, after the last). A step of no cost never starts a bisection's segment (its end has
        the same cost), so its infinite rate is kept as 0."""
        cached = self._bounds.get((key, index))
        if cached is not None:
            return cached
        inside: set[str] = set()
        base = 0
        leaves, now = self.tree.leaves, self.tree.now
        for child in children[: index + 1]:
            inside |= leaves[child.node_id]
            base += now[child.node_id]
        costs, gained, rates = [0], [0], []
        for rate, cost, gain, leaf in self.steps:
            if leaf in inside:
                continue
            costs.append(costs[-1] + cost)
            gained.append(gained[-1] + gain)
            rates.append(rate if cost else 0.0)
        rates.append(0.0)
        found = (base, costs, [float(g) for g in gained], rates)
        self._bounds[(key, index)] = found
        return found


class Relaxation:
    """Relaxed bounds for one solve: (target total, budget) pairs over the leaves' steps."""

    def __init__(self, steps: Steps, width: int, goals: Sequence[tuple[int, int]]) -> None:
        # Largest budget first: it keeps the most, so the loop in ``keep`` usually stops there.
        self.goals = sorted(goals, key=lambda g: -g[1])
        self.width = width
        self.margin = steps.tree.scale.factor * 1e-9
        self.steps = steps
        self.total_now = steps.tree.total_now
        # The least target and the largest budget: an entry that cannot reach the one within
        # the other reaches no goal.
        self.least_target = min((t for t, _ in goals), default=0)
        self.most_budget = max((b for _, b in goals), default=0)

    def keep(
        self, key: str, index: int, children: Sequence[Shape], acc: list[Entry]
    ) -> list[Entry]:
        """The partial plans (children up to ``index`` merged) that may still reach a target."""
        base, costs, gains, rates = self.steps.bound(key, index, children)
        width, margin = self.width, self.margin
        start = self.total_now - base + margin  # the margin keeps, never drops
        least, most = self.least_target, self.most_budget
        first, rest = self.goals[0][0], self.goals[1:]
        out = []
        # Within a room, the rest of the tree adds at most gains[i] + (room - costs[i]) ×
        # rates[i] (relaxed), i the last step starting within it.
        for entry in acc:
            cost = entry[1] // width
            gained = start + entry[0]
            # The first goal has the largest budget: the most the rest of the tree may add.
            room = most - cost
            if room < 0:
                continue
            i = bisect_right(costs, room) - 1
            relaxed = gains[i] + (room - costs[i]) * rates[i]
            if first - gained <= relaxed:
                out.append(entry)
                continue
            if least - gained > relaxed:
                continue  # not even the least target within the largest budget
            for target, budget in rest:
                room = budget - cost
                if room < 0:
                    break  # budgets fall along the goals
                i = bisect_right(costs, room) - 1
                if target - gained <= gains[i] + (room - costs[i]) * rates[i]:
                    out.append(entry)
                    break
        return out
