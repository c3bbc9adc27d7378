"""score: one unit's self-assessment, scored and shown."""

from __future__ import annotations

from pathlib import Path

import click

from .export import check_export, export_option, lazy_page, show
from .options import (
    check_target,
    check_xlsx_export,
    check_xlsx_flag,
    context,
    emit,
    lang_of,
    lang_option,
    output_format,
    set_option,
)


@click.command("score")
@click.argument("file", type=click.Path(path_type=Path))
@set_option
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help=(
        "Write to a file (atomically): .json the JSON result; .xlsx the official "
        "self-assessment form (Biểu tự đánh giá, chấm điểm: evidence documents, explanations,"
        " the unit's header and the signature block; in Vietnamese)."
    ),
)
@export_option
def score_cmd(
    file: Path,
    set_paths: tuple[Path, ...],
    lang: str,
    as_json: bool,
    output: Path | None,
    force: bool,
    export: Path | None,
) -> None:
    """Score one unit's self-assessment FILE.

    FILE is a YAML or JSON assessment file, or a filled self-assessment workbook (.xlsx).
    """
    from cchc_score.app.inputs import read_paths
    from cchc_score.app.scoring import score_path
    from cchc_score.render.score import score_report

    fmt = output_format(output, "json" if as_json else None, ("json", "xlsx"))
    as_json = fmt == "json"
    check_export(export, json=as_json)
    check_xlsx_export(export, fmt == "xlsx")
    check_xlsx_flag(output, fmt)
    check_target(output, read_paths((file,), set_paths), force)
    scored = score_path(context(set_paths), file)
    result, cset = scored.result, scored.criteria_set
    if fmt == "xlsx" and output is not None:
        from cchc_score.app.spreadsheets import write_form

        write_form(scored, output, overwrite=force)
        return
    if as_json:
        if output is not None:
            emit(result.model_dump_json(indent=2) + "\n", output, force)
        else:
            click.echo(result.model_dump_json(indent=2))
        return
    title = f"{result.unit} {result.year} — {cset.title.get(lang_of(lang))}"

    page = lazy_page("score_page", result, cset, lang_of(lang))
    show(score_report(result, lang_of(lang)), export, title=title, lang=lang, page=page)
