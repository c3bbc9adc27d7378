"""What the server holds: the units read from the folders served (read once, never written),
their league tables, and the files users uploaded (in memory, each under an unguessable key)."""

from __future__ import annotations

import secrets
import tempfile
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import Any

from cchc_score.app import Context, Inputs, league_of, score_path
from cchc_score.app.inputs import skip_duplicates
from cchc_score.app.simulation import set_source
from cchc_score.errors import CchcScoreError, InputFileError, Msg, localized_place, msg
from cchc_score.i18n import Label
from cchc_score.loading import DATA_SUFFIXES, WORKBOOK_SUFFIXES, assessment_files
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import AssessmentFile
from cchc_score.model.ranking import Entry, LeagueTable, SkippedFile
from cchc_score.model.result import Result
from cchc_score.rules import Rule
from cchc_score.simulate import CostTable

from . import compute

#: Largest upload accepted (bytes): a filled workbook is some tens of kB.
MAX_UPLOAD = 2 * 1024 * 1024
#: Uploaded units kept in memory; the oldest is forgotten first.
MAX_UPLOADS = 200
UPLOAD_SUFFIXES = (*DATA_SUFFIXES, *WORKBOOK_SUFFIXES)


@dataclass(frozen=True)
class Unit:
    """One unit's file as read: where from, its set, its submission, its score, its costs."""

    key: str
    name: str
    path: Path | None
    cset: CriteriaSet
    doc: AssessmentFile
    result: Result
    costs: CostTable | None
    costs_source: Path | None


class Workspace:
    """The folders served, read once at start; uploads kept apart, per key."""

    def __init__(self, ctx: Context, folders: Sequence[Path]) -> None:
        self.ctx = ctx
        self.roots = tuple(Path(f).resolve() for f in folders)
        self._rules: dict[tuple[str, str], dict[str, Rule]] = {}
        self._uploads: OrderedDict[str, Unit] = OrderedDict()
        self._lock = Lock()
        self.units: dict[str, Unit] = {}
        skipped: list[SkippedFile] = []
        #: Why a file was skipped, as a message the page says in its own language.
        self.skipped_said: dict[str, Msg] = {}
        for index, root in enumerate(self.roots):
            files = [f for f in assessment_files([root]) if not compute.is_cost_table(f)]
            for file in files:
                rel = file.relative_to(root).as_posix() if root.is_dir() else file.name
                key = f"{index}/{rel}" if len(self.roots) > 1 else rel
                try:
                    self.units[key] = self._read(key, file)
                except CchcScoreError as exc:
                    message = f"{exc.place}: {exc.message}" if exc.place else exc.message
                    skipped.append(SkippedFile(file=key, message=message, code=exc.code))
                    self.skipped_said[key] = _said_here(exc)
        got = Inputs(entries=[Entry.from_result(u.result, source=k) for k, u in self.units.items()])
        for unit in self.units.values():
            got.sets[(unit.cset.id, unit.cset.version)] = unit.cset
        # A unit given twice in a year (an improved copy beside the file) is ranked once, as
        # `rank` does; its other file can still be opened.
        skip_duplicates(got)
        self.skipped = (*skipped, *got.skipped)
        self.entries = got.entries
        self.league: LeagueTable | None = league_of(got) if got.entries else None

    def rules(self, cset: CriteriaSet) -> dict[str, Rule]:
        key = (cset.id, cset.version)
        if key not in self._rules:
            self._rules[key] = compute.rules_of(cset)
        return self._rules[key]

    def _read(self, key: str, file: Path, name: str | None = None, upload: bool = False) -> Unit:
        scored = score_path(self.ctx, file)
        cset = scored.criteria_set
        costs, source = compute.costs_for(
            None if upload else file.resolve(), self.roots, set_source(self.ctx, cset)
        )
        if costs is not None and source is not None:
            compute.check_costs(costs, cset, self.rules(cset), source)
        return Unit(
            key, name or file.name, file, cset, scored.document, scored.result, costs, source
        )

    def unit(self, key: str) -> Unit:
        """A unit by key (a folder's file or an upload); KeyError when unknown."""
        if key.startswith("upload/"):
            with self._lock:
                return self._uploads[key]
        return self.units[key]

    def peers(self, unit: Unit) -> list[Entry]:
        """The other units of the unit's block and year among those loaded."""
        own = Entry.from_result(unit.result)
        return [
            e
            for e in self.entries
            if e.block == own.block and e.year == own.year and not e.same_unit(own)
        ]

    def years_of(self, unit: Unit) -> list[Unit]:
        """The same unit's files of other years, oldest first."""
        own = Entry.from_result(unit.result)
        same = [
            u
            for u in self.units.values()
            if u.key != unit.key and Entry.from_result(u.result).same_unit(own)
        ]
        return sorted(same, key=lambda u: u.result.year)

    def add_upload(self, filename: str, data: bytes) -> Unit:
        """Read an uploaded file like any input (in a temporary folder, never a folder served);
        an error names the file as the user called it."""
        name = Path(filename or "upload").name
        suffix = Path(name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise InputFileError(
                msg(
                    "unsupported file type {suffix!r}: give {known}",
                    suffix=suffix or msg("(none)"),
                    known=", ".join(UPLOAD_SUFFIXES),
                ),
                file=name,
            )
        if len(data) > MAX_UPLOAD:
            raise InputFileError(
                msg(
                    "file too large ({size} kB, at most {most} kB)",
                    size=len(data) // 1024,
                    most=MAX_UPLOAD // 1024,
                ),
                file=name,
            )
        key = f"upload/{secrets.token_urlsafe(12)}"
        with tempfile.TemporaryDirectory(prefix="cchc-serve-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            try:
                unit = self._read(key, path, name, upload=True)
            except CchcScoreError as exc:
                raise _renamed(exc, str(path), name) from None
        unit = Unit(
            key, name, None, unit.cset, unit.doc, unit.result, unit.costs, unit.costs_source
        )
        with self._lock:
            self._uploads[key] = unit
            while len(self._uploads) > MAX_UPLOADS:
                self._uploads.popitem(last=False)
        return unit


def _renamed(exc: CchcScoreError, tmp: str, name: str) -> CchcScoreError:
    """The error naming the upload by its own name instead of the temporary path."""
    if exc.file is not None:
        exc.file = exc.file.replace(tmp, name)
    exc.message = _renamed_in(exc.message, tmp, name)
    exc.args = (exc.message,)
    return exc


def _renamed_in(said: Any, tmp: str, name: str) -> Any:
    """A message, and the values it says, with the temporary path replaced by ``name``."""
    if isinstance(said, Msg):
        params = {k: _renamed_in(v, tmp, name) for k, v in said.params.items()}
        return Msg.worded(str(said).replace(tmp, name), Msg(said.template, **params))
    if isinstance(said, Label):
        return Label(said.vi.replace(tmp, name), said.en.replace(tmp, name))
    return said.replace(tmp, name) if isinstance(said, str) else said


def _said_here(exc: CchcScoreError) -> Msg:
    """The place and the problem of ``exc`` (the file is named beside it), in either language."""
    message = exc.message if isinstance(exc.message, Msg) else Msg(exc.message)
    if not exc.place:
        return message
    where = Label(localized_place(exc.place, "vi"), exc.place)
    return msg("{where}: {problem}", where=where, problem=message)
