"""Criteria tables typed in a spreadsheet, in and out: how a province brings its decision's table.

A criteria workbook has these sheets (Vietnamese or English names):

- ``Tiêu chí`` / ``criteria``: one row per node, parents before their children. Columns, by the
  header's first line: ``id`` (dotted, ``1.2.3``; the parent is the id without its last part),
  ``label_vi``, ``label_en``, ``max_points``, ``rule.kind``, ``rule.params`` (YAML flow text, e.g.
  ``{required: 4, of: 4}``), ``extra`` (TRUE for bonus/penalty content outside the maxima),
  ``assessed_by`` (appraisal/survey), ``provenance.status`` (seen/reconstructed/inferred),
  ``provenance.source``, ``provenance.note``, ``description_vi``, ``description_en``.
- ``Thông tin`` / ``metadata``: columns ``key`` and ``value``; keys ``id``, ``version``,
  ``title_vi``, ``title_en``, ``unit_type``, ``total_max``, ``total_cap``, ``valid_from``,
  ``valid_to``, ``tie_policy``, ``rounding.places``, ``rounding.mode``, ``rounding.at``,
  ``rounding.index_places``, ``rounding.band_on``, ``survey.combine``, ``survey.absent``,
  ``provenance.status``, ``provenance.source``, ``provenance.note``,
  ``description_vi``, ``description_en``.
- ``Căn cứ`` / ``legal_basis`` (optional): ``number``, ``date``, ``issuer``, ``title``, ``url``.
- ``Xếp loại`` / ``bands`` (optional): ``block`` (``*`` for every block), ``code``,
  ``label_vi``, ``label_en``, ``min_index``.
- ``Nhóm điều tra`` / ``survey_groups`` (optional): the survey's respondent groups, ``code``,
  ``label_vi``, ``label_en``, ``weight``.

A header is matched on its first line, by key or by its Vietnamese name (:data:`VI_NAMES`: ``Mã``,
``Tên tiêu chí``, ``Điểm tối đa``, ``Cách chấm``, ``Tham số``, …). An unknown column or key is an
error, so nothing typed is silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cchc_score.errors import CchcScoreError, InputFileError, RuleError, msg, reason
from cchc_score.formats import yamlfile
from cchc_score.formats.xlsx import (
    INPUT_FILL,
    Book,
    Workbook,
    Worksheet,
    blank,
    header,
    header_map,
    open_book,
    put,
    read_bool,
    read_date,
    read_decimal,
    read_flow,
    read_text,
    read_whole,
    ref,
    save,
    shown,
    widths,
)
from cchc_score.model.criteria import CriteriaSet, Node
from cchc_score.rules import Rule
from cchc_score.validation_words import validation_message

Reader = Callable[[Any], Any]
Loc = tuple[str | int, ...]


def _params(raw: Any) -> Any:
    if blank(raw):
        return None
    value = read_flow(str(raw).strip())
    if not isinstance(value, dict):
        raise ValueError(
            msg("YAML flow text of a mapping, e.g. {example}", example="{required: 4, of: 4}")
        )
    return value


#: Criteria sheet columns: key, reader, Vietnamese note, width.
NODE_COLUMNS: tuple[tuple[str, Reader, str, float], ...] = (
    ("id", read_text, "Mã tiêu chí, số theo quyết định: 1, 1.1, 1.1.2", 9),
    ("label_vi", read_text, "Tên tiêu chí (tiếng Việt, có dấu)", 48),
    ("label_en", read_text, "Tên tiêu chí (tiếng Anh)", 36),
    ("max_points", read_decimal, "Điểm tối đa", 10),
    ("rule.kind", read_text, "Loại quy tắc chấm (chỉ ở tiêu chí lá): binary, levels, …", 14),
    ("rule.params", _params, "Tham số quy tắc, dạng YAML: {required: 4, of: 4}", 50),
    ("extra", read_bool, "TRUE: điểm thưởng/trừ, ngoài điểm tối đa", 8),
    ("assessed_by", read_text, "appraisal (thẩm định) hoặc survey (điều tra XHH)", 12),
    ("provenance.status", read_text, "seen / reconstructed / inferred", 14),
    ("provenance.source", read_text, "Nguồn: số quyết định, mục", 30),
    ("provenance.note", read_text, "Ghi chú về nguồn", 20),
    ("description_vi", read_text, "Mô tả (tiếng Việt)", 30),
    ("description_en", read_text, "Mô tả (tiếng Anh)", 30),
)
META_KEYS: dict[str, Reader] = {
    "id": read_text,
    "version": read_text,
    "title_vi": read_text,
    "title_en": read_text,
    "unit_type": read_text,
    "total_max": read_decimal,
    "total_cap": read_decimal,
    "valid_from": read_date,
    "valid_to": read_date,
    "tie_policy": read_text,
    "rounding.places": read_whole,
    "rounding.mode": read_text,
    "rounding.at": read_text,
    "rounding.index_places": read_whole,
    "rounding.band_on": read_text,
    "survey.combine": read_text,
    "survey.absent": read_text,
    "provenance.status": read_text,
    "provenance.source": read_text,
    "provenance.note": read_text,
    "description_vi": read_text,
    "description_en": read_text,
}
LEGAL_COLUMNS: dict[str, Reader] = {
    "number": read_text,
    "date": read_date,
    "issuer": read_text,
    "title": read_text,
    "url": read_text,
}
SURVEY_GROUP_COLUMNS: dict[str, Reader] = {
    "code": read_text,
    "label_vi": read_text,
    "label_en": read_text,
    "weight": read_decimal,
}
BAND_COLUMNS: dict[str, Reader] = {
    "block": read_text,
    "code": read_text,
    "label_vi": read_text,
    "label_en": read_text,
    "min_index": read_decimal,
}
#: Vietnamese column names, read as aliases of the keys and written under them.
VI_NAMES: dict[str, dict[str, str]] = {
    "criteria": {
        "id": "Mã",
        "label_vi": "Tên tiêu chí",
        "label_en": "Tên tiếng Anh",
        "max_points": "Điểm tối đa",
        "rule.kind": "Cách chấm",
        "rule.params": "Tham số",
        "extra": "Ngoài điểm tối đa",
        "assessed_by": "Hình thức đánh giá",
        "provenance.status": "Nguồn gốc",
        "provenance.source": "Nguồn",
        "provenance.note": "Ghi chú nguồn",
        "description_vi": "Mô tả",
        "description_en": "Mô tả tiếng Anh",
    },
    "metadata": {"key": "Khoá", "value": "Giá trị", "note": "Ghi chú"},
    "legal_basis": {
        "number": "Số",
        "date": "Ngày",
        "issuer": "Cơ quan ban hành",
        "title": "Trích yếu",
        "url": "Liên kết",
    },
    "bands": {
        "block": "Khối",
        "code": "Mã",
        "label_vi": "Xếp loại",
        "label_en": "Tên tiếng Anh",
        "min_index": "Chỉ số tối thiểu",
    },
    "survey_groups": {
        "code": "Mã nhóm",
        "label_vi": "Nhóm đối tượng",
        "label_en": "Tên tiếng Anh",
        "weight": "Trọng số",
    },
}
SHEETS = {
    "criteria": ("Tiêu chí", "criteria"),
    "metadata": ("Thông tin", "metadata"),
    "legal_basis": ("Căn cứ", "legal_basis"),
    "bands": ("Xếp loại", "bands"),
    "survey_groups": ("Nhóm điều tra", "survey_groups"),
}


def read_pack_workbook(
    path: str | Path, rule_kinds: Mapping[str, type[Rule]] | None = None
) -> tuple[CriteriaSet, dict[str, Any]]:
    """Read a criteria workbook; return the validated set and the pack data as typed.

    Raises InputFileError naming ``Sheet!C12`` when a cell cannot be read or the set it
    describes is invalid (children not adding up, bad rule parameters, …).
    """
    return _PackReader(open_book(path)).read(rule_kinds)


class _PackReader:
    def __init__(self, book: Book) -> None:
        self.book = book
        self.places: dict[Loc, str] = {}
        #: Node path in the data -> (sheet, row, column by key).
        self.rows: dict[Loc, tuple[Worksheet, int, dict[str, int]]] = {}
        self.node_paths: dict[str, Loc] = {}

    def cell(self, ws: Worksheet, row: int, col: int, read: Reader) -> Any:
        raw = ws.cell(row=row, column=col).value
        try:
            return read(raw)
        except ValueError as exc:
            raise self.book.error(
                ws,
                row,
                col,
                msg("got {value}, expected {expected}", value=shown(raw), expected=reason(exc)),
            ) from None

    def read(
        self, rule_kinds: Mapping[str, type[Rule]] | None
    ) -> tuple[CriteriaSet, dict[str, Any]]:
        data = self.metadata()
        legal = self.table("legal_basis", LEGAL_COLUMNS)
        if legal:
            data["legal_basis"] = legal
        bands: dict[str, list[dict[str, Any]]] = {}
        for i, band in enumerate(self.table("bands", BAND_COLUMNS)):
            block = str(band.pop("block", None) or "*")
            bands.setdefault(block, []).append(band)
            j = len(bands[block]) - 1
            self.places[("bands", block, j)] = self.places[("bands", i)]
            for key in band:  # a band's field is named by its own cell
                if ("bands", i, key) in self.places:
                    self.places[("bands", block, j, key)] = self.places[("bands", i, key)]
        if bands:
            data["bands"] = bands
        groups = self.table("survey_groups", SURVEY_GROUP_COLUMNS)
        if groups:
            data.setdefault("survey", {})["groups"] = groups
            # An invalid group is named by its own row and cell.
            for at, where in list(self.places.items()):
                if at[0] == "survey_groups":
                    self.places[("survey", "groups", *at[1:])] = where
        data["nodes"] = self.nodes()
        context = {"rule_kinds": rule_kinds} if rule_kinds is not None else None
        try:
            return CriteriaSet.model_validate(data, context=context), data
        except ValidationError as exc:
            raise self.validation_error(exc) from None
        except CchcScoreError as exc:
            raise self.criteria_error(exc) from None

    def metadata(self) -> dict[str, Any]:
        ws = self.book.sheet(*SHEETS["metadata"])
        assert ws is not None
        cols = header_map(self.book, ws, ["key", "value", "note"], aliases=aliases("metadata"))
        if "key" not in cols or "value" not in cols:
            raise self.book.error(ws, 1, 1, msg("the sheet needs the columns 'key' and 'value'"))
        data: dict[str, Any] = {}
        for row in range(2, ws.max_row + 1):
            key = self.cell(ws, row, cols["key"], read_text)
            if key is None:
                if not blank(ws.cell(row=row, column=cols["value"]).value):
                    raise self.book.error(ws, row, cols["key"], msg("a value without a key"))
                continue
            if key not in META_KEYS:
                raise self.book.error(
                    ws,
                    row,
                    cols["key"],
                    msg(
                        "unknown key {key!r} (known: {known})", key=key, known=", ".join(META_KEYS)
                    ),
                )
            value = self.cell(ws, row, cols["value"], META_KEYS[key])
            loc = tuple(key.split("."))
            self.places[loc] = ref(ws, row, cols["value"])
            if value is not None:
                _set(data, loc, value)
        return data

    def table(self, name: str, columns: Mapping[str, Reader]) -> list[dict[str, Any]]:
        ws = self.book.sheet(*SHEETS[name], required=False)
        if ws is None:
            return []
        cols = header_map(self.book, ws, list(columns), aliases=aliases(name))
        out: list[dict[str, Any]] = []
        for row in range(2, ws.max_row + 1):
            item = {}
            for key, col in cols.items():
                value = self.cell(ws, row, col, columns[key])
                if value is not None:
                    item[key] = value
                    self.places[(name, len(out), key)] = ref(ws, row, col)
            if item:
                self.places[(name, len(out))] = ref(ws, row, 1)
                out.append(item)
        return out

    def nodes(self) -> list[dict[str, Any]]:
        ws = self.book.sheet(*SHEETS["criteria"])
        assert ws is not None
        readers = {key: read for key, read, _n, _w in NODE_COLUMNS}
        cols = header_map(self.book, ws, list(readers), aliases=aliases("criteria"))
        for needed in ("id", "label_vi", "label_en", "max_points"):
            if needed not in cols:
                raise self.book.error(
                    ws, 1, 1, msg("the sheet needs the column {name!r}", name=needed)
                )
        roots: list[dict[str, Any]] = []
        by_id: dict[str, dict[str, Any]] = {}
        for row in range(2, ws.max_row + 1):
            node: dict[str, Any] = {}
            for key, col in cols.items():
                value = self.cell(ws, row, col, readers[key])
                if value is not None:
                    _set(node, tuple(key.split(".")), value)
            if not node:
                continue
            node_id = node.get("id")
            if node_id is None:
                raise self.book.error(ws, row, cols["id"], msg("a row without an id"))
            if node_id in by_id:
                raise self.book.error(
                    ws, row, cols["id"], msg("node {id!r} appears twice", id=node_id)
                )
            parent_id = node_id.rpartition(".")[0]
            if parent_id:
                parent = by_id.get(parent_id)
                if parent is None:
                    raise self.book.error(
                        ws,
                        row,
                        cols["id"],
                        msg(
                            "node {id!r}: its parent {parent!r} is not on a row above",
                            id=node_id,
                            parent=parent_id,
                        ),
                    )
                siblings = parent.setdefault("children", [])
                path: Loc = (*self.node_paths[parent_id], "children", len(siblings))
            else:
                siblings = roots
                path = ("nodes", len(roots))
            siblings.append(node)
            by_id[node_id] = node
            self.node_paths[node_id] = path
            self.rows[path] = (ws, row, cols)
        return roots

    def validation_error(self, exc: ValidationError) -> InputFileError:
        first = exc.errors(include_url=False)[0]
        loc = tuple(p for p in first["loc"] if not str(p).startswith("function-"))
        place = None
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.rows:
                ws, row, cols = self.rows[loc[:end]]
                rest = [str(p) for p in loc[end:]]
                key = (
                    ".".join(rest[:2])
                    if rest[:1] in (["rule"], ["provenance"])
                    else ".".join(rest[:1])
                )
                col = cols.get(key) or cols.get(f"{key}.kind") or cols.get(f"{key}.status")
                place = ref(ws, row, col or cols["id"])
                break
            if loc[:end] in self.places:
                place = self.places[loc[:end]]
                break
        key = ".".join(str(p) for p in loc)
        message = validation_message(first)
        if first["type"] == "extra_forbidden":
            message = msg("unknown key")
        return InputFileError(
            msg(
                "{key}: {message} (got {value})",
                key=key,
                message=message,
                value=shown(first.get("input")),
            ),
            file=str(self.book.path),
            place=place or SHEETS["metadata"][0],
        )

    def criteria_error(self, exc: CchcScoreError) -> CchcScoreError:
        path = self.node_paths.get(exc.node_id or "")
        if path is not None:
            ws, row, cols = self.rows[path]
            if isinstance(exc, RuleError):
                key = "rule.params"
            elif "rule" in exc.message:
                key = "rule.kind"
            elif "add up" in exc.message:
                key = "max_points"
            else:
                key = "id"
            col = cols.get(key, cols["id"])
            exc.place = f"{ref(ws, row, col)}, node {exc.node_id}"
        elif exc.place is not None and (exc.place,) in self.places:
            exc.place = self.places[(exc.place,)]
        exc.file = str(self.book.path)
        return exc


def aliases(sheet: str) -> dict[str, str]:
    """Vietnamese column name (case-folded) -> key, for one sheet."""
    return {vi.casefold(): key for key, vi in VI_NAMES[sheet].items()}


def titled(sheet: str, key: str) -> str:
    """A header cell: the key, and its Vietnamese name on a second line."""
    return f"{key}\n{VI_NAMES[sheet][key]}"


def _set(data: dict[str, Any], loc: Loc, value: Any) -> None:
    for part in loc[:-1]:
        data = data.setdefault(str(part), {})
    data[str(loc[-1])] = value


# ---------------------------------------------------------------------------------- writing


def pack_yaml(data: Mapping[str, Any], source: str | None = None) -> str:
    """A pack's data as YAML text that the loader reads back to the same set."""
    text = yamlfile.dump(dict(data), width=100)
    head = f"# Criteria set imported from {source} by cchc-score pack import.\n" if source else ""
    return head + text


