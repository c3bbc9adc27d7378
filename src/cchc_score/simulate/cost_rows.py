"""A cost table given as rows of cells (a CSV file, a workbook's sheet): one row per leaf or
priced outcome, the row of leaf ``*`` the default; errors name the line (or the cell) and the
column."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cchc_score.errors import InputFileError, msg
from cchc_score.loading import Document, validation_error
from cchc_score.published import ALIASES

from .costs import CostTable

TRUE = {"true", "yes", "1", "x", "có", "co"}
#: The leaf id of a CSV row pricing the leaves the table does not name (its ``default``).
DEFAULT_ROW = "*"
COSTS_FILE = "costs.yaml"
COST_COLUMNS = (
    "leaf",
    "to",
    "points",
    "cost",
    "fixed",
    "per_point",
    "locked",
    "max_points",
    "requires",
    "actionable",
    "explanation",
    "unit",
)


def unknown_columns(path: Path, header: Sequence[str], known: Collection[str]) -> None:
    for name in header:
        canonical = ALIASES.get(name.strip().lower(), name.strip().lower())
        if canonical not in known and not canonical.startswith("area:"):
            raise InputFileError(
                msg(
                    "unknown column {name!r} (columns: {known})",
                    name=name.strip(),
                    known=", ".join(known),
                ),
                file=str(path),
                place=f"line 1, column {name.strip()}",
            )


def cell_error(path: Path, line: int, column: str, message: str) -> InputFileError:
    return line_error(path, line, column, message)


def line_error(path: Path, line: int, column: str, message: str) -> InputFileError:
    return InputFileError(message, file=str(path), place=f"line {line}, column {column}")


def costs_from_rows(
    path: Path,
    header: Sequence[str],
    rows: Sequence[tuple[int, dict[str, str]]],
    cell_name: Callable[[int, str], str] | None = None,
) -> CostTable:
    """A cost table from the rows of a CSV file (see ``loading.read_table``); errors name the
    line and the column of the bad cell, or the cell as ``cell_name(line, column)`` names it (a
    workbook's ``Sheet!C5``)."""

    def cell_error(path: Path, line: int, column: str, message: str) -> InputFileError:
        if cell_name is not None:
            return InputFileError(message, file=str(path), place=cell_name(line, column))
        return line_error(path, line, column, message)

    unknown_columns(path, header, COST_COLUMNS)
    if not rows:
        raise InputFileError(
            msg("the cost table prices nothing: give one row per leaf (or a * row)"),
            file=str(path),
            place="line 1",
        )
    written = {h.strip().lower(): h.strip() for h in header}
    leaves: dict[str, dict[str, Any]] = {}
    #: Where each key of the table came from: (line, column), to name the cell of an error.
    cells: dict[tuple[str | int, ...], tuple[int, str]] = {}
    lines: dict[str, int] = {}
    unit: str | None = None
    for line, raw in rows:
        row = {k: v for k, v in raw.items() if v}
        leaf = row.get("leaf")
        if leaf is None:
            raise cell_error(
                path, line, written.get("leaf", "leaf"), msg("no leaf id in this cell")
            )
        entry = leaves.setdefault(leaf, {})
        lines.setdefault(leaf, line)
        here = ("leaves", leaf)
        cells.setdefault(here, (line, "leaf"))
        unit = unit or row.get("unit")
        if "to" in row or "points" in row:
            if "cost" not in row:
                raise cell_error(
                    path, line, "cost", msg("leaf {leaf}: an outcome needs a cost", leaf=leaf)
                )
            outcomes = entry.setdefault("outcomes", [])
            at = (*here, "outcomes", len(outcomes))
            outcomes.append({k: row[k] for k in ("to", "points", "cost") if k in row})
            cells[at] = (line, "to" if "to" in row else "points")
            for key in ("to", "points", "cost"):
                cells[(*at, key)] = (line, key)
        for key in ("fixed", "per_point", "max_points", "explanation", "cost"):
            if key in row and (key != "cost" or ("to" not in row and "points" not in row)):
                field = "fixed" if key == "cost" else key
                if (*here, field) in cells:  # which price counts would be unclear
                    before = cells[(*here, field)][0]
                    raise cell_error(
                        path,
                        line,
                        written.get(key, key),
                        msg(
                            "leaf {leaf}: {field} is already given on line {line}",
                            leaf=leaf,
                            field=field,
                            line=before,
                        ),
                    )
                entry[field] = row[key]
                cells[(*here, field)] = (line, key)
        for key in ("locked", "actionable"):
            if key in row:
                entry[key] = row[key].lower() in TRUE
        if "requires" in row:
            entry["requires"] = [r.strip() for r in row["requires"].split(";") if r.strip()]
            cells[(*here, "requires")] = (line, "requires")
    data: dict[str, Any] = {"leaves": leaves, "default": leaves.pop(DEFAULT_ROW, None)}
    lines.pop(DEFAULT_ROW, None)
    if data["default"] is not None and "explanation" in data["default"]:
        # The * row's explanation prices every leaf's explanation: the table's own key.
        data["explanation"] = data["default"].pop("explanation")
        cells[("explanation",)] = cells[("leaves", DEFAULT_ROW, "explanation")]
    # The ``*`` row's cells, under the key the table validates them at.
    for loc, place in list(cells.items()):
        if loc[:2] == ("leaves", DEFAULT_ROW):
            cells[("default", *loc[2:])] = place
    if unit:
        data.update(unit_vi=unit, unit_en=unit)
    try:
        table = CostTable.model_validate(data)
    except ValidationError as exc:
        error = validation_error(exc, Document(path, data, None))
        loc = tuple(exc.errors(include_url=False)[0]["loc"])
        while loc and loc not in cells:
            loc = loc[:-1]
        line, column = cells.get(loc, (1, "leaf"))
        raise cell_error(path, line, written.get(column, column), error.message) from None
    return table.with_lines(lines)
