"""Following a territory across a reorganisation (Lâm Đồng 2025: districts abolished, communes
merged): read a lineage table, find the link between an old unit and a new one, and say what a
comparison across it crosses — a change of unit and a change of method."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from .errors import CchcScoreError, msg
from .formats.document import read_document
from .loading import parse
from .model.criteria import CriteriaSet
from .model.lineage import Crossing, Lineage, LineageLink
from .model.ranking import LeagueTable, Standing
from .model.result import Result


class LineageError(CchcScoreError):
    """Two units a comparison names are not linked by the lineage table given."""

    code = "not_in_lineage"


def load_lineage(path: str | PathLike[str]) -> Lineage:
    """A lineage table (YAML or JSON, ``kind: lineage``); errors name the file, line and key."""
    return parse(Lineage, read_document(Path(path)))


def crossing(
    lineage: Lineage,
    old: Result,
    new: Result,
    old_set: CriteriaSet,
    new_set: CriteriaSet,
) -> Crossing:
    """What comparing ``old`` with ``new`` crosses; LineageError when the table does not link
    the old unit to the new one."""
    link = lineage.link(old.unit_id, old.unit, new.unit_id, new.unit)
    if link is None:
        successors = [x.new.unit for x in lineage.successors(old.unit_id, old.unit)]
        raise LineageError(
            msg(
                "the lineage table does not link {old!r} to {new!r} (it became: {became})",
                old=old.unit,
                new=new.unit,
                became=", ".join(successors) or "-",
            )
        )
    return Crossing(
        old_unit=old.unit,
        new_unit=new.unit,
        effective=lineage.effective,
        successors=tuple(x.new.unit for x in lineage.successors(old.unit_id, old.unit)),
        status=link.status,
        source=link.source or lineage.source,
        set_old=f"{old_set.id} {old_set.version}",
        set_new=f"{new_set.id} {new_set.version}",
    )


@dataclass(frozen=True)
class Successor:
    """One unit an old unit's territory became, and its place in the new year's league."""

    link: LineageLink
    standing: Standing | None


@dataclass(frozen=True)
class Territory:
    """An old unit followed across a reorganisation into the units it became."""

    old_unit: str
    year_new: int
    effective: dt.date
    successors: tuple[Successor, ...]


def follow(lineage: Lineage, unit_id: str | None, unit: str, league: LeagueTable) -> Territory:
    """The units ``unit``'s territory became and their standings in ``league`` (the new year);
    LineageError when the table does not list the unit."""
    links = lineage.successors(unit_id, unit)
    if not links:
        raise LineageError(msg("the lineage table does not list {unit!r}", unit=unit))
    rows = []
    for link in links:
        standing = None
        for table in league.blocks:
            if table.year != lineage.year_new:
                continue
            found = next((s for s in table.standings if link.new.names(s.unit_id, s.unit)), None)
            standing = standing or found
        rows.append(Successor(link, standing))
    return Territory(unit, lineage.year_new, lineage.effective, tuple(rows))
