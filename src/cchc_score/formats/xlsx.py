"""Cells in and out of .xlsx workbooks: exact numbers, dates, text, and errors naming the cell.

The only module that imports openpyxl; it is imported only where a workbook is read or written
(openpyxl takes longer to import than the rest of the program together). The workbook layouts
(:mod:`cchc_score.workbook`) take openpyxl's names from here.

Numbers travel as spreadsheet numbers when a double holds them exactly (up to 15 significant
digits, what a spreadsheet shows) and as text otherwise, so nothing is rounded on the way.
Structured values (a survey distribution, a list of bonus items) are YAML flow text in one cell.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

# Workbook, Worksheet, the styles, DataValidation, Outline, PageSetupProperties and
# get_column_letter are re-exported ("as" names): the workbook layouts and the result workbooks
# style their sheets with them without importing openpyxl.
from openpyxl import Workbook as Workbook
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell as Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment as Alignment
from openpyxl.styles import Border as Border
from openpyxl.styles import Font as Font
from openpyxl.styles import PatternFill as PatternFill
from openpyxl.styles import Protection as Protection
from openpyxl.styles import Side as Side
from openpyxl.utils import coordinate_to_tuple as coordinate_to_tuple
from openpyxl.utils import get_column_letter as get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation as DataValidation
from openpyxl.worksheet.properties import Outline as Outline
from openpyxl.worksheet.properties import PageSetupProperties as PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet as Worksheet

from cchc_score.decimal_utils import normalize, to_decimal
from cchc_score.errors import InputFileError, Msg, msg
from cchc_score.errors import shown as plain
from cchc_score.i18n import Label
from cchc_score.writing import write_with

from . import yamlfile
from .limits import limit
from .text import check_size

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
#: Cells a formula fills (provisional totals): grey, not to type in.
FORMULA_FILL = PatternFill("solid", fgColor="EDEDED")
#: An input cell of a protected sheet.
UNLOCKED = Protection(locked=False)
GROUP_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TRUE_WORDS = {"true", "yes", "x", "1", "có", "co", "đúng"}
FALSE_WORDS = {"false", "no", "0", "không", "khong", "sai"}


class Book:
    """An opened workbook and its file name, to name cells in errors."""

    def __init__(self, path: Path, workbook: Workbook) -> None:
        self.path = path
        self.wb = workbook
        #: Formula cells saved without a result: (sheet, cell, formula).
        self.unsaved: list[tuple[str, str, str]] = []

    def unsaved_error(self, title: str, cell: str, formula: str) -> InputFileError:
        """A formula whose result was never saved: read as data it would look empty."""
        return InputFileError(
            msg(
                "the formula {formula!r} has no saved result: open the workbook in a"
                " spreadsheet program and save it",
                formula=formula[:40],
            ),
            file=str(self.path),
            place=f"{_quoted(title)}!{cell}",
        )

    def sheet(self, *names: str, required: bool = True) -> Worksheet | None:
        """The first sheet whose name matches one of ``names`` (case-insensitive)."""
        wanted = {n.casefold() for n in names}
        for ws in self.wb.worksheets:
            if ws.title.casefold() in wanted:
                return ws
        if required:
            raise InputFileError(
                msg(
                    "no sheet named {names} (sheets: {sheets})",
                    names=Label(
                        " hoặc ".join(repr(n) for n in names), " or ".join(repr(n) for n in names)
                    ),
                    sheets=", ".join(self.wb.sheetnames),
                ),
                file=str(self.path),
            )
        return None

    def error(self, ws: Worksheet, row: int, col: int, message: str | Msg) -> InputFileError:
        return InputFileError(message, file=str(self.path), place=ref(ws, row, col))


def open_book(path: str | Path, *, unsaved_formulas: bool = False) -> Book:
    """Open an .xlsx file for reading (cached formula results, not formulas).

    A formula saved without its result is refused, unless ``unsaved_formulas``: then the
    caller judges them (:attr:`Book.unsaved`), e.g. a layout's own formulas it never reads.
    """
    path = Path(path)
    if path.is_dir():
        raise InputFileError(msg("is a folder, expected a file"), file=str(path))
    if not path.exists():
        raise InputFileError(msg("file not found"), file=str(path))
    if path.suffix.lower() == ".xls":
        raise InputFileError(
            msg("the old .xls format cannot be read: save it as .xlsx (File > Save As)"),
            file=str(path),
        )
    check_size(path)
    _check_archive(path)
    try:
        workbook = load_workbook(path, data_only=True)
        book = Book(path, workbook)
        _check_used_range(book)
        book.unsaved = _unsaved_formulas(path)
    except InputFileError:
        raise
    except Exception as exc:
        # openpyxl raises many kinds of error on a damaged file (a bad archive, malformed XML,
        # a missing part); each means the same to the user: this file cannot be read.
        raise InputFileError(
            msg(
                "not a readable .xlsx workbook ({error}: {problem})",
                error=type(exc).__name__,
                problem=str(exc)[:200],
            ),
            file=str(path),
        ) from None
    if book.unsaved and not unsaved_formulas:
        raise book.unsaved_error(*book.unsaved[0])
    return book


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _unsaved_formulas(path: Path) -> list[tuple[str, str, str]]:
    """The formulas whose result was never saved (a file written by a program, not by a
    spreadsheet): read as data they would look empty, and a value would be silently lost.

    Found in the sheets' XML (a formula cell without a value), so the workbook is loaded once:
    openpyxl gives either the formulas or their results, not both.
    """
    found: list[tuple[str, str, str]] = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        targets = {
            rel.get("Id"): rel.get("Target", "")
            for rel in ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels")).iter(
                f"{_PKG_REL}Relationship"
            )
        }
        book_xml = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        for sheet in book_xml.iter(f"{_MAIN}sheet"):
            target = targets.get(sheet.get(f"{_REL}id"), "").lstrip("/")
            part = target if target.startswith("xl/") else f"xl/{target}"
            if part not in names:
                continue
            with archive.open(part) as stream:
                for _event, cell in ElementTree.iterparse(stream):
                    if cell.tag != f"{_MAIN}c":
                        continue
                    formula = cell.find(f"{_MAIN}f")
                    value = cell.find(f"{_MAIN}v")
                    if formula is not None and (value is None or not value.text):
                        found.append((sheet.get("name", ""), cell.get("r", ""), formula.text or ""))
                    cell.clear()
    return found


def _quoted(title: str) -> str:
    if not title.replace("_", "").isalnum():
        return "'" + title.replace("'", "''") + "'"
    return title


def _check_archive(path: Path) -> None:
    """Refuse an archive whose parts declare more bytes than the limit, before unpacking any
    (a zip bomb); reading stops at the declared sizes, so a part cannot lie its way past."""
    try:
        with zipfile.ZipFile(path) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # loading says what is wrong
    most = limit("MAX_XLSX_UNPACKED_BYTES")
    if declared > most:
        raise InputFileError(
            msg(
                "the workbook unpacks to {size:,} bytes, more than the {most:,} allowed"
                " (raise CCHC_SCORE_MAX_XLSX_UNPACKED_BYTES to read it)",
                size=declared,
                most=most,
            ),
            file=str(path),
        )


def _check_used_range(book: Book) -> None:
    """Refuse a sheet whose used range is larger than the limits before any of it is walked
    (one cell typed at row 1,048,576 makes a range of a million rows)."""
    rows, columns = limit("MAX_XLSX_ROWS"), limit("MAX_XLSX_COLUMNS")
    for ws in book.wb.worksheets:
        if ws.max_row > rows or ws.max_column > columns:
            raise book.error(
                ws,
                ws.max_row,
                ws.max_column,
                msg(
                    "the sheet's used range reaches this cell, beyond the {rows:,} rows and"
                    " {columns:,} columns allowed: delete what lies below or right of the table"
                    " (or raise CCHC_SCORE_MAX_XLSX_ROWS / CCHC_SCORE_MAX_XLSX_COLUMNS)",
                    rows=rows,
                    columns=columns,
                ),
            )


def ref(ws: Worksheet, row: int, col: int) -> str:
    """``Sheet!C12``; sheet names with spaces are quoted as spreadsheets do."""
    return f"{_quoted(ws.title)}!{get_column_letter(col)}{row}"


def shown(value: Any) -> str:
    """A cell's value as the user typed it (numbers plainly, text quoted)."""
    return plain(value, limit=60)


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_text(value: Any) -> str | None:
    """A cell as text: numbers as typed (whole numbers without ``.0``), blanks as None."""
    if blank(value):
        return None
    if isinstance(value, float | int | Decimal) and not isinstance(value, bool):
        number = to_decimal(value)
        return f"{normalize(number):f}" if number is not None else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value).strip()


