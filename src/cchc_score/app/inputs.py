"""Reading many units at once: assessment files (scored, in worker processes when there are
many), folders of them, and published tables; a bad file is named and skipped."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from cchc_score.errors import CchcScoreError, msg
from cchc_score.loading import assessment_files, read_table
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.ranking import Entry, SkippedFile
from cchc_score.published import entries_from_rows
from cchc_score.ranking import duplicates
from cchc_score.simulate.inputs import is_cost_table

from .context import Context, open_context
from .scoring import score_path
from .settings import PARALLEL_AT

TABLE_SUFFIXES = (".csv",)

#: A scored file: its entry and the key of its set, or the error that stopped it.
Outcome = tuple[Entry, tuple[str, str]] | CchcScoreError
#: Told of each file skipped, with the error naming what is wrong in it.
OnSkip = Callable[[CchcScoreError], None]
#: Told after each file: how many files have been read, of how many.
OnProgress = Callable[[int, int], None]


@dataclass
class Inputs:
    """What a list of paths yielded: entries, the sets they were scored under, the failures."""

    entries: list[Entry] = field(default_factory=list)
    sets: dict[tuple[str, str], CriteriaSet] = field(default_factory=dict)
    skipped: list[SkippedFile] = field(default_factory=list)
    on_skip: OnSkip | None = None

    def skip(self, file: str, exc: CchcScoreError) -> None:
        message = f"{exc.place}: {exc.message}" if exc.place else exc.message
        self.skipped.append(SkippedFile(file=file, message=message, code=exc.code))
        if self.on_skip is not None:
            self.on_skip(exc)


def input_files(paths: Sequence[str | PathLike[str]]) -> list[Path]:
    """Assessment files (folders expanded) and published tables, in the order given.

    A cost table in a folder (``costs.yaml``) is not an assessment and is left out. A file
    reached twice (a folder given twice, a file given and inside a folder given, the
    same path spelt two ways) is listed once, where first reached.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        if path.suffix.lower() in TABLE_SUFFIXES and not path.is_dir():
            found = [path]
        else:
            # A folder may keep its cost table beside the assessments (simulate reads it):
            # passed over quietly, as simulate does, so --strict accepts such a folder.
            found = [f for f in assessment_files([path]) if not is_cost_table(f)]
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                out.append(file)
    return out


def read_paths(
    assessments: Sequence[str | PathLike[str]], sets: Sequence[str | PathLike[str]] = ()
) -> list[Path]:
    """Every file a command reads: assessment files and tables (folders expanded as they are
    read), and the criteria-set files named, every file of a named pack folder included."""
    files = input_files(list(assessments))
    for path in map(Path, sets):
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return files


def score_one(ctx: Context, file: Path) -> Outcome:
    """The entry of one assessment file, or the error naming what is wrong in it."""
    try:
        scored = score_path(ctx, file)
    except CchcScoreError as exc:
        return exc.located(file=str(file))
    cset = scored.criteria_set
    return Entry.from_result(scored.result, source=str(file)), (cset.id, cset.version)


# Worker processes build their own context once (plug-ins, --set packs) and keep it here.
_worker_context: list[Context] = []


def _start_worker(set_paths: tuple[Path, ...]) -> None:
    # A forked worker inherits the parent's SIGTERM handler; the parent ends workers with
    # SIGTERM, which must simply end them.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_context.append(open_context(set_paths))


def _score_in_worker(files: list[Path]) -> list[Outcome]:
    return [score_one(_worker_context[0], file) for file in files]


