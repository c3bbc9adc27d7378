"""compare: one unit's result in two years, explained, with the block's peers optionally."""

from __future__ import annotations

from pathlib import Path

import click

from cchc_score.compare import check_peers, compare
from cchc_score.errors import CchcScoreError, InputFileError
from cchc_score.model.ranking import Entry
from cchc_score.model.result import Result
from cchc_score.plugins import Registry
from cchc_score.render.compare import compare_report

from .app import lang_of, lang_option, main, registry, set_option
from .core import run_score, score_file
from .export import check_export, export_option, show
from .inputs import collect
from .rank import check_target, emit, force_option, output_format, read_paths


def _peer_entries(
    reg: Registry,
    paths: tuple[Path, ...],
    own: Result,
    option: str,
    set_paths: tuple[Path, ...],
) -> list[Entry]:
    """Entries of the peers' files (bad files are skipped, named); refused when none is of the
    unit's block and year (the unit's own file counts: a block of one ranks it 1 of 1)."""
    got = collect(reg, paths, set_paths=set_paths)
    try:
        check_peers(own, got.entries, option)
    except CchcScoreError as exc:
        raise exc.located(file=", ".join(str(p) for p in paths)) from None
    return got.entries


@main.command("compare")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--peers",
    "sibling_peers",
    is_flag=True,
    help="Các tệp cùng thư mục với OLD và NEW là các đơn vị cùng khối / the other files in"
    " OLD's and NEW's folders are the block's units in each year.",
)
@click.option(
    "--peers-old",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Các đơn vị cùng khối năm trước (tệp, thư mục, CSV) / the block in the earlier year.",
)
@click.option(
    "--peers-new",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Các đơn vị cùng khối năm sau / the block in the later year.",
)
@click.option("--all", "show_all", is_flag=True, help="Cả tiêu chí không đổi / unchanged too.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON / print JSON.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Ghi JSON ra tệp .json / write the JSON to a .json file (atomically).",
)
@force_option
@set_option
@export_option
@lang_option
def compare_cmd(
    old: Path,
    new: Path,
    sibling_peers: bool,
    peers_old: tuple[Path, ...],
    peers_new: tuple[Path, ...],
    show_all: bool,
    as_json: bool,
    output: Path | None,
    force: bool,
    set_paths: tuple[Path, ...],
    export: Path | None,
    lang: str,
) -> None:
    """So sánh kết quả một đơn vị qua hai năm / explain how a unit's result changed.

    OLD and NEW are the unit's assessment files of the earlier and the later year. With peers,
    the rank change is split into the unit's own change and the others' change.
    """
    if sibling_peers and (peers_old or peers_new):
        raise click.UsageError("--peers hoặc --peers-old/--peers-new / not both")
    as_json = output_format(output, "json" if as_json else None, ("json",)) == "json"
    check_export(export, json=as_json)
    if bool(peers_old) != bool(peers_new):
        raise click.UsageError("--peers-old và --peers-new đi cùng nhau / give both")
    siblings = (old.parent, new.parent) if sibling_peers else ()
    read = read_paths((old, new, *peers_old, *peers_new, *siblings), set_paths)
    check_target(output, read, force, export)
    reg = registry(set_paths)
    old_cset, old_doc = score_file(reg, old)
    new_cset, new_doc = score_file(reg, new)
    old_result = run_score(reg, old_cset, old_doc, old)
    new_result = run_score(reg, new_cset, new_doc, new)
    if (old_result.unit_id or old_result.unit) != (new_result.unit_id or new_result.unit):
        raise InputFileError(
            f"OLD is {old_result.unit!r} and NEW is {new_result.unit!r}: compare one unit",
            file=str(new),
        )
    names = ("--peers", "--peers") if sibling_peers else ("--peers-old", "--peers-new")
    if sibling_peers:
        peers_old, peers_new = (old.parent,), (new.parent,)
    before = after = None
    if peers_old:
        before = _peer_entries(reg, peers_old, old_result, names[0], set_paths)
        after = _peer_entries(reg, peers_new, new_result, names[1], set_paths)
    cmp = compare(old_result, new_result, old_cset, new_cset, before, after)
    if as_json:
        emit(cmp.model_dump_json(indent=2) + "\n", output, force)
        return
    title = f"{new_result.unit}: {old_result.year} → {new_result.year}" + (
        " — so sánh" if lang == "vi" else " — comparison"
    )
    show(compare_report(cmp, lang_of(lang), show_all), export, title=title, lang=lang)
