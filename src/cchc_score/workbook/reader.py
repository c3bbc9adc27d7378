"""Read a filled self-assessment workbook back into an assessment file, cell by cell.

Every cell that holds something is either read or reported: a bad cell raises InputFileError
with ``place`` = ``Sheet!C12``, the value and what was expected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cchc_score.decimal_utils import to_decimal
from cchc_score.errors import CchcScoreError, InputFileError, Msg, msg, reason
from cchc_score.errors import shown as fmt_points
from cchc_score.formats.xlsx import (
    Book,
    Worksheet,
    blank,
    header_map,
    open_book,
    read_date,
    read_decimal,
    read_flow,
    read_text,
    read_whole,
    ref,
    shown,
    shown_number,
)
from cchc_score.model.evidence import AssessmentFile, normalize_value
from cchc_score.rules import Rule, builtin_rule_kinds
from cchc_score.validation_words import validation_message

from .layout import (
    APPRAISAL,
    APPRAISAL_COLUMNS,
    COLUMNS,
    DOC_FIELDS,
    INFO,
    INFO_ROWS,
    MAIN,
    RULES,
    SURVEY,
    SURVEY_HEAD,
    SURVEY_TAIL,
    first_line,
)
from .template import level_labels

Loc = tuple[str | int, ...]


def read_workbook(path: str | Path) -> AssessmentFile:
    """Read a self-assessment workbook (.xlsx) as an assessment file.

    Raises InputFileError naming the sheet and cell of the first value that cannot be read.
    """
    return _Reader(open_book(path)).read()


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
            raise self.fail(ws, row, col, raw, reason(exc)) from None
        if value is not None:
            self.places[loc] = ref(ws, row, col)
        return value

    def read(self) -> AssessmentFile:
        nodes = self.nodes()
        data: dict[str, Any] = self.info()
        data["leaves"] = self.leaves(nodes)
        appraisal = self.book.sheet(APPRAISAL, required=False)
        if appraisal is not None:
            data["appraisal"] = {"rounds": self.appraisal(appraisal, nodes)}
        survey = self.book.sheet(SURVEY, required=False)
        if survey is not None:
            data["survey"] = {"leaves": self.survey(survey, nodes)}
        try:
            return AssessmentFile.model_validate(data)
        except ValidationError as exc:
            raise self.model_error(exc) from None

    def model_error(self, exc: ValidationError) -> InputFileError:
        first = exc.errors(include_url=False)[0]
        loc = tuple(first["loc"])
        place = None
        for end in range(len(loc), 0, -1):
            place = self.places.get(loc[:end])
            if place is not None:
                break
        key = ".".join(str(p) for p in loc)
        given = first.get("input")
        message = validation_message(first)
        if first["type"] == "extra_forbidden":
            message = msg("unknown key")
        return InputFileError(
            msg("{key}: {message} (got {value})", key=key, message=message, value=shown(given)),
            file=str(self.book.path),
            place=place or (INFO if len(loc) == 1 else MAIN),
        )

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
                raise self.book.error(
                    ws,
                    row,
                    1,
                    msg("unknown field {key!r} (known: {known})", key=key, known=", ".join(known)),
                )
            read = read_whole if key == "year" else read_text
            value = self.cell(ws, row, 3, read, (key,))
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
        current: str | None = None
        for row in range(2, ws.max_row + 1):
            node_id = self.cell(ws, row, col["id"], read_text, ())
            given = {
                k
                for k, c in col.items()
                if c is not None
                and k not in {"id", "label", "max", "rule"}
                and not blank(ws.cell(row=row, column=c).value)
            }
            if node_id is None:
                if not given:
                    continue
                if given - {f"doc_{f}" for f in DOC_FIELDS} or current is None:
                    first = min(given, key=lambda k: col[k] or 0)
                    raise self.book.error(
                        ws,
                        row,
                        col[first] or 1,
                        msg(
                            "a value on a row without an id (only further documents of the leaf"
                            " above may leave the id empty)"
                        ),
                    )
                self.document(ws, row, col, current, out[current])
                continue
            if node_id in out:
                raise self.book.error(
                    ws,
                    row,
                    col["id"],
                    msg("node {id!r} appears twice", id=node_id),
                )
            node = nodes.get(node_id) if nodes is not None else _Node("?", None)
            if node is None:
                raise self.book.error(
                    ws,
                    row,
                    col["id"],
                    msg("no node {id!r} in the workbook's criteria set", id=node_id),
                )
            current = node_id if node.is_leaf else None
            if not node.is_leaf:
                if given:
                    first = min(given, key=lambda k: col[k] or 0)
                    raise self.book.error(
                        ws,
                        row,
                        col[first] or 1,
                        msg(
                            "node {id} has criteria below it: fill in its leaves instead",
                            id=node_id,
                        ),
                    )
                continue
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
    ) -> None:
        """An id on the appraisal or survey sheet names a leaf of the workbook's set."""
        if nodes is None:
            return  # no rules sheet: the engine checks ids when scoring
        node = nodes.get(leaf_id)
        if node is None or not node.is_leaf:
            raise self.book.error(
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
        is_survey = node.rule is not None and node.rule.kind == "survey"
        if sheet == "appraisal" and is_survey:
            raise self.book.error(
                ws,
                row,
                col,
                msg("leaf {id} is scored by the survey, not by the appraisal", id=leaf_id),
            )

    def in_range(
        self, ws: Worksheet, row: int, col: int | None, leaf_id: str, points: Any, rule: Rule | None
    ) -> None:
        """Points given for a leaf (an appraisal, a survey result) within its bounds."""
        if rule is None or points is None or col is None:
            return
        if not rule.min_points <= points <= rule.max_points:
            low, high = fmt_points(rule.min_points), fmt_points(rule.max_points)
            raise self.fail(
                ws,
                row,
                col,
                points,
                msg("points for leaf {id} in [{low}, {high}]", id=leaf_id, low=low, high=high),
            )

    def appraisal(self, ws: Worksheet, nodes: dict[str, _Node] | None) -> list[dict[str, Any]]:
        names = [first_line(title) for _, title, _w in APPRAISAL_COLUMNS]
        cols = header_map(self.book, ws, names)
        col = {key: cols.get(first_line(title)) for key, title, _w in APPRAISAL_COLUMNS}
        rounds: list[dict[str, Any]] = []
        for row in range(2, ws.max_row + 1):
            if all(blank(ws.cell(row=row, column=c).value) for c in col.values() if c):
                continue
            number = self.cell(ws, row, col["round"], read_whole, ())
            if number is None and not rounds:
                raise self.fail(ws, row, col["round"] or 1, None, msg("the round number (1, 2, …)"))
            if number is not None and (not rounds or rounds[-1]["round"] != number):
                rounds.append({"round": number, "adjustments": {}})
                self.places[("appraisal", "rounds", len(rounds) - 1)] = ref(
                    ws, row, col["round"] or 1
                )
            index = len(rounds) - 1
            current = rounds[index]
            base: Loc = ("appraisal", "rounds", index)
            for key, read in (("by", read_text), ("date", read_date)):
                value = self.cell(ws, row, col[key], read, (*base, key))
                if value is not None and current.setdefault(key, value) != value:
                    raise self.fail(
                        ws,
                        row,
                        col[key] or 1,
                        value,
                        msg(
                            "{value!r} as on the round's first row (a new round needs"
                            " a new round number)",
                            value=current[key],
                        ),
                    )
            leaf_id = self.cell(ws, row, col["id"], read_text, ())
            loc: Loc = (*base, "adjustments", leaf_id or "")
            score = self.cell(ws, row, col["score"], read_decimal, (*loc, "score"))
            reason = self.cell(ws, row, col["reason"], read_text, (*loc, "reason"))
            if leaf_id is None:
                if score is not None or reason is not None:
                    raise self.fail(
                        ws,
                        row,
                        col["id"] or 1,
                        None,
                        msg("the id of the leaf adjusted"),
                    )
                continue
            if leaf_id in current["adjustments"]:
                raise self.book.error(
                    ws,
                    row,
                    col["id"] or 1,
                    msg("leaf {id} is adjusted twice in this round", id=leaf_id),
                )
            self.known_leaf(ws, row, col["id"] or 1, leaf_id, nodes, "appraisal")
            self.places[loc] = ref(ws, row, col["id"] or 1)
            # A missing score or reason is reported on its own cell, not on the id.
            for key in ("score", "reason"):
                if col[key] is not None:
                    self.places[(*loc, key)] = ref(ws, row, col[key] or 1)
            node = nodes.get(leaf_id) if nodes is not None else None
            self.in_range(ws, row, col["score"], leaf_id, score, node.rule if node else None)
            adjustment = {k: v for k, v in (("score", score), ("reason", reason)) if v is not None}
            current["adjustments"][leaf_id] = adjustment
        return rounds

    def survey(self, ws: Worksheet, nodes: dict[str, _Node] | None) -> dict[str, dict[str, Any]]:
        fixed = {first_line(title): key for key, title, _w in (*SURVEY_HEAD, *SURVEY_TAIL)}
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
            loc: Loc = ("survey", "leaves", leaf_id or "")
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
                    raise self.fail(ws, row, col["id"], None, msg("the id of the survey leaf"))
                continue
            if leaf_id in out:
                raise self.book.error(
                    ws, row, col["id"], msg("leaf {id} appears twice", id=leaf_id)
                )
            self.known_leaf(ws, row, col["id"], leaf_id, nodes, "survey")
            self.places[loc] = ref(ws, row, col["id"])
            node = nodes.get(leaf_id) if nodes is not None else None
            rule = node.rule if node is not None else None
            self.in_range(ws, row, col.get("points"), leaf_id, entry.get("points"), rule)
            if distribution and rule is not None:
                try:
                    rule.check(distribution)
                except CchcScoreError as exc:
                    first = min(answers.values())
                    raise self.book.error(ws, row, first, exc.message) from None
            if entry:
                out[leaf_id] = entry
        return out


def evidence_value(raw: Any, rule: Rule | None) -> Any:
    """A value cell as evidence: the level key for a level's label, YAML text for structured
    values, exact numbers; checked against the rule when the workbook carries it."""
    if blank(raw):
        return None
    value: Any
    if isinstance(raw, bool):
        value = raw
    elif isinstance(raw, dt.datetime | dt.date):
        raise ValueError(msg("a value for the rule, not a date"))
    elif isinstance(raw, int | float | Decimal):
        value = to_decimal(raw)
    else:
        text = str(raw).strip()
        value = read_flow(text) if text[:1] in "{[" else text
        labels = level_labels(rule) if rule is not None else None
        if labels is not None and isinstance(value, str):
            value = level_key(value, labels)
    if rule is not None:
        try:
            rule.check(normalize_value(value))
        except CchcScoreError as exc:
            raise ValueError(_expected(exc.message)) from None
    return value


def level_key(text: str, labels: Mapping[str, str]) -> str:
    """The level a typed text names: its key or its label, exactly, else ignoring case."""
    if text in labels:
        return text
    by_label = {label: key for key, label in labels.items()}
    if text in by_label:
        return by_label[text]
    folded = {
        **{label.casefold(): key for key, label in labels.items()},
        **{key.casefold(): key for key in labels},
    }
    return folded.get(text.casefold(), text)


def _expected(message: str) -> str:
    """The 'expected …' part of a rule's message about a bad value."""
    _, sep, rest = message.partition("expected ")
    return rest if sep else message
