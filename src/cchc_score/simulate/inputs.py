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
an optional ``unit`` column names the cost unit).

A peers table lists the other units: ``unit`` and ``total`` (or ``index``), optionally
``unit_id, block, year, unrounded_total, appraised, expected_change, sd`` (the last two in index
points, for the odds). YAML/JSON: a list of such rows, or ``{peers: [...], sd: …,
expected_change: …}`` with defaults for every row.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from cchc_score.decimal_utils import quantize, to_decimal
from cchc_score.errors import InputFileError
from cchc_score.loading import Document, parse, read_document, validation_error
from cchc_score.model.base import Frozen
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.ranking import Entry

from .costs import CostTable
from .odds import Forecast

TRUE = {"true", "yes", "1", "x", "có", "co"}
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


def read_csv(path: Path, columns: Collection[str]) -> list[dict[str, str]]:
    """Rows of a CSV file as mappings, empty cells dropped; InputFileError when unreadable or
    when a column is not one of ``columns``."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
            reader = csv.DictReader(handle, dialect=dialect)
            rows = list(reader)
            header = [str(f).strip() for f in reader.fieldnames or ()]
    except FileNotFoundError:
        raise InputFileError("file not found", file=str(path)) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputFileError(f"not a readable CSV file: {exc}", file=str(path)) from None
    unknown = [name for name in header if name not in columns]
    if unknown:
        known = ", ".join(columns)
        raise InputFileError(
            f"unknown column {unknown[0]!r} (columns: {known})", file=str(path), place="row 1"
        )
    return [
        {str(k).strip(): v.strip() for k, v in row.items() if k and v is not None and v.strip()}
        for row in rows
    ]


def _csv_document(path: Path, data: Any) -> Document:
    return Document(path, data, None)


def _row_error(path: Path, row: int, message: str) -> InputFileError:
    return InputFileError(message, file=str(path), place=f"row {row}")


def costs_from_rows(path: Path, rows: list[dict[str, str]]) -> CostTable:
    leaves: dict[str, dict[str, Any]] = {}
    unit: str | None = None
    for number, row in enumerate(rows, start=2):
        leaf = row.get("leaf")
        if leaf is None:
            raise _row_error(path, number, "no leaf id in column 'leaf'")
        entry = leaves.setdefault(leaf, {})
        unit = unit or row.get("unit")
        if "to" in row or "points" in row:
            if "cost" not in row:
                raise _row_error(path, number, f"leaf {leaf}: an outcome needs a 'cost'")
            outcome = {k: row[k] for k in ("to", "points", "cost") if k in row}
            entry.setdefault("outcomes", []).append(outcome)
        for key in ("fixed", "per_point", "max_points"):
            if key in row:
                entry[key] = row[key]
        if "cost" in row and "to" not in row and "points" not in row:
            entry["fixed"] = row["cost"]
        for key in ("locked", "actionable"):
            if key in row:
                entry[key] = row[key].lower() in TRUE
        if "requires" in row:
            entry["requires"] = [r.strip() for r in row["requires"].split(";") if r.strip()]
    data: dict[str, Any] = {"leaves": leaves}
    if unit:
        data.update(unit_vi=unit, unit_en=unit)
    return parse(CostTable, _csv_document(path, data))


def load_costs(path: str | Path) -> CostTable:
    """A cost table from a YAML, JSON or CSV file."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return costs_from_rows(path, read_csv(path, COST_COLUMNS))
    return parse(CostTable, read_document(path))


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
    """One row of a peers table."""

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


def load_peer_table(
    path: str | Path, cset: CriteriaSet, block: str, year: int
) -> tuple[list[Entry], dict[str, Forecast]]:
    """Peers from a totals table, as ranking entries, with each peer's forecast for the odds."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        rows: list[Any] = []
        for number, cells in enumerate(read_csv(path, tuple(PeerRow.model_fields)), start=2):
            for key, value in cells.items():
                if key not in ("unit", "unit_id", "block") and to_decimal(value) is None:
                    raise _row_error(path, number, f"column {key}: {value!r} is not a number")
            rows.append(cells)
        doc = _csv_document(path, {"peers": rows})
    else:
        doc = read_document(path)
        if isinstance(doc.data, list):
            doc = Document(path, {"peers": doc.data}, None)
    table = parse(PeerTable, doc)
    entries: list[Entry] = []
    forecasts: dict[str, Forecast] = {}
    rounding = cset.rounding
    for number, row in enumerate(table.peers):
        if row.total is None and row.index is None:
            raise InputFileError(
                f"peer {row.unit!r} has neither a total nor an index",
                file=str(path),
                place=f"peers[{number}]",
            )
        index = row.index
        if index is None and row.total is not None:
            index = quantize(row.total * 100 / cset.total_max, rounding.index_places, rounding.mode)
        try:
            entry = Entry(
                unit=row.unit,
                unit_id=row.unit_id,
                block=row.block or block,
                year=row.year or year,
                total=row.total,
                unrounded_total=row.unrounded_total,
                total_max=cset.total_max,
                index=index,
                appraised=row.appraised,
                source=f"{path}",
            )
        except ValidationError as exc:
            raise validation_error(exc, doc) from None
        entries.append(entry)
        forecasts[entry.identity] = Forecast(
            expected_change=row.expected_change
            if row.expected_change is not None
            else table.expected_change,
            sd=row.sd if row.sd is not None else table.sd,
        )
    return entries, forecasts


def same_block(entries: list[Entry], block: str, year: int) -> tuple[list[Entry], int]:
    """The entries of the unit's block and year, and how many others were left out."""
    kept = [e for e in entries if e.block == block and e.year == year]
    return kept, len(entries) - len(kept)


def forecasts_for(
    entries: list[Entry], given: Mapping[str, Forecast], default: Forecast
) -> dict[str, Forecast]:
    return {e.identity: given.get(e.identity, default) for e in entries}
