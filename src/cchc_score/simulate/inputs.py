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

from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, ValidationError

from cchc_score.decimal_utils import to_decimal
from cchc_score.errors import InputFileError
from cchc_score.loading import Document, parse, read_document, read_table, validation_error
from cchc_score.model.base import Frozen
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.ranking import Entry
from cchc_score.published import ALIASES, SetResolver, entries_from_rows
from cchc_score.published import COLUMNS as PUBLISHED_COLUMNS
from cchc_score.ranking import duplicates

from .costs import CostTable
from .odds import Forecast

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
    "unit",
)


def _unknown_columns(path: Path, header: Sequence[str], known: Collection[str]) -> None:
    for name in header:
        canonical = ALIASES.get(name.strip().lower(), name.strip().lower())
        if canonical not in known and not canonical.startswith("area:"):
            raise InputFileError(
                f"unknown column {name.strip()!r} (columns: {', '.join(known)})",
                file=str(path),
                place=f"line 1, column {name.strip()}",
            )


def _cell_error(path: Path, line: int, column: str, message: str) -> InputFileError:
    return _line_error(path, line, column, message)


def _line_error(path: Path, line: int, column: str, message: str) -> InputFileError:
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

    def _cell_error(path: Path, line: int, column: str, message: str) -> InputFileError:
        if cell_name is not None:
            return InputFileError(message, file=str(path), place=cell_name(line, column))
        return _line_error(path, line, column, message)

    _unknown_columns(path, header, COST_COLUMNS)
    if not rows:
        raise InputFileError(
            "the cost table prices nothing: give one row per leaf (or a * row)",
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
            raise _cell_error(path, line, written.get("leaf", "leaf"), "no leaf id in this cell")
        entry = leaves.setdefault(leaf, {})
        lines.setdefault(leaf, line)
        here = ("leaves", leaf)
        cells.setdefault(here, (line, "leaf"))
        unit = unit or row.get("unit")
        if "to" in row or "points" in row:
            if "cost" not in row:
                raise _cell_error(path, line, "cost", f"leaf {leaf}: an outcome needs a cost")
            outcomes = entry.setdefault("outcomes", [])
            at = (*here, "outcomes", len(outcomes))
            outcomes.append({k: row[k] for k in ("to", "points", "cost") if k in row})
            cells[at] = (line, "to" if "to" in row else "points")
            for key in ("to", "points", "cost"):
                cells[(*at, key)] = (line, key)
        for key in ("fixed", "per_point", "max_points", "cost"):
            if key in row and (key != "cost" or ("to" not in row and "points" not in row)):
                field = "fixed" if key == "cost" else key
                if (*here, field) in cells:  # which price counts would be unclear
                    before = cells[(*here, field)][0]
                    raise _cell_error(
                        path,
                        line,
                        written.get(key, key),
                        f"leaf {leaf}: {field} is already given on line {before}",
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
        raise _cell_error(path, line, written.get(column, column), error.message) from None
    return table.with_lines(lines)


def load_costs(path: str | Path) -> CostTable:
    """A cost table from a YAML, JSON, CSV or .xlsx file (a workbook: see
    ``cchc_score.workbook.costs``)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from cchc_score.workbook.costs import read_cost_workbook

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
    _unknown_columns(path, header, (*sorted(PUBLISHED_COLUMNS), *PEER_COLUMNS))
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
            raise _cell_error(
                path,
                line,
                "unrounded_total",
                f"unrounded total {unrounded} is above the maximum {entry.total_max}",
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
            f"unit {dup.unit!r} ({dup.block}, {dup.year}) is already given in {first.source}",
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
            raise _cell_error(path, line, name, f"{text!r} is not a number")
        if number < 0 and column != "expected_change":
            raise _cell_error(path, line, name, f"{text!r} is negative")
        out[column] = number
    return out


def _document_rows(path: Path) -> tuple[list[str], Rows, Forecast]:
    """The rows of a YAML or JSON peers table as a CSV table's, each with its line, and the
    table's default forecast."""
    doc = read_document(path)
    if isinstance(doc.data, list):
        doc = Document(path, {"peers": doc.data}, _wrap(doc))
    table = parse(PeerTable, doc)
    header: list[str] = []
    rows: Rows = []
    for number, row in enumerate(table.peers):
        cells = {k: _text(v) for k, v in row.model_dump(exclude_none=True).items()}
        header += [k for k in cells if k not in header]
        rows.append((doc.line_of(("peers", number)) or 1, cells))
    return header, rows, Forecast(expected_change=table.expected_change, sd=table.sd)


def _wrap(doc: Document) -> Any:
    """The line marks of a top-level list, as if it stood under ``peers:``."""
    if doc.root is None:
        return None
    return yaml.MappingNode(
        "tag:yaml.org,2002:map",
        [(yaml.ScalarNode("tag:yaml.org,2002:str", "peers"), doc.root)],
        start_mark=doc.root.start_mark,
        end_mark=doc.root.end_mark,
    )


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
