"""Limits on what a file may make the program do, so that any file, however hostile, is read in
bounded time and memory. Each can be raised with an environment variable ``CCHC_SCORE_<NAME>``
(docs/limits.md lists them)."""

from __future__ import annotations

import os

from cchc_score.errors import InputFileError, msg

MIB = 1024 * 1024

DEFAULTS: dict[str, int] = {
    # Bytes of one file, by format (an assessment is tens of kilobytes, a pack a few hundred).
    "MAX_YAML_BYTES": 20 * MIB,
    "MAX_JSON_BYTES": 20 * MIB,
    "MAX_CSV_BYTES": 20 * MIB,
    "MAX_XLSX_BYTES": 20 * MIB,
    # What an .xlsx archive may inflate to (its declared sizes are checked before unpacking).
    "MAX_XLSX_UNPACKED_BYTES": 200 * MIB,
    # Rows and columns of one sheet's used range.
    "MAX_XLSX_ROWS": 100_000,
    "MAX_XLSX_COLUMNS": 1_000,
    # Nesting of lists and mappings in YAML and JSON.
    "MAX_DEPTH": 100,
    # Values a YAML file may stand for once its aliases are expanded.
    "MAX_YAML_NODES": 1_000_000,
}


def limit(name: str) -> int:
    """The limit ``name`` (a key of :data:`DEFAULTS`), or its environment variable's value."""
    variable = f"CCHC_SCORE_{name}"
    raw = os.environ.get(variable)
    if raw is None or not raw.strip():
        return DEFAULTS[name]
    try:
        value = int(raw.strip().replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise InputFileError(
            msg(
                "{variable} must be a positive whole number (got {raw!r})",
                variable=variable,
                raw=raw,
            )
        )
    return value


def byte_limit(suffix: str) -> tuple[str, int]:
    """The size-limit variable for a file's suffix (``.yml`` counts as YAML) and its value."""
    fmt = {".yml": "YAML", ".yaml": "YAML", ".json": "JSON", ".csv": "CSV", ".xlsx": "XLSX"}.get(
        suffix.lower(), "YAML"
    )
    name = f"MAX_{fmt}_BYTES"
    return f"CCHC_SCORE_{name}", limit(name)
