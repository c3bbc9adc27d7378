"""rank: league tables from assessment files, folders or published totals (CSV)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from cchc_score.errors import CchcScoreError, InputFileError
from cchc_score.ranking import TIE_POLICIES, rank
from cchc_score.render.ranking import league_csv, league_report
from cchc_score.writing import check_outputs, write_text

from .app import EXIT_INPUT, lang_of, lang_option, main, registry, set_option
from .core import resolve_set
from .export import check_export, export_option, show
from .export import force_option as force_option  # used by compare and simulate
from .inputs import PARALLEL_AT, PROGRESS_AT, collect, input_files


def read_paths(assessments: Iterable[Path], sets: Iterable[Path] = ()) -> list[Path]:
    """Every file a command reads: assessment files and tables (folders expanded as they are
    read), and the criteria-set files named, every file of a named pack folder included."""
    files = input_files(list(assessments))
    for path in sets:
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return files


def check_target(
    output: Path | None, inputs: Iterable[Path], force: bool, export: Path | None = None
) -> None:
    """Refuse an ``-o`` or ``--export`` file that is an input, the other output, a folder, or
    (without ``--force``) exists (``writing.check_outputs``)."""
    if output is not None and output.is_dir():
        raise InputFileError(
            "là thư mục, -o cần tên tệp / is a folder; -o needs a file name", file=str(output)
        )
    check_outputs([output, export], inputs, overwrite=force)


def output_format(output: Path | None, chosen: str | None, formats: tuple[str, ...]) -> str | None:
    """The format of the machine-readable output: the flag given (``chosen``), else, with
    ``-o``, the one its extension names (``.json``, ``.csv``), among ``formats``; an unknown
    extension is refused in one line."""
    if chosen is not None or output is None:
        return chosen
    suffix = output.suffix.lower().lstrip(".")
    if suffix not in formats:
        wanted = ", ".join(f".{f}" for f in formats)
        raise click.UsageError(
            f"-o {output}: cần đuôi {wanted} hoặc --{formats[0]} / the file must end in {wanted}"
            f" (or give --{formats[0]})"
        )
    return suffix


def emit(text: str, output: Path | None, force: bool = False) -> None:
    """Machine-readable output: to stdout, or written atomically to ``output`` (checked before
    the work with :func:`check_target`; without ``force``, only if it still does not exist)."""
    if output is not None:
        write_text(output, text, overwrite=force)
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
    help="Ghi JSON/CSV ra tệp / write the JSON or CSV to a file (atomically); without --json or"
    " --csv, the format follows the extension (.json, .csv).",
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
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Số tiến trình chấm điểm / processes scoring the files (default: one per CPU, at most"
    f" 4, from {PARALLEL_AT} files; 1 for none). A larger number is lowered to the CPUs"
    " available and the number of files.",
)
@click.option(
    "--area-ranks",
    is_flag=True,
    help="Hiện hạng theo từng lĩnh vực / show each area's rank beside its points.",
)
@force_option
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
    jobs: int | None,
    area_ranks: bool,
    force: bool,
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
    chosen = "json" if as_json else "csv" if as_csv else None
    fmt = output_format(output, chosen, ("json", "csv"))
    as_json, as_csv = fmt == "json", fmt == "csv"
    check_export(export, json=as_json, csv=as_csv)
    if set_version is not None and set_id is None:
        raise click.UsageError(
            f"--set-version {set_version} cần --set-id / --set-version {set_version} needs"
            " --set-id: the set it is a version of"
        )
    check_target(output, read_paths(paths, set_paths), force, export)
    reg = registry(set_paths)
    default_set = resolve_set(reg, set_id, set_version) if set_id else None
    got = collect(
        reg,
        paths,
        default_set=default_set,
        progress=progress,
        jobs=jobs,
        set_paths=set_paths,
    )
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
        emit(
            league.model_dump_json(indent=2) + "\n" if as_json else league_csv(league),
            output,
            force,
        )
        return
    title = "Bảng xếp hạng CCHC" if lang == "vi" else "PAR index league table"
    show(league_report(league, lang_of(lang), area_ranks), export, title=title, lang=lang)
