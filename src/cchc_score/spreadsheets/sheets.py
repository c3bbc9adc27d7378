"""Tables for people in .xlsx: a styled, frozen, filterable header; numbers as numbers with a
number format; widths that fit the text. Imported only when a workbook is written (openpyxl
costs start-up time).

Numbers are written as spreadsheet numbers (doubles): these workbooks are read by people, and
the JSON output keeps every digit for programs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from cchc_score.formats.xlsx import (
    Alignment,
    Border,
    Font,
    PatternFill,
    Side,
    Workbook,
    Worksheet,
    get_column_letter,
)
from cchc_score.writing import write_with

POINTS = "0.00"
WHOLE = "0"
COST = "#,##0.00"
SHARE = "0.0%"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
BOLD = Font(bold=True)
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
#: Band fills, best band first; the worst band of two or more is always red.
BAND_COLOURS = ("C6EFCE", "DDEBF7", "FFEB9C", "FCE4D6", "D9D9D9")
WORST_BAND = "FFC7CE"
#: Characters a sheet name cannot hold, and its longest length.
BAD_TITLE = str.maketrans({c: "-" for c in "[]:*?/\\"})
TITLE_MAX = 31


@dataclass(frozen=True)
class Column:
    """A column of a table: its header, number format (None: text) and width."""

    header: str
    number_format: str | None = None
    width: float | None = None


def number(value: Decimal | int | float | None) -> float | int | None:
    """A figure as a spreadsheet number (whole numbers as ints)."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


def band_fill(position: int, count: int) -> PatternFill:
    """The fill of the band at ``position`` (0 the best) of ``count`` bands."""
    if count > 1 and position == count - 1:
        return PatternFill("solid", fgColor=WORST_BAND)
    return PatternFill("solid", fgColor=BAND_COLOURS[min(position, len(BAND_COLOURS) - 1)])


def sheet_title(wb: Workbook, wanted: str) -> str:
    """A sheet name a spreadsheet accepts, unique in ``wb``."""
    base = wanted.translate(BAD_TITLE).strip("'")[:TITLE_MAX] or "Sheet"
    title, n = base, 2
    while title in wb.sheetnames:
        suffix = f" ({n})"
        title, n = base[: TITLE_MAX - len(suffix)] + suffix, n + 1
    return title


def new_book() -> Workbook:
    """An empty workbook (its default sheet removed: each table adds its own)."""
    wb = Workbook()
    if wb.active is not None:
        wb.remove(wb.active)
    return wb


def write_table(
    wb: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    frozen_columns: int = 2,
) -> Worksheet:
    """A sheet holding one table: header in row 1 (frozen, with a filter), one row per item;
    the first ``frozen_columns`` stay in view when scrolling right."""
    ws: Worksheet = wb.create_sheet(sheet_title(wb, title))
    for col, column in enumerate(columns, start=1):
        cell = put_value(ws, 1, col, column.header, None)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for r, row in enumerate(rows, start=2):
        for col, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            put_value(ws, r, col, value, column.number_format)
    ws.freeze_panes = f"{get_column_letter(min(frozen_columns, len(columns) - 1) + 1)}2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    fit_widths(ws, columns, rows)
    for col, column in enumerate(columns, start=1):
        # A long label wraps in its column; every cell of a row starts at its top line.
        wrap = column.number_format is None and column.width is not None
        for r in range(2, len(rows) + 2):
            ws.cell(row=r, column=col).alignment = Alignment(wrap_text=wrap, vertical="top")
    fit_row_heights(ws, 1, len(rows) + 1)
    print_fit(ws, "1:1")
    return ws


