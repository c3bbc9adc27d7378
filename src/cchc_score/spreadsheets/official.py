"""The official layouts, in Vietnamese as the documents are: the results appendix of a decision
(Phụ lục: one table per block) and a unit's self-assessment form (Biểu tự đánh giá, chấm điểm)
with the state header and the signature block. Both print on A4 landscape, the table header
repeated on every page."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from cchc_score.formal import class_heading, formal_unit
from cchc_score.formats.xlsx import Alignment, Font, Workbook, Worksheet, get_column_letter
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import AssessmentFile, EvidenceDocument
from cchc_score.model.ranking import BlockTable, LeagueTable
from cchc_score.model.result import NodeResult, Result
from cchc_score.peers_year import peers_note

from .outputs import area_columns, area_index
from .sheets import (
    BOLD,
    BOX,
    POINTS,
    WHOLE,
    fit_row_heights,
    new_book,
    number,
    print_fit,
    sheet_title,
)
from .words import OFFICIAL, block_name

CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
ITALIC = Font(italic=True)
TITLE = Font(bold=True, size=13)
#: Widths of the appendix's fixed columns: STT, unit, appraised, survey, total, index, rank, band.
APPENDIX_WIDTHS = (6, 30, 11, 11, 10, 10, 8, 12)
AREA_WIDTH = 13


def appendix_book(league: LeagueTable, heading: str | None = None) -> Workbook:
    """The results appendix: per block and year, STT · Đơn vị · Điểm thẩm định · Điểm điều tra
    XHH · Tổng điểm · Chỉ số (%) · Xếp hạng · Xếp loại, then each area's index (chỉ số thành
    phần), under the decision's title."""
    wb = new_book()
    for table in league.blocks:
        _appendix_sheet(wb, table, heading)
    return wb


def _appendix_sheet(wb: Workbook, table: BlockTable, heading: str | None) -> None:
    ws: Worksheet = wb.create_sheet(
        sheet_title(wb, f"{OFFICIAL['appendix']} {table.block} {table.year}")
    )
    areas = area_columns(table)
    fixed = [OFFICIAL[k] for k in ("stt", "unit", "appraised", "survey", "total", "index")]
    fixed += [OFFICIAL["rank"], class_heading(table.bands, "vi")]
    width = len(fixed) + len(areas)
    title = heading or OFFICIAL["appendix_title"].format(
        year=table.year, block=block_name(table.block).upper()
    )
    _merged(ws, 1, 1, width, OFFICIAL["appendix"].upper(), Font(bold=True))
    _merged(ws, 2, 1, width, OFFICIAL["appendix_attached"], ITALIC)
    _merged(ws, 3, 1, width, title, TITLE)
    ws.row_dimensions[3].height = 36
    drafts = [f"{s.unit} ({s.year})" for s in table.standings if s.year != table.year]
    if drafts:  # a draft ranked against this year's results: said under the title
        _merged(ws, 4, 1, width, f"{', '.join(drafts)}: {peers_note(table.year, 'vi')}", ITALIC)
    head, sub, numbers, first = 5, 6, 7, 8
    for col, text in enumerate(fixed, start=1):
        if areas:
            ws.merge_cells(start_row=head, start_column=col, end_row=sub, end_column=col)
        _boxed(ws, head, col, text, BOLD)
        _boxed(ws, sub, col, None)
    if areas:
        start = len(fixed) + 1
        ws.merge_cells(start_row=head, start_column=start, end_row=head, end_column=width)
        _boxed(ws, head, start, OFFICIAL["area_indexes"], BOLD)
        for i, (area_id, label_vi, _, _) in enumerate(areas):
            if i:
                _boxed(ws, head, start + i, None)
            _boxed(ws, sub, start + i, f"{area_id}. {label_vi}", BOLD)
    for col in range(1, width + 1):
        _boxed(ws, numbers, col, f"({col})", ITALIC)
    for r, s in enumerate(table.standings, start=first):
        values: list[tuple[Any, str | None]] = [
            (r - first + 1, WHOLE),
            (
                formal_unit(s.unit, table.block, "vi")
                + ("" if s.year == table.year else f" ({s.year})"),
                None,
            ),
            (s.appraised, POINTS),
            (s.survey, POINTS),
            (s.total, POINTS),
            (s.index, POINTS),
            (s.rank, WHOLE),
            (s.band.label_vi if s.band else None, None),
        ]
        for area_id, _, _, max_points in areas:
            a = s.area(area_id)
            maximum = a.max_points if a and a.max_points else max_points
            values.append((area_index(a.points, maximum) if a else None, POINTS))
        for col, (value, fmt) in enumerate(values, start=1):
            cell = _boxed(ws, r, col, number(value) if fmt else value)
            cell.alignment = LEFT if col == 2 else CENTRE
            if fmt:
                cell.number_format = fmt
    for col, w in enumerate([*APPENDIX_WIDTHS, *([AREA_WIDTH] * len(areas))], start=1):
        ws.column_dimensions[get_column_letter(col)].width = w
    fit_row_heights(ws, 1, first + len(table.standings) - 1)
    ws.freeze_panes = f"C{first}"
    print_fit(ws, f"{head}:{numbers}")