def _scored(ctx: Context, files: list[Path], jobs: int) -> Iterator[Outcome]:
    # No more workers than the CPUs this process may use, nor than files: --jobs 64 on two
    # CPUs starts two.
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        cpus = os.process_cpu_count() or 1
    elif hasattr(os, "sched_getaffinity"):
        cpus = len(os.sched_getaffinity(0)) or 1
    else:
        cpus = os.cpu_count() or 1
    jobs = min(jobs, cpus, len(files))
    if jobs <= 1:
        yield from (score_one(ctx, f) for f in files)
        return
    # SIGTERM ends the command as SIGINT does (exit 143 instead of 130), and whatever stops the
    # command (an exception here or where the results are used, which closes this generator)
    # terminates the workers: shutdown() would let running ones finish their work first.
    main = threading.current_thread() is threading.main_thread()

    def on_sigterm(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, on_sigterm) if main else None
    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(ctx.set_paths,))
    finished = False
    size = max(1, len(files) // (8 * jobs))
    try:
        # Chunks submitted by hand, not pool.map: map cancels its futures when stopped, and the
        # executor (Python 3.11) then fails on them when its workers are terminated.
        chunks = [
            pool.submit(_score_in_worker, files[i : i + size]) for i in range(0, len(files), size)
        ]
        for chunk in chunks:
            yield from chunk.result()
        finished = True
    finally:
        if main and previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if not finished:
            # The executor's own processes: no public way to end the running ones.
            procs = list((getattr(pool, "_processes", None) or {}).values())
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.join(timeout=2)
                if proc.is_alive():
                    proc.kill()
                    proc.join()
        # Waiting for the executor's own thread even when stopped: left running, it may close
        # its wake-up pipe while the interpreter's exit hook writes to it (Python 3.11), which
        # printed "Bad file descriptor" after an otherwise clean SIGTERM.
        pool.shutdown(wait=True, cancel_futures=not finished)


def collect(
    ctx: Context,
    paths: Sequence[str | PathLike[str]],
    *,
    default_set: CriteriaSet | None = None,
    jobs: int | None = None,
    on_skip: OnSkip | None = None,
    on_progress: OnProgress | None = None,
) -> Inputs:
    """Score every assessment and read every published table; a bad file is skipped, named.

    Args:
        default_set: the set of published rows that name none.
        jobs: worker processes for scoring; None: one per CPU (at most 4) from
            ``PARALLEL_AT`` assessment files on, else none. Never more than the CPUs this
            process may use and the number of files.
        on_skip: told of each bad file as it is skipped.
        on_progress: told after each file.
    """
    files = input_files(paths)
    tables = [f for f in files if f.suffix.lower() in TABLE_SUFFIXES]
    assessments = [f for f in files if f.suffix.lower() not in TABLE_SUFFIXES]
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 4) if len(assessments) >= PARALLEL_AT else 1
    got = Inputs(on_skip=on_skip)
    done = 0
    for table in tables:
        try:
            _read_table(ctx, table, got, default_set)
        except CchcScoreError as exc:
            got.skip(str(table), exc.located(file=str(table)))
        done += 1
        if on_progress is not None:
            on_progress(done, len(files))
    for file, outcome in zip(assessments, _scored(ctx, assessments, jobs), strict=True):
        if isinstance(outcome, CchcScoreError):
            got.skip(str(file), outcome)
        else:
            entry, key = outcome
            got.entries.append(entry)
            if key not in got.sets:
                got.sets[key] = ctx.resolve_set(*key)
        done += 1
        if on_progress is not None:
            on_progress(done, len(files))
    skip_duplicates(got)
    return got


def _read_table(ctx: Context, file: Path, got: Inputs, default_set: CriteriaSet | None) -> None:
    header, rows = read_table(file)
    entries = entries_from_rows(
        header, rows, file=str(file), resolve=ctx.resolve_set, default_set=default_set
    )
    for e in entries:
        if e.criteria_set is not None and e.set_version is not None:
            key = (e.criteria_set, e.set_version)
            if key not in got.sets:
                got.sets[key] = ctx.resolve_set(*key)
    got.entries.extend(entries)


def skip_duplicates(got: Inputs) -> None:
    """Keep the first file of a unit given twice in a block and year; say which were skipped."""
    dropped = set()
    for dup, first in duplicates(got.entries):
        dropped.add(id(dup))
        got.skip(
            dup.source or dup.unit,
            CchcScoreError(
                msg(
                    "unit {unit!r} ({block}, {year}) is already given in {source}",
                    unit=dup.unit,
                    block=dup.block,
                    year=dup.year,
                    source=first.source,
                ),
                file=dup.source,
                code="duplicate_unit",
            ),
        )
    got.entries = [e for e in got.entries if id(e) not in dropped]
