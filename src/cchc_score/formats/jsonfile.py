"""JSON in and out, under the YAML loader's rules: exact decimals, duplicate keys refused,
numbers of an impossible size refused, no NaN or Infinity."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from cchc_score.decimal_utils import MAX_ADJUSTED_EXPONENT, check_magnitude

from .limits import limit

#: Raised when the text is not JSON at all; it carries ``msg``, ``lineno`` and ``colno``.
JSONDecodeError = json.JSONDecodeError


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _decimal(text: str) -> Decimal:
    number = Decimal(text)
    problem = check_magnitude(number)
    if problem:
        raise ValueError(f"{text!r} {problem}")
    return number


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_ADJUSTED_EXPONENT + 1:
        raise ValueError(f"{text[:30]!r}... is too large a number")
    return int(text)


def _constant(name: str) -> Any:
    raise ValueError(f"{name!r} is not a finite number")


class TooDeepError(ValueError):
    """Lists and objects nested deeper than ``MAX_DEPTH``; ``line`` is where it goes too deep."""

    def __init__(self, depth: int, line: int) -> None:
        super().__init__(f"nested more than {depth} levels deep")
        self.line = line


def load(text: str) -> Any:
    """The data of a JSON text.

    Raises:
        JSONDecodeError: the text is not JSON (it has a line and column).
        TooDeepError: nested deeper than the limit.
        ValueError: a duplicate key or an impossible number; the message quotes it.
    """
    depth = limit("MAX_DEPTH")
    try:
        data = json.loads(
            text,
            parse_float=_decimal,
            parse_int=_int,
            parse_constant=_constant,
            object_pairs_hook=_pairs,
        )
    except RecursionError:  # deeper than Python's own limit
        raise TooDeepError(depth, _deep_line(text, depth)) from None
    if _too_deep(data, depth):
        raise TooDeepError(depth, _deep_line(text, depth))
    return data


def _too_deep(data: Any, depth: int) -> bool:
    """Whether lists and objects nest deeper than ``depth``: level by level over the
    containers only (json gives plain dicts and lists), a few hundredths of a millisecond for
    an assessment."""
    level = [data] if type(data) is dict or type(data) is list else []
    reached = 1
    while level:
        if reached > depth:
            return True
        inner: list[Any] = []
        for value in level:
            items = value.values() if type(value) is dict else value
            inner += [v for v in items if type(v) is dict or type(v) is list]
        level = inner
        reached += 1
    return False


def _deep_line(text: str, depth: int) -> int:
    """The line where brackets outside strings first nest deeper than ``depth`` (error path
    only: a character loop)."""
    level, quoted, escaped = 0, False, False
    for i, char in enumerate(text):
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char in "[{":
            level += 1
            if level > depth:
                return text.count("\n", 0, i) + 1
        elif char in "]}":
            level -= 1
    return 1


def dumps(data: Any) -> str:
    """Indented JSON, letters as they are (no trailing newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def plain(text: str) -> Any:
    """Plain JSON data (floats as floats), for JSON this program wrote itself."""
    return json.loads(text)
