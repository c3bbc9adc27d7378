"""Write a self-assessment workbook for a criteria set, empty or filled from an assessment."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from cchc_score.formats.xlsx import (
    GROUP_FONT,
    INPUT_FILL,
    WRAP,
    Alignment,
    DataValidation,
    Outline,
    Workbook,
    Worksheet,
    flow_text,
    get_column_letter,
    header,
    number_text,
    number_validation,
    print_setup,
    put,
    put_text,
    save,
    widths,
)
from cchc_score.model.criteria import CriteriaSet, Node
from cchc_score.model.evidence import (
    Adjustment,
    AssessmentFile,
    EvidenceDocument,
    LeafEvidence,
    SurveyGroupResult,
    SurveyLeaf,
)
from cchc_score.rules import Rule
from cchc_score.rules.count import CountRule
from cchc_score.rules.levels import LevelsRule
from cchc_score.rules.manual import ManualRule
from cchc_score.rules.proportional import ProportionalRule
from cchc_score.rules.threshold import ThresholdRule

from .layout import (
    APPRAISAL,
    APPRAISAL_COLUMNS,
    COL,
    COLUMNS,
    DOC_FIELDS,
    INFO,
    INFO_ROWS,
    INPUTS,
    LISTS,
    MAIN,
    RULES,
    SUPPLEMENTARY,
    SURVEY,
    SURVEY_GROUP,
    SURVEY_HEAD,
    SURVEY_TAIL,
)


def write_workbook(
    path: str | Path,
    cset: CriteriaSet,
    doc: AssessmentFile | None = None,
    *,
    unit: str | None = None,
    unit_id: str | None = None,
    block: str | None = None,
    year: int | None = None,
    appraisal_sheet: bool = False,
    survey_sheet: bool = False,
    overwrite: bool = True,
) -> Path:
    """Write a self-assessment workbook for ``cset`` atomically, filled from ``doc`` if given.

    Args:
        path: the .xlsx file to write.
        cset: the criteria set; one row per node.
        doc: an assessment file to fill the workbook with; its appraisal and survey, when
            present, get their sheets.
        unit, unit_id, block, year: the information sheet's values when there is no ``doc``.
        appraisal_sheet, survey_sheet: add the (empty) appraisal and survey sheets.
        overwrite: replace an existing file; if False, fail if ``path`` exists when written.

    Raises UnknownIdError when ``doc`` names a node the set does not have.
    """
    if doc is not None:
        ids = list(doc.leaves)
        ids += [i for r in (doc.appraisal.rounds if doc.appraisal else ()) for i in r.adjustments]
        ids += list(doc.survey.leaves) if doc.survey else []
        for leaf_id in ids:
            cset.node(leaf_id)
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = MAIN
    lists = wb.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    main_sheet = _MainSheet(ws, lists, cset.rules)
    main_sheet.write(cset, doc)
    given: dict[str, Any] = {
        "criteria_set": cset.id,
        "set_version": cset.version,
        "unit": unit,
        "unit_id": unit_id,
        "block": block,
        "year": year,
    }
    if doc is not None:
        given = {key: getattr(doc, key) for key, _ in INFO_ROWS}
    _info_sheet(wb.create_sheet(INFO, 1), cset, given)
    if appraisal_sheet or (doc is not None and doc.appraisal is not None):
        leaf_ids = main_sheet.id_list([leaf.id for leaf in cset.leaves()])
        _appraisal_sheet(wb.create_sheet(APPRAISAL, 2), doc, leaf_ids)
    if survey_sheet or (doc is not None and doc.survey is not None):
        visible = sum(1 for name in wb.sheetnames if not name.startswith("_"))
        _survey_sheet(wb.create_sheet(SURVEY, visible), cset, cset.rules, doc)
    _rules_sheet(wb.create_sheet(RULES), cset)
    return save(wb, path, overwrite=overwrite)


class _MainSheet:
    """The self-assessment sheet: the tree, one row per node, inputs on leaf rows."""

    def __init__(self, ws: Worksheet, lists: Worksheet, rules: Mapping[str, Rule]) -> None:
        self.ws = ws
        self.lists = lists
        self.rules = rules
        self.list_col = 0
        #: Self-score cells by the (lowest, highest) points their leaf can take.
        self.self_scores: dict[tuple[Decimal, Decimal], list[str]] = {}

    def write(self, cset: CriteriaSet, doc: AssessmentFile | None) -> None:
        ws = self.ws
        header(ws, 1, [f"{vi}\n{en}" for _, vi, en, _w in COLUMNS])
        widths(ws, [w for *_rest, w in COLUMNS])
        ws.freeze_panes = "C2"
        ws.row_dimensions[1].height = 32
        # Group rows under their area: the summary row is above its details.
        ws.sheet_properties.outlinePr = Outline(summaryBelow=False)
        row = 2
        for root in cset.nodes:
            for node, depth in _walk(root, 0):
                row = self.node_rows(row, node, depth, doc) + 1
        letter = get_column_letter(COL["doc_date"])
        dates = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
        dates.error = "Nhập ngày (YYYY-MM-DD) / enter a date"
        ws.add_data_validation(dates)
        dates.add(f"{letter}2:{letter}{row + 500}")
        for (low, high), cells in self.self_scores.items():
            scores = number_validation(low, high, message="Điểm tự chấm / self-score")
            ws.add_data_validation(scores)
            for ref in cells:
                scores.add(ref)
        print_setup(ws)

    def node_rows(self, row: int, node: Node, depth: int, doc: AssessmentFile | None) -> int:
        """Write a node's row (and its further document rows); return the last row used."""
        ws = self.ws
        put_text(ws, row, COL["id"], node.id)
        label = put_text(ws, row, COL["label"], node.label_vi)
        label.alignment = Alignment(indent=min(depth * 2, 15), wrap_text=True, vertical="top")
        put(ws, row, COL["max"], node.max_points)
        if not node.is_leaf:
            for col in (COL["id"], COL["label"], COL["max"]):
                ws.cell(row=row, column=col).font = GROUP_FONT
            self.outline(row, depth)
            return row
        rule = self.rules[node.id]
        put_text(ws, row, COL["rule"], rule.explain("vi")).alignment = WRAP
        self.validate_value(row, node, rule)
        cell = f"{get_column_letter(COL['self_score'])}{row}"
        self.self_scores.setdefault((rule.min_points, rule.max_points), []).append(cell)
        evidence = doc.leaves.get(node.id) if doc is not None else None
        documents = evidence.documents if evidence is not None else ()
        for i in range(max(1, len(documents))):
            self.outline(row + i, depth)
            for key in INPUTS if i == 0 else tuple(f"doc_{f}" for f in DOC_FIELDS):
                ws.cell(row=row + i, column=COL[key]).fill = INPUT_FILL
            if i < len(documents):
                for field in DOC_FIELDS:
                    put(ws, row + i, COL[f"doc_{field}"], getattr(documents[i], field))
        if evidence is not None:
            self.fill(row, rule, evidence)
        return row + max(1, len(documents)) - 1

    def outline(self, row: int, depth: int) -> None:
        if depth:
            self.ws.row_dimensions[row].outline_level = min(depth, 7)

    def fill(self, row: int, rule: Rule, evidence: LeafEvidence) -> None:
        value = evidence.value
        labels = level_labels(rule)
        if labels is not None and isinstance(value, str) and value in labels:
            value = labels[value]
        put(self.ws, row, COL["value"], value)
        put(self.ws, row, COL["self_score"], evidence.self_score)
        put(self.ws, row, COL["note"], evidence.note)

    def validate_value(self, row: int, node: Node, rule: Rule) -> None:
        """Data validation on the value cell: a drop-down of levels, TRUE/FALSE, or a range."""
        dv = self.level_list(node, rule) if isinstance(rule, LevelsRule) else None
        if node.rule is not None and node.rule.kind == "binary":
            dv = DataValidation(type="list", formula1='"TRUE,FALSE"', allow_blank=True)
        bounds = value_range(rule)
        if bounds is not None:
            dv = number_validation(*bounds, whole=isinstance(rule, CountRule))
        if dv is None:
            return
        words = rule.explain("vi")
        dv.errorTitle = f"Tiêu chí {node.id}"[:32]
        dv.error = f"Giá trị không hợp lệ / invalid value. {words}"[:255]
        dv.promptTitle = f"{node.id}"[:32]
        dv.prompt = words[:255]
        dv.showErrorMessage = True
        dv.showInputMessage = True
        if dv.type == "list":
            # A warning, not a stop: a level's key or "có"/"không" typed by hand is read too.
            dv.errorStyle = "warning"
        self.ws.add_data_validation(dv)
        dv.add(self.ws.cell(row=row, column=COL["value"]))

    def id_list(self, values: list[str], head: str = "ids") -> str:
        """Put ``values`` in a column of the hidden lists sheet; return its range formula."""
        self.list_col += 1
        col = self.list_col
        put_text(self.lists, 1, col, head)
        for i, value in enumerate(values, start=2):
            put_text(self.lists, i, col, value)
        letter = get_column_letter(col)
        return f"'{LISTS}'!${letter}$2:${letter}${len(values) + 1}"

    def level_list(self, node: Node, rule: Rule) -> DataValidation | None:
        labels = level_labels(rule)
        if labels is None:
            return None
        source = self.id_list(list(labels.values()), head=node.id)
        return DataValidation(type="list", formula1=source, allow_blank=True)


