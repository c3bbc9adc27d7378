"""notice: the notice of an appraisal round's result for the unit (Thông báo kết quả thẩm
định lần N)."""

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


@click.command("notice")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--round",
    "round_no",
    type=click.IntRange(1, 9),
    default=1,
    show_default=True,
    help="The appraisal round notified (later rounds are left out).",
)
@set_option
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print the notice as JSON.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help=(
        "Write to a file (atomically): .json the JSON notice; .xlsx a workbook (the summary,"
        " the deductions, the leaves to explain)."
    ),
)
@export_option
def notice_cmd(
    file: Path,
    round_no: int,
    set_paths: tuple[Path, ...],
    lang: str,
    as_json: bool,
    output: Path | None,
    force: bool,
    export: Path | None,
) -> None:
    """The notice of an appraisal round's result for the unit of FILE.

    Every deduction with its reason, the leaves the unit must explain and the deadline, the
    totals self-assessed against the round. FILE is a YAML or JSON assessment file, or a
    filled self-assessment workbook, holding the appraisal.
    """
    from cchc_score.app.inputs import read_paths
    from cchc_score.app.notices import notice_path
    from cchc_score.notice import title
    from cchc_score.render.notice import notice_report

    fmt = output_format(output, "json" if as_json else None, ("json", "xlsx"))
    check_export(export, json=fmt == "json")
    check_xlsx_export(export, fmt == "xlsx")
    check_xlsx_flag(output, fmt)
    check_target(output, read_paths((file,), set_paths), force)
    found = notice_path(context(set_paths), file, round_no)
    if fmt == "xlsx" and output is not None:
        from cchc_score.app.spreadsheets import write_notice

        write_notice(found, output, lang, overwrite=force)
        return
    if fmt == "json":
        emit(found.model_dump_json(indent=2) + "\n", output, force)
        return
    language = lang_of(lang)
    heading = f"{title(found, language)} — {found.unit} ({found.year})"
    page = lazy_page("notice_page", found, language)
    show(notice_report(found, language), export, title=heading, lang=lang, page=page)
