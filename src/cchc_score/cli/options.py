"""Options and output helpers shared by the commands (not a command module itself).

Options that take a code also take the label a user sees (``--tie-policy "đồng hạng, bỏ hạng
kế tiếp"``, ``--layout "phụ lục"``), in any case, with or without diacritics; anything else is
refused in one line listing what is accepted (:class:`LabelChoice`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from cchc_score.errors import Msg, msg
from cchc_score.i18n import N_, Lang, t

if TYPE_CHECKING:
    from rich.console import Console

    from cchc_score.app.context import Context
    from cchc_score.app.inputs import Inputs
    from cchc_score.errors import CchcScoreError

F = TypeVar("F", bound=Callable[..., Any])


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["vi", "en"]),
        default=lambda: os.environ.get("CCHC_SCORE_LANG", "vi"),
        show_default="vi",
        callback=_keep_lang,
        help="Language of the report.",
    )(func)


def _keep_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Keep the chosen language where the error handler and stderr notes find it."""
    from cchc_score.cli.usage import LANG_KEY

    if value is not None:
        ctx.meta[LANG_KEY] = value
    return value


def current_lang() -> Lang:
    """The language of the running command's notes on stderr: its ``--lang`` when it has one,
    else ``CCHC_SCORE_LANG``, else Vietnamese."""
    from cchc_score.cli.usage import LANG_KEY

    ctx = click.get_current_context(silent=True)
    chosen = (ctx.meta.get(LANG_KEY) if ctx is not None else None) or os.environ.get(
        "CCHC_SCORE_LANG", "vi"
    )
    return lang_of(chosen)


def set_option(func: F) -> F:
    return click.option(
        "--set",
        "set_paths",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Criteria-set file or folder (YAML) to load too.",
    )(func)


def lang_of(value: str) -> Lang:
    return "en" if value == "en" else "vi"


def console(width: int | None = None) -> Console:
    """The stdout console; a fixed width when output is not a terminal keeps reports readable."""
    from cchc_score.render.common import SafeConsole

    if width is None and not sys.stdout.isatty():
        width = int(os.environ.get("COLUMNS", "120"))
    return SafeConsole(width=width, highlight=False)


def context(set_paths: Sequence[Path] = ()) -> Context:
    """The application state: installed plug-ins plus the packs named with ``--set``."""
    from cchc_score.app.context import open_context

    return open_context(set_paths)


def report_skip(exc: CchcScoreError) -> None:
    """A bad file passed over: one line on stderr (its name's control characters shown)."""
    from cchc_score.render.common import clean

    lang = current_lang()
    click.echo(clean(f"cchc-score: {t('skipped', lang)}: {exc.localized(lang)}"), err=True)


class ProgressBar:
    """A progress bar on stderr, shown from ``PROGRESS_AT`` files on a terminal, or as
    ``shown`` says; it appears on the first report, when the number of files is known."""

    def __init__(self, description: str, shown: bool | None = None) -> None:
        self.description = description
        self.shown = shown
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            from cchc_score.app.settings import PROGRESS_AT

            shown = self.shown
            if shown is None:
                shown = total >= PROGRESS_AT and sys.stderr.isatty()
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
                disable=not shown,
            )
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=total)
        self.bar.update(self.task, completed=done, total=total)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def collect_with_progress(
    ctx: Context, paths: Sequence[Path], *, progress: bool | None = None, **kwargs: Any
) -> Inputs:
    """:func:`cchc_score.app.inputs.collect` with a progress bar on stderr and each skipped
    file named there."""
    from cchc_score.app.inputs import collect

    with ProgressBar(t("scoring", current_lang()), progress) as bar:
        return collect(ctx, paths, on_skip=report_skip, on_progress=bar, **kwargs)


def output_format(output: Path | None, chosen: str | None, formats: tuple[str, ...]) -> str | None:
    """The format of the machine-readable output: the flag given (``chosen``), else, with
    ``-o``, the one its extension names (``.json``, ``.csv``), among ``formats``; an unknown
    extension is refused in one line."""
    if chosen is not None or output is None:
        return chosen
    suffix = output.suffix.lower().lstrip(".")
    if suffix not in formats:
        wanted = ", ".join(f".{f}" for f in formats)
        raise click.UsageError(
            msg(
                "-o {output}: the file must end in {wanted} (or give --{flag})",
                output=str(output),
                wanted=wanted,
                flag=formats[0],
            )
        )
    return suffix