def _walk(node: Node, depth: int) -> list[tuple[Node, int]]:
    out = [(node, depth)]
    for child in node.children:
        out.extend(_walk(child, depth + 1))
    return out


def level_labels(rule: Rule) -> dict[str, str] | None:
    """Key -> the text shown for each level of a levels rule: its Vietnamese label, or the key
    itself when labels repeat, collide with another level's key, or hold a comma."""
    if not isinstance(rule, LevelsRule):
        return None
    keys = [level.key for level in rule.params.levels]
    labels = [level.label_vi.strip() for level in rule.params.levels]
    clash = set(labels) & set(keys) - {k for k, lb in zip(keys, labels, strict=True) if k == lb}
    if len(set(labels)) != len(labels) or clash or any("," in lb or not lb for lb in labels):
        return {key: key for key in keys}
    return dict(zip(keys, labels, strict=True))


def value_range(rule: Rule) -> tuple[Any, Any] | None:
    """(low, high or None) of a numeric rule's evidence value; None for other kinds."""
    if isinstance(rule, ThresholdRule):
        low = rule.params.min_value
        return (low if low is not None else -(10**12)), rule.params.max_value
    if isinstance(rule, ProportionalRule):
        return 0, rule.params.scale
    if isinstance(rule, CountRule):
        return 0, rule.params.of
    if isinstance(rule, ManualRule):
        return 0, rule.max_points
    return None


