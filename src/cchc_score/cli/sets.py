"""sets, show, plugins: what is loaded, and a set's tree with each rule explained."""

from __future__ import annotations

from pathlib import Path

import click

from .export import export_option, lazy_page, show
from .options import console, context, lang_of, lang_option, set_option


@click.command("sets")
@set_option
@lang_option
def sets_cmd(set_paths: tuple[Path, ...], lang: str) -> None:
    """List the criteria sets loaded."""
    from cchc_score.render.criteria import sets_table

    console().print(sets_table(context(set_paths).registry, lang_of(lang)))


@click.command("show")
@click.argument("set_id")
@click.option("--version", "version", default=None, help="Version (default: newest).")
@set_option
@export_option
@lang_option
def show_cmd(
    set_id: str, version: str | None, set_paths: tuple[Path, ...], export: Path | None, lang: str
) -> None:
    """A criteria set's tree with each rule explained."""
    from cchc_score.render.criteria import show_set

    ctx = context(set_paths)
    cset = ctx.set_named(set_id, version)
    title = f"{cset.title.get(lang_of(lang))} ({cset.id} {cset.version})"
    rules = dict(cset.rules)
    report = show_set(cset, rules, lang_of(lang))

    page = lazy_page("set_page", cset, rules, lang_of(lang))
    show(report, export, title=title, lang=lang, page=page)


@click.command("plugins")
@lang_option
def plugins_cmd(lang: str) -> None:
    """Plug-ins loaded and those that failed."""
    from cchc_score.render.criteria import plugins_report

    console().print(plugins_report(context().registry, lang_of(lang)))
