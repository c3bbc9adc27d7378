"""compare: one unit's result in two years, explained, with the block's peers optionally."""

from __future__ import annotations

from pathlib import Path

import click

from cchc_score.errors import msg

from .export import check_export, export_option, force_option, lazy_page, show
from .options import (
    check_target,
    check_xlsx_export,
    check_xlsx_flag,
    context,
    deprecated,
    emit,
    lang_of,
    lang_option,
    output_format,
    report_skip,
    set_option,
)

#: ``--peers`` given alone: the other files in OLD's and NEW's folders.
SIBLINGS = "<the folders of OLD and NEW>"


@click.command("compare")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--peers",
    "peers",
    multiple=True,
    is_flag=False,
    flag_value=SIBLINGS,
    type=click.Path(path_type=Path),
    help=(
        "The block's units of both years: folders of assessments, totals tables (CSV), other "
        "units' files, as simulate takes them; repeat for more; each year's are picked by "
        "their year. Alone, without a value: the other files in OLD's and NEW's folders."
    ),
)
@click.option(
    "--peers-old",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Deprecated: give both years' units to --peers.",
)
@click.option(
    "--peers-new",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Deprecated: give both years' units to --peers.",
)
@click.option(
    "--lineage",
    "lineage_path",
    type=click.Path(path_type=Path),
    default=None,
    help=(
        "A lineage table (old units → new units across a reorganisation): OLD and NEW may then"
        " be different units under different sets, compared area by area."
    ),
)
@click.option("--all", "show_all", is_flag=True, help="Unchanged criteria too.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help=(
        "Write to a file (atomically): .json the JSON; .xlsx a workbook (a summary sheet with"
        " the rank change, and every node's points before, after and the difference)."
    ),
)
@force_option
@set_option
@export_option
@lang_option
def compare_cmd(
    old: Path,
    new: Path,
    peers: tuple[Path, ...],
    peers_old: tuple[Path, ...],
    peers_new: tuple[Path, ...],
    lineage_path: Path | None,
    show_all: bool,
    as_json: bool,
    output: Path | None,
    force: bool,
    set_paths: tuple[Path, ...],
    export: Path | None,
    lang: str,
) -> None:
    """Explain how a unit's result changed.

    OLD and NEW are the unit's assessment files of the earlier and the later year. With peers,
    the rank change is split into the unit's own change and the others' change.
    """
    from cchc_score.app.comparison import compare_files
    from cchc_score.app.inputs import read_paths
    from cchc_score.render.compare import compare_report

    sibling_peers = Path(SIBLINGS) in peers
    listed = [p for p in peers if p != Path(SIBLINGS)]
    if peers and (peers_old or peers_new):
        raise click.UsageError(msg("--peers or --peers-old/--peers-new, not both"))
    if sibling_peers and listed:
        raise click.UsageError(
            msg("--peers alone takes OLD's and NEW's folders; do not give it folders too")
        )
    if peers_old or peers_new:
        deprecated("--peers-old/--peers-new", "--peers")
    fmt = output_format(output, "json" if as_json else None, ("json", "xlsx"))
    as_json = fmt == "json"
    check_export(export, json=as_json)
    check_xlsx_export(export, fmt == "xlsx")
    check_xlsx_flag(output, fmt)
    if bool(peers_old) != bool(peers_new):
        raise click.UsageError(msg("--peers-old and --peers-new go together: give both"))
    siblings = (old.parent, new.parent) if sibling_peers else ()
    read = read_paths((old, new, *listed, *peers_old, *peers_new, *siblings), set_paths)
    check_target(output, read, force, export)
    lineage = None
    if lineage_path is not None:
        from cchc_score.lineage import load_lineage

        lineage = load_lineage(lineage_path)
    cmp = compare_files(
        context(set_paths),
        old,
        new,
        peers_old=peers_old,
        peers_new=peers_new,
        siblings=sibling_peers,
        on_skip=report_skip,
        peers=listed,
        lineage=lineage,
    )
    if fmt == "xlsx" and output is not None:
        from cchc_score.app.spreadsheets import write_comparison

        write_comparison(cmp, output, lang, overwrite=force)
        return
    if as_json:
        emit(cmp.model_dump_json(indent=2) + "\n", output, force)
        return
    title = f"{cmp.unit}: {cmp.year_old} → {cmp.year_new}" + (
        " — so sánh" if lang == "vi" else " — comparison"
    )

    page = lazy_page("compare_page", cmp, lang_of(lang))
    show(compare_report(cmp, lang_of(lang), show_all), export, title=title, lang=lang, page=page)
