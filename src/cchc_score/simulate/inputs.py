"""The simulator's files: cost tables and peer totals tables (YAML, JSON or CSV).

A cost table in YAML::

    unit_vi: ngày công
    unit_en: working days
    default: {per_point: 4}          # leaves not named: 4 days per point gained
    leaves:
      "1.1.1": {outcomes: [{to: on_time, cost: 3}]}
      "2.1": {fixed: 5, per_point: 2, max_points: 3, requires: ["1.1.1"]}
      "1.3": {locked: true}

The same as CSV, one row per leaf or per priced outcome (columns: ``leaf, to, points, cost,
fixed, per_point, locked, max_points, requires, actionable``; ``requires`` separated by ``;``;
an optional ``unit`` column names the cost unit; a row of leaf ``*`` is the ``default``).

A table read from a file prices only what it says: leaves it does not name cannot change unless
it sets ``default`` (in CSV, a ``*`` row). Without any table, every point costs 1 (an effort
proxy: the cheapest plan gains the fewest points).

A peers table lists the other units: ``unit`` and ``total`` (or ``index``), optionally
``unit_id, block, year, unrounded_total, appraised, expected_change, sd`` (the last two in index
points, for the odds) and any column of a published table (``cchc_score.published``). YAML/JSON:
a list of such rows, or ``{peers: [...], sd: …, expected_change: …}`` with defaults for every
row. Its figures are checked as ``rank`` checks a published table; a unit given twice is
refused (naming both lines), as it would count twice.

CSV files are read by ``loading.read_table`` (comma, semicolon or tab); errors in them name the
line and the column as the header writes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import Field

from cchc_score.decimal_utils import to_decimal
from cchc_score.errors import InputFileError, msg
from cchc_score.loading import parse, read_document, read_table
from cchc_score.model.base import Frozen
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.ranking import Entry
from cchc_score.published import ALIASES, SetResolver, entries_from_rows
from cchc_score.published import COLUMNS as PUBLISHED_COLUMNS
from cchc_score.ranking import duplicates

from .cost_rows import (
    COST_COLUMNS,
    COSTS_FILE,
    DEFAULT_ROW,
    TRUE,
    cell_error,
    costs_from_rows,
    unknown_columns,
)
from .costs import CostTable
from .odds import Forecast

__all__ = ["COST_COLUMNS", "DEFAULT_ROW", "TRUE", "costs_from_rows"]


def load_costs(path: str | Path) -> CostTable:
    """A cost table from a YAML, JSON, CSV or .xlsx file (a workbook: see
    ``cchc_score.simulate.cost_workbook``)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from .cost_workbook import read_cost_workbook

        return read_cost_workbook(path)
    if path.suffix.lower() == ".csv":
        return costs_from_rows(path, *read_table(path))
    doc = read_document(path)
    table = parse(CostTable, doc)
    if "default" not in table.model_fields_set:
        # A table the user wrote prices what it means to: leaves it does not name stay fixed.
        table = table.model_copy(update={"default": None})
    lines = {leaf: doc.line_of(("leaves", leaf)) for leaf in table.leaves}
    return table.with_lines({k: v for k, v in lines.items() if v is not None})


def is_cost_table(path: str | Path) -> bool:
    """Whether a file is, by its name, a cost table (``costs.yaml``, ``costs.json``…), not an
    assessment: a folder of assessments may keep its cost table beside them."""
    return Path(path).stem.lower() == Path(COSTS_FILE).stem


def pack_costs(source: str | None) -> Path | None:
    """The ``costs.yaml`` a pack ships beside its ``pack.yaml``, if any."""
    if not source:
        return None
    folder = Path(source)
    if folder.is_file():
        folder = folder.parent
    candidate = folder / COSTS_FILE
    return candidate if candidate.is_file() else None


class PeerRow(Frozen):
    """One row of a peers table in YAML or JSON."""

    unit: str = Field(min_length=1)
    unit_id: str | None = None
    block: str | None = None
    year: int | None = None
    total: Decimal | None = None
    index: Decimal | None = None
    unrounded_total: Decimal | None = None
    appraised: Decimal | None = None
    expected_change: Decimal | None = None
    sd: Decimal | None = Field(default=None, ge=0)


class PeerTable(Frozen):
    peers: tuple[PeerRow, ...] = Field(min_length=1)
    expected_change: Decimal = Decimal(0)
    sd: Decimal = Field(default=Decimal(0), ge=0)


#: Columns of a peers table beyond those of a published table (``cchc_score.published``).
PEER_COLUMNS = ("unrounded_total", "expected_change", "sd")

Rows = list[tuple[int, dict[str, str]]]


