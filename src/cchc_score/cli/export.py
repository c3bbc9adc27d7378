"""--export FILE.html|FILE.svg|FILE.pdf: the report a command prints, saved as a file to share.

A command adds the option with ``@export_option`` and shows its report with
``show(renderable, export, title=..., page=...)``: the report goes to the terminal as always and,
when ``--export`` is given, ``page()`` builds the report's page (``cchc_score.report``) and it is
written atomically, in the language of the report:

- ``.html``: a standalone page (tables, inline SVG charts, print stylesheet for A4);
- ``.svg``: the report's chart, or its table drawn as SVG where a table is the report;
- ``.pdf``: the page printed by a headless Chromium; without one the command refuses before
  doing any work (one line, exit 2) and says to export .html and print it from a browser.

A report without a page is recorded from the terminal (``export_report``).
"""

from __future__ import annotations

import functools
import inspect
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from cchc_score.errors import msg

from .options import console

if TYPE_CHECKING:
    from rich.console import RenderableType

    from cchc_score.report import Page

F = TypeVar("F", bound=Callable[..., Any])
SUFFIXES = (".html", ".htm", ".svg", ".pdf")
#: Columns of an exported report at least: wide enough for the breakdown, narrow enough for A4
#: landscape. A wider terminal's width is kept, so the file shows what the terminal showed.
WIDTH = 120

HTML_PAGE = """\
<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="generator" content="cchc-score">
<title>{title}</title>
<style>
{{stylesheet}}
body {{{{ color: {{foreground}}; background-color: {{background}}; margin: 1.5em; }}}}
pre {{{{ font-family: Menlo, "DejaVu Sans Mono", Consolas, "Liberation Mono", "Courier New",
       monospace; font-size: 12px; line-height: 1.25; }}}}
@media print {{{{ body {{{{ margin: 0; }}}} pre {{{{ font-size: 9px; }}}} }}}}
</style>
</head>
<body>
<pre><code>{{code}}</code></pre>
</body>
</html>
"""


