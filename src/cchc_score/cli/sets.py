"""sets, show, plugins: what is loaded, and a set's tree with each rule explained."""

from __future__ import annotations

from pathlib import Path

import click

from .export import export_option, lazy_page, show
from .options import console, context, lang_of, lang_option, set_option

json_option = click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print JSON (its shape is given above).",
)


@click.command("sets")
@set_option
@json_option
@lang_option
def sets_cmd(set_paths: tuple[Path, ...], as_json: bool, lang: str) -> None:
    """List the criteria sets loaded, with their structure as practitioners count it.

    Areas, criteria (TC) and sub-criteria (TCTP), beside the number of leaves scored. With
    --json: {"sets": [{"id", "version", "title_vi", "title_en", "unit_type", "total_max",
    "structure": {"areas", "criteria", "sub_criteria", "leaves"}, "plugin", "source"}],
    "failed_plugins": [names]}.
    """
    if as_json:
        from cchc_score.app.listing import list_sets

        click.echo(list_sets(context(set_paths)).model_dump_json(indent=2))
        return
    from cchc_score.render.criteria import sets_view

    console().print(sets_view(context(set_paths).registry, lang_of(lang)))


@click.command("show")
@click.argument("set_id")
@click.option("--version", "version", default=None, help="Version (default: newest).")
@set_option
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the set as JSON, in the shape of a pack file (cchc-score schema pack).",
)
@export_option
@lang_option
def show_cmd(
    set_id: str,
    version: str | None,
    set_paths: tuple[Path, ...],
    as_json: bool,
    export: Path | None,
    lang: str,
) -> None:
    """A criteria set's tree with each rule explained."""
    from .export import check_export

    check_export(export, json=as_json)
    ctx = context(set_paths)
    cset = ctx.set_named(set_id, version)
    if as_json:
        click.echo(cset.model_dump_json(indent=2, exclude_none=True))
        return
    from cchc_score.render.criteria import show_set

    title = f"{cset.title.get(lang_of(lang))} ({cset.id} {cset.version})"
    rules = dict(cset.rules)
    report = show_set(cset, rules, lang_of(lang))

    page = lazy_page("set_page", cset, rules, lang_of(lang))
    show(report, export, title=title, lang=lang, page=page)


@click.command("plugins")
@json_option
@lang_option
def plugins_cmd(as_json: bool, lang: str) -> None:
    """Plug-ins loaded and those that failed.

    With --json: {"plugins": [{"name", "status" (loaded, partly_failed or failed),
    "rule_kinds", "sets" (as "id version"), "errors"}]}.
    """
    if as_json:
        from cchc_score.app.listing import list_plugins

        click.echo(list_plugins(context()).model_dump_json(indent=2))
        return
    from cchc_score.render.criteria import plugins_report

    console().print(plugins_report(context().registry, lang_of(lang)))