def write_pack_workbook(path: str | Path, cset: CriteriaSet, *, overwrite: bool = True) -> Path:
    """Write a criteria set as a criteria workbook that :func:`read_pack_workbook` reads back
    (``overwrite``: as for :func:`cchc_score.writing.write_with`)."""
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = SHEETS["criteria"][0]
    titles = [titled("criteria", key) for key, *_r in NODE_COLUMNS]
    header(ws, 1, titles, [note for _k, _r, note, _w in NODE_COLUMNS])
    ws.row_dimensions[1].height = 32
    widths(ws, [w for *_r, w in NODE_COLUMNS])
    ws.freeze_panes = "B2"
    row = 2
    for root in cset.nodes:
        for node in root.walk():
            for col, (key, *_r) in enumerate(NODE_COLUMNS, start=1):
                put(ws, row, col, _node_value(node, key))
            row += 1
    meta = wb.create_sheet(SHEETS["metadata"][0])
    header(meta, 1, [titled("metadata", "key"), titled("metadata", "value")])
    widths(meta, [22, 60])
    dump = cset.model_dump(exclude_defaults=True)
    for i, key in enumerate(META_KEYS, start=2):
        put(meta, i, 1, key)
        value: Any = dump
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        put(meta, i, 2, value).fill = INPUT_FILL
    _rows(
        wb.create_sheet(SHEETS["legal_basis"][0]),
        list(LEGAL_COLUMNS),
        [ref.model_dump() for ref in cset.legal_basis],
        "legal_basis",
    )
    bands = [
        {"block": block, **band.model_dump()}
        for block, items in cset.bands.items()
        for band in items
    ]
    _rows(wb.create_sheet(SHEETS["bands"][0]), list(BAND_COLUMNS), bands, "bands")
    if cset.survey is not None and cset.survey.groups:
        _rows(
            wb.create_sheet(SHEETS["survey_groups"][0]),
            list(SURVEY_GROUP_COLUMNS),
            [group.model_dump() for group in cset.survey.groups],
            "survey_groups",
        )
    return save(wb, path, overwrite=overwrite)


def _node_value(node: Node, key: str) -> Any:
    if key == "rule.kind":
        return node.rule.kind if node.rule else None
    if key == "rule.params":
        return node.rule.params if node.rule and node.rule.params else None
    if key.startswith("provenance."):
        return getattr(node.provenance, key.partition(".")[2]) if node.provenance else None
    if key == "extra":
        return True if node.extra else None
    return getattr(node, key)


def _rows(ws: Worksheet, columns: list[str], items: list[dict[str, Any]], sheet: str) -> None:
    header(ws, 1, [titled(sheet, key) for key in columns])
    widths(ws, [16] * len(columns))
    for row, item in enumerate(items, start=2):
        for col, key in enumerate(columns, start=1):
            put(ws, row, col, item.get(key))
