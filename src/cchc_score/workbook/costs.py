"""Cost tables in a workbook: the table to fill in (every leaf the planner may change, with the
outcomes it can reach) and reading a filled one, which is a CSV cost table's columns in a sheet.

A row whose price cells (``cost, fixed, per_point, locked, max_points, requires, actionable``)
are all empty prices nothing and is left out, so the unfilled rows of the template do not
count; the columns ``label`` and ``outcome`` are there for people and are not read. Errors name
the cell (``'Chi phí'!F12``).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cchc_score.decimal_utils import normalize, to_decimal
from cchc_score.errors import InputFileError
from cchc_score.model.criteria import CriteriaSet
from cchc_score.rules import Rule
from cchc_score.simulate.costs import CostTable
from cchc_score.simulate.inputs import COST_COLUMNS, DEFAULT_ROW, costs_from_rows

from .sheets import COST, POINTS, Column, new_book, write_table

SHEET = "Chi phí"
#: Columns for people, not read back.
INFO_COLUMNS = ("label", "outcome")
#: Cells that price a row or constrain its leaf: a row with none of them filled is left out.
PRICE_COLUMNS = ("cost", "fixed", "per_point", "locked", "max_points", "requires", "actionable")
#: A leaf with more outcomes than this (a percentage in 1 % steps) is priced per point.
MAX_OUTCOMES = 8
#: The template's columns: key (read back), Vietnamese title, width, number format.
TEMPLATE: tuple[tuple[str, str, float, str | None], ...] = (
    ("leaf", "Mã tiêu chí", 9, None),
    ("label", "Tiêu chí", 44, None),
    ("to", "Kết quả (giá trị)", 14, None),
    ("outcome", "Kết quả cần đạt", 26, None),
    ("points", "Điểm đạt được", 10, POINTS),
    ("cost", "Chi phí", 11, COST),
    ("fixed", "Chi phí cố định", 11, COST),
    ("per_point", "Chi phí mỗi điểm", 11, COST),
    ("locked", "Không thể thay đổi (x)", 11, None),
    ("max_points", "Tối đa đạt được", 10, POINTS),
    ("requires", "Cần làm trước (mã; mã)", 14, None),
    ("unit", "Đơn vị chi phí", 14, None),
)
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
DEFAULT_LABEL = "Mặc định cho tiêu chí không có giá riêng / default for leaves not priced"
PER_POINT_LABEL = "mỗi điểm tăng thêm → cột Chi phí mỗi điểm / per point gained"


def cost_template(cset: CriteriaSet, rules: Mapping[str, Rule]) -> tuple[Workbook, int]:
    """The cost table to fill in, and the number of leaves it lists.

    One row per outcome a leaf can reach from no evidence (by its rule), or one row to price
    per point when it has many; survey leaves are left out (the planner holds them fixed).
    """
    rows: list[list[Any]] = [[DEFAULT_ROW, DEFAULT_LABEL, *([None] * (len(TEMPLATE) - 2))]]
    leaves = 0
    for node in cset.leaves():
        if node.source == "survey":
            continue
        leaves += 1
        outcomes = rules[node.id].outcomes(None)
        if not outcomes or len(outcomes) > MAX_OUTCOMES:
            rows.append([node.id, node.label_vi, None, PER_POINT_LABEL, *([None] * 8)])
            continue
        for outcome in outcomes:
            value = _text(outcome.value)
            label = outcome.label_vi
            rows.append([node.id, node.label_vi, value, label, outcome.points, *([None] * 7)])
    columns = [Column(f"{key}\n{title}", fmt, width) for key, title, width, fmt in TEMPLATE]
    wb = new_book()
    ws = write_table(wb, SHEET, columns, rows, frozen_columns=2)
    _inputs(ws, len(rows))
    return wb, leaves


def _inputs(ws: Worksheet, count: int) -> None:
    """The cells to fill in: yellow, and numbers at least 0 in the price columns."""
    keys = [key for key, *_ in TEMPLATE]
    last = count + 1
    numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    numbers.error = "Một số không âm / a number, 0 or more"
    numbers.showErrorMessage = True
    numbers.allow_blank = True
    ws.add_data_validation(numbers)
    for key in ("cost", "fixed", "per_point", "max_points", "locked", "requires", "unit"):
        col = keys.index(key) + 1
        letter = get_column_letter(col)
        if key in ("cost", "fixed", "per_point", "max_points"):
            numbers.add(f"{letter}2:{letter}{last}")
        for r in range(2, last + 1):
            ws.cell(row=r, column=col).fill = INPUT_FILL
    for r in range(2, last + 1):
        ws.cell(row=r, column=2).alignment = Alignment(wrap_text=True, vertical="top")


def _text(value: Any) -> str | None:
    """An evidence value as the cost table's ``to`` cell: a level key, ``true``, a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | int):
        return f"{normalize(Decimal(value)):f}"
    return str(value)


def read_cost_workbook(path: Path) -> CostTable:
    """A cost table from a workbook: the sheet 'Chi phí' (or 'costs', or the first sheet),
    header in row 1 (a header's first line is its column name), one row per leaf or outcome."""
    try:
        wb = load_workbook(path, data_only=True, read_only=False)
    except FileNotFoundError:
        raise InputFileError("file not found", file=str(path)) from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError) as exc:
        raise InputFileError(
            f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})", file=str(path)
        ) from None
    ws = next(
        (s for s in wb.worksheets if s.title.casefold() in {SHEET.casefold(), "costs"}),
        wb.worksheets[0],
    )
    known = (*COST_COLUMNS, *INFO_COLUMNS)
    header: dict[int, str] = {}
    for col in range(1, ws.max_column + 1):
        raw = ws.cell(row=1, column=col).value
        if raw is None or not str(raw).strip():
            continue
        name = str(raw).split("\n")[0].strip().casefold()
        if name not in known:
            raise InputFileError(
                f"unknown column {str(raw).splitlines()[0]!r} (columns: {', '.join(known)})",
                file=str(path),
                place=_ref(ws, 1, col),
            )
        header[col] = name
    letters = {name: col for col, name in header.items()}
    if "leaf" not in letters:
        raise InputFileError(
            "no column 'leaf' in row 1 (the leaf ids)", file=str(path), place=_ref(ws, 1, 1)
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
            "the cost table prices nothing: fill in a cost, fixed or per_point cell",
            file=str(path),
            place=ws.title,
        )
    if unit:
        rows[0][1]["unit"] = unit
    names = [name for name in header.values() if name not in INFO_COLUMNS]

    def place(line: int, column: str) -> str:
        return _ref(ws, line, letters.get(column, letters["leaf"]))

    table = costs_from_rows(path, names, rows, place)
    # Errors found once the set is known (an unknown leaf) name the leaf's cell, not a line.
    leaf_cells: dict[str, int | str] = {}
    for r, row in rows:
        leaf_cells.setdefault(row["leaf"], _ref(ws, r, letters["leaf"]))
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


def _ref(ws: Worksheet, row: int, col: int) -> str:
    """``Sheet!C12``, the sheet name quoted when it holds a space, as spreadsheets write it."""
    title = ws.title
    if not title.replace("_", "").isalnum():
        title = "'" + title.replace("'", "''") + "'"
    return f"{title}!{get_column_letter(col)}{row}"
