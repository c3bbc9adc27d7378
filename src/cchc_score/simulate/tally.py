"""The engine's arithmetic over the criteria tree, redone only where leaves changed.

A plan changes a few leaves; its total is what the engine gives once those leaves are scored
again. ``Tally`` keeps every node's points as the engine computes them and, when a leaf moves,
recomputes its ancestors only, each from all its children in the set's order, with the same
operations (a sum starting from zero, then the node's floor and maximum; the roots' sum clamped
to [0, the cap]). Decimal sums are rounded to the context's precision, so the order of the
additions matters: redoing each changed node's whole sum in the engine's order, rather than
adding the difference, gives the engine's digits exactly (``tests/test_simulate_tally.py``
compares it with the engine on random plans).

``EngineTally`` does the re-scoring of a plan this way: each changed leaf is scored by its rule
as the engine scores the new evidence (the leaf's adjustments dropped, see
``options.apply_changes``), once per option, and only the changed leaves' ancestors are summed
again, instead of the whole submission being copied, validated and scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from cchc_score.decimal_utils import quantize
from cchc_score.engine import node_floors
from cchc_score.model.criteria import CriteriaSet, Node
from cchc_score.model.result import Result

from .options import Option

ZERO = Decimal(0)


class Tally:
    """Every node's points from the leaves' points, as the engine adds them up."""

    def __init__(self, cset: CriteriaSet, leaves: Mapping[str, Decimal]) -> None:
        floors = node_floors(cset)
        self.cap = cset.cap
        self.roots = tuple(root.id for root in cset.nodes)
        #: For each node: its parent (None for a root); for inner nodes: children, floor, max.
        self.parent: dict[str, str | None] = {}
        self.depth: dict[str, int] = {}
        self.children: dict[str, tuple[str, ...]] = {}
        self.bounds: dict[str, tuple[Decimal, Decimal]] = {}
        self.values: dict[str, Decimal] = dict(leaves)

        def build(node: Node, parent: str | None) -> None:
            self.parent[node.id] = parent
            self.depth[node.id] = 0 if parent is None else self.depth[parent] + 1
            if node.is_leaf:
                return
            for child in node.children:
                build(child, node.id)
            self.children[node.id] = tuple(c.id for c in node.children)
            self.bounds[node.id] = (floors[node.id], node.max_points)
            self.values[node.id] = self._node(node.id, self.values)

        for root in cset.nodes:
            build(root, None)

    def _node(self, node_id: str, values: Mapping[str, Decimal]) -> Decimal:
        raw = sum((values[c] for c in self.children[node_id]), ZERO)
        floor, top = self.bounds[node_id]
        return min(max(raw, floor), top)

    def total(self, values: Mapping[str, Decimal] | None = None) -> Decimal:
        """The unrounded total, clamped to [0, the cap]."""
        values = self.values if values is None else values
        raw = sum((values[r] for r in self.roots), ZERO)
        return min(max(raw, ZERO), self.cap)

    def run(self) -> Run:
        """A copy to change leaf by leaf."""
        return Run(self)

    def total_with(self, changed: Mapping[str, Decimal]) -> Decimal:
        """The unrounded total with ``changed`` leaves' points replaced."""
        run = self.run()
        run.set_many(changed.items())
        return run.total()


class Run:
    """A tally with some leaves changed; the nodes above them are summed again."""

    def __init__(self, tally: Tally) -> None:
        self.tally = tally
        self.values = dict(tally.values)

    def set(self, leaf_id: str, points: Decimal) -> None:
        self.set_many(((leaf_id, points),))

    def set_many(self, changes: Iterable[tuple[str, Decimal]]) -> None:
        tally, values = self.tally, self.values
        dirty: set[str] = set()
        for leaf_id, points in changes:
            values[leaf_id] = points
            node = tally.parent[leaf_id]
            while node is not None and node not in dirty:
                dirty.add(node)
                node = tally.parent[node]
        # A node is summed after all its children, as the engine does: deepest first.
        for node_id in sorted(dirty, key=tally.depth.__getitem__, reverse=True):
            values[node_id] = tally._node(node_id, values)

    def total(self) -> Decimal:
        return self.tally.total(self.values)


class EngineTally:
    """A unit's figures with some options applied, exactly as the engine scores them.

    Args:
        cset: the criteria set (with its rules and rounding).
        result: the engine's score of the unit as it stands.
    """

    def __init__(self, cset: CriteriaSet, result: Result) -> None:
        self.cset = cset
        self.block = result.block
        leaves = {n.id: n.final_points for n in result.walk() if not n.children}
        self.tally = Tally(cset, leaves)
        self._finals: dict[int, tuple[Option, Decimal]] = {}

    def leaf_points(self, option: Option) -> Decimal:
        """The points the engine gives the leaf with the option's evidence, its adjustments
        dropped: the rule's score of the value (a survey leaf: of the new answer distribution;
        no value scores 0), rounded at the leaf when the set rounds there."""
        known = self._finals.get(id(option))
        if known is not None and known[0] is option:
            return known[1]
        points = self.cset.rules[option.leaf_id].score(option.value)
        rounding = self.cset.rounding
        if rounding.at == "leaf":
            points = quantize(points, rounding.places, rounding.mode)
        self._finals[id(option)] = (option, points)  # the option kept, so its id stays its own
        return points

    def unrounded(self, options: Sequence[Option]) -> Decimal:
        """The engine's unrounded total with ``options`` applied."""
        return self.tally.total_with({o.leaf_id: self.leaf_points(o) for o in options})
