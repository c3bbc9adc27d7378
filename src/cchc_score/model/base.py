"""Shared model configuration."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ModelWrapValidatorHandler, model_validator

from cchc_score.number_checks import check_numbers


class Frozen(BaseModel):
    """Frozen model that rejects unknown keys, and numbers out of range however written."""

    # Ids and versions typed bare in YAML (1.1, 2021) arrive as numbers: keep them as text.
    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    # One check per model, not per field: a validator on every field costs a sixth of the
    # time of scoring a file.
    @model_validator(mode="wrap")
    @classmethod
    def _numbers_in_range(cls, value: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        model = handler(value)
        check_numbers(cls, value, model)
        return model