def load_peer_table(
    path: str | Path,
    cset: CriteriaSet,
    block: str,
    year: int,
    resolve: SetResolver | None = None,
) -> tuple[list[Entry], dict[str, Forecast]]:
    """Peers from a totals table, as ranking entries, with each peer's forecast for the odds.

    The rows are checked as ``rank`` checks a published table (``cchc_score.published``): no
    negative points, no total above the set's maximum, no index above 100, total and index
    agreeing; a row without block or year is of the unit's. Errors name the line and column.

    Args:
        resolve: finds the criteria set a ``criteria_set`` cell names; without it such a cell
            is an error.
    """
    path = Path(path)
    default = Forecast()
    if path.suffix.lower() == ".csv":
        header, rows = read_table(path)
        header = [h.strip() for h in header]
    else:
        header, rows, default = _document_rows(path)
    unknown_columns(path, header, (*sorted(PUBLISHED_COLUMNS), *PEER_COLUMNS))
    canonical = {ALIASES.get(h.lower(), h.lower()): h.lower() for h in header}
    extras: list[dict[str, Decimal]] = []
    for line, cells in rows:
        extras.append(_peer_numbers(path, line, cells, header))
        for column, value in (("block", block), ("year", str(year))):
            name = canonical.get(column, column)
            if not cells.get(name):
                cells[name] = value
    for column in ("block", "year"):
        if column not in canonical:
            header.append(column)
    header = [h for h in header if h.lower() not in PEER_COLUMNS]
    entries = entries_from_rows(header, rows, file=str(path), resolve=resolve, default_set=cset)
    forecasts: dict[str, Forecast] = {}
    out = []
    for (line, _), entry, numbers in zip(rows, entries, extras, strict=True):
        unrounded = numbers.get("unrounded_total")
        if unrounded is not None and entry.total_max is not None and unrounded > entry.total_max:
            raise cell_error(
                path,
                line,
                "unrounded_total",
                msg(
                    "unrounded total {total} is above the maximum {most}",
                    total=unrounded,
                    most=entry.total_max,
                ),
            )
        if unrounded is not None:
            entry = entry.model_copy(update={"unrounded_total": unrounded})
        out.append(entry)
        forecasts[entry.identity] = Forecast(
            expected_change=numbers.get("expected_change", default.expected_change),
            sd=numbers.get("sd", default.sd),
        )
    for dup, first in duplicates(out)[:1]:  # counted twice, it would cost the unit a rank
        at = next(n for (n, _), e in zip(rows, out, strict=True) if e is dup)
        raise InputFileError(
            msg(
                "unit {unit!r} ({block}, {year}) is already given in {source}",
                unit=dup.unit,
                block=dup.block,
                year=dup.year,
                source=first.source,
            ),
            file=str(path),
            place=f"line {at}",
            code="duplicate_unit",
        )
    return out, forecasts


def _peer_numbers(
    path: Path, line: int, cells: dict[str, str], header: Sequence[str]
) -> dict[str, Decimal]:
    """The peers-table columns a published table has not (forecast, unrounded total), checked
    and taken out of ``cells``."""
    written = {h.lower(): h for h in header}
    out = {}
    for column in PEER_COLUMNS:
        text = cells.pop(column, "")
        if not text:
            continue
        number = to_decimal(text)
        name = written.get(column, column)
        if number is None:
            raise cell_error(path, line, name, msg("{text!r} is not a number", text=text))
        if number < 0 and column != "expected_change":
            raise cell_error(path, line, name, msg("{text!r} is negative", text=text))
        out[column] = number
    return out


def _document_rows(path: Path) -> tuple[list[str], Rows, Forecast]:
    """The rows of a YAML or JSON peers table as a CSV table's, each with its line, and the
    table's default forecast."""
    doc = read_document(path)
    if isinstance(doc.data, list):
        doc = doc.under("peers")
    table = parse(PeerTable, doc)
    header: list[str] = []
    rows: Rows = []
    for number, row in enumerate(table.peers):
        cells = {k: _text(v) for k, v in row.model_dump(exclude_none=True).items()}
        header += [k for k in cells if k not in header]
        rows.append((doc.line_of(("peers", number)) or 1, cells))
    return header, rows, Forecast(expected_change=table.expected_change, sd=table.sd)


def _text(value: Any) -> str:
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def same_block(entries: list[Entry], block: str, year: int) -> tuple[list[Entry], int]:
    """The entries of the unit's block and year, and how many others were left out."""
    kept = [e for e in entries if e.block == block and e.year == year]
    return kept, len(entries) - len(kept)


def forecasts_for(
    entries: list[Entry], given: Mapping[str, Forecast], default: Forecast
) -> dict[str, Forecast]:
    return {e.identity: given.get(e.identity, default) for e in entries}