def put_value(ws: Worksheet, row: int, col: int, value: Any, number_format: str | None) -> Any:
    """Write one cell: a number with its format, or text kept as text."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        cell.value = number(value)
        if number_format:
            cell.number_format = number_format
    elif value is None:
        cell.value = None
    else:
        cell.value = str(value)
        cell.data_type = "s"  # text stays text, even when it starts with "="
    return cell


def fit_widths(ws: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> None:
    """Each column as wide as its longest cell (numbers as shown), within reason."""
    for col, column in enumerate(columns, start=1):
        if column.width is not None:
            width = column.width
        else:
            longest = max(
                [len(shown) for shown in column.header.split("\n")]
                + [len(_shown(row[col - 1])) for row in rows],
                default=8,
            )
            width = min(max(longest + 2, 8), 60)
        ws.column_dimensions[get_column_letter(col)].width = width


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | float):
        return f"{value:.2f}"
    return str(value)


def print_fit(ws: Worksheet, title_rows: str | None, landscape: bool = True) -> None:
    """Print on A4, as wide as the page, ``title_rows`` (e.g. ``"1:1"``) repeated on every
    page."""
    from cchc_score.formats.xlsx import PageSetupProperties

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        ws.print_title_rows = title_rows


def key_values(wb: Workbook, title: str, rows: Sequence[tuple[str, Any, str | None]]) -> Worksheet:
    """A two-column sheet of labelled figures (label, value, number format)."""
    ws: Worksheet = wb.create_sheet(sheet_title(wb, title))
    for r, (label, value, number_format) in enumerate(rows, start=1):
        put_value(ws, r, 1, label, None).font = BOLD
        # Left: a figure sits beside its label, not across a wide column.
        put_value(ws, r, 2, value, number_format).alignment = Alignment(
            horizontal="left", wrap_text=True
        )
    ws.column_dimensions["A"].width = max([len(label) for label, _, _ in rows] + [10]) + 2
    ws.column_dimensions["B"].width = 60
    print_fit(ws, None, landscape=False)
    return ws


def save_book(wb: Workbook, path: str | Path, *, overwrite: bool = True) -> Path:
    """Save atomically: a temporary file beside ``path``, then a rename (without
    ``overwrite``, only if ``path`` still does not exist)."""
    return write_with(path, lambda tmp: wb.save(tmp), overwrite=overwrite)


def fit_row_heights(ws: Worksheet, first: int, last: int) -> None:
    """Rows ``first`` to ``last`` tall enough for their wrapped text: spreadsheets do not grow a
    row written by a program, and the lines would be drawn over each other. A cell merged over
    several rows shares its lines among them."""
    spans: dict[tuple[int, int], tuple[int, float]] = {}
    hidden: set[tuple[int, int]] = set()
    for merged in ws.merged_cells.ranges:
        width = sum(_width(ws, c) for c in range(merged.min_col, merged.max_col + 1))
        spans[(merged.min_row, merged.min_col)] = (merged.max_row - merged.min_row + 1, width)
        hidden.update(
            (r, c)
            for r in range(merged.min_row, merged.max_row + 1)
            for c in range(merged.min_col, merged.max_col + 1)
            if (r, c) != (merged.min_row, merged.min_col)
        )
    for r in range(first, last + 1):
        lines = 1
        for c in range(1, ws.max_column + 1):
            cell = ws.cell(row=r, column=c)
            if (r, c) in hidden or not isinstance(cell.value, str):
                continue
            if not (cell.alignment is not None and cell.alignment.wrap_text):
                continue
            rows, width = spans.get((r, c), (1, _width(ws, c)))
            indent = (cell.alignment.indent or 0) * 2
            needed = text_lines(cell.value, width - indent)
            lines = max(lines, -(-needed // rows))
        if lines > 1:
            ws.row_dimensions[r].height = 15 * lines


def text_lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a column ``width`` characters wide, wrapped at spaces."""
    room = max(int(width) - 1, 4)
    total = 0
    for part in text.split("\n"):
        line, count = 0, 1
        for piece in part.split(" "):
            if line and line + 1 + len(piece) > room:
                count, line = count + 1, len(piece)
            else:
                line += len(piece) + (1 if line else 0)
            while line > room:  # a word longer than the column breaks inside it
                count, line = count + 1, line - room
        total += count
    return total


def _width(ws: Worksheet, col: int) -> float:
    width = ws.column_dimensions[get_column_letter(col)].width
    return float(width) if width else 8.43
