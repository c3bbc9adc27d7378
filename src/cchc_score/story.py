"""A unit's story across years: its results and its place in its block each year.

The shipped Di Linh example (``examples/di_linh/<year>/*.yaml``) is one such story: Di Linh's
rank among Lâm Đồng's 12 district-level units, 2019 to 2021.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .engine import score
from .errors import CchcScoreError, UnknownIdError, msg
from .loading import assessment_files, load_assessment, locate, read_document
from .model.criteria import CriteriaSet
from .model.ranking import LeagueTable, Standing
from .model.result import Result
from .plugins import Registry
from .ranking import rank

#: The shipped story: folder under ``examples/``, criteria set, unit, and the rank it fell from.
DI_LINH_FOLDER = "di_linh"
DI_LINH_SET = "lam_dong_district_2021"
DI_LINH_UNIT = "di_linh"


@dataclass(frozen=True)
class YearPlace:
    """Where a unit stood in one year, and the unit holding the rank it measures itself by."""

    year: int
    standing: Standing
    target: Standing | None

    @property
    def gap(self) -> Decimal | None:
        """Index points between the unit and the target rank (0 when at or above it)."""
        if self.target is None:
            return None
        return max(self.target.index - self.standing.index, Decimal(0))


@dataclass(frozen=True)
class Story:
    """Every unit's results, the league tables they make, and one unit followed through them."""

    unit_id: str
    results: tuple[Result, ...]
    league: LeagueTable

    def result(self, year: int) -> Result:
        """The followed unit's result in ``year``."""
        for result in self.results:
            if result.year == year and result.unit_id == self.unit_id:
                return result
        raise UnknownIdError(
            msg("no result for unit {unit!r} in {year}", unit=self.unit_id, year=year),
            place=str(year),
        )

    @property
    def years(self) -> list[int]:
        return sorted({r.year for r in self.results if r.unit_id == self.unit_id})

    def places(self, target_rank: int = 3) -> list[YearPlace]:
        """The unit's standing each year, with the unit at ``target_rank`` in its block."""
        out = []
        for year in self.years:
            block = self.result(year).block
            table = next(t for t in self.league.blocks if t.year == year and t.block == block)
            own = next(s for s in table.standings if s.unit_id == self.unit_id)
            target = next((s for s in table.standings if s.rank == target_rank), None)
            out.append(YearPlace(year, own, target))
        return out


def score_files(cset: CriteriaSet, files: Iterable[Path]) -> list[Result]:
    """Score assessment files under one set; an error names the file and the line."""
    results = []
    for file in files:
        doc = load_assessment(file)
        try:
            results.append(score(cset, doc.submission))
        except CchcScoreError as exc:
            raise locate(exc, read_document(file)) from None
    return results


def year_folders(folder: Path) -> list[Path]:
    """The sub-folders of ``folder`` named by a year, oldest first."""
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name.isdigit())


def load_story(
    reg: Registry,
    folder: Path,
    unit_id: str = DI_LINH_UNIT,
    set_id: str = DI_LINH_SET,
    years: Sequence[Path] | None = None,
) -> Story:
    """Score every assessment in the year folders of ``folder`` and rank each year's blocks.

    Args:
        reg: the registry the criteria set is found in (installed plug-ins).
        folder: a folder holding one sub-folder per year (``2019/``, ``2020/``, …).
        unit_id: the unit to follow.
        set_id: the criteria set the assessments answer.
        years: the year folders to read (default: every one in ``folder``).
    """
    cset = reg.get_set(set_id)
    files = assessment_files(list(years if years is not None else year_folders(folder)))
    results = tuple(score_files(cset, files))
    if not any(r.unit_id == unit_id for r in results):
        raise UnknownIdError(
            msg("no assessment of unit {unit!r} in {folder}", unit=unit_id, folder=str(folder)),
            file=str(folder),
        )
    return Story(unit_id, results, rank(results, sets=[cset]))
