"""Options that take a code also take the label a user sees (``--tie-policy "đồng hạng, bỏ hạng
kế tiếp"``, ``--layout "phụ lục"``), in any case, with or without diacritics; anything else is
refused in one line listing what is accepted. Also the one-line deprecation notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import click

from cchc_score.errors import Msg, msg
from cchc_score.i18n import N_, t


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
AGAINST = {"current": [N_("current figures")], "expected": [N_("expected figures")]}
#: ``--layout`` of the league table workbook.
LAYOUT = {"table": [N_("table")], "phu-luc": [N_("appendix"), "phụ lục"]}
#: ``--lang``.
LANGS = {"vi": ["tiếng Việt", "Vietnamese", "việt"], "en": ["tiếng Anh", "English", "anh"]}


def deprecated(old: str, new: str | Msg) -> None:
    """One line on stderr, in the command's language: ``old`` still works for this release."""
    from .options import current_lang

    lang = current_lang()
    instead = new.get(lang) if isinstance(new, Msg) else new
    text = t(
        "{old} is deprecated and will be removed in the next release: use {new}",
        lang,
        old=old,
        new=instead,
    )
    click.echo(f"cchc-score: {text}", err=True)
