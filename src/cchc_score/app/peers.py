"""A unit's peers from what ``--peers`` names: folders, totals tables, other units' files, any
number of them, of the unit's year or of the year chosen (``peers_year``)."""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path

from cchc_score.errors import InputFileError, msg
from cchc_score.labels import block_words
from cchc_score.loading import DATA_SUFFIXES, assessment_files, read_document
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import AssessmentFile
from cchc_score.model.ranking import Entry
from cchc_score.ranking import duplicates
from cchc_score.simulate import Forecast, load_peer_table
from cchc_score.simulate.inputs import is_cost_table

from .context import Context
from .inputs import OnSkip, collect
from .scoring import score_path

#: What names a unit's peers: one path, or several.
PeerPaths = str | PathLike[str] | Sequence[str | PathLike[str]]


def peer_paths(paths: PeerPaths) -> list[Path]:
    """The paths named, as a list (one path given alone is a list of one)."""
    if isinstance(paths, str | PathLike):
        return [Path(paths)]
    return [Path(p) for p in paths]


def peers_from_folder(
    ctx: Context, folder: Path, own_file: Path, on_skip: OnSkip | None = None
) -> list[Entry]:
    """Score every assessment in ``folder`` but the unit's own file; a bad file is named and
    skipped, as ``rank`` does, and a cost table kept beside them is passed over quietly."""
    return _scored(ctx, [folder], own_file, on_skip)


def _scored(
    ctx: Context, paths: Sequence[Path], own_file: Path, on_skip: OnSkip | None
) -> list[Entry]:
    own = own_file.resolve()
    files = [f for f in assessment_files(paths) if not is_cost_table(f) and f.resolve() != own]
    return collect(ctx, files, on_skip=on_skip).entries if files else []


def is_peer_table(path: Path) -> bool:
    """A totals table (CSV, or a YAML/JSON list or ``peers:`` mapping), not an assessment."""
    if path.suffix.lower() == ".csv":
        return True
    if path.suffix.lower() not in DATA_SUFFIXES:
        return False
    data = read_document(path).data
    return isinstance(data, list) or (isinstance(data, dict) and "peers" in data)


def load_peers(
    ctx: Context,
    paths: PeerPaths,
    own_file: Path,
    own: AssessmentFile,
    cset: CriteriaSet,
    on_skip: OnSkip | None = None,
    *,
    peers_year: int | None = None,
) -> tuple[list[Entry], dict[str, Forecast]]:
    """The unit's peers of its block, of its year or of ``peers_year``, and their forecasts
    when a table gives them.

    With ``peers_year`` (a draft against last year's results), the unit's own result of that
    year is not its peer: the draft takes its place.
    """
    year = own.year if peers_year is None else peers_year
    given = peer_paths(paths)
    forecasts: dict[str, Forecast] = {}
    entries: list[Entry] = []
    folders: list[Path] = []
    for path in given:
        if not path.exists():
            raise InputFileError(msg("file or folder not found"), file=str(path))
        if path.is_dir():
            folders.append(path)
        elif is_peer_table(path):
            rows, told = load_peer_table(path, cset, own.block, year, resolve=ctx.resolve_set)
            entries += rows
            forecasts.update(told)
        else:  # another unit's file, named: an error in it stops the command
            entries.append(Entry.from_result(score_path(ctx, path).result, source=str(path)))
    entries = _scored(ctx, folders, own_file, on_skip) + entries
    where = ", ".join(map(str, given))
    of_block = [e for e in entries if e.block == own.block]
    kept = [e for e in of_block if e.year == year]
    if year != own.year:
        kept = [e for e in kept if not _same_unit(e, own)]
    if not kept:
        raise _no_peer(own, year, peers_year, sorted({e.year for e in of_block}), where)
    for dup, first in duplicates(kept)[:1]:  # counted twice, it would cost the unit a rank
        raise InputFileError(
            msg(
                "unit {unit!r} ({block}, {year}) is already given in {source}",
                unit=dup.unit,
                block=dup.block,
                year=dup.year,
                source=first.source,
            ),
            file=dup.source or where,
            code="duplicate_unit",
        )
    return kept, forecasts


def _same_unit(entry: Entry, own: AssessmentFile) -> bool:
    if entry.unit_id and own.unit_id:
        return entry.unit_id == own.unit_id
    return entry.unit == own.unit


def _no_peer(
    own: AssessmentFile, year: int, chosen: int | None, years: list[int], where: str
) -> InputFileError:
    """No peer found: when the peers are of another year and none was chosen, say how to
    compare with that year's results."""
    others = [y for y in years if y != own.year]
    if chosen is None and others:
        return InputFileError(
            msg(
                "no peer of block {block} in {year} found; the peers given are of {years}:"
                " to compare with other units' {last} results, choose that year"
                " (--peers-year {last})",
                block=block_words(own.block),
                year=year,
                years=", ".join(map(str, years)),
                last=others[-1],
            ),
            file=where,
            place="peers",
            code="peers_of_another_year",
        )
    return InputFileError(
        msg("no peer of block {block} in {year} found", block=block_words(own.block), year=year),
        file=where,
        place="peers",
    )
