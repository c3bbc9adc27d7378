"""Year-over-year comparison of one unit: per node changes, method vs performance, rank effects."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from pydantic import Field

from cchc_score.i18n import Label

from .base import Frozen
from .criteria import TiePolicy
from .lineage import Crossing

ChangeStatus = Literal["same", "new", "removed", "max_changed", "rule_changed"]


class NodeChange(Frozen):
    """One node's points before and after, and where the difference comes from.

    ``method + performance == difference`` for every leaf; a parent's ``method`` and
    ``performance`` are the sums of its children's.
    """

    id: str
    label_vi: str
    label_en: str
    level: int
    status: ChangeStatus
    max_before: Decimal | None = None
    max_after: Decimal | None = None
    before: Decimal | None = None
    after: Decimal | None = None
    difference: Decimal
    method: Decimal
    performance: Decimal
    children: tuple[NodeChange, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def label(self) -> Label:
        """The label in Vietnamese and English."""
        return Label(self.label_vi, self.label_en)

    def walk(self) -> Iterator[NodeChange]:
        yield self
        for child in self.children:
            yield from child.walk()


#: Which way a rank moved: ``down`` is a worse rank (a larger rank number), ``up`` a better one.
RankDirection = Literal["up", "down", "unchanged"]
PLACES_LOST = (
    " Sign convention: rank numbers, so a positive number is places lost (the unit went down),"
    " a negative one places gained (it went up)."
)


def direction_of(places_lost: int | Decimal) -> RankDirection:
    """``down`` for places lost (a positive move of the rank number), ``up`` for places gained."""
    return "down" if places_lost > 0 else "up" if places_lost < 0 else "unchanged"


class RankChange(Frozen):
    """How the unit's rank moved, and how much of it is its own doing.

    Four ranks: the unit's old and new index, each against its peers' old and new indexes.
    ``own_effect`` is the average move from changing only the unit's own index (against old
    peers, and against new peers); ``others_effect`` the average move from changing only the
    peers. They add up to ``change``. They count rank numbers: positive numbers are places
    lost (6th to 8th is ``change`` 2, ``direction`` "down").
    """

    tie_policy_old: TiePolicy
    tie_policy_new: TiePolicy
    of_old: int
    of_new: int
    rank_old: int
    rank_new: int
    #: The unit's new index against the old peers: what its own change alone would have done.
    rank_own_only: int
    #: The unit's old index against the new peers: what the others' change alone would have done.
    rank_others_only: int
    change: int = Field(description="rank_new - rank_old." + PLACES_LOST)
    direction: RankDirection = Field(
        description="Which way the rank moved: 'down' (places lost, change > 0), 'up' (places"
        " gained, change < 0) or 'unchanged'."
    )
    own_effect: Decimal = Field(
        description="Places moved by the unit's own index change (a half when the two orders"
        " of change disagree)." + PLACES_LOST
    )
    others_effect: Decimal = Field(
        description="Places moved by the other units' change." + PLACES_LOST
    )
    #: Peers level with or below the unit before, above it after.
    overtaken_by: tuple[str, ...] = ()
    #: Peers above the unit before, level with or below it after.
    overtook: tuple[str, ...] = ()
    #: Mean index change of the peers present in both years.
    peers_mean_index_change: Decimal | None = None


class Comparison(Frozen):
    """A unit's result in two years, explained.

    ``sum(leaf differences) + rounding_and_caps == total_difference``, and
    ``method_effect + performance_effect == sum(leaf differences)``.
    """

    unit: str
    unit_id: str | None = None
    block: str
    year_old: int
    year_new: int
    set_old: str
    set_new: str
    same_method: bool
    total_before: Decimal
    total_after: Decimal
    total_difference: Decimal
    total_max_before: Decimal
    total_max_after: Decimal
    index_before: Decimal
    index_after: Decimal
    index_difference: Decimal
    method_effect: Decimal
    performance_effect: Decimal
    #: Rounding of the total and caps (bonus content, the total cap): what leaves do not explain.
    rounding_and_caps: Decimal
    areas: tuple[NodeChange, ...]
    rank: RankChange | None = None
    #: Set when the comparison crosses a reorganisation (another unit, another set): areas are
    #: then compared as a whole, their criteria not matched. Left out of JSON when None.
    crossing: Crossing | None = Field(default=None, exclude_if=lambda v: v is None)

    def walk(self) -> Iterator[NodeChange]:
        for area in self.areas:
            yield from area.walk()

    def leaves(self) -> list[NodeChange]:
        return [n for n in self.walk() if n.is_leaf]

    def node(self, node_id: str) -> NodeChange:
        for node in self.walk():
            if node.id == node_id:
                return node
        raise KeyError(node_id)
