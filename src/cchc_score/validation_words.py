"""Other libraries' messages in the catalogue.

Pydantic writes its messages in English ("Field required", "Input should be a valid integer");
a message a person reads is rebuilt here from the error's ``type`` and ``ctx``, so it can be
said in Vietnamese. The YAML and JSON parsers' problems ("did not find expected ':'",
"Expecting value") are recognised by their English pattern. Anything not listed keeps the
library's English (nothing is lost, only not translated).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cchc_score.errors import Msg, msg
from cchc_score.i18n import Label


def validation_message(error: Mapping[str, Any]) -> Msg:
    """What a pydantic error (one item of ``ValidationError.errors()``) says, as a message."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "number_out_of_range":
        return problem(str(error.get("msg", "")))
    if kind == "value_error":
        cause = ctx.get("error")
        text = cause.args[0] if cause is not None and cause.args else None
        if isinstance(text, Msg):
            return Msg.worded(str(error.get("msg", text)), text)
    english = str(error.get("msg", ""))
    words = _by_type(kind, ctx)
    # Pydantic's own English stays what English users read; the catalogue's words are for
    # the other languages. A type not in the table keeps pydantic's text in every language.
    return Msg(english) if words is None else Msg.worded(english, words)


def _by_type(kind: str, ctx: Mapping[str, Any]) -> Msg | None:
    if kind == "missing":
        return msg("required key missing")
    if kind == "extra_forbidden":
        return msg("unknown key")
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return msg("should be a whole number")
    if kind in {"decimal_parsing", "decimal_type", "float_parsing", "float_type", "finite_number"}:
        return msg("should be a number")
    if kind in {"decimal_max_digits", "decimal_max_places", "decimal_whole_digits"}:
        return msg("the number has too many digits")
    if kind in {"string_type", "string_unicode"}:
        return msg("should be text")
    if kind in {"bool_parsing", "bool_type"}:
        return msg("should be true or false")
    if kind in {
        "date_parsing",
        "date_type",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    }:
        return msg("should be a date (YYYY-MM-DD)")
    if kind in {"dict_type", "model_type", "model_attributes_type", "mapping_type"}:
        return msg("should be a mapping of keys and values")
    if kind in {"list_type", "tuple_type", "set_type", "frozen_set_type", "iterable_type"}:
        return msg("should be a list")
    if kind in {"literal_error", "enum"}:
        return msg("should be one of {expected}", expected=ctx.get("expected", ""))
    if kind == "greater_than_equal":
        return msg("should be at least {limit}", limit=ctx.get("ge"))
    if kind == "greater_than":
        return msg("should be more than {limit}", limit=ctx.get("gt"))
    if kind == "less_than_equal":
        return msg("should be at most {limit}", limit=ctx.get("le"))
    if kind == "less_than":
        return msg("should be less than {limit}", limit=ctx.get("lt"))
    if kind in {"too_short", "string_too_short"}:
        return msg("too short: at least {limit}", limit=ctx.get("min_length"))
    if kind in {"too_long", "string_too_long"}:
        return msg("too long: at most {limit}", limit=ctx.get("max_length"))
    if kind == "string_pattern_mismatch":
        return msg("does not have the expected form {pattern}", pattern=ctx.get("pattern"))
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        return msg(
            "{key} should be one of {expected}",
            key=ctx.get("discriminator", ""),
            expected=ctx.get("expected_tags", ""),
        )
    return None


#: A parser's English problem (PyYAML, json, and the loaders' own refusals) and its message.
PROBLEMS: tuple[tuple[re.Pattern[str], Msg], ...] = tuple(
    (re.compile(pattern + "$"), words)
    for pattern, words in (
        (r"did not find expected (?P<what>.+)", msg("did not find the {what} it needs here")),
        (r"could not find expected (?P<what>.+)", msg("did not find the {what} it needs here")),
        (r"expected (?P<what>.+?), but found (?P<found>.+)", msg("needs {what} but found {found}")),
        (r"mapping values are not allowed here", msg("a 'key: value' is not allowed here")),
        (
            r"found character (?P<what>.+) that cannot start any token",
            msg("the character {what} cannot stand here"),
        ),
        (r"found undefined alias (?P<what>.+)", msg("the alias {what} is not defined")),
        (r"found unexpected end of stream", msg("the file ends too early")),
        (r"found unknown escape character (?P<what>.+)", msg("unknown escape character {what}")),
        (r"duplicate key (?P<what>.+)", msg("the key {what} is given twice")),
        (r"(?P<what>.+) is not a finite number", msg("{what} is not a finite number")),
        (
            r"(?P<what>.+) is too large or too small a number",
            msg("{what} is too large or too small a number"),
        ),
        (r"(?P<what>.+) is not a whole number", msg("{what} is not a whole number")),
        (r"(?P<what>.+?)\.\.\. is too large a number", msg("{what}... is too large a number")),
        (r"nested more than (?P<what>\d+) levels deep", msg("nested more than {what} levels deep")),
        (r"Expecting value", msg("a value is missing here")),
        (r"Expecting (?P<what>'.'|',') delimiter", msg("a {what} is missing here")),
        (
            r"Expecting property name enclosed in double quotes",
            msg("a key in double quotes is missing here"),
        ),
        (r"Extra data", msg("more text after the end of the data")),
        (r"Unterminated string starting at", msg("a text is not closed")),
        (r"Invalid control character at", msg("a control character inside a text")),
    )
)


def problem(text: str) -> Msg:
    """A parser's problem as a message (its English kept for English readers)."""
    for pattern, words in PROBLEMS:
        found = pattern.match(text)
        if found is not None:
            parts = {k: Label(v.replace(" or ", " hoặc "), v) for k, v in found.groupdict().items()}
            said = Msg(words.template, **parts)
            return Msg.worded(text, said)
    return Msg(text)