def _check_suffix(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None and value.suffix.lower() not in SUFFIXES:
        raise click.BadParameter(
            msg("'{file}': the file must end in .html, .svg or .pdf", file=str(value))
        )
    return value


def export_option(func: F) -> F:
    """The ``--export FILE.html|FILE.svg|FILE.pdf`` option (the format follows the suffix), and
    ``--force``, which an existing file needs to be replaced, as for ``-o``.

    The file is checked (``writing.check_outputs``) before the command does any work, against
    ``-o`` and every file the command reads: its path arguments and options, folders with all
    the files in them. A command that takes no ``force`` parameter still gets ``--force``.
    """
    takes_force = "force" in inspect.signature(func).parameters

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        force = kwargs["force"] if takes_force else kwargs.pop("force", False)
        click.get_current_context().meta[_FORCE] = force
        if kwargs.get("export") is not None:
            from cchc_score.writing import check_outputs

            outputs = [kwargs.get("output"), kwargs["export"]]
            check_outputs(outputs, _read_by(kwargs), overwrite=force)
            if kwargs["export"].suffix.lower() == ".pdf":
                from cchc_score.report.pdf import NO_BROWSER, PrintError, find_browser

                if find_browser() is None:
                    raise PrintError(NO_BROWSER, file=str(kwargs["export"]), code="no_browser")
        return func(*args, **kwargs)

    command = click.option(
        "--export",
        "export",
        type=click.Path(path_type=Path, dir_okay=False),
        callback=_check_suffix,
        default=None,
        help=(
            "Save the report as a standalone .html page, an .svg chart or table, or a .pdf "
            "(printed by Chromium when installed)."
        ),
    )(checked)
    return cast(F, force_option(command))


#: Where the export wrapper leaves ``--force`` for :func:`show` in the click context.
_FORCE = "cchc_score.export.force"


def _read_by(kwargs: dict[str, Any]) -> list[Path]:
    """Every file a command may read: its path parameters (a criteria set named by a path
    too), folders with every file in them."""
    paths: list[Path] = []
    for name, value in kwargs.items():
        if name in {"output", "export"}:
            continue
        values = value if isinstance(value, tuple) else (value,)
        paths += [v for v in values if isinstance(v, Path)]
        if name == "set_id" and isinstance(value, str) and Path(value).exists():
            paths.append(Path(value))
    files: list[Path] = []
    for path in paths:
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return files


def force_option(func: F) -> F:
    """``--force``: replace an existing ``-o`` or ``--export`` file (an input file is never
    replaced). Added once: a command with ``--export`` has it already."""
    if any(p.name == "force" for p in getattr(func, "__click_params__", ())):
        return func
    return click.option(
        "--force",
        is_flag=True,
        help="Overwrite an existing -o or --export file (an input file is never overwritten).",
    )(func)


def check_export(export: Path | None, **machine: bool) -> None:
    """Refuse --export with --json or --csv: the file would hold the report nobody asked for, or
    be silently left out."""
    used = next((f"--{name}" for name, on in machine.items() if on), None)
    if export is not None and used is not None:
        raise click.UsageError(
            msg("--export saves the report; it does not go with {option}", option=used)
        )


def render_export(
    renderable: RenderableType, suffix: str, title: str, lang: str = "vi", width: int = WIDTH
) -> str:
    """The report as a standalone HTML page or SVG image."""
    from rich.terminal_theme import DEFAULT_TERMINAL_THEME

    from cchc_score.render.common import SafeConsole

    recorder = SafeConsole(
        record=True,
        width=width,
        file=io.StringIO(),
        color_system="truecolor",
        force_terminal=True,
        highlight=False,
    )
    recorder.print(renderable)
    if suffix.lower() == ".svg":
        return recorder.export_svg(title=title, theme=DEFAULT_TERMINAL_THEME)
    page = HTML_PAGE.format(lang=lang, title=_escape(title))
    return recorder.export_html(theme=DEFAULT_TERMINAL_THEME, code_format=page, inline_styles=True)


def export_report(
    renderable: RenderableType,
    path: Path,
    title: str,
    lang: str = "vi",
    width: int = WIDTH,
    overwrite: bool = True,
) -> Path:
    """Write the terminal's report to ``path`` (.html, .svg, or .pdf printed from the HTML)
    atomically, for reports that have no page of their own (``overwrite``: as for
    ``writing.write_with``)."""
    from cchc_score.writing import write_bytes, write_text

    if path.suffix.lower() == ".pdf":
        from cchc_score.report.pdf import print_pdf

        html = render_export(renderable, ".html", title, lang, width)
        return write_bytes(path, print_pdf(html, file=str(path)), overwrite=overwrite)
    text = render_export(renderable, path.suffix, title, lang, width)
    return write_text(path, text, overwrite=overwrite)


def lazy_page(name: str, *args: Any) -> Callable[[], Page]:
    """The page ``cchc_score.report.<name>(*args)``, built (and its templates loaded) only when
    an export asks for it, so that a report printed to the terminal loads no Jinja2."""

    def build() -> Page:
        from cchc_score import report

        made: Page = getattr(report, name)(*args)
        return made

    return build


def save_page(page: Page, path: Path, overwrite: bool = True) -> Path:
    """Write ``page`` to ``path`` atomically, in the format its suffix names (without
    ``overwrite``, only if ``path`` still does not exist)."""
    from cchc_score.writing import write_bytes, write_text

    suffix = path.suffix.lower()
    if suffix == ".svg":
        return write_text(path, page.svg, overwrite=overwrite)
    if suffix == ".pdf":
        from cchc_score.report.pdf import print_pdf

        return write_bytes(path, print_pdf(page.html, file=str(path)), overwrite=overwrite)
    return write_text(path, page.html, overwrite=overwrite)


def show(
    renderable: RenderableType,
    export: Path | None,
    *,
    title: str,
    lang: str = "vi",
    page: Callable[[], Page] | None = None,
) -> None:
    """Print the report; with ``export``, also save it (its ``page`` when it has one) and say
    where on stderr."""
    terminal = console()
    terminal.print(renderable)
    if export is not None:
        ctx = click.get_current_context(silent=True)
        force = bool(ctx.meta.get(_FORCE)) if ctx is not None else True
        if page is not None:
            save_page(page(), export, force)
        else:
            export_report(renderable, export, title, lang, max(terminal.width, WIDTH), force)
        click.echo(msg("Report saved to: {file}", file=str(export)).get(lang), err=True)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
