"""The exact dynamic programme: for every reachable total, the cheapest set of changes.

Each leaf offers a few choices (stay, or one of its options). A node's Pareto frontier lists,
for each points value it can reach, the least cost (then the fewest changes) that reaches it, and
drops every entry another entry beats on both. Children are merged one at a time (a
multiple-choice knapsack), in the set's order and from zero, so that the Decimal sums are
computed exactly as the engine computes them; the merged points are then clamped to the node's
bounds (its maximum, and its floor: 0, or the sum of the leaves' minima for bonus/penalty
content). The roots are merged the same way and clamped to [0, the set's cap].

Dropping dominated entries is exact because every step from leaf points to rank (sums, clamps,
rounding, rank among peers) never decreases when points increase: an entry with fewer points and
no lower cost can never be needed. Prerequisites are handled outside this module, by solving once
per state of the prerequisite leaves (``planner``).

A ``bound`` on cost drops entries costing more; it keeps the answer exact for any question whose
answer costs at most the bound (costs are never negative).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cchc_score.model.criteria import CriteriaSet, Node
from cchc_score.rules import Rule

from .options import Option

ZERO = Decimal(0)
#: A set of picks: None (nothing), an Option, or a pair of picks (a persistent linked tree).
Picks = Option | tuple["Picks", "Picks"] | None
#: (points, cost, number of changes, picks); a frontier is sorted by points, costs rising.
Entry = tuple[Decimal, Decimal, int, Picks]


@dataclass(frozen=True)
class Shape:
    """A node's bounds, computed once per criteria set."""

    node_id: str
    max_points: Decimal
    floor: Decimal
    children: tuple[Shape, ...]

    @property
    def is_leaf(self) -> bool:
        return not self.children


def shapes(cset: CriteriaSet, rules: Mapping[str, Rule]) -> tuple[Shape, ...]:
    """The set's tree with each node's floor, as the engine computes it."""

    def floor(node: Node) -> Decimal:
        if not node.extra:
            return ZERO
        return sum((rules[leaf.id].min_points for leaf in node.walk() if leaf.is_leaf), ZERO)

    def build(node: Node) -> Shape:
        return Shape(node.id, node.max_points, floor(node), tuple(build(c) for c in node.children))

    return tuple(build(root) for root in cset.nodes)


def pareto(best: dict[Decimal, tuple[Decimal, int, Picks]]) -> list[Entry]:
    """Entries no other entry beats on points and (cost, changes); sorted by points."""
    out: list[Entry] = []
    least: tuple[Decimal, int] | None = None
    for points in sorted(best, reverse=True):
        cost, count, picks = best[points]
        if least is None or (cost, count) < least:
            out.append((points, cost, count, picks))
            least = (cost, count)
    out.reverse()
    return out


def merge(acc: list[Entry], child: list[Entry], bound: Decimal | None) -> list[Entry]:
    """Every way to combine an entry of ``acc`` with one of ``child``, dominated ones dropped."""
    best: dict[Decimal, tuple[Decimal, int, Picks]] = {}
    for pa, ca, na, ka in acc:
        for pb, cb, nb, kb in child:
            cost = ca + cb
            if bound is not None and cost > bound:
                break  # child costs rise along the frontier
            points = pa + pb
            count = na + nb
            old = best.get(points)
            if old is None or (cost, count) < (old[0], old[1]):
                best[points] = (cost, count, kb if ka is None else ka if kb is None else (ka, kb))
    return pareto(best)


def clamp(entries: list[Entry], low: Decimal, high: Decimal) -> list[Entry]:
    best: dict[Decimal, tuple[Decimal, int, Picks]] = {}
    for points, cost, count, picks in entries:
        points = min(max(points, low), high)
        old = best.get(points)
        if old is None or (cost, count) < (old[0], old[1]):
            best[points] = (cost, count, picks)
    return pareto(best)


def leaf_frontier(
    current: Decimal, options: Sequence[Option], bound: Decimal | None, stay: bool = True
) -> list[Entry]:
    """A leaf's choices; ``stay=False`` when the leaf must change (a prerequisite to meet)."""
    best: dict[Decimal, tuple[Decimal, int, Picks]] = {}
    if stay:
        best[current] = (ZERO, 0, None)
    for option in options:
        if bound is not None and option.cost > bound:
            continue
        old = best.get(option.points)
        if old is None or (option.cost, 1) < (old[0], old[1]):
            best[option.points] = (option.cost, 1, option)
    return pareto(best)


def solve(
    roots: Sequence[Shape],
    current: Mapping[str, Decimal],
    options: Mapping[str, Sequence[Option]],
    cap: Decimal,
    bound: Decimal | None = None,
    must_change: frozenset[str] = frozenset(),
) -> list[Entry]:
    """The Pareto frontier of the unrounded total (clamped to [0, cap]) over all choices.

    Empty when no choice meets the constraints (a leaf in ``must_change`` without options).
    """

    def node(shape: Shape) -> list[Entry]:
        if shape.is_leaf:
            leaf = shape.node_id
            return leaf_frontier(
                current[leaf], options.get(leaf, ()), bound, stay=leaf not in must_change
            )
        acc: list[Entry] = [(ZERO, ZERO, 0, None)]
        for child in shape.children:
            acc = merge(acc, node(child), bound)
        return clamp(acc, shape.floor, shape.max_points)

    acc: list[Entry] = [(ZERO, ZERO, 0, None)]
    for root in roots:
        acc = merge(acc, node(root), bound)
    return clamp(acc, ZERO, cap)


def picked(picks: Picks) -> list[Option]:
    """The options a picks tree holds, in the set's order."""
    return list(_walk(picks))


def _walk(picks: Picks) -> Iterator[Option]:
    stack: list[Picks] = [picks]
    found: list[Option] = []
    while stack:
        item = stack.pop()
        if item is None:
            continue
        if isinstance(item, Option):
            found.append(item)
        else:
            stack.append(item[1])
            stack.append(item[0])
    yield from found


def evaluate(
    roots: Sequence[Shape],
    current: Mapping[str, Decimal],
    changed: Mapping[str, Decimal],
    cap: Decimal,
) -> Decimal:
    """The unrounded total with some leaves' points replaced, by the engine's arithmetic."""

    def node(shape: Shape) -> Decimal:
        if shape.is_leaf:
            return changed.get(shape.node_id, current[shape.node_id])
        raw = sum((node(c) for c in shape.children), ZERO)
        return min(max(raw, shape.floor), shape.max_points)

    total = sum((node(r) for r in roots), ZERO)
    return min(max(total, ZERO), cap)
