"""A cost table filled in a workbook (``cchc-score template SET --costs`` writes one): the
sheet 'Chi phí', a header in row 1, one row per leaf or outcome; read as a CSV table would be,
errors naming the cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from cchc_score.decimal_utils import normalize, to_decimal
from cchc_score.errors import InputFileError, msg
from cchc_score.formats.xlsx import open_book, ref

from .cost_rows import COST_COLUMNS, DEFAULT_ROW, costs_from_rows
from .costs import CostTable

SHEET = "Chi phí"
#: Columns the template adds for people (the leaf's label, the outcome's words): not read.
INFO_COLUMNS = ("label", "outcome")
#: Columns that price or constrain a leaf: a row with none of them filled is passed over.
PRICE_COLUMNS = ("cost", "fixed", "per_point", "locked", "max_points", "requires", "actionable")


def read_cost_workbook(path: Path) -> CostTable:
    """A cost table from a workbook: the sheet 'Chi phí' (or 'costs', or the first sheet),
    header in row 1 (a header's first line is its column name), one row per leaf or outcome."""
    book = open_book(path)
    ws = book.sheet(SHEET, "costs", required=False) or book.wb.worksheets[0]
    known = (*COST_COLUMNS, *INFO_COLUMNS)
    header: dict[int, str] = {}
    for col in range(1, ws.max_column + 1):
        raw = ws.cell(row=1, column=col).value
        if raw is None or not str(raw).strip():
            continue
        name = str(raw).split("\n")[0].strip().casefold()
        if name not in known:
            raise InputFileError(
                msg(
                    "unknown column {name!r} (columns: {known})",
                    name=str(raw).splitlines()[0],
                    known=", ".join(known),
                ),
                file=str(path),
                place=ref(ws, 1, col),
            )
        header[col] = name
    letters = {name: col for col, name in header.items()}
    if "leaf" not in letters:
        raise InputFileError(
            msg("no column 'leaf' in row 1 (the leaf ids)"), file=str(path), place=ref(ws, 1, 1)
        )
    rows: list[tuple[int, dict[str, str]]] = []
    unit: str | None = None
    for r in range(2, ws.max_row + 1):
        cells: dict[str, str] = {}
        for col, name in header.items():
            text = _cell_text(ws.cell(row=r, column=col).value)
            if text and name not in INFO_COLUMNS:
                cells[name] = text
        unit = unit or cells.pop("unit", None)
        cells.pop("unit", None)
        if "cost" not in cells:  # a row priced by fixed/per_point, or constraints only
            cells.pop("to", None)
            cells.pop("points", None)
        elif "to" in cells:  # the template gives both; the evidence value is the exact one
            cells.pop("points", None)
        if any(key in cells for key in PRICE_COLUMNS):
            rows.append((r, cells))
    if not rows:
        raise InputFileError(
            msg("the cost table prices nothing: fill in a cost, fixed or per_point cell"),
            file=str(path),
            place=ws.title,
        )
    if unit:
        rows[0][1]["unit"] = unit
    names = [name for name in header.values() if name not in INFO_COLUMNS]

    def place(line: int, column: str) -> str:
        return ref(ws, line, letters.get(column, letters["leaf"]))

    table = costs_from_rows(path, names, rows, place)
    # Errors found once the set is known (an unknown leaf) name the leaf's cell, not a line.
    leaf_cells: dict[str, int | str] = {}
    for r, row in rows:
        leaf_cells.setdefault(row["leaf"], ref(ws, r, letters["leaf"]))
    leaf_cells.pop(DEFAULT_ROW, None)
    return table.with_lines(leaf_cells)


def _cell_text(value: Any) -> str | None:
    """A cell as the text a CSV cell would hold: numbers as typed, ``true`` for a tick."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        number = to_decimal(value)
        return f"{normalize(number):f}" if number is not None else str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip() or None
