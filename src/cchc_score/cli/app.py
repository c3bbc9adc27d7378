"""The command group, shared options and the one place errors become exit codes."""

from __future__ import annotations

import decimal
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from cchc_score.errors import CchcScoreError, InputFileError
from cchc_score.i18n import Lang
from cchc_score.plugins import Registry, build_registry

F = TypeVar("F", bound=Callable[..., Any])
EXIT_INPUT = 2


class CchcGroup(click.Group):
    """Turns every CchcScoreError into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CchcScoreError as exc:
            click.echo(f"cchc-score: lỗi / error: {exc}", err=True)
            ctx.exit(EXIT_INPUT)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"cchc-score: lỗi / error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(EXIT_INPUT)
        except (decimal.Overflow, decimal.InvalidOperation) as exc:
            # Input numbers are bounded when read; this catches one given as an option.
            click.echo(
                f"cchc-score: lỗi / error: a number given is too large or too precise to compute"
                f" with ({type(exc).__name__})",
                err=True,
            )
            ctx.exit(EXIT_INPUT)
        except click.UsageError as exc:
            # One line, like every other input error, instead of click's usage block.
            path = exc.ctx.command_path.split(" ", 1) if exc.ctx is not None else []
            where = f" {path[1]}" if len(path) > 1 else ""
            click.echo(
                f"cchc-score{where}: lỗi / error: {exc.format_message()}"
                f" (xem / see: cchc-score{where} --help)",
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
                f"cchc-score: internal error: {type(exc).__name__}: {exc}"
                " (set CCHC_SCORE_DEBUG=1 to see the traceback, and please report it)",
                err=True,
            )
            ctx.exit(1)


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["vi", "en"]),
        default=lambda: os.environ.get("CCHC_SCORE_LANG", "vi"),
        show_default="vi",
        help="Ngôn ngữ / language of the report.",
    )(func)


def set_option(func: F) -> F:
    return click.option(
        "--set",
        "set_paths",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Tệp hoặc thư mục bộ chỉ số (YAML) / criteria-set file or folder to load too.",
    )(func)


def console(width: int | None = None) -> Console:
    """The stdout console; a fixed width when output is not a terminal keeps reports readable."""
    if width is None and not sys.stdout.isatty():
        width = int(os.environ.get("COLUMNS", "120"))
    return Console(width=width, highlight=False)


def registry(set_paths: Sequence[Path] = ()) -> Registry:
    """Plug-ins plus the packs named on the command line; a bad named pack is an error."""
    reg = build_registry()
    from cchc_score.loading import criteria_files, load_criteria_set

    for path in set_paths:
        files = criteria_files(path)
        if not files:
            raise InputFileError(
                "no criteria set here (no pack.yaml, no YAML/JSON file with 'nodes')",
                file=str(path),
            )
        for file in files:
            cset = load_criteria_set(file, reg.rule_kinds)
            key = (cset.id, cset.version)
            from cchc_score.plugins import RegisteredSet

            reg.sets[key] = RegisteredSet(cset, f"path:{file}", str(file))
    return reg


@click.group(cls=CchcGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cchc-score")
def main() -> None:
    """Chấm điểm chỉ số cải cách hành chính (CCHC / PAR index), xếp hạng và mô phỏng cải thiện.

    Score administrative-reform self-assessments, rank units, and plan the improvements that
    raise a rank.
    """


def lang_of(value: str) -> Lang:
    return "en" if value == "en" else "vi"


from . import (  # noqa: E402  (registers the commands on main)
    compare,
    core,
    rank,
    reference,
    simulate,
    workbook,
)

__all__ = ["compare", "core", "main", "rank", "reference", "simulate", "workbook"]