def format_places(number_format: str) -> int:
    """Decimals a number format shows: ``0.00`` 2, ``0.0%`` 1, ``General`` 0."""
    found = re.search(r"\.([0#]+)", number_format.split(";")[0])
    return len(found.group(1)) if found else 0


def shown_number(raw: int | float, number_format: str) -> Decimal:
    """A numeric cell as the sheet shows it, exactly.

    A cell formatted as a percentage (typed ``85%``, stored 0.85) is the figure staff typed, 85.
    Decimals the format shows are kept (22.50 with ``0.00``); a number with more decimals than
    shown keeps them all: nothing is rounded.
    """
    number = to_decimal(raw)
    if number is None:  # too large or too small to be a figure anyone typed
        raise ValueError(msg("a number of a usable size"))
    if "%" in number_format:
        number *= 100
    places = format_places(number_format)
    if places and -int(number.as_tuple().exponent) < places:
        number = number.quantize(Decimal(1).scaleb(-places))
    return number


#: A figure typed as text the way Vietnamese staff write it: ``35,2%``, ``35.2 %``, ``1,5``.
TYPED_FIGURE = re.compile(r"\s*([+-]?\d+(?:[.,]\d+)?)\s*%?\s*")


def typed_figure(text: str) -> Decimal | None:
    """The figure a text shows (a decimal comma or point, a percent sign: ``35,2%`` is 35.2,
    the figure typed, as for a cell formatted as a percentage); None when it is not one."""
    found = TYPED_FIGURE.fullmatch(text)
    return to_decimal(found.group(1).replace(",", ".")) if found else None