def _info_sheet(ws: Worksheet, cset: CriteriaSet, given: Mapping[str, Any]) -> None:
    header(ws, 1, ["Khoá\nKey", "Thông tin\nField", "Giá trị\nValue"])
    widths(ws, [14, 28, 44])
    ws.row_dimensions[1].height = 32
    for row, (key, label) in enumerate(INFO_ROWS, start=2):
        put_text(ws, row, 1, key)
        ws.cell(row=row, column=2, value=label)
        put(ws, row, 3, given.get(key)).fill = INPUT_FILL
        if key == "year":
            years = number_validation(2000, 2100, whole=True, message="Năm / year: 2000–2100")
            ws.add_data_validation(years)
            years.add(f"C{row}")
    note = put_text(ws, len(INFO_ROWS) + 3, 2, cset.title_vi)
    note.font = GROUP_FONT


def _appraisal_sheet(ws: Worksheet, doc: AssessmentFile | None, leaf_ids: str) -> None:
    header(ws, 1, [title for _, title, _w in APPRAISAL_COLUMNS])
    widths(ws, [w for *_rest, w in APPRAISAL_COLUMNS])
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    print_setup(ws)
    rounds_dv = number_validation(1, 9, whole=True, message="Lần thẩm định: 1–9 / round 1–9")
    ws.add_data_validation(rounds_dv)
    rounds_dv.add("A2:A1000")
    ids_dv = DataValidation(type="list", formula1=leaf_ids, allow_blank=True)
    ids_dv.error = "Mã tiêu chí lá / the id of a leaf"
    ids_dv.showErrorMessage = True
    ws.add_data_validation(ids_dv)
    ids_dv.add("D2:D1000")
    col = {key: i for i, (key, *_rest) in enumerate(APPRAISAL_COLUMNS, start=1)}
    flags = DataValidation(type="list", formula1='"có,không"', allow_blank=True)
    flags.error = "có / không (TRUE / FALSE)"
    flags.errorStyle = "warning"
    ws.add_data_validation(flags)
    letter = get_column_letter(col["explanation_required"])
    flags.add(f"{letter}2:{letter}1000")
    row = 2
    rounds = doc.appraisal.rounds if doc is not None and doc.appraisal is not None else ()
    for rnd in rounds:
        # A round without adjustments still gets its row, so it is not lost.
        items: list[tuple[str | None, Adjustment | None]] = list(rnd.adjustments.items())
        for leaf_id, adjustment in items or [(None, None)]:
            given: dict[str, Any] = {
                "round": rnd.round,
                "by": rnd.by,
                "date": rnd.date,
                "deadline": rnd.explanation_deadline,
                "id": leaf_id,
            }
            documents: tuple[EvidenceDocument, ...] = ()
            if adjustment is not None:
                given |= {
                    "score": adjustment.score,
                    "reason": adjustment.reason,
                    "explanation_required": "có" if adjustment.explanation_required else None,
                    "explanation": adjustment.explanation,
                }
                documents = adjustment.supplementary
            for key, value in given.items():
                put(ws, row, col[key], value)
            # Further supplementary documents go on rows of their own below the leaf's.
            for i, document in enumerate(documents):
                for key in SUPPLEMENTARY:
                    put(ws, row + i, col[key], getattr(document, key.removeprefix("sup_")))
            row += max(1, len(documents))


