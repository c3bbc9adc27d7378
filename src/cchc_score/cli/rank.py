"""rank: league tables from assessment files, folders or published totals (CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cchc_score.errors import msg
from cchc_score.i18n import nt, t

if TYPE_CHECKING:
    from cchc_score.model.ranking import LeagueTable

from .export import check_export, export_option, force_option, lazy_page, show
from .main import EXIT_INPUT
from .options import (
    LAYOUT,
    catalogue_choice,
    check_target,
    check_xlsx_export,
    check_xlsx_flag,
    collect_with_progress,
    context,
    current_lang,
    emit,
    lang_of,
    lang_option,
    output_format,
    set_option,
    worded_choice,
)

#: ``cchc_score.ranking.TIE_POLICIES``, spelt here so that ``--help`` imports no models.
TIE_POLICY_CHOICES = ("shared", "dense", "unrounded", "appraised_first")
#: ``cchc_score.app.spreadsheets.LEAGUE_LAYOUTS``, spelt here so that ``--help`` loads no more.
LAYOUTS = tuple(LAYOUT)
#: Spreadsheet programs on Windows read a CSV file as UTF-8 only when it starts with this mark.
BOM = "\ufeff"


@click.command("rank")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@set_option
@click.option(
    "--set-id",
    default=None,
    help=(
        "Criteria set of published totals (CSV) whose rows name none: its maximum, bands and "
        "tie policy."
    ),
)
@click.option("--set-version", default=None, help="Version of --set-id.")
@click.option(
    "--tie-policy",
    type=catalogue_choice("tie_policy", TIE_POLICY_CHOICES),
    default=None,
    help="Tie policy instead of the set's (its code or the label a report shows).",
)
@click.option(
    "--peers-year",
    type=click.IntRange(2000, 2100),
    default=None,
    help=(
        "Rank units of another year (a draft self-assessment) against the other units' results"
        " of this year; each keeps its own year, and the table says so."
    ),
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help=(
        "Write the JSON, the CSV (with a UTF-8 byte-order mark, for Excel) or a workbook to a"
        " file (atomically); without --json or --csv, the format follows the extension "
        "(.json, .csv, .xlsx)."
    ),
)
@click.option(
    "--layout",
    type=worded_choice(LAYOUT),
    default=None,
    help=(
        "Layout of the -o .xlsx workbook: 'table' (default: a sortable sheet per block, bands"
        " coloured, area points and indexes) or 'phu-luc' (the results appendix of a "
        "decision, in Vietnamese, ready to print)."
    ),
)
@click.option(
    "--heading",
    default=None,
    help=(
        "The appendix's title (with --layout phu-luc; default: KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH "
        "CHÍNH NĂM … CỦA …)."
    ),
)
@click.option(
    "--strict",
    is_flag=True,
    help="Stop with exit code 2 when any file is bad.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar (default: on a terminal, from 50 files).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes scoring the files (default: one per CPU, at most 4, from 200 files;"
    " 1 for none). A larger number is lowered to the CPUs available and the number of files.",
)
@click.option(
    "--area-ranks",
    is_flag=True,
    help="Show each area's rank beside its points.",
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
    peers_year: int | None,
    as_json: bool,
    as_csv: bool,
    output: Path | None,
    layout: str | None,
    heading: str | None,
    strict: bool,
    progress: bool | None,
    jobs: int | None,
    area_ranks: bool,
    force: bool,
    export: Path | None,
    lang: str,
) -> None:
    """Rank units within each block.

    PATHS are assessment files, folders of them, or CSV tables of published totals (columns
    unit, block, year, total or index; optional unit_id, total_max, appraised, survey,
    criteria_set, set_version, area:<id>).
    """
    from cchc_score.app.inputs import read_paths
    from cchc_score.app.league import league_of
    from cchc_score.render.ranking import league_csv, league_report

    if as_json and as_csv:
        raise click.UsageError(msg("choose one of --json and --csv"))
    chosen = "json" if as_json else "csv" if as_csv else None
    fmt = output_format(output, chosen, ("json", "csv", "xlsx"))
    as_json, as_csv, as_xlsx = fmt == "json", fmt == "csv", fmt == "xlsx"
    check_export(export, json=as_json, csv=as_csv)
    check_xlsx_export(export, as_xlsx)
    check_xlsx_flag(output, fmt)
    if (layout is not None or heading is not None) and not as_xlsx:
        raise click.UsageError(msg("--layout and --heading are for -o FILE.xlsx"))
    if heading is not None and layout != "phu-luc":
        raise click.UsageError(msg("--heading needs --layout phu-luc"))
    if set_version is not None and set_id is None:
        raise click.UsageError(
            msg(
                "--set-version {version} needs --set-id: the set it is a version of",
                version=set_version,
            )
        )
    check_target(output, read_paths(paths, set_paths), force, export)
    ctx = context(set_paths)
    default_set = ctx.resolve_set(set_id, set_version) if set_id else None
    got = collect_with_progress(ctx, paths, progress=progress, default_set=default_set, jobs=jobs)
    if strict and got.skipped:
        n = len(got.skipped)
        said = nt(
            "{n} bad file, nothing ranked (--strict)",
            "{n} bad files, nothing ranked (--strict)",
            n,
            lang,
        )
        click.echo(f"cchc-score: {said}", err=True)
        click.get_current_context().exit(EXIT_INPUT)
    league = league_of(got, default_set=default_set, tie_policy=tie_policy, peers_year=peers_year)
    if peers_year is None:
        note_lone_units(league)
    if as_xlsx and output is not None:
        from cchc_score.app.spreadsheets import write_league

        write_league(league, output, lang, layout or "table", heading, overwrite=force)
        return
    if as_json or as_csv:
        text = league.model_dump_json(indent=2) + "\n" if as_json else league_csv(league)
        # A file is for a spreadsheet to open; stdout stays plain for other programs.
        emit(BOM + text if as_csv and output is not None else text, output, force)
        return
    title = "Bảng xếp hạng CCHC" if lang == "vi" else "PAR index league table"

    page = lazy_page("league_page", league, lang_of(lang))
    report = league_report(league, lang_of(lang), area_ranks)
    show(report, export, title=title, lang=lang, page=page)


def note_lone_units(league: LeagueTable) -> None:
    """A unit ranked alone beside another year's table of its block (a draft given with last
    year's results): one line on stderr saying how to rank it against them."""
    from cchc_score.app.league import lone_units
    from cchc_score.render.common import clean

    lang = current_lang()
    for unit, year, other in lone_units(league):
        text = t(
            "{unit} is the only unit of {year} in its block: to rank it against the other"
            " units' {other} results, add --peers-year {other}",
            lang,
            unit=unit,
            year=year,
            other=other,
        )
        click.echo(clean(f"cchc-score: {text}"), err=True)
