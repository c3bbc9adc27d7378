"""Decimal helpers: parsing numbers exactly, formatting, rounding by a pack's rule."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}


def to_decimal(value: Any) -> Decimal | None:
    """Return ``value`` as an exact Decimal, or None when it is not a number.

    Floats go through their shortest repr so that ``10.46`` stays ``10.46``; booleans are not
    numbers here.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if check_magnitude(value) is None else None
    if isinstance(value, int | float):
        number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
        return number if check_magnitude(number) is None else None
    if isinstance(value, str):
        text = (
            value.strip().replace(",", ".")
            if value.count(",") == 1 and "." not in value
            else value.strip()
        )
        if not text or text.lower() in {"nan", "inf", "-inf", "infinity", "+inf", "snan"}:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        return number if check_magnitude(number) is None else None
    return None


#: Numbers in input files stay within these magnitudes, so arithmetic on them cannot overflow.
MAX_ADJUSTED_EXPONENT = 18
MIN_ADJUSTED_EXPONENT = -30


def check_magnitude(number: Decimal) -> str | None:
    """Why a number is not usable as input (not finite, too large or too small), or None."""
    if not number.is_finite():
        return "is not a finite number"
    if number and not MIN_ADJUSTED_EXPONENT <= number.adjusted() <= MAX_ADJUSTED_EXPONENT:
        return "is too large or too small a number"
    return None


def quantize(value: Decimal, places: int, mode: str = "half_up") -> Decimal:
    """Round ``value`` to ``places`` decimals with the named mode."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUNDING_MODES[mode])


def fmt(value: Decimal | None, places: int = 2) -> str:
    """Format points for people: fixed decimals, no exponent."""
    if value is None:
        return "–"
    return f"{quantize(value, places):f}"


def normalize(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
