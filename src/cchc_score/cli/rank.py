"""rank: league tables from assessment files, folders or published totals (CSV)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cchc_score.errors import CchcScoreError
from cchc_score.loading import assessment_files, read_table
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.ranking import Entry, SkippedFile
from cchc_score.model.result import Result
from cchc_score.plugins import Registry
from cchc_score.published import entries_from_rows
from cchc_score.ranking import TIE_POLICIES, duplicates, rank
from cchc_score.render.ranking import league_csv, league_report
from cchc_score.writing import write_text

from .app import EXIT_INPUT, lang_of, lang_option, main, registry, set_option
from .core import resolve_set, run_score, score_file
from .export import export_option, show

#: From this many files on, a progress bar shows on a terminal.
PROGRESS_AT = 50
TABLE_SUFFIXES = (".csv",)


@dataclass
class Inputs:
    """What a list of paths yielded: entries, the sets they were scored under, the failures."""

    entries: list[Entry] = field(default_factory=list)
    sets: dict[tuple[str, str], CriteriaSet] = field(default_factory=dict)
    results: dict[str, Result] = field(default_factory=dict)
    skipped: list[SkippedFile] = field(default_factory=list)

    def skip(self, file: str, exc: CchcScoreError) -> None:
        message = f"{exc.place}: {exc.message}" if exc.place else exc.message
        self.skipped.append(SkippedFile(file=file, message=message, code=exc.code))
        click.echo(f"cchc-score: bỏ qua / skipped: {exc}", err=True)


def input_files(paths: Sequence[Path]) -> list[Path]:
    """Assessment files (folders expanded) and published tables, in the order given."""
    out: list[Path] = []
    for path in paths:
        if path.suffix.lower() in TABLE_SUFFIXES and not path.is_dir():
            out.append(path)
        else:
            out.extend(assessment_files([path]))
    return out


def collect(
    reg: Registry,
    paths: Sequence[Path],
    *,
    default_set: CriteriaSet | None = None,
    progress: bool | None = None,
) -> Inputs:
    """Score every assessment and read every published table; a bad file is skipped, named."""
    files = input_files(paths)
    got = Inputs()
    show = progress if progress is not None else len(files) >= PROGRESS_AT and sys.stderr.isatty()
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not show,
    )
    with bar:
        task = bar.add_task("chấm điểm / scoring", total=len(files))
        for file in files:
            try:
                _read(reg, file, got, default_set)
            except CchcScoreError as exc:
                got.skip(str(file), exc.located(file=str(file)))
            bar.advance(task)
    for dup, first in duplicates(got.entries):
        got.entries.remove(dup)
        got.skip(
            dup.source or dup.unit,
            CchcScoreError(
                f"unit {dup.unit!r} ({dup.block}, {dup.year}) is already given in {first.source}",
                file=dup.source,
                code="duplicate_unit",
            ),
        )
    return got


def _read(reg: Registry, file: Path, got: Inputs, default_set: CriteriaSet | None) -> None:
    if file.suffix.lower() in TABLE_SUFFIXES:
        header, rows = read_table(file)
        entries = entries_from_rows(
            header,
            rows,
            file=str(file),
            resolve=lambda set_id, version: resolve_set(reg, set_id, version),
            default_set=default_set,
        )
        for e in entries:
            if e.criteria_set is not None and e.set_version is not None:
                cset = resolve_set(reg, e.criteria_set, e.set_version)
                got.sets[(cset.id, cset.version)] = cset
        got.entries.extend(entries)
        return
    cset, doc = score_file(reg, file)
    result: Result = run_score(reg, cset, doc, file)
    got.sets[(cset.id, cset.version)] = cset
    got.results[str(file)] = result
    got.entries.append(Entry.from_result(result, source=str(file)))


def emit(text: str, output: Path | None) -> None:
    """Machine-readable output: to stdout, or written atomically to ``output``."""
    if output is not None:
        write_text(output, text)
    else:
        click.echo(text, nl=False)


@main.command("rank")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@set_option
@click.option(
    "--set-id",
    default=None,
    help="Bộ chỉ số cho bảng điểm công bố (CSV) không ghi bộ chỉ số / criteria set of published"
    " totals (CSV) whose rows name none: its maximum, bands and tie policy.",
)
@click.option("--set-version", default=None, help="Phiên bản của --set-id / its version.")
@click.option(
    "--tie-policy",
    type=click.Choice(TIE_POLICIES),
    default=None,
    help="Cách xếp đồng hạng thay cho bộ chỉ số / tie policy instead of the set's.",
)
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON / print JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="In dạng CSV / print CSV.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Ghi JSON/CSV ra tệp / write the JSON or CSV to a file (atomically).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Dừng nếu có tệp lỗi (mã 2) / stop with exit code 2 when any file is bad.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help=f"Thanh tiến độ / progress bar (default: on a terminal, from {PROGRESS_AT} files).",
)
@click.option(
    "--area-ranks",
    is_flag=True,
    help="Hiện hạng theo từng lĩnh vực / show each area's rank beside its points.",
)
@export_option
@lang_option
def rank_cmd(
    paths: tuple[Path, ...],
    set_paths: tuple[Path, ...],
    set_id: str | None,
    set_version: str | None,
    tie_policy: str | None,
    as_json: bool,
    as_csv: bool,
    output: Path | None,
    strict: bool,
    progress: bool | None,
    area_ranks: bool,
    export: Path | None,
    lang: str,
) -> None:
    """Xếp hạng các đơn vị theo khối / rank units within each block.

    PATHS are assessment files, folders of them, or CSV tables of published totals (columns
    unit, block, year, total or index; optional unit_id, total_max, appraised, survey,
    criteria_set, set_version, area:<id>).
    """
    if as_json and as_csv:
        raise click.UsageError("--json và --csv: chọn một / choose one of --json and --csv")
    reg = registry(set_paths)
    default_set = resolve_set(reg, set_id, set_version) if set_id else None
    got = collect(reg, paths, default_set=default_set, progress=progress)
    if strict and got.skipped:
        click.echo(
            f"cchc-score: {len(got.skipped)} tệp lỗi, không xếp hạng (--strict) /"
            f" {len(got.skipped)} bad file(s), nothing ranked (--strict)",
            err=True,
        )
        click.get_current_context().exit(EXIT_INPUT)
    if not got.entries:
        raise CchcScoreError(
            "nothing to rank: no assessment or published total could be read",
            code="nothing_to_rank",
        )
    sets = list(got.sets.values()) + ([default_set] if default_set else [])
    policy = next((p for p in TIE_POLICIES if p == tie_policy), None)
    league = rank(got.entries, policy=policy, sets=sets)
    league = league.model_copy(update={"skipped": tuple(got.skipped)})
    if as_json or as_csv:
        emit(league.model_dump_json(indent=2) + "\n" if as_json else league_csv(league), output)
        return
    if output is not None:
        raise click.UsageError("-o/--output cần --json hoặc --csv / needs --json or --csv")
    title = "Bảng xếp hạng CCHC" if lang == "vi" else "PAR index league table"
    show(league_report(league, lang_of(lang), area_ranks), export, title=title, lang=lang)
