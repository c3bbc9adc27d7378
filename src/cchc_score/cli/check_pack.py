"""check-pack: validate a criteria-set file or pack folder and run its test cases."""

from __future__ import annotations

from pathlib import Path

import click

from .options import console, context, lang_of, lang_option


@click.command("check-pack")
@click.argument("path", type=click.Path(path_type=Path))
@lang_option
def check_pack_cmd(path: Path, lang: str) -> None:
    """Validate a criteria-set file or pack folder and run its test cases (cases/*.yaml beside
    the pack).
    """
    from rich.text import Text

    from cchc_score.app.packs import check_files, run_cases
    from cchc_score.render.cases import cases_report

    ctx = context()
    out = console()
    checked = []
    for file, cset in check_files(ctx, path):
        word = "hợp lệ" if lang == "vi" else "valid"
        out.print(
            Text(
                f"{file}: {cset.id} {cset.version} {word} — {len(cset.nodes)} areas,"
                f" {len(cset.index)} nodes, {len(cset.leaves())} leaves, {cset.total_max} points",
                style="green",
            )
        )
        checked.append((file, cset))
    failed = 0
    for run in run_cases(ctx, checked):
        out.print(cases_report(run.path, run.outcomes, lang_of(lang)))
        failed += run.failed
    if failed:
        click.get_current_context().exit(1)
