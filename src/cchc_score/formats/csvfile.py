"""CSV tables in (comma, semicolon or tab separated) and out (comma separated)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from cchc_score.errors import InputFileError, msg

from .text import read_text


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
            rows.append(
                (reader.line_num, {n: v.strip() for n, v in zip(names, values, strict=False)})
            )
    except csv.Error as exc:
        raise InputFileError(
            msg("invalid CSV: {problem}", problem=str(exc)),
            file=str(path),
            place=f"line {reader.line_num}",
        ) from None
    return [h.strip() for h in header], rows


def table_text(rows: Iterable[Sequence[object]]) -> str:
    """Comma-separated text of ``rows`` (the first is the header), one line each."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()
