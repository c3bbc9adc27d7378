"""Write a self-assessment workbook for a criteria set, empty or filled from an assessment."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from cchc_score.formats.xlsx import (
    FORMULA_FILL,
    GROUP_FONT,
    INPUT_FILL,
    UNLOCKED,
    WRAP,
    Alignment,
    Cell,
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
    save_with_results,
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
    TOTAL_ID,
)
from .totals import Totals
from .typed import BLOCK_CODES, BLOCK_LABELS, block_choices, level_labels, value_range

#: The totals row below the tree: what it is, and what it is not.
TOTAL_LABEL = "Tổng điểm tự chấm (tạm tính) / provisional totals"
TOTAL_NOTE = (
    "Tạm tính theo số liệu đã nhập, chưa gồm thẩm định và điều tra XHH; điểm chính thức do"
    " cchc-score chấm. / Provisional, from the values typed, before appraisal and survey:"
    " the tool's score is the authoritative one."
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
    main_sheet = _MainSheet(ws, lists, cset)
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
    blocks = block_choices(cset, given.get("block"))
    block_list = (
        main_sheet.id_list(list(blocks.values()), head=BLOCK_LABELS),
        main_sheet.id_list(list(blocks), head=BLOCK_CODES),
    )[0]
    block = given.get("block")
    if block is not None:
        # Shown as the drop-down names it (a block given by its name stays that name).
        by_name = {label.casefold(): label for label in blocks.values()}
        given["block"] = blocks.get(block) or by_name.get(str(block).casefold(), block)
    _info_sheet(wb.create_sheet(INFO, 1), cset, given, block_list)
    if appraisal_sheet or (doc is not None and doc.appraisal is not None):
        leaf_ids = main_sheet.id_list([leaf.id for leaf in cset.leaves()])
        _appraisal_sheet(wb.create_sheet(APPRAISAL, 2), doc, leaf_ids)
    if survey_sheet or (doc is not None and doc.survey is not None):
        visible = sum(1 for name in wb.sheetnames if not name.startswith("_"))
        _survey_sheet(wb.create_sheet(SURVEY, visible), cset, cset.rules, doc)
    _rules_sheet(wb.create_sheet(RULES), cset)
    for sheet in wb.worksheets:
        if sheet.sheet_state == "visible":
            protect(sheet)
    # A spreadsheet recomputes the totals on opening; the results written with them are for
    # programs that only read (and for this tool's own check of unsaved formulas).
    wb.calculation.fullCalcOnLoad = True
    results = {f"{ws.title}!{ref}": value for ref, (_f, value) in main_sheet.totals.cells.items()}
    return save_with_results(wb, path, results, overwrite=overwrite)


def protect(ws: Worksheet) -> None:
    """Protect a sheet (no password: against slips, not people) except its input cells; rows
    may still be inserted (a leaf's further documents) and columns widened."""
    ws.protection.sheet = True
    ws.protection.insertRows = False
    ws.protection.deleteRows = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False


class _MainSheet:
    """The self-assessment sheet: the tree, one row per node, inputs on leaf rows."""

    def __init__(self, ws: Worksheet, lists: Worksheet, cset: CriteriaSet) -> None:
        self.ws = ws
        self.lists = lists
        self.rules = cset.rules
        self.list_col = 0
        self.totals = Totals(
            cset, get_column_letter(COL["points"]), get_column_letter(COL["value"])
        )
        #: Self-score cells by the (lowest, highest) points their leaf can take.
        self.self_scores: dict[tuple[Decimal, Decimal], list[str]] = {}
        #: The self-scores written, for the result of their total's formula.
        self.self_score_values: list[Decimal | None] = []

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
        for group_row, formula, _points in self.totals.groups():
            self.formula(group_row, formula).font = GROUP_FONT
        self.total_row(row + 1, row - 1, cset)
        letter = get_column_letter(COL["doc_date"])
        dates = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
        dates.error = "Nhập ngày, ví dụ 16/01/2022 / enter a date"
        # A warning: a date typed as text (16/01/2022) is read too.
        dates.errorStyle = "warning"
        dates.showErrorMessage = True
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
            self.totals.group(node, row)
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
                ws.cell(row=row + i, column=COL[key]).protection = UNLOCKED
            if i < len(documents):
                for field in DOC_FIELDS:
                    put(ws, row + i, COL[f"doc_{field}"], getattr(documents[i], field))
        if evidence is not None:
            self.fill(row, rule, evidence)
        value = evidence.value if evidence is not None else None
        written = self.totals.leaf(node, rule, row, value)
        if written is not None:
            self.formula(row, written[0])
        return row + max(1, len(documents)) - 1

    def formula(self, row: int, formula: str) -> Cell:
        cell = self.ws.cell(row=row, column=COL["points"], value=f"={formula}")
        cell.number_format = "0.00"
        cell.fill = FORMULA_FILL
        return cell

    def total_row(self, row: int, last: int, cset: CriteriaSet) -> None:
        """Below the tree: the provisional total and the self-scores' sum (Tổng điểm tự chấm)."""
        ws = self.ws
        put_text(ws, row, COL["id"], TOTAL_ID).font = GROUP_FONT
        label = put_text(ws, row, COL["label"], TOTAL_LABEL)
        label.font = GROUP_FONT
        label.alignment = WRAP
        ws.row_dimensions[row].height = 45
        put(ws, row, COL["max"], cset.total_max).font = GROUP_FONT
        put_text(ws, row, COL["rule"], TOTAL_NOTE).alignment = WRAP
        letter = get_column_letter(COL["self_score"])
        scores = ws.cell(row=row, column=COL["self_score"], value=f"=SUM({letter}2:{letter}{last})")
        scores.number_format = "0.00"
        scores.font = GROUP_FONT
        scores.fill = FORMULA_FILL
        given = [v for v in self.self_score_values if v is not None]
        self.totals.cells[f"{letter}{row}"] = ("", sum(given, Decimal(0)))
        formula, _points = self.totals.total(row)
        self.formula(row, formula).font = GROUP_FONT

    def outline(self, row: int, depth: int) -> None:
        if depth:
            self.ws.row_dimensions[row].outline_level = min(depth, 7)

    def fill(self, row: int, rule: Rule, evidence: LeafEvidence) -> None:
        self.self_score_values.append(evidence.self_score)
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
        # A warning, not a stop: a level's key or "có"/"không" typed by hand is read too, and
        # a figure typed as text ("35,2%", "1,5").
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


def _info_sheet(
    ws: Worksheet, cset: CriteriaSet, given: Mapping[str, Any], block_list: str
) -> None:
    header(ws, 1, ["Khoá\nKey", "Thông tin\nField", "Giá trị\nValue"])
    widths(ws, [14, 28, 44])
    ws.row_dimensions[1].height = 32
    for row, (key, label) in enumerate(INFO_ROWS, start=2):
        put_text(ws, row, 1, key)
        ws.cell(row=row, column=2, value=label)
        cell = put(ws, row, 3, given.get(key))
        cell.fill = INPUT_FILL
        if key not in ("criteria_set", "set_version"):
            cell.protection = UNLOCKED
        if key == "block":
            blocks = DataValidation(type="list", formula1=block_list, allow_blank=True)
            blocks.error = "Chọn khối trong danh sách / choose a block from the list"
            blocks.showErrorMessage = True
            ws.add_data_validation(blocks)
            blocks.add(f"C{row}")
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
    for cells in ws.iter_rows(min_row=2, max_row=1000, max_col=len(APPRAISAL_COLUMNS)):
        for cell in cells:
            cell.protection = UNLOCKED
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
    # Further survey leaves may be added below: the whole table is for input.
    for cells in ws.iter_rows(min_row=2, max_row=len(rows) + 200, max_col=len(columns)):
        for cell in cells:
            cell.protection = UNLOCKED


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
