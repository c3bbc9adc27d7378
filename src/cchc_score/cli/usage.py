"""Click's usage errors in the user's language.

Click writes its messages in English (through the process-wide gettext domain, which this
package does not own), so the common ones are recognised by their English pattern and said again
from our catalogue; an unrecognised part stays as click wrote it.
"""

from __future__ import annotations

import re

import click

from cchc_score.errors import Msg
from cchc_score.i18n import N_, Lang, t

#: Where the command's ``--lang`` is kept for the error handler (``click.Context.meta``).
LANG_KEY = "cchc_score.lang"
#: The language of help texts when a caller fixes it (``click.Context.meta``); else the
#: environment's.
HELP_LANG_KEY = "cchc_score.help_lang"

#: Click's English messages (as patterns) and the msgid that says each; tried in order, each
#: applied once; ``{rest}`` is translated again (an "Invalid value" carries a type's message).
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), msgid)
    for pattern, msgid in (
        (r"Missing argument (?P<name>.+)\.$", N_("Missing argument {name}.")),
        (r"Missing option (?P<name>.+)\.$", N_("Missing option {name}.")),
        (r"Missing parameter: (?P<name>.+)$", N_("Missing parameter: {name}")),
        (r"Missing command\.$", N_("Missing command.")),
        (r"No such option: (?P<name>\S+)(?P<rest>.*)$", N_("No such option: {name}{rest}")),
        (r"No such option '(?P<name>.+)'\.(?P<rest>.*)$", N_("No such option '{name}'.{rest}")),
        (r"No such command '(?P<name>.+)'\.$", N_("No such command '{name}'.")),
        (
            r"Invalid value for (?P<name>.+?): (?P<rest>.*)$",
            N_("Invalid value for {name}: {rest}"),
        ),
        (r"Invalid value: (?P<rest>.*)$", N_("Invalid value: {rest}")),
        (
            r"Option '(?P<name>.+)' requires an argument\.$",
            N_("Option '{name}' requires an argument."),
        ),
        (
            r"Option '(?P<name>.+)' requires (?P<n>\d+) arguments\.$",
            N_("Option '{name}' requires {n} arguments."),
        ),
        (
            r"Option '(?P<name>.+)' does not take a value\.$",
            N_("Option '{name}' does not take a value."),
        ),
        (
            r"Got unexpected extra arguments? \((?P<name>.*)\)$",
            N_("Got unexpected extra arguments ({name})"),
        ),
        (r"(?P<value>'.*') is not one of (?P<name>.+)\.$", N_("{value} is not one of {name}.")),
        (r"(?P<value>'.*') is not (?P<name>'.+')\.$", N_("{value} is not {name}.")),
        (
            r"(?P<value>'.*') is not a valid (?P<name>integer|float|decimal)\.$",
            N_("{value} is not a valid number."),
        ),
        (
            r"(?P<value>.+) is not in the range (?P<name>.+)\.$",
            N_("{value} is not in the range {name}."),
        ),
        (
            r"(?:File|Path|Directory) (?P<name>'.+') does not exist\.$",
            N_("Path {name} does not exist."),
        ),
        (r"(?:File|Path) (?P<name>'.+') is a directory\.$", N_("{name} is a folder, not a file.")),
        (r"(?:Directory|Path) (?P<name>'.+') is a file\.$", N_("{name} is a file, not a folder.")),
        (
            r"\(?Did you mean (?P<name>.+)\?\)?$",
            N_("(Did you mean {name}?)"),
        ),
    )
)


def usage_message(exc: click.UsageError, lang: Lang) -> str:
    """Click's message for ``exc`` on one line, in ``lang`` (ours, written with ``msg``, are
    said from the catalogue directly)."""
    if isinstance(exc.message, Msg):
        if not isinstance(exc, click.BadParameter):
            return exc.message.get(lang)
        # Click names the option before our message ("Invalid value for '--margin': ...").
        english = " ".join(exc.format_message().split())
        own = " ".join(str(exc.message).split())
        head = english[: -len(own)] if own and english.endswith(own) else ""
        if lang == "en" or not head:
            return english if lang == "en" else exc.message.get(lang)
        return said(head + "\x00", lang).replace("\x00", exc.message.get(lang))
    return said(" ".join(exc.format_message().split()), lang)


def said(text: str, lang: Lang) -> str:
    if lang == "en":
        return text
    for pattern, msgid in PATTERNS:
        match = pattern.match(text.strip())
        if match is None:
            continue
        parts = match.groupdict()
        if "rest" in parts:
            rest = parts["rest"].strip()
            space = " " if parts["rest"].startswith(" ") else ""
            parts["rest"] = space + said(rest, lang) if rest else ""
        return t(msgid, lang, **parts)
    return text


def help_lang(ctx: click.Context | None) -> Lang:
    """The language of ``--help``: ``CCHC_SCORE_LANG`` (help is read before any ``--lang``),
    unless the caller fixed it in the context (the generated reference is in English)."""
    import os

    chosen = ctx.meta.get(HELP_LANG_KEY) if ctx is not None else None
    chosen = chosen or os.environ.get("CCHC_SCORE_LANG", "vi")
    return "en" if chosen == "en" else "vi"


def localized_command(command: click.Command, lang: Lang) -> click.Command:
    """A copy of ``command`` whose help texts (English msgids) are in ``lang``; subcommands of
    a group too. English is the command itself."""
    if lang == "en":
        return command
    import copy

    out = copy.copy(command)
    out.help = _said_help(command.help, lang)
    out.short_help = _said_help(command.short_help, lang)
    out.params = []
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            said = t(param.help, lang)
            param = copy.copy(param)
            param.help = said
        out.params.append(param)
    if isinstance(command, click.Group) and isinstance(out, click.Group):
        out.commands = {n: localized_command(c, lang) for n, c in command.commands.items()}
    return out


def _said_help(text: str | None, lang: Lang) -> str | None:
    import inspect

    return None if text is None else t(inspect.cleandoc(text), lang)
