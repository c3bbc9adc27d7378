"""Numbers a model was given as text or bare numbers, checked finite and in range at their
field: one check shared by every model and every rule's parameters."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from cchc_score.decimal_utils import check_magnitude


def _out_of_range(value: Any, result: Any) -> tuple[tuple[str | int, ...], Any, str] | None:
    """The first number in ``result`` made from text or a bare number in ``value`` that is not
    finite or out of range: its place within the value, the value as written and why."""
    if isinstance(result, Decimal) and not isinstance(value, Decimal):
        why = check_magnitude(result)
        return None if why is None else ((), value, why)
    pairs: list[tuple[str | int, Any, Any]] = []
    if isinstance(result, dict) and isinstance(value, dict):
        pairs = [(key, value.get(key), item) for key, item in result.items()]
    elif isinstance(result, list | tuple) and isinstance(value, list | tuple):
        pairs = [(i, raw, item) for i, (raw, item) in enumerate(zip(value, result, strict=False))]
    for key, raw, item in pairs:
        found = _out_of_range(raw, item)
        if found is not None:
            return (key, *found[0]), found[1], found[2]
    return None


def check_numbers(model_type: type[BaseModel], value: Any, model: BaseModel) -> None:
    """Refuse a number made from text or a bare number (a table cell, a quoted number in a
    file, ``1e400`` that YAML reads as text) that is not finite or out of the documented range,
    as the file loaders do for the numbers they read; the error is at the field. A Decimal
    given as such was checked where it was read, or computed."""
    if not isinstance(value, dict):
        return
    fields = model_type.model_fields
    for name, raw in value.items():
        if name not in fields:
            continue
        found = _out_of_range(raw, getattr(model, name))
        if found is not None:
            place, written, why = found
            context = {"number": repr(written), "why": why}
            error = PydanticCustomError("number_out_of_range", "{number} {why}", context)
            detail = InitErrorDetails(type=error, loc=(name, *place), input=written)
            raise ValidationError.from_exception_data(model_type.__name__, [detail])
