"""score: one unit's self-assessment, scored and shown."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click

from .export import check_export, export_option, show
from .options import context, lang_of, lang_option, set_option


@click.command("score")
@click.argument("file", type=click.Path(path_type=Path))
@set_option
@lang_option
@click.option(
    "--json", "as_json", is_flag=True, help="In kết quả dạng JSON / print the result as JSON."
)
@export_option
def score_cmd(
    file: Path, set_paths: tuple[Path, ...], lang: str, as_json: bool, export: Path | None
) -> None:
    """Chấm điểm một bản tự đánh giá / score one unit's self-assessment FILE.

    FILE is a YAML or JSON assessment file, or a filled self-assessment workbook (.xlsx).
    """
    from cchc_score.app.scoring import score_path
    from cchc_score.render.score import score_report

    check_export(export, json=as_json)
    scored = score_path(context(set_paths), file)
    result, cset = scored.result, scored.criteria_set
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        return
    title = f"{result.unit} {result.year} — {cset.title_vi if lang == 'vi' else cset.title_en}"
    from cchc_score.report import score_page

    page = partial(score_page, result, cset, lang_of(lang))
    show(score_report(result, lang_of(lang)), export, title=title, lang=lang, page=page)
