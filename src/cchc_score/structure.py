"""A criteria set's structure as practitioners count it ("8 lĩnh vực · 37 TC · 88 TCTP")."""

from __future__ import annotations

from .model.base import Frozen
from .model.criteria import CriteriaSet, Node


class Structure(Frozen):
    """A set's tree as practitioners count it: areas (lĩnh vực), criteria (tiêu chí, TC) under
    them, sub-criteria (tiêu chí thành phần, TCTP) below those, and the leaves scored."""

    areas: int
    criteria: int
    sub_criteria: int
    leaves: int


def structure(cset: CriteriaSet) -> Structure:
    """Areas are the roots, criteria their children, sub-criteria every node deeper."""
    depths: list[int] = []

    def walk(node: Node, depth: int) -> None:
        depths.append(depth)
        for child in node.children:
            walk(child, depth + 1)

    for root in cset.nodes:
        walk(root, 0)
    return Structure(
        areas=depths.count(0),
        criteria=depths.count(1),
        sub_criteria=sum(1 for d in depths if d >= 2),
        leaves=len(cset.leaves()),
    )