def read_decimal(value: Any) -> Decimal | None:
    """A cell as an exact number (text too: ``1,5``, ``35,2%``); ValueError when it is not one."""
    if blank(value):
        return None
    number = to_decimal(value)
    if number is None and isinstance(value, str):
        number = typed_figure(value)
    if number is None:
        raise ValueError(msg("a number"))
    return number


def read_whole(value: Any) -> int | None:
    number = read_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(msg("a whole number"))
    return int(number)


def read_bool(value: Any) -> bool | None:
    if blank(value):
        return None
    if isinstance(value, bool):
        return value
    word = str(value).strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(msg("TRUE or FALSE"))


#: A date typed as text, day first as in Vietnam: ``16/01/2022``, ``16-01-2022``, ``16.1.2022``.
DAY_FIRST = re.compile(r"\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*")
#: Year first: ``2022-01-16`` (ISO), ``2022/01/16``.
YEAR_FIRST = re.compile(r"\s*(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*")


def read_date(value: Any) -> dt.date | None:
    """A date cell, or a date typed as text day first (``16/01/2022``) or year first (ISO)."""
    if blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    day_first, year_first = DAY_FIRST.fullmatch(text), YEAR_FIRST.fullmatch(text)
    try:
        if day_first:
            day, month, year = (int(g) for g in day_first.groups())
            return dt.date(year, month, day)
        if year_first:
            year, month, day = (int(g) for g in year_first.groups())
            return dt.date(year, month, day)
    except ValueError:
        pass
    raise ValueError(msg("a date (dd/mm/yyyy)"))


def read_flow(text: str) -> Any:
    """YAML (or JSON) flow text, numbers read as exact decimals; ValueError when it does not
    parse."""
    try:
        return yamlfile.load_flow(text)
    except yamlfile.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ValueError(msg("YAML text ({problem})", problem=problem)) from None


