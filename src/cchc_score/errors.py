"""Errors a user can cause. Each names the file, the place in it and the bad value.

A message is written ``msg("unknown column {column!r}", column=name)``: the English text for
programs and logs (``str(exc)``, JSON ``message``), which also carries its msgid and values so
:meth:`CchcScoreError.localized` can say it in Vietnamese through the catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from cchc_score.i18n import Lang


class Msg(str):
    """An English message (the ``str``) that keeps its msgid ``template`` and ``params``."""

    template: str
    params: Mapping[str, object]

    def __new__(cls, template: str, /, **params: object) -> Self:
        english = {k: say(v, "en") for k, v in params.items()}
        text = super().__new__(cls, template.format(**english) if params else template)
        text.template = template
        text.params = params
        return text

    @classmethod
    def worded(cls, english: str, words: Msg) -> Msg:
        """``words`` (for the catalogue) that read as ``english`` (another library's text, kept
        as it was) in English."""
        text = super().__new__(cls, english)
        text.template = words.template
        text.params = words.params
        return text

    def get(self, lang: Lang | str) -> str:
        """The message in ``lang``; values that are messages themselves are said in it too."""
        from cchc_score.i18n import t

        if lang == "en":
            return str(self)

        params = {k: say(v, lang) for k, v in self.params.items()}
        return t(self.template, lang, **params)


def msg(template: str, /, **params: object) -> Msg:
    """A message: ``template`` is the English msgid, its ``{placeholders}`` filled by
    ``params`` (the extractor collects the literal ``template`` into the catalogue)."""
    return Msg(template, **params)


def say(value: object, lang: Lang | str) -> object:
    """``value`` in ``lang`` when it is a :class:`Msg` or a bilingual :class:`Label` (words
    a raiser has in both languages); any other value as it is, to be formatted."""
    from cchc_score.i18n import Label, exact

    if isinstance(value, Msg | Label):
        return value.get(lang)
    if isinstance(value, Decimal) and lang != "en" and value.is_finite():
        return exact(value, lang)  # the decimal comma
    return value


def reason(exc: BaseException) -> Msg | str:
    """What an exception says: its :class:`Msg` when it was raised with one (a ValueError
    inside a reader), else its text."""
    said = exc.args[0] if len(exc.args) == 1 else None
    if isinstance(said, Msg):
        return said
    if isinstance(exc, CchcScoreError):
        return exc.message
    return str(exc)


#: Words that start a place, and their Vietnamese (numbers and ids follow them unchanged).
_PLACE_WORDS = {
    "line": "dòng",
    "column": "cột",
    "node": "tiêu chí",
    "leaf": "tiêu chí",
    "row": "hàng",
    "sheet": "trang tính",
    "cell": "ô",
}
_PLACE_RE = re.compile(r"(?<![\w.])(" + "|".join(_PLACE_WORDS) + r") (?=[\w'\"])")


def localized_place(place: str, lang: Lang | str) -> str:
    """``line 12, column 3`` → ``dòng 12, cột 3``; keys and cells stay as they are."""
    if lang == "en":
        return place
    return _PLACE_RE.sub(lambda m: _PLACE_WORDS[m.group(1)] + " ", place)


def shown(value: object, limit: int = 80) -> str:
    """A value as a person wrote it: numbers and dates plainly, text quoted, cut when long."""
    if isinstance(value, Decimal):
        text = f"{value:f}" if abs(value.adjusted()) < 30 else str(value)
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{shown(k)}: {shown(v)}" for k, v in value.items()) + "}"
    elif isinstance(value, list | tuple):
        text = "[" + ", ".join(shown(v) for v in value) + "]"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class CchcScoreError(Exception):
    """Base of every error cchc_score raises on purpose.

    Args:
        message: what is wrong, naming the bad value.
        file: the file it came from, when there is one.
        place: where in the file: a line (``line 12``), a node id (``node 1.2.3``) or a cell.
        code: a stable snake_case code for programs.
    """

    code = "cchc_score_error"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        place: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.place = place
        #: The criteria node the error is about, so a loader can turn it into a line number.
        self.node_id: str | None = None
        if code is not None:
            self.code = code

    def with_node(self, node_id: str) -> Self:
        """Remember the node the error is about."""
        if self.node_id is None:
            self.node_id = node_id
        return self

    def located(self, *, file: str | None = None, place: str | None = None) -> Self:
        """Fill in the file and place when the raiser did not know them."""
        if self.file is None and file is not None:
            self.file = file
        if self.place is None and place is not None:
            self.place = place
        return self

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.file, self.place) if p)
        return f"{where}: {self.message}" if where else self.message

    @property
    def template(self) -> str:
        """The message's msgid (the message itself when it was not written with :func:`msg`)."""
        return self.message.template if isinstance(self.message, Msg) else self.message

    @property
    def params(self) -> Mapping[str, object]:
        return self.message.params if isinstance(self.message, Msg) else {}

    def localized(self, lang: Lang | str) -> str:
        """``file, place: message`` in ``lang``: the message through the catalogue, the place's
        words (line, column, node) translated; English is exactly ``str(self)``."""
        if lang == "en":
            return str(self)
        place = localized_place(self.place, lang) if self.place else None
        where = ", ".join(p for p in (self.file, place) if p)
        text = say(self.message, lang)
        return f"{where}: {text}" if where else str(text)

    def said(self) -> Msg:
        """The whole error as one message to keep and say later: ``str`` of it is
        ``str(self)``, and in another language it reads as :meth:`localized`."""
        from cchc_score.i18n import Label

        message = self.message if isinstance(self.message, Msg) else Msg(self.message)
        where = ", ".join(p for p in (self.file, self.place) if p)
        if not where:
            return message
        place = localized_place(self.place, "vi") if self.place else None
        there = Label(", ".join(p for p in (self.file, place) if p), where)
        return msg("{where}: {problem}", where=there, problem=message)


