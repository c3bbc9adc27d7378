"""Shared model configuration."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """Frozen model that rejects unknown keys."""

    # Ids and versions typed bare in YAML (1.1, 2021) arrive as numbers: keep them as text.
    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)