def flow_text(value: Any) -> str:
    """A structured value as one line of YAML flow text that :func:`read_flow` reads back."""
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{flow_text(str(k))}: {flow_text(v)}" for k, v in value.items()) + "}"
        )
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow_text(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | int):
        return number_text(Decimal(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def number_text(number: Decimal | int) -> str:
    """Exact text of a number, without an exponent, that YAML reads back as the same number."""
    return f"{Decimal(number):f}"


def put(ws: Worksheet, row: int, col: int, value: Any) -> Cell:
    """Write a value so that reading the cell back gives it exactly."""
    cell = ws.cell(row=row, column=col)
    assert isinstance(cell, Cell)
    if value is None:
        cell.value = None
    elif isinstance(value, bool | dt.date):
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, Decimal | int):
        number = Decimal(value)
        as_float = float(number)
        if number.is_finite() and Decimal(repr(as_float)) == number and abs(as_float) < 1e15:
            cell.value = int(number) if number == number.to_integral_value() else as_float
            places = -int(number.as_tuple().exponent)
            if places > 0:
                # Shown with its decimals (22.50 stays 22.50, not 22.5), and read back so.
                cell.number_format = "0." + "0" * places
        else:
            set_text(cell, number_text(number))
    elif isinstance(value, dict | list | tuple):
        set_text(cell, flow_text(value))
    else:
        set_text(cell, str(value))
    return cell


def put_text(ws: Worksheet, row: int, col: int, text: str) -> Cell:
    """Text stays text, even when it starts with ``=`` or looks like a number."""
    cell = ws.cell(row=row, column=col)
    assert isinstance(cell, Cell)
    set_text(cell, text)
    return cell


def set_text(cell: Cell, text: str) -> None:
    cell.value = text
    cell.data_type = "s"


def header(ws: Worksheet, row: int, titles: Sequence[str], notes: Sequence[str] = ()) -> None:
    """A styled header row; ``notes`` become cell comments explaining each column."""
    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=col, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if col <= len(notes) and notes[col - 1]:
            cell.comment = Comment(notes[col - 1], "cchc-score", width=300, height=120)


def widths(ws: Worksheet, values: Iterable[float]) -> None:
    for col, width in enumerate(values, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def save(workbook: Workbook, path: str | Path, *, overwrite: bool = True) -> Path:
    """Save atomically: a temporary file beside ``path``, then a rename (``writing.write_with``:
    without ``overwrite``, only if ``path`` still does not exist)."""
    return write_with(path, lambda tmp: workbook.save(tmp), overwrite=overwrite)


def save_with_results(
    workbook: Workbook,
    path: str | Path,
    results: Mapping[str, Decimal],
    *,
    overwrite: bool = True,
) -> Path:
    """As :func:`save`, each formula cell of ``results`` (``Sheet!M5`` -> its value) saved
    with its result, as a spreadsheet saves it: a program reading the workbook without
    computing formulas sees the totals (openpyxl writes formulas without results)."""

    def write(tmp: Path) -> None:
        workbook.save(tmp)
        _add_results(tmp, workbook, results)

    return write_with(path, write, overwrite=overwrite)


def _add_results(path: Path, workbook: Workbook, results: Mapping[str, Decimal]) -> None:
    by_sheet: dict[str, dict[str, Decimal]] = {}
    for key, value in results.items():
        title, _, cell = key.rpartition("!")
        by_sheet.setdefault(title, {})[cell] = value
    # openpyxl writes the sheets as sheet1.xml, sheet2.xml, … in the workbook's order.
    parts = {
        f"xl/worksheets/sheet{i}.xml": by_sheet[ws.title]
        for i, ws in enumerate(workbook.worksheets, start=1)
        if ws.title in by_sheet
    }
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            cells = parts.get(info.filename)
            if cells is not None:
                data = _with_results(data.decode("utf-8"), cells).encode("utf-8")
            archive.writestr(info, data)


def _with_results(xml: str, cells: Mapping[str, Decimal]) -> str:
    def result(found: re.Match[str]) -> str:
        value = cells.get(found.group(2))
        tail = found.group(3) if value is None else f"<v>{normalize(value):f}</v>"
        return found.group(1) + tail

    return _FORMULA_CELL.sub(result, xml)


#: A formula cell as openpyxl writes it: ``<c r="M5" s="3"><f>…</f><v /></c>``.
_FORMULA_CELL = re.compile(r'(<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f>)(<v ?/>|<v></v>)')


def header_map(
    book: Book,
    ws: Worksheet,
    known: Sequence[str],
    row: int = 1,
    aliases: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """Column of each header by name (the text before a line break, or an alias of the name,
    e.g. a Vietnamese one); unknown headers are an error, so nothing typed in a column is
    silently ignored."""
    found: dict[str, int] = {}
    for col in range(1, ws.max_column + 1):
        raw = ws.cell(row=row, column=col).value
        if blank(raw):
            continue
        name = str(raw).split("\n")[0].strip().casefold()
        name = (aliases or {}).get(name, name)
        if name not in known:
            raise book.error(
                ws,
                row,
                col,
                msg(
                    "unknown column {column!r} (known: {known})",
                    column=str(raw),
                    known=", ".join(known),
                ),
            )
        if name in found:
            raise book.error(ws, row, col, msg("column {name!r} appears twice", name=name))
        found[name] = col
    return found


def print_setup(ws: Worksheet, landscape: bool = True) -> None:
    """Print on A4, as wide as the page, the header row repeated on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"


def number_validation(
    low: Decimal | int | None,
    high: Decimal | int | None = None,
    *,
    whole: bool = False,
    message: str = "",
) -> DataValidation:
    """A data validation accepting a number in [low, high] (high None: at least low)."""
    kind: Literal["whole", "decimal"] = "whole" if whole else "decimal"
    if high is None:
        dv = DataValidation(
            type=kind,
            operator="greaterThanOrEqual",
            formula1=number_text(low or 0),
            allow_blank=True,
        )
    else:
        dv = DataValidation(
            type=kind,
            operator="between",
            formula1=number_text(low or 0),
            formula2=number_text(high),
            allow_blank=True,
        )
    dv.error = (message or "Giá trị không hợp lệ / invalid value")[:255]
    dv.showErrorMessage = True
    return dv
