"""JSON in and out, under the YAML loader's rules: exact decimals, duplicate keys refused,
numbers of an impossible size refused, no NaN or Infinity."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from cchc_score.decimal_utils import MAX_ADJUSTED_EXPONENT, check_magnitude

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


def load(text: str) -> Any:
    """The data of a JSON text.

    Raises:
        JSONDecodeError: the text is not JSON (it has a line and column).
        ValueError: a duplicate key or an impossible number; the message quotes it.
    """
    return json.loads(
        text,
        parse_float=_decimal,
        parse_int=_int,
        parse_constant=_constant,
        object_pairs_hook=_pairs,
    )


def dumps(data: Any) -> str:
    """Indented JSON, letters as they are (no trailing newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def plain(text: str) -> Any:
    """Plain JSON data (floats as floats), for JSON this program wrote itself."""
    return json.loads(text)
