"""League tables: a unit's figures (entry), its place (standing), a block's table, all tables."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from pydantic import Field

from cchc_score.i18n import Label

from .base import Frozen
from .criteria import Band, TiePolicy
from .result import Result


class AreaPoints(Frozen):
    """Points of one area (a root node of the set), and the unit's rank on it within its block."""

    id: str
    label_vi: str
    label_en: str
    points: Decimal
    max_points: Decimal | None = None
    rank: int | None = None
    of: int | None = None

    @property
    def label(self) -> Label:
        """The label in Vietnamese and English."""
        return Label(self.label_vi, self.label_en)


class Entry(Frozen):
    """One unit's figures as a league table needs them: from a scored result or a published row.

    ``index`` is what units are ranked on; ``total`` and the parts are absent when a published
    table gives only the index.
    """

    unit: str = Field(min_length=1)
    unit_id: str | None = None
    block: str = Field(min_length=1)
    year: int
    criteria_set: str | None = None
    set_version: str | None = None
    total: Decimal | None = None
    unrounded_total: Decimal | None = None
    total_max: Decimal | None = None
    index: Decimal
    appraised: Decimal | None = None
    survey: Decimal | None = None
    band: Band | None = None
    areas: tuple[AreaPoints, ...] = ()
    #: Where the figures came from: a file, or a file and line.
    source: str | None = None
    #: The rank and "of N" a published table prints, kept when the table lists only some of
    #: the units ranked (see :func:`cchc_score.ranking.kept_rank`).
    published_rank: int | None = Field(default=None, ge=1, exclude_if=lambda r: r is None)
    published_of: int | None = Field(default=None, ge=1, exclude_if=lambda n: n is None)

    @classmethod
    def from_result(cls, result: Result, source: str | None = None) -> Entry:
        """The figures of a scored assessment; each root node of the set is an area."""
        # A Result is validated already: model_construct keeps ranking thousands of units fast.
        return cls.model_construct(
            unit=result.unit,
            unit_id=result.unit_id,
            block=result.block,
            year=result.year,
            criteria_set=result.criteria_set,
            set_version=result.set_version,
            total=result.total,
            unrounded_total=result.unrounded_total,
            total_max=result.total_max,
            index=result.index,
            appraised=result.appraisal_total,
            survey=result.survey_total,
            band=result.band,
            areas=tuple(
                AreaPoints.model_construct(
                    id=node.id,
                    label_vi=node.label_vi,
                    label_en=node.label_en,
                    points=node.final_points,
                    max_points=node.max_points,
                    rank=None,
                    of=None,
                )
                for node in result.nodes
            ),
            source=source,
        )

    @property
    def identity(self) -> str:
        """What makes two entries the same unit: the unit id when given, else the name."""
        return self.unit_id if self.unit_id else self.unit

    def same_unit(self, other: Entry) -> bool:
        """Same unit: equal unit ids when both have one, else equal names."""
        if self.unit_id and other.unit_id:
            return self.unit_id == other.unit_id
        return self.unit == other.unit

    @property
    def unrounded_index(self) -> Fraction:
        """The index before any rounding, exactly; the published index when no total is known."""
        total = self.unrounded_total if self.unrounded_total is not None else self.total
        if total is None or not self.total_max:
            return Fraction(self.index)
        return Fraction(total) * 100 / Fraction(self.total_max)

    def area(self, area_id: str) -> AreaPoints | None:
        return next((a for a in self.areas if a.id == area_id), None)


class Standing(Entry):
    """An entry with its rank among the ``of`` units of its block."""

    rank: int = Field(ge=1)
    of: int = Field(ge=1)


class BlockTable(Frozen):
    """The league table of one block in one year."""

    block: str
    year: int
    tie_policy: TiePolicy
    #: The criteria sets the units were scored under, as ``id version``.
    criteria_sets: tuple[str, ...] = ()
    #: Sets of ``criteria_sets`` whose index years do not include ``year``, as
    #: ``id version (first–last)``: the table is ranked under a set outside its years (a file
    #: named that version). Left out of JSON when empty.
    sets_outside_years: tuple[str, ...] = Field(default=(), exclude_if=lambda v: not v)
    #: The bands of this block, best first, from its criteria set.
    bands: tuple[Band, ...] = ()
    #: Units per band code, best band first; units without a band are not counted.
    band_counts: dict[str, int] = Field(default_factory=dict)
    standings: tuple[Standing, ...]

    def standing(self, unit: str) -> Standing | None:
        """The standing of a unit, by unit id or name."""
        return next((s for s in self.standings if unit in (s.unit_id, s.unit)), None)


class SkippedFile(Frozen):
    """An input that could not be ranked, and why."""

    file: str
    message: str
    code: str


class LeagueTable(Frozen):
    """League tables of every block and year given, in order of year then block."""

    blocks: tuple[BlockTable, ...]
    skipped: tuple[SkippedFile, ...] = ()
    #: The year every unit of another year (a draft) was ranked against, when one was chosen:
    #: each block's ``year`` is then this one, and those units keep their own ``year``.
    peers_year: int | None = None

    def block(self, block: str, year: int | None = None) -> BlockTable:
        for table in self.blocks:
            if table.block == block and year in (None, table.year):
                return table
        raise KeyError(block)

    def standing(self, unit: str) -> Standing | None:
        for table in self.blocks:
            found = table.standing(unit)
            if found is not None:
                return found
        return None

    @property
    def tie_policies(self) -> tuple[TiePolicy, ...]:
        return tuple(sorted({b.tie_policy for b in self.blocks}))
