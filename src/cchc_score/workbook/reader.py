"""Read a filled self-assessment workbook back into an assessment file, cell by cell.

Every cell that holds something is either read or reported, and every bad cell is reported in
the same run: one bad cell raises InputFileError with ``place`` = ``Sheet!C12``, the value and
what was expected; several raise one CellsError holding them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cchc_score.errors import CchcScoreError, InputFileError, Msg, msg, raise_all, reason
from cchc_score.errors import shown as fmt_points
from cchc_score.formats.xlsx import (
    Book,
    Worksheet,
    blank,
    coordinate_to_tuple,
    header_map,
    open_book,
    read_bool,
    read_date,
    read_decimal,
    read_flow,
    read_text,
    read_whole,
    ref,
    shown,
    shown_number,
)
from cchc_score.model.evidence import AssessmentFile
from cchc_score.rules import Rule, builtin_rule_kinds
from cchc_score.validation_words import validation_message

from .layout import (
    APPRAISAL,
    APPRAISAL_COLUMNS,
    COLUMNS,
    DOC_FIELDS,
    INFO,
    INFO_ROWS,
    LISTS,
    MAIN,
    RULES,
    SHOWN_ONLY,
    SUPPLEMENTARY,
    SURVEY,
    SURVEY_GROUP,
    SURVEY_HEAD,
    SURVEY_TAIL,
    TOTAL_ID,
    first_line,
)
from .typed import block_reader, evidence_value

Loc = tuple[str | int, ...]


def read_workbook(path: str | Path) -> AssessmentFile:
    """Read a self-assessment workbook (.xlsx) as an assessment file.

    Raises InputFileError naming the sheet and cell of a value that cannot be read, or
    CellsError (an InputFileError) holding every such cell when there are several.
    """
    return _Reader(open_book(path, unsaved_formulas=True)).read()


class _Node:
    """A node as the hidden rules sheet describes it."""

    def __init__(self, kind: str | None, rule: Rule | None) -> None:
        self.kind = kind
        self.rule = rule

    @property
    def is_leaf(self) -> bool:
        return self.kind is not None


class _Reader:
    def __init__(self, book: Book) -> None:
        self.book = book
        #: Where each part of the assessment came from, to name the cell in a model error.
        self.places: dict[Loc, str] = {}
        #: Every cell that cannot be read, in the order read: all reported at the end.
        self.problems: list[CchcScoreError] = []

    def problem(self, ws: Worksheet, row: int, col: int, message: str | Msg) -> None:
        self.problems.append(self.book.error(ws, row, col, message))

    def fail(
        self, ws: Worksheet, row: int, col: int, raw: Any, expected: str | Msg
    ) -> InputFileError:
        return self.book.error(
            ws,
            row,
            col,
            msg("got {value}, expected {expected}", value=shown(raw), expected=expected),
        )

    def cell(
        self, ws: Worksheet, row: int, col: int | None, read: Callable[[Any], Any], loc: Loc
    ) -> Any:
        """Read one cell with ``read``; remember where it was; name the cell when it fails."""
        if col is None:
            return None
        cell = ws.cell(row=row, column=col)
        raw = cell.value
        try:
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                raw = shown_number(raw, str(cell.number_format))
            value = read(raw)
        except ValueError as exc:
            self.problems.append(self.fail(ws, row, col, raw, reason(exc)))
            return None
        if value is not None:
            self.places[loc] = ref(ws, row, col)
        return value

    def read(self) -> AssessmentFile:
        self.unsaved_formulas()
        nodes = self.nodes()
        data: dict[str, Any] = self.info()
        data["leaves"] = self.leaves(nodes)
        appraisal = self.book.sheet(APPRAISAL, required=False)
        if appraisal is not None:
            data["appraisal"] = {"rounds": self.appraisal(appraisal, nodes)}
        survey = self.book.sheet(SURVEY, required=False)
        if survey is not None:
            data["survey"] = {"leaves": self.survey(survey, nodes)}
        doc = None
        try:
            doc = AssessmentFile.model_validate(data)
        except ValidationError as exc:
            bad = {p.place for p in self.problems}
            # A cell already reported was left out of the data: not reported twice.
            self.problems += [e for e in self.model_errors(exc) if e.place not in bad]
        order = {name: i for i, name in enumerate(self.book.wb.sheetnames)}
        self.problems.sort(key=lambda p: (order.get(_sheet_of(p.place), len(order)), _cell(p)))
        raise_all(self.problems, str(self.book.path))
        assert doc is not None
        return doc

    def model_errors(self, exc: ValidationError) -> list[InputFileError]:
        out = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            place = None
            for end in range(len(loc), 0, -1):
                place = self.places.get(loc[:end])
                if place is not None:
                    break
            key = ".".join(str(p) for p in loc)
            message: Msg = validation_message(error)
            if error["type"] == "extra_forbidden":
                message = msg("unknown key")
            if error["type"] == "missing" and len(loc) == 1 and place is not None:
                # An information cell left empty: say which cell to fill, like any other.
                field = dict(INFO_ROWS).get(key, key)  # "Đơn vị / unit": as the sheet says
                text = msg("{key}: nothing typed: fill in this cell", key=field)
            else:
                given = shown(error.get("input"))
                text = msg("{key}: {message} (got {value})", key=key, message=message, value=given)
            out.append(
                InputFileError(
                    text,
                    file=str(self.book.path),
                    place=place or (INFO if len(loc) == 1 else MAIN),
                )
            )
        return out

    def unsaved_formulas(self) -> None:
        """A formula saved without its result (a workbook edited by a program) is reported
        where a value is read; the layout's own formulas (provisional points, the totals row)
        are never read, so theirs do not matter: a spreadsheet recomputes them."""
        main = self.book.sheet(MAIN, required=False)
        shown_cols: set[int] = set()
        if main is not None:
            for c in range(1, main.max_column + 1):
                head = first_line(str(main.cell(row=1, column=c).value or ""))
                if any(head == first_line(vi) for key, vi, _e, _w in COLUMNS if key in SHOWN_ONLY):
                    shown_cols.add(c)
        for title, cell, formula in self.book.unsaved:
            if main is not None and title == main.title:
                col, row = coordinate_to_tuple(cell)[::-1]
                total = read_text(main.cell(row=row, column=1).value) == TOTAL_ID
                if col in shown_cols or total:
                    continue
            self.problems.append(self.book.unsaved_error(title, cell, formula))

    # ------------------------------------------------------------------ sheets

    def nodes(self) -> dict[str, _Node] | None:
        """The hidden rules sheet, or None when the workbook has none (then values are read
        as typed and checked when scored)."""
        ws = self.book.sheet(RULES, required=False)
        if ws is None:
            return None
        kinds = builtin_rule_kinds()
        out: dict[str, _Node] = {}
        for row in range(2, ws.max_row + 1):
            node_id = read_text(ws.cell(row=row, column=1).value)
            if node_id is None:
                continue
            kind = read_text(ws.cell(row=row, column=2).value)
            rule = None
            if kind is not None and kind in kinds:
                try:
                    top = self.cell(ws, row, 3, read_decimal, ())
                    params = read_flow(str(ws.cell(row=row, column=4).value or "{}"))
                    rule = kinds[kind].build(params, top)
                except (ValueError, CchcScoreError) as exc:
                    raise self.book.error(
                        ws,
                        row,
                        4,
                        msg("the hidden rules sheet is damaged: {problem}", problem=reason(exc)),
                    ) from None
            out[node_id] = _Node(kind, rule)
        return out

    def info(self) -> dict[str, Any]:
        ws = self.book.sheet(INFO)
        assert ws is not None
        known = dict(INFO_ROWS)
        data: dict[str, Any] = {}
        for row in range(2, ws.max_row + 1):
            key = read_text(ws.cell(row=row, column=1).value)
            if key is None:
                continue
            if key not in known:
                self.problem(
                    ws,
                    row,
                    1,
                    msg("unknown field {key!r} (known: {known})", key=key, known=", ".join(known)),
                )
                continue
            read: Callable[[Any], Any] = read_whole if key == "year" else read_text
            if key == "block":
                read = block_reader(self.book.sheet(LISTS, required=False))
            value = self.cell(ws, row, 3, read, (key,))
            self.places[(key,)] = ref(ws, row, 3)
            if value is not None:
                data[key] = value
        return data

    def leaves(self, nodes: dict[str, _Node] | None) -> dict[str, dict[str, Any]]:
        ws = self.book.sheet(MAIN)
        assert ws is not None
        cols = header_map(self.book, ws, [first_line(vi) for _, vi, _en, _w in COLUMNS])
        col = {key: cols.get(first_line(vi)) for key, vi, _en, _w in COLUMNS}
        if col["id"] is None or col["value"] is None:
            raise InputFileError(
                msg("the sheet needs the columns 'Mã' (id) and 'Số liệu' (evidence value)"),
                file=str(self.book.path),
                place=MAIN,
            )
        out: dict[str, dict[str, Any]] = {}
        seen: set[str] = set()
        current: str | None = None
        for row in range(2, ws.max_row + 1):
            node_id = self.cell(ws, row, col["id"], read_text, ())
            given = {
                k
                for k, c in col.items()
                if c is not None
                and k not in SHOWN_ONLY
                and not blank(ws.cell(row=row, column=c).value)
            }
            if node_id is not None and node_id.casefold() == TOTAL_ID.casefold():
                # The totals row: formulas for people; the self-score total is one of them.
                for key in sorted(given - {"self_score"}, key=lambda k: col[k] or 0):
                    self.problem(ws, row, col[key] or 1, msg("the totals row takes no input"))
                current = None
                continue
            if node_id is None:
                if not given:
                    continue
                if given - {f"doc_{f}" for f in DOC_FIELDS} or current is None:
                    first = min(given, key=lambda k: col[k] or 0)
                    self.problem(
                        ws,
                        row,
                        col[first] or 1,
                        msg(
                            "a value on a row without an id (only further documents of the leaf"
                            " above may leave the id empty)"
                        ),
                    )
                    continue
                self.document(ws, row, col, current, out[current])
                continue
            current = None
            if node_id in seen:
                self.problem(
                    ws,
                    row,
                    col["id"],
                    msg("node {id!r} appears twice", id=node_id),
                )
                continue
            seen.add(node_id)
            node = nodes.get(node_id) if nodes is not None else _Node("?", None)
            if node is None:
                self.problem(
                    ws,
                    row,
                    col["id"],
                    msg("no node {id!r} in the workbook's criteria set", id=node_id),
                )
                continue
            if not node.is_leaf:
                if given:
                    first = min(given, key=lambda k: col[k] or 0)
                    self.problem(
                        ws,
                        row,
                        col[first] or 1,
                        msg(
                            "node {id} has criteria below it: fill in its leaves instead",
                            id=node_id,
                        ),
                    )
                continue
            current = node_id
            out[node_id] = self.leaf(ws, row, col, node_id, node.rule)
        return {k: v for k, v in out.items() if v}

    def leaf(
        self,
        ws: Worksheet,
        row: int,
        col: Mapping[str, int | None],
        leaf_id: str,
        rule: Rule | None,
    ) -> dict[str, Any]:
        loc: Loc = ("leaves", leaf_id)
        entry: dict[str, Any] = {}
        value = self.cell(ws, row, col["value"], lambda raw: evidence_value(raw, rule), loc)
        if value is not None:
            entry["value"] = value
            self.places[(*loc, "value")] = self.places[loc]
        self_score = self.cell(ws, row, col["self_score"], read_decimal, (*loc, "self_score"))
        if self_score is not None:
            entry["self_score"] = self_score
        note = self.cell(ws, row, col["note"], read_text, (*loc, "note"))
        if note is not None:
            entry["note"] = note
        self.document(ws, row, col, leaf_id, entry)
        return entry

    def document(
        self,
        ws: Worksheet,
        row: int,
        col: Mapping[str, int | None],
        leaf_id: str,
        entry: dict[str, Any],
    ) -> None:
        documents = entry.setdefault("documents", [])
        loc: Loc = ("leaves", leaf_id, "documents", len(documents))
        doc: dict[str, Any] = {}
        for field in DOC_FIELDS:
            read: Callable[[Any], Any] = read_date if field == "date" else read_text
            value = self.cell(ws, row, col[f"doc_{field}"], read, (*loc, field))
            if value is not None:
                doc[field] = value
        if doc:
            documents.append(doc)
        if not documents:
            del entry["documents"]

    def known_leaf(
        self,
        ws: Worksheet,
        row: int,
        col: int,
        leaf_id: str,
        nodes: dict[str, _Node] | None,
        sheet: str,
    ) -> bool:
        """An id on the appraisal or survey sheet names a leaf of the workbook's set (else the
        cell is reported, and False)."""
        if nodes is None:
            return True  # no rules sheet: the engine checks ids when scoring
        node = nodes.get(leaf_id)
        if node is None or not node.is_leaf:
            self.problem(
                ws,
                row,
                col,
                msg(
                    "the workbook's criteria set has no leaf {id!r} ({sheet})",
                    id=leaf_id,
                    sheet=sheet,
                )
                if node is not None
                else msg(
                    "the workbook's criteria set has no node {id!r} ({sheet})",
                    id=leaf_id,
                    sheet=sheet,
                ),
            )
            return False
        is_survey = node.rule is not None and node.rule.kind == "survey"
        if sheet == "appraisal" and is_survey:
            self.problem(
                ws,
                row,
                col,
                msg("leaf {id} is scored by the survey, not by the appraisal", id=leaf_id),
            )
            return False
        return True

    def in_range(
        self, ws: Worksheet, row: int, col: int | None, leaf_id: str, points: Any, rule: Rule | None
    ) -> None:
        """Points given for a leaf (an appraisal, a survey result) within its bounds."""
        if rule is None or points is None or col is None:
            return
        if not rule.min_points <= points <= rule.max_points:
            low, high = fmt_points(rule.min_points), fmt_points(rule.max_points)
            self.problems.append(
                self.fail(
                    ws,
                    row,
                    col,
                    points,
                    msg("points for leaf {id} in [{low}, {high}]", id=leaf_id, low=low, high=high),
                )
            )

    def appraisal(self, ws: Worksheet, nodes: dict[str, _Node] | None) -> list[dict[str, Any]]:
        names = [first_line(title) for _, title, _w in APPRAISAL_COLUMNS]
        cols = header_map(self.book, ws, names)
        col = {key: cols.get(first_line(title)) for key, title, _w in APPRAISAL_COLUMNS}
        rounds: list[dict[str, Any]] = []
        last: tuple[str, dict[str, Any]] | None = None  # the leaf above, for further documents
        for row in range(2, ws.max_row + 1):
            if all(blank(ws.cell(row=row, column=c).value) for c in col.values() if c):
                continue
            number = self.cell(ws, row, col["round"], read_whole, ())
            if number is None and not rounds:
                if blank(ws.cell(row=row, column=col["round"] or 1).value):
                    self.problems.append(
                        self.fail(
                            ws, row, col["round"] or 1, None, msg("the round number (1, 2, …)")
                        )
                    )
                continue
            if number is not None and (not rounds or rounds[-1]["round"] != number):
                rounds.append({"round": number, "adjustments": {}})
                last = None
                self.places[("appraisal", "rounds", len(rounds) - 1)] = ref(
                    ws, row, col["round"] or 1
                )
            index = len(rounds) - 1
            current = rounds[index]
            base: Loc = ("appraisal", "rounds", index)
            for key, field, read in (
                ("by", "by", read_text),
                ("date", "date", read_date),
                ("deadline", "explanation_deadline", read_date),
            ):
                value = self.cell(ws, row, col[key], read, (*base, field))
                if value is not None and current.setdefault(field, value) != value:
                    self.problems.append(
                        self.fail(
                            ws,
                            row,
                            col[key] or 1,
                            value,
                            msg(
                                "{value!r} as on the round's first row (a new round needs"
                                " a new round number)",
                                value=current[field],
                            ),
                        )
                    )
            leaf_id = self.cell(ws, row, col["id"], read_text, ())
            loc: Loc = (*base, "adjustments", leaf_id or "")
            entry: dict[str, Any] = {}
            readers: tuple[tuple[str, Callable[[Any], Any]], ...] = (
                ("score", read_decimal),
                ("reason", read_text),
                ("explanation_required", read_bool),
                ("explanation", read_text),
            )
            for key, reader in readers:
                value = self.cell(ws, row, col[key], reader, (*loc, key))
                if value is not None:
                    entry[key] = value
            if leaf_id is None:
                if entry:
                    self.problems.append(
                        self.fail(ws, row, col["id"] or 1, None, msg("the id of the leaf adjusted"))
                    )
                if last is not None:
                    self.supplementary(ws, row, col, last[0], index, last[1])
                elif any(
                    col[k] and not blank(ws.cell(row=row, column=col[k] or 1).value)
                    for k in SUPPLEMENTARY
                ):
                    self.problems.append(
                        self.fail(ws, row, col["id"] or 1, None, msg("the id of the leaf adjusted"))
                    )
                continue
            if leaf_id in current["adjustments"]:
                self.problem(
                    ws,
                    row,
                    col["id"] or 1,
                    msg("leaf {id} is adjusted twice in this round", id=leaf_id),
                )
                continue
            if not self.known_leaf(ws, row, col["id"] or 1, leaf_id, nodes, "appraisal"):
                continue
            self.places[loc] = ref(ws, row, col["id"] or 1)
            # A missing score or reason is reported on its own cell, not on the id.
            for key in ("score", "reason"):
                if col[key] is not None:
                    self.places[(*loc, key)] = ref(ws, row, col[key] or 1)
            node = nodes.get(leaf_id) if nodes is not None else None
            self.in_range(
                ws, row, col["score"], leaf_id, entry.get("score"), node.rule if node else None
            )
            current["adjustments"][leaf_id] = entry
            last = (leaf_id, entry)
            self.supplementary(ws, row, col, leaf_id, index, entry)
        return rounds

    def supplementary(
        self,
        ws: Worksheet,
        row: int,
        col: Mapping[str, int | None],
        leaf_id: str,
        index: int,
        entry: dict[str, Any],
    ) -> None:
        """A supplementary document on this row, added to the leaf's entry."""
        documents = entry.setdefault("supplementary", [])
        loc: Loc = ("appraisal", "rounds", index, "adjustments", leaf_id, "supplementary")
        doc: dict[str, Any] = {}
        for key in SUPPLEMENTARY:
            field = key.removeprefix("sup_")
            read: Callable[[Any], Any] = read_date if field == "date" else read_text
            value = self.cell(ws, row, col[key], read, (*loc, len(documents), field))
            if value is not None:
                doc[field] = value
        if doc:
            documents.append(doc)
        if not documents:
            del entry["supplementary"]

    def survey(self, ws: Worksheet, nodes: dict[str, _Node] | None) -> dict[str, dict[str, Any]]:
        fixed = {
            first_line(title): key for key, title, _w in (*SURVEY_HEAD, SURVEY_GROUP, *SURVEY_TAIL)
        }
        col: dict[str, int] = {}
        answers: dict[str, int] = {}
        for c in range(1, ws.max_column + 1):
            name = read_text(ws.cell(row=1, column=c).value)
            if name is None:
                continue
            key = fixed.get(first_line(name))
            target = col if key is not None else answers
            label = key if key is not None else name.split("\n")[0].strip()
            if label in target:
                raise self.book.error(ws, 1, c, msg("column {name!r} appears twice", name=label))
            target[label] = c
        if "id" not in col:
            raise self.book.error(ws, 1, 1, msg("the survey sheet needs the column 'Mã' (id)"))
        out: dict[str, dict[str, Any]] = {}
        for row in range(2, ws.max_row + 1):
            leaf_id = self.cell(ws, row, col["id"], read_text, ())
            group = self.cell(ws, row, col.get("group"), read_text, ())
            loc: Loc = ("survey", "leaves", leaf_id or "")
            if group is not None:
                loc = (*loc, "groups", group)
            distribution = {}
            for answer, c in answers.items():
                share = self.cell(ws, row, c, read_decimal, (*loc, "distribution", answer))
                if share is not None:
                    distribution[answer] = share
            entry: dict[str, Any] = {"distribution": distribution} if distribution else {}
            for key, read in (("points", read_decimal), ("respondents", read_whole)):
                value = self.cell(ws, row, col.get(key), read, (*loc, key))
                if value is not None:
                    entry[key] = value
            if leaf_id is None:
                if entry:
                    self.problems.append(
                        self.fail(ws, row, col["id"], None, msg("the id of the survey leaf"))
                    )
                continue
            given = out.get(leaf_id)
            if given is not None and (group is None or "groups" not in given):
                self.problem(ws, row, col["id"], msg("leaf {id} appears twice", id=leaf_id))
                continue
            if given is not None and group in given["groups"]:
                self.problem(
                    ws,
                    row,
                    col["group"],
                    msg("leaf {id}, group {group} appears twice", id=leaf_id, group=group),
                )
                continue
            if not self.known_leaf(ws, row, col["id"], leaf_id, nodes, "survey"):
                continue
            self.places[loc] = ref(ws, row, col["id"])
            node = nodes.get(leaf_id) if nodes is not None else None
            rule = node.rule if node is not None else None
            self.in_range(ws, row, col.get("points"), leaf_id, entry.get("points"), rule)
            if distribution and rule is not None:
                try:
                    rule.check(distribution)
                except CchcScoreError as exc:
                    self.problem(ws, row, min(answers.values()), exc.message)
            if group is not None:
                if entry:
                    out.setdefault(leaf_id, {"groups": {}})["groups"][group] = entry
            elif entry:
                out[leaf_id] = entry
        return out


def _sheet_of(place: str | None) -> str:
    """The sheet a place ``'Tự đánh giá'!E12`` (or a bare sheet name) is on."""
    sheet = (place or "").rpartition("!")[0] or (place or "")
    return sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet


def _cell(problem: CchcScoreError) -> tuple[int, int]:
    """(row, column) of a problem's cell, to list a sheet's problems top to bottom."""
    cell = (problem.place or "").rpartition("!")[2]
    found = re.fullmatch(r"([A-Z]{1,3})(\d+)", cell)
    return coordinate_to_tuple(cell) if found else (0, 0)