def form_book(cset: CriteriaSet, doc: AssessmentFile, result: Result) -> Workbook:
    """The self-assessment form of one unit: the state header, the title, one row per node
    (evidence documents one per line, the other cells merged across them), the total and the
    signature block."""
    wb = new_book()
    ws: Worksheet = wb.create_sheet(OFFICIAL["form_sheet"])
    headers = [OFFICIAL[k] for k in ("stt", "node", "max", "self", "docs")]
    headers += ["", "", OFFICIAL["explain"], OFFICIAL["appraised"], OFFICIAL["note"]]
    width = len(headers)
    _form_header(ws, result, width)
    _merged(ws, 5, 1, width, OFFICIAL["form_title"], TITLE)
    _merged(ws, 6, 1, width, OFFICIAL["form_subtitle"].format(year=result.year), Font(bold=True))
    _merged(ws, 7, 1, width, f"({OFFICIAL['criteria_set']}: {cset.title_vi})", ITALIC)
    head, sub, numbers = 9, 10, 11
    for col, text in enumerate(headers, start=1):
        if col not in (5, 6, 7):
            ws.merge_cells(start_row=head, start_column=col, end_row=sub, end_column=col)
        _boxed(ws, head, col, text or None, BOLD)
        _boxed(ws, sub, col, None)
    ws.merge_cells(start_row=head, start_column=5, end_row=head, end_column=7)
    for col, key in zip((5, 6, 7), ("doc_number", "doc_date", "doc_title"), strict=True):
        _boxed(ws, sub, col, OFFICIAL[key], BOLD)
    for col in range(1, width + 1):
        _boxed(ws, numbers, col, f"({col})", ITALIC)
    appraised = doc.appraisal is not None and bool(doc.appraisal.rounds)
    row = numbers + 1
    for node in _walk(result.nodes):
        row = _form_rows(ws, row, node, doc, appraised)
    shown = [_self_points(n) for n in result.nodes]
    self_total = sum((p for p in shown if p is not None), Decimal(0)) if any(shown) else None
    total = [None, OFFICIAL["total"], result.total_max, self_total]
    total += [None, None, None, None, result.appraisal_total if appraised else None, None]
    for col, value in enumerate(total, start=1):
        cell = _boxed(ws, row, col, number(value) if isinstance(value, Decimal) else value, BOLD)
        cell.alignment = LEFT if col == 2 else CENTRE
        if isinstance(value, Decimal):
            cell.number_format = POINTS
    _signatures(ws, row + 2, width)
    for col, w in enumerate((8, 46, 9, 10, 16, 11, 30, 30, 10, 20), start=1):
        ws.column_dimensions[get_column_letter(col)].width = w
    fit_row_heights(ws, head, row)
    ws.freeze_panes = f"C{numbers + 1}"
    print_fit(ws, f"{head}:{numbers}")
    return wb