def check_target(
    output: Path | None, inputs: Iterable[Path], force: bool, export: Path | None = None
) -> None:
    """Refuse an ``-o`` or ``--export`` file that is an input, the other output, a folder, or
    (without ``--force``) exists (``writing.check_outputs``)."""
    from cchc_score.errors import InputFileError
    from cchc_score.writing import check_outputs

    if output is not None and output.is_dir():
        raise InputFileError(msg("is a folder; -o needs a file name"), file=str(output))
    check_outputs([output, export], inputs, overwrite=force)


def emit(text: str, output: Path | None, force: bool = False) -> None:
    """Machine-readable output: to stdout, or written atomically to ``output`` (checked before
    the work with :func:`check_target`; without ``force``, only if it still does not exist)."""
    if output is not None:
        from cchc_score.writing import write_text

        write_text(output, text, overwrite=force)
    else:
        click.echo(text, nl=False)


def check_xlsx_export(export: Path | None, as_xlsx: bool) -> None:
    """Refuse --export with -o FILE.xlsx: the workbook replaces the printed report, as the JSON
    does, so the exported report would be of nothing shown."""
    if export is not None and as_xlsx:
        raise click.UsageError(
            msg("--export saves the report; it does not go with {option}", option="-o FILE.xlsx")
        )


def check_xlsx_flag(output: Path | None, fmt: str | None) -> None:
    """Refuse --json or --csv with -o FILE.xlsx: the text would be written into a file every
    spreadsheet program then fails to open."""
    if output is not None and output.suffix.lower() == ".xlsx" and fmt not in (None, "xlsx"):
        raise click.UsageError(
            msg(
                "-o {output} writes a workbook; it does not go with --{flag}",
                output=str(output),
                flag=fmt,
            )
        )


class LabelChoice(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.3 on
    """A code, given as itself or by one of its names; converted to the code."""

    name = "choice"

    def __init__(self, codes: Sequence[str], names: Mapping[str, Sequence[str]]) -> None:
        self.codes = tuple(codes)
        self.names = {code: list(names.get(code, ())) for code in self.codes}

    def get_metavar(self, *args: Any, **kwargs: Any) -> str:
        return f"[{'|'.join(self.codes)}]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from cchc_score.labels import find_code, listed

        if value in self.codes:
            return value
        found = find_code(str(value), self.names)
        if found is not None:
            return found
        option = param.opts[0] if param is not None and param.opts else "?"
        vi = {code: next(iter(self.names[code]), code) for code in self.codes}
        raise click.BadParameter(
            msg(
                "{option} {value!r}: not a choice; choose one of {choices}",
                option=option,
                value=str(value),
                choices=listed(vi),
            ),
            ctx=ctx,
            param=param,
        )


def catalogue_choice(kind: str, codes: Sequence[str]) -> LabelChoice:
    """A choice among codes the catalogue names (``tie_policy``, ``block``…)."""
    from cchc_score.labels import code_names

    return LabelChoice(codes, code_names(kind, codes))


def worded_choice(words: Mapping[str, Sequence[str]]) -> LabelChoice:
    """A choice among codes with the Vietnamese names given here (catalogue msgids marked
    with ``N_`` are said in Vietnamese when listed)."""
    return LabelChoice(
        tuple(words), {code: [t(n, "vi") for n in said] for code, said in words.items()}
    )


#: ``--against``: the peers' figures a target rank is planned against.
AGAINST = {
    "current": [N_("current figures"), "hiện tại"],
    "expected": [N_("expected figures"), "dự kiến"],
}
#: ``--layout`` of the league table workbook.
LAYOUT = {"table": [N_("table")], "phu-luc": [N_("appendix"), "phụ lục"]}


def deprecated(old: str, new: str | Msg) -> None:
    """One line on stderr, in the command's language: ``old`` still works for this release."""
    lang = current_lang()
    instead = new.get(lang) if isinstance(new, Msg) else new
    text = t(
        "{old} is deprecated and will be removed in the next release: use {new}",
        lang,
        old=old,
        new=instead,
    )
    click.echo(f"cchc-score: {text}", err=True)
