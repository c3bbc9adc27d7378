"""Units across a reorganisation: which old units (a district, its communes) became which new
unit. A unit's id does not survive a merger; the lineage is what links the two."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import Frozen

LinkStatus = Literal["seen", "inferred", "illustrative"]


class UnitRef(Frozen):
    """A unit as its assessment files name it."""

    unit: str = Field(min_length=1)
    unit_id: str | None = None
    #: The unit's level: district, commune, ward, special zone, department…
    level: str | None = None

    @property
    def identity(self) -> str:
        return self.unit_id or self.unit

    def names(self, unit_id: str | None, unit: str) -> bool:
        """Whether a result's ``unit_id`` / ``unit`` is this unit."""
        if self.unit_id and unit_id:
            return self.unit_id == unit_id
        return self.unit == unit


class LineageLink(Frozen):
    """One new unit and the old units its territory came from."""

    new: UnitRef
    old: tuple[UnitRef, ...] = Field(min_length=1)
    #: The old communes (or parts of them) merged into the new unit, as text.
    old_parts: tuple[str, ...] = ()
    status: LinkStatus
    source: str | None = None
    note: str | None = None


class Lineage(Frozen):
    """A lineage table: the reorganisation's date and its links, old units to new ones."""

    kind: Literal["lineage"] = "lineage"
    title_vi: str
    title_en: str
    effective: dt.date
    #: The last index year of the old units and the first of the new ones.
    year_old: int = Field(ge=2000, le=2100)
    year_new: int = Field(ge=2000, le=2100)
    source: str | None = None
    links: tuple[LineageLink, ...] = Field(min_length=1)

    def successors(self, unit_id: str | None, unit: str = "") -> list[LineageLink]:
        """The links whose old units include this unit (a district split in several communes)."""
        return [x for x in self.links if any(o.names(unit_id, unit) for o in x.old)]

    def predecessors(self, unit_id: str | None, unit: str = "") -> list[UnitRef]:
        """The old units the new unit came from."""
        return [o for x in self.links if x.new.names(unit_id, unit) for o in x.old]

    def link(
        self, old_id: str | None, old_unit: str, new_id: str | None, new_unit: str
    ) -> LineageLink | None:
        """The link from an old unit to a new one, if the table has it."""
        for x in self.links:
            if x.new.names(new_id, new_unit) and any(o.names(old_id, old_unit) for o in x.old):
                return x
        return None


class Crossing(Frozen):
    """What a comparison across a reorganisation crosses: a change of unit and of method."""

    old_unit: str
    new_unit: str
    effective: dt.date
    #: Every unit the old unit's territory became (the new unit among them).
    successors: tuple[str, ...]
    status: LinkStatus
    source: str | None = None
    set_old: str
    set_new: str