def _form_header(ws: Worksheet, result: Result, width: int) -> None:
    """Left: the unit; right: the state's name and motto, then the place and date line."""
    left_end, right_start = 3, 5
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=left_end)
    _plain(ws, 1, 1, result.unit.upper(), Font(bold=True))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=left_end)
    _plain(ws, 2, 1, "———", None)
    for r, (key, font) in enumerate(
        (("nation", Font(bold=True)), ("motto", Font(bold=True, underline="single"))), start=1
    ):
        ws.merge_cells(start_row=r, start_column=right_start, end_row=r, end_column=width)
        _plain(ws, r, right_start, OFFICIAL[key], font)
    ws.merge_cells(start_row=3, start_column=right_start, end_row=3, end_column=width)
    _plain(ws, 3, right_start, OFFICIAL["place_date"], ITALIC)


def _signatures(ws: Worksheet, row: int, width: int) -> None:
    for start, end, title, hint in (
        (1, 3, "preparer", "preparer_hint"),
        (7, width, "head", "head_hint"),
    ):
        for r, key, font in ((row, title, Font(bold=True)), (row + 1, hint, ITALIC)):
            ws.merge_cells(start_row=r, start_column=start, end_row=r, end_column=end)
            _plain(ws, r, start, OFFICIAL[key], font)


def _walk(nodes: Sequence[NodeResult]) -> list[NodeResult]:
    out: list[NodeResult] = []
    for node in nodes:
        out.append(node)
        out.extend(_walk(node.children))
    return out


def _form_rows(
    ws: Worksheet, row: int, node: NodeResult, doc: AssessmentFile, appraised: bool
) -> int:
    """The rows of one node: one per evidence document (at least one); returns the next row."""
    evidence = doc.leaves.get(node.id)
    documents: Sequence[EvidenceDocument | None] = (
        evidence.documents if evidence is not None and evidence.documents else [None]
    )
    group = bool(node.children)
    survey = node.assessed_by == "survey"
    self_points = _self_points(node)
    explain = evidence.note if evidence is not None else None
    if survey and not group:
        explain, self_points = OFFICIAL["by_survey"], None
    values: list[Any] = [
        node.id,
        node.label_vi,
        node.max_points,
        self_points,
        None,
        None,
        None,
        explain,
        node.appraised_points if appraised else None,
        node.appraisal_reason,
    ]
    last = row + len(documents) - 1
    for col, value in enumerate(values, start=1):
        if col in (5, 6, 7):
            continue
        if last > row:
            ws.merge_cells(start_row=row, start_column=col, end_row=last, end_column=col)
        cell = _boxed(ws, row, col, number(value) if isinstance(value, Decimal) else value)
        cell.alignment = (
            TOP_LEFT if col in (2, 8, 10) else Alignment(horizontal="center", vertical="top")
        )
        if col == 2:
            cell.alignment = Alignment(
                horizontal="left", vertical="top", wrap_text=True, indent=node.id.count(".")
            )
        if isinstance(value, Decimal):
            cell.number_format = POINTS
        if group:
            cell.font = BOLD
        for r in range(row + 1, last + 1):
            _boxed(ws, r, col, None)
    for r, document in enumerate(documents, start=row):
        cells: tuple[str | None, ...] = (None, None, None)
        if document is not None:
            day = document.date.strftime("%d/%m/%Y") if document.date else None
            cells = (document.number, day, document.title or document.issuer)
        for col, value in zip((5, 6, 7), cells, strict=True):
            _boxed(ws, r, col, value).alignment = TOP_LEFT
    return last + 1


def _self_points(node: NodeResult) -> Decimal | None:
    """The points the unit claims: its self-score where it typed one, else what its evidence
    earns (a form sent before any self-score is typed still shows its figures)."""
    return node.self_points if node.self_points is not None else node.evidence_points


def _merged(ws: Worksheet, row: int, first: int, last: int, text: str, font: Font) -> None:
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    _plain(ws, row, first, text, font)


def _plain(ws: Worksheet, row: int, col: int, text: str, font: Font | None) -> None:
    cell = ws.cell(row=row, column=col, value=text)
    cell.data_type = "s"  # a unit's name stays text, even when it starts with "="
    cell.alignment = CENTRE
    if font is not None:
        cell.font = font


def _boxed(ws: Worksheet, row: int, col: int, value: Any, font: Font | None = None) -> Any:
    cell = ws.cell(row=row, column=col)
    if value is not None:
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # text stays text, even when it starts with "="
    cell.border = BOX
    cell.alignment = CENTRE
    if font is not None:
        cell.font = font
    return cell