def _survey_sheet(
    ws: Worksheet, cset: CriteriaSet, rules: Mapping[str, Rule], doc: AssessmentFile | None
) -> None:
    leaves = [n.id for n in cset.leaves() if n.source == "survey"]
    given = doc.survey.leaves if doc is not None and doc.survey is not None else {}
    leaves += [i for i in given if i not in leaves]
    answers: list[str] = []
    for leaf_id in leaves:
        rule = rules.get(leaf_id)
        weights = getattr(rule.params, "weights", {}) if rule is not None else {}
        answers.extend(a for a in weights if a not in answers)
    parts: list[SurveyLeaf | SurveyGroupResult] = [*given.values()]
    parts += [g for entry in given.values() for g in entry.groups.values()]
    for part in parts:
        answers.extend(a for a in part.distribution or {} if a not in answers)
    # The group column only where results come per respondent group.
    codes = [g.code for g in cset.survey.groups] if cset.survey is not None else []
    grouped = bool(codes) or any(entry.groups for entry in given.values())
    head = [*SURVEY_HEAD, SURVEY_GROUP] if grouped else [*SURVEY_HEAD]
    first = len(head) + 1
    columns = [*head, *((a, a, 8) for a in answers), *SURVEY_TAIL]
    header(ws, 1, [title for _, title, _w in columns])
    widths(ws, [w for *_rest, w in columns])
    ws.freeze_panes = "C2"
    ws.row_dimensions[1].height = 32
    print_setup(ws)
    last = get_column_letter(len(columns))
    counts = number_validation(0, message="Số ≥ 0 / a number ≥ 0")
    ws.add_data_validation(counts)
    counts.add(f"{get_column_letter(first)}2:{last}{len(leaves) + 200}")
    if codes:
        groups_dv = DataValidation(type="list", formula1=f'"{",".join(codes)}"', allow_blank=True)
        ws.add_data_validation(groups_dv)
        groups_dv.add(f"C2:C{len(leaves) * (len(codes) + 1) + 200}")
    rows: list[tuple[str, str | None, SurveyGroupResult | SurveyLeaf | None]] = []
    for leaf_id in leaves:
        entry = given.get(leaf_id)
        if entry is not None and entry.groups:
            rows.extend((leaf_id, code, part) for code, part in entry.groups.items())
        else:
            rows.append((leaf_id, None, entry))
    for row, (leaf_id, code, result) in enumerate(rows, start=2):
        put_text(ws, row, 1, leaf_id)
        put_text(ws, row, 2, cset.node(leaf_id).label_vi)
        if code is not None:
            put_text(ws, row, 3, code)
        for col in range(3, len(columns) + 1):
            ws.cell(row=row, column=col).fill = INPUT_FILL
        if result is None:
            continue
        for col, answer in enumerate(answers, start=first):
            put(ws, row, col, (result.distribution or {}).get(answer))
        put(ws, row, len(columns) - 1, result.points)
        put(ws, row, len(columns), result.respondents)


def _rules_sheet(ws: Worksheet, cset: CriteriaSet) -> None:
    ws.sheet_state = "hidden"
    for col, title in enumerate(("id", "kind", "max_points", "params"), start=1):
        ws.cell(row=1, column=col, value=title)
    for row, node in enumerate(cset.index.values(), start=2):
        put_text(ws, row, 1, node.id)
        put_text(ws, row, 3, number_text(node.max_points))
        if node.rule is not None:
            put_text(ws, row, 2, node.rule.kind)
            put_text(ws, row, 4, flow_text(node.rule.params))
