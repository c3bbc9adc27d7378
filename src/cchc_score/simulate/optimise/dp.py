"""The exact dynamic programme: for every reachable total, the cheapest set of changes.

Each leaf offers a few choices (stay, or one of its options). A node's Pareto frontier lists,
for each points value it can reach, the least cost (then the fewest changes) that reaches it, and
drops every entry another entry beats on both. Children are merged one at a time (a
multiple-choice knapsack) on exact integer images of the Decimal points (``Scale``); the
merged points are then clamped to the node's
bounds (its maximum, and its floor: 0, or the sum of the leaves' minima for bonus/penalty
content). The roots are merged the same way and clamped to [0, the set's cap].

Dropping dominated entries is exact because every step from leaf points to rank (sums, clamps,
rounding, rank among peers) never decreases when points increase: an entry with fewer points and
no lower cost can never be needed. Prerequisites are handled outside this module, by solving once
per state of the prerequisite leaves (``search``).

A ``bound`` on cost drops entries costing more; it keeps the answer exact for any question whose
answer costs at most the bound (costs are never negative).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cchc_score.decimal_utils import normalize
from cchc_score.engine import node_floors
from cchc_score.model.criteria import CriteriaSet, Node
from cchc_score.simulate.options import Option

from .staircase import merge_cheapest_first

ZERO = Decimal(0)
#: A set of picks: None (nothing), an Option, or a pair of picks (a persistent linked tree).
Picks = Option | tuple["Picks", "Picks"] | None
#: (points, key, picks) in scaled integers: key = cost × width + number of changes, so that one
#: integer orders by cost, then by fewer changes. A frontier is sorted by points, keys rising.
Entry = tuple[int, int, Picks]
Choice = tuple[int, int, Option]


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

    def walk(self) -> Iterator[Shape]:
        yield self
        for child in self.children:
            yield from child.walk()


def shapes(cset: CriteriaSet) -> tuple[Shape, ...]:
    """The set's tree with each node's floor, as the engine computes it."""

    floors = node_floors(cset)

    def build(node: Node) -> Shape:
        children = tuple(build(c) for c in node.children)
        return Shape(node.id, node.max_points, floors[node.id], children)

    return tuple(build(root) for root in cset.nodes)


class Scale:
    """Exact integer images of Decimal amounts: ``amount × 10^places``.

    Points and costs are Decimals with finitely many places, so scaling by the most places found
    turns every sum into an exact integer sum, several times faster than Decimal arithmetic.
    """

    def __init__(self, amounts: Sequence[Decimal]) -> None:
        exponents = [int(a.as_tuple().exponent) for a in amounts if a.is_finite()]
        self.places = max(0, -min(exponents, default=0))
        self.factor = 10**self.places

    def up(self, amount: Decimal) -> int:
        return int(amount.scaleb(self.places))

    def up_floor(self, amount: Decimal) -> int:
        """The greatest integer image not above ``amount`` (a bound given with more places)."""
        return int(amount.scaleb(self.places).to_integral_value(rounding="ROUND_FLOOR"))

    def down(self, number: int) -> Decimal:
        return normalize(Decimal(number).scaleb(-self.places))


def pareto(best: dict[int, tuple[int, Picks]]) -> list[Entry]:
    """Entries no other entry beats on points and key; sorted by points."""
    out: list[Entry] = []
    least: int | None = None
    for points in sorted(best, reverse=True):
        key, picks = best[points]
        if least is None or key < least:
            out.append((points, key, picks))
            least = key
    out.reverse()
    return out


#: From this many combinations on, merge cheapest first (``staircase``): it skips the
#: combinations that cannot be on the frontier, at the cost of a heap.
CHEAPEST_FIRST_FROM = 1024


def merge(acc: list[Entry], child: list[Entry], bound: int | None) -> list[Entry]:
    """Every way to combine an entry of ``acc`` with one of ``child``, dominated ones dropped."""
    if len(child) == 1:
        pb, kb, picks_b = child[0]
        if picks_b is None:
            return [(pa + pb, ka + kb, picks_a) for pa, ka, picks_a in acc]
    limit = bound if bound is not None else -1
    if len(acc) * len(child) >= CHEAPEST_FIRST_FROM:
        return merge_cheapest_first(acc, child, limit)
    best: dict[int, tuple[int, Picks]] = {}
    get = best.get
    for pa, ka, picks_a in acc:
        for pb, kb, picks_b in child:
            key = ka + kb
            if key > limit >= 0:
                break  # keys rise along the frontier
            points = pa + pb
            old = get(points)
            if old is None or key < old[0]:
                if picks_a is None:
                    best[points] = (key, picks_b)
                elif picks_b is None:
                    best[points] = (key, picks_a)
                else:
                    best[points] = (key, (picks_a, picks_b))
    return pareto(best)


def clamp(entries: list[Entry], low: int, high: int) -> list[Entry]:
    if all(low <= p <= high for p, _, _ in entries):
        return entries
    best: dict[int, tuple[int, Picks]] = {}
    for points, key, picks in entries:
        points = min(max(points, low), high)
        old = best.get(points)
        if old is None or key < old[0]:
            best[points] = (key, picks)
    return pareto(best)


def leaf_frontier(
    current: int, choices: Sequence[Choice], bound: int | None, stay: bool = True
) -> list[Entry]:
    """A leaf's choices; ``stay=False`` when the leaf must change (a prerequisite to meet)."""
    best: dict[int, tuple[int, Picks]] = {}
    if stay:
        best[current] = (0, None)
    for points, key, option in choices:
        if bound is not None and key > bound:
            continue
        old = best.get(points)
        if old is None or key < old[0]:
            best[points] = (key, option)
    return pareto(best)


#: Filters partial plans: (node id, or "" for the roots; index of the last child merged; the
#: children; the entries) -> the entries worth keeping (see ``relax``).
Keep = Callable[[str, int, Sequence[Shape], list[Entry]], list[Entry]]
#: Partial plans are filtered only from this many entries on: below it filtering costs more.
KEEP_FROM = 16


def solve(
    roots: Sequence[Shape],
    scale: Scale,
    current: Mapping[str, int],
    choices: Mapping[str, Sequence[Choice]],
    bound: int | None = None,
    must_change: frozenset[str] = frozenset(),
    cap: Decimal = Decimal(100),
    keep: Keep | None = None,
) -> list[Entry]:
    """The Pareto frontier of the unrounded total (clamped to [0, cap]) over all choices.

    Points in ``current`` and ``choices`` are scaled by ``scale``. Empty when no choice meets the
    constraints (a leaf in ``must_change`` without choices). ``keep`` drops partial plans that
    cannot matter to the question asked.
    """

    def merged(key: str, children: Sequence[Shape]) -> list[Entry]:
        acc: list[Entry] = [(0, 0, None)]
        for i, child in enumerate(children):
            front = node(child)
            if keep is not None and len(front) >= KEEP_FROM:
                front = keep(f"{child.node_id}:", 0, (child,), front)
            acc = merge(acc, front, bound)
            if keep is not None and len(acc) >= KEEP_FROM:
                acc = keep(key, i, children, acc)
            if not acc:
                return acc
        return acc

    def node(shape: Shape) -> list[Entry]:
        if shape.is_leaf:
            leaf = shape.node_id
            return leaf_frontier(
                current[leaf], choices.get(leaf, ()), bound, stay=leaf not in must_change
            )
        acc = merged(shape.node_id, shape.children)
        return clamp(acc, scale.up(shape.floor), scale.up(shape.max_points)) if acc else acc

    acc = merged("", roots)
    return clamp(acc, 0, scale.up(cap)) if acc else acc


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
