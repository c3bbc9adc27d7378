"""CSV tables in (comma, semicolon or tab separated) and out (comma separated)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from cchc_score.errors import InputFileError, msg

from .text import read_text

#: What makes a spreadsheet read a CSV cell as a formula (OWASP "CSV injection") when it comes
#: first: ``=``, ``+``, ``-``, ``@``, a tab or a carriage return.
FORMULA_START = frozenset("=+-@\t\r")
#: A number as the CSV writes it: a spreadsheet reads it as that number, so it is left alone.
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralised(value: str) -> str:
    """A text cell a spreadsheet shows as text: a leading ``'`` (OWASP's advice) before text
    that would start a formula, and before text that is such a cell already (``'=x``), so
    :func:`restored` gives back exactly what was written. Numbers (``-1.5``) stay numbers."""
    if value.lstrip("'")[:1] in FORMULA_START and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def restored(value: str) -> str:
    """The text :func:`neutralised` was given (a cell ``'=x`` reads back as ``=x``)."""
    if value.startswith("'") and value[1:].lstrip("'")[:1] in FORMULA_START:
        return value[1:]
    return value


def read_table(path: str | Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Read a CSV table (comma, semicolon or tab separated, UTF-8 with or without BOM).

    Returns:
        The column names as written, and each non-empty row with its line number, keyed by
        column name lower-cased and stripped.
    """
    path = Path(path)
    text = read_text(path)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, [])
        names = [h.strip().lower() for h in header]
        for i, name in enumerate(names):
            if name and name in names[:i]:
                raise InputFileError(
                    msg("column {name!r} appears twice in the header", name=header[i].strip()),
                    file=str(path),
                    place=f"line 1, column {i + 1}",
                )
        rows = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(names):
                raise InputFileError(
                    msg(
                        "{cells} cells, but the header names {columns} columns",
                        cells=len(values),
                        columns=len(names),
                    ),
                    file=str(path),
                    place=f"line {reader.line_num}",
                )
            cells = zip(names, values, strict=False)
            rows.append((reader.line_num, {n: restored(v.strip()) for n, v in cells}))
    except csv.Error as exc:
        raise InputFileError(
            msg("invalid CSV: {problem}", problem=str(exc)),
            file=str(path),
            place=f"line {reader.line_num}",
        ) from None
    return [h.strip() for h in header], rows


def table_text(rows: Iterable[Sequence[object]]) -> str:
    """Comma-separated text of ``rows`` (the first is the header), one line each; text that a
    spreadsheet would run as a formula is :func:`neutralised`."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [neutralised(v) if isinstance(v, str) else v for v in row] for row in rows
    )
    return buffer.getvalue()
