"""The command group: the command list, lazy loading, and the one place errors become exit
codes. Command modules are imported only when their command runs (or its help is shown)."""

from __future__ import annotations

import decimal
import importlib
import io
import os
import sys
from typing import Any

import click

from cchc_score.errors import CchcScoreError
from cchc_score.i18n import N_, Lang, t

from .usage import LANG_KEY, help_lang, localized_command, usage_message

EXIT_INPUT = 2

#: Every command: its name, and the module and attribute that define it. The one list; command
#: modules never import each other.
COMMANDS: dict[str, tuple[str, str]] = {
    "score": ("score", "score_cmd"),
    "sets": ("sets", "sets_cmd"),
    "show": ("sets", "show_cmd"),
    "plugins": ("sets", "plugins_cmd"),
    "check-pack": ("check_pack", "check_pack_cmd"),
    "demo": ("demo", "demo_cmd"),
    "rank": ("rank", "rank_cmd"),
    "compare": ("compare", "compare_cmd"),
    "notice": ("notice", "notice_cmd"),
    "simulate": ("simulate", "simulate_cmd"),
    "serve": ("serve", "serve_cmd"),
    "template": ("workbook", "template_cmd"),
    "pack": ("workbook", "pack_group"),
    "schema": ("reference", "schema_cmd"),
    "write-docs": ("reference", "write_docs_cmd"),
}


class CchcGroup(click.Group):
    """Loads a command's module when it is asked for; turns every CchcScoreError into one line
    on stderr and exit code 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module = importlib.import_module(f"{__package__}.{where[0]}")
        command = getattr(module, where[1])
        assert isinstance(command, click.Command)
        return localized_command(command, help_lang(ctx))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        localized_command(
            click.Command(self.name, help=self.help), help_lang(ctx)
        ).format_help_text(ctx, formatter)

    def invoke(self, ctx: click.Context) -> Any:
        tolerate_narrow_encodings()
        try:
            return super().invoke(ctx)
        except CchcScoreError as exc:
            lang = error_lang(ctx)
            echo_error(exc.localized(lang), lang)
            ctx.exit(EXIT_INPUT)
        except OSError as exc:
            lang = error_lang(ctx)
            where = f"{exc.filename}: " if exc.filename else ""
            echo_error(where + os_error_text(exc, lang), lang)
            ctx.exit(EXIT_INPUT)
        except (decimal.Overflow, decimal.InvalidOperation) as exc:
            # Input numbers are bounded when read; this catches one given as an option.
            lang = error_lang(ctx)
            text = t("a number given is too large or too precise to compute with", lang)
            echo_error(f"{text} ({type(exc).__name__})", lang)
            ctx.exit(EXIT_INPUT)
        except click.UsageError as exc:
            # One line, like every other input error, instead of click's usage block.
            lang = error_lang(ctx)
            path = exc.ctx.command_path.split(" ", 1) if exc.ctx is not None else []
            where = f" {path[1]}" if len(path) > 1 else ""
            see = t("see", lang)
            click.echo(
                shown(
                    f"cchc-score{where}: {t('error', lang)}: {usage_message(exc, lang)}"
                    f" ({see}: cchc-score{where} --help)"
                ),
                err=True,
            )
            ctx.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            ctx.exit(130)
        except Exception as exc:  # a bug: one line for the user, the traceback on request
            if os.environ.get("CCHC_SCORE_DEBUG"):
                raise
            click.echo(
                shown(
                    f"cchc-score: internal error: {type(exc).__name__}: {exc}"
                    " (set CCHC_SCORE_DEBUG=1 to see the traceback, and please report it)"
                ),
                err=True,
            )
            ctx.exit(1)


def shown(message: str) -> str:
    """A one-line message with the control characters of the names in it shown, not run."""
    from cchc_score.render.common import clean

    return clean(message)


def error_lang(ctx: click.Context) -> Lang:
    """The language of an error: the command's ``--lang`` when it was read, else
    ``CCHC_SCORE_LANG``, else Vietnamese."""
    chosen = ctx.meta.get(LANG_KEY) or os.environ.get("CCHC_SCORE_LANG", "vi")
    return "en" if chosen == "en" else "vi"


def echo_error(text: str, lang: Lang) -> None:
    click.echo(shown(f"cchc-score: {t('error', lang)}: {text}"), err=True)


def os_error_text(exc: OSError, lang: Lang) -> str:
    """The system's words for a file that cannot be opened, in Vietnamese for the usual ones."""
    import errno

    said = {
        errno.ENOENT: N_("file not found"),
        errno.EACCES: N_("permission denied"),
        errno.EISDIR: N_("is a folder, not a file"),
        errno.ENOTDIR: N_("not a folder"),
        errno.EEXIST: N_("the file already exists"),
        errno.ENOSPC: N_("no space left on the disk"),
    }.get(exc.errno or 0)
    if lang == "en" or said is None:
        return exc.strerror or str(exc)
    return t(said, lang)


def tolerate_narrow_encodings() -> None:
    """Vietnamese text on a stream that cannot encode it (a redirect on a Windows console in a
    legacy code page, ``PYTHONIOENCODING=ascii``) is written with '?' for what cannot be
    encoded, instead of stopping the command with a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding not in {"utf8", "utf_8"} and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


@click.group(cls=CchcGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cchc-score")
def main() -> None:
    """Score administrative-reform (PAR index) self-assessments, rank units, and plan the
    improvements that raise a rank.
    """