class CriteriaError(CchcScoreError):
    """A criteria set (pack) is malformed: bad totals, duplicate ids, bad rule parameters."""

    code = "invalid_criteria_set"


class RuleError(CriteriaError):
    """A rule's parameters are invalid."""

    code = "invalid_rule"


class EvidenceError(CchcScoreError):
    """An assessment, appraisal or survey holds a value its rule cannot accept."""

    code = "invalid_evidence"


class InputFileError(CchcScoreError):
    """A file cannot be read or parsed."""

    code = "invalid_input_file"


class UnknownIdError(CchcScoreError):
    """An id (criteria set, node, unit) that is not known."""

    code = "unknown_id"


class PluginError(CchcScoreError):
    """A plug-in failed to load or registered something invalid."""

    code = "plugin_failed"


class CellsError(InputFileError):
    """Several cells of one workbook cannot be read: every one of them, in one error.

    ``problems`` holds each cell's own error (its place, the value typed, what was expected);
    the message lists the first :attr:`SHOWN` of them, one a line, then how many more.
    """

    #: How many problems the message lists; a workbook typed wrong throughout says the rest count.
    SHOWN = 50

    def __init__(self, problems: list[CchcScoreError], *, file: str | None = None) -> None:
        self.problems = tuple(problems)
        super().__init__(msg("{count} cells cannot be read", count=len(self.problems)), file=file)

    def lines(self, lang: Lang | str) -> list[str]:
        """One line per problem, ``place: message`` in ``lang``, then "and N more"."""
        out = []
        for problem in self.problems[: self.SHOWN]:
            place = localized_place(problem.place, lang) if problem.place else None
            text = str(say(problem.message, lang))
            out.append(f"{place}: {text}" if place else text)
        rest = len(self.problems) - self.SHOWN
        if rest > 0:
            out.append(str(say(msg("… and {count} more", count=rest), lang)))
        return out

    def __str__(self) -> str:
        return "\n  ".join([super().__str__() + ":", *self.lines("en")])

    def localized(self, lang: Lang | str) -> str:
        if lang == "en":
            return str(self)
        return "\n  ".join([super().localized(lang) + ":", *self.lines(lang)])

    def said(self) -> Msg:
        """The heading and every cell's line, kept to be said later in either language (the
        web page shows them all, as the command line does)."""
        from cchc_score.i18n import Label

        cells = Label(
            *("".join(f"\n  {line}" for line in self.lines(lang)) for lang in ("vi", "en"))
        )
        return msg("{error}:{cells}", error=super().said(), cells=cells)


def raise_all(problems: list[CchcScoreError], file: str | None = None) -> None:
    """Raise the one problem as it is, several as one :class:`CellsError`; nothing if none."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise CellsError(problems, file=file)
