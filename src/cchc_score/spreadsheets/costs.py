"""Cost tables in a workbook: the table to fill in (every leaf the planner may change, with the
outcomes it can reach) and reading a filled one, which is a CSV cost table's columns in a sheet.

A row whose price cells (``cost, fixed, per_point, locked, max_points, requires, actionable``)
are all empty prices nothing and is left out, so the unfilled rows of the template do not
count; the columns ``label`` and ``outcome`` are there for people and are not read. Errors name
the cell (``'Chi phí'!F12``).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from cchc_score.decimal_utils import normalize
from cchc_score.formats.xlsx import (
    Alignment,
    DataValidation,
    PatternFill,
    Workbook,
    Worksheet,
    get_column_letter,
)
from cchc_score.model.criteria import CriteriaSet
from cchc_score.rules import Rule
from cchc_score.simulate.cost_workbook import SHEET
from cchc_score.simulate.inputs import DEFAULT_ROW

from .sheets import COST, POINTS, Column, new_book, write_table

#: A leaf with more outcomes than this (a percentage in 1 % steps) is priced per point.
MAX_OUTCOMES = 8
#: The template's columns: key (read back), Vietnamese title, width, number format.
TEMPLATE: tuple[tuple[str, str, float, str | None], ...] = (
    ("leaf", "Mã tiêu chí", 9, None),
    ("label", "Tiêu chí", 44, None),
    ("to", "Kết quả (giá trị)", 14, None),
    ("outcome", "Kết quả cần đạt", 26, None),
    ("points", "Điểm đạt được", 10, POINTS),
    ("cost", "Chi phí", 11, COST),
    ("fixed", "Chi phí cố định", 11, COST),
    ("per_point", "Chi phí mỗi điểm", 11, COST),
    ("locked", "Không thể thay đổi (x)", 11, None),
    ("max_points", "Tối đa đạt được", 10, POINTS),
    ("requires", "Cần làm trước (mã; mã)", 14, None),
    ("unit", "Đơn vị chi phí", 14, None),
)
#: The guide sheet: what each column means and how the planner reads it (Vietnamese, English).
GUIDE_SHEET = "Hướng dẫn"
GUIDE: tuple[tuple[str, str, str], ...] = (
    (
        "leaf",
        "Mã tiêu chí thành phần (không sửa). Dòng * là giá mặc định cho mọi tiêu chí không có "
        "giá riêng; để trống dòng * thì tiêu chí không định giá được giữ nguyên.",
        "The leaf's id (keep it). The * row is the default price of every leaf not priced; "
        "left empty, leaves not priced stay as they are.",
    ),
    ("label", "Tên tiêu chí, để đọc (công cụ không đọc cột này).", "The leaf's name, to read."),
    (
        "to",
        "Giá trị tài liệu kiểm chứng của kết quả (mã mức, true, tỷ lệ %): không sửa.",
        "The evidence value of the outcome (a level key, true, a rate): keep it.",
    ),
    ("outcome", "Kết quả bằng lời, để đọc.", "The outcome in words, to read."),
    ("points", "Điểm của kết quả đó.", "The outcome's points."),
    (
        "cost",
        "Chi phí để đạt kết quả của dòng này (ví dụ 5 ngày công). Chỉ điền chi phí ở các kết "
        "quả làm được: tiêu chí chỉ ghi chi phí theo kết quả thì chỉ đạt được những kết quả đó.",
        "What reaching this row's outcome costs (e.g. 5 working days). A leaf priced by outcome "
        "reaches only the outcomes priced.",
    ),
    (
        "fixed",
        "Chi phí cố định khi cải thiện tiêu chí, bao nhiêu điểm cũng vậy (dùng với cột Chi phí "
        "mỗi điểm).",
        "A one-off cost of improving the leaf, whatever the gain (with the per-point cost).",
    ),
    (
        "per_point",
        "Chi phí cho mỗi điểm tăng thêm: chi phí = cố định + mỗi điểm × số điểm tăng. Dùng cho "
        "tiêu chí tính theo tỷ lệ (dòng ghi 'mỗi điểm tăng thêm').",
        "The cost of each point gained: cost = fixed + per point × points gained. For leaves "
        "scored by a rate (the rows saying 'per point gained').",
    ),
    (
        "locked",
        "Ghi x nếu năm nay không thể thay đổi tiêu chí: phương án không đụng đến.",
        "x: the leaf cannot change this cycle; no plan touches it.",
    ),
    (
        "max_points",
        "Điểm cao nhất thực tế đạt được (ví dụ 1,5 trên 2): kết quả cao hơn không được đề xuất.",
        "The most the leaf can really reach (e.g. 1.5 of 2): outcomes above it are not offered.",
    ),
    (
        "requires",
        "Mã các tiêu chí phải làm trước, cách nhau bằng dấu chấm phẩy (ví dụ 3.2.5; 1.3.2).",
        "The leaves to improve first, separated by semicolons (e.g. 3.2.5; 1.3.2).",
    ),
    (
        "unit",
        "Đơn vị chi phí (ngày công, triệu đồng…), ghi ở dòng *.",
        "The unit of the costs (working days, million VND…), on the * row.",
    ),
    (
        "",
        "Chỉ điền các ô màu vàng; dòng không có ô giá nào được bỏ qua. Đọc bảng: "
        "cchc-score simulate HỒ_SƠ --costs TỆP.xlsx.",
        "Fill the yellow cells only; a row with no price is passed over. Read by "
        "cchc-score simulate FILE --costs THIS.xlsx.",
    ),
)
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
DEFAULT_LABEL = "Mặc định cho tiêu chí không có giá riêng / default for leaves not priced"
PER_POINT_LABEL = "mỗi điểm tăng thêm → cột Chi phí mỗi điểm / per point gained"


def cost_template(cset: CriteriaSet, rules: Mapping[str, Rule]) -> tuple[Workbook, int]:
    """The cost table to fill in, and the number of leaves it lists.

    One row per outcome a leaf can reach from no evidence (by its rule), or one row to price
    per point when it has many; survey leaves are left out (the planner holds them fixed).
    """
    rows: list[list[Any]] = [[DEFAULT_ROW, DEFAULT_LABEL, *([None] * (len(TEMPLATE) - 2))]]
    leaves = 0
    for node in cset.leaves():
        if node.source == "survey":
            continue
        leaves += 1
        outcomes = rules[node.id].outcomes(None)
        if not outcomes or len(outcomes) > MAX_OUTCOMES:
            rows.append([node.id, node.label_vi, None, PER_POINT_LABEL, *([None] * 8)])
            continue
        for outcome in outcomes:
            value = _text(outcome.value)
            label = outcome.label_vi
            rows.append([node.id, node.label_vi, value, label, outcome.points, *([None] * 7)])
    columns = [Column(f"{key}\n{title}", fmt, width) for key, title, width, fmt in TEMPLATE]
    wb = new_book()
    ws = write_table(wb, SHEET, columns, rows, frozen_columns=2)
    _inputs(ws, len(rows))
    _guide(wb)
    return wb, leaves


def _guide(wb: Workbook) -> None:
    """A sheet after the table saying what each column means (not read back)."""
    titles = {key: title for key, title, *_ in TEMPLATE}
    rows = [[f"{key}\n{titles[key]}" if key else "", vi, en] for key, vi, en in GUIDE]
    columns = [
        Column("Cột\nColumn", None, 22),
        Column("Ý nghĩa", None, 70),
        Column("Meaning", None, 60),
    ]
    ws = write_table(wb, GUIDE_SHEET, columns, rows, frozen_columns=1)
    for r in range(2, len(rows) + 2):
        for col in (1, 2, 3):
            ws.cell(row=r, column=col).alignment = Alignment(wrap_text=True, vertical="top")


def _inputs(ws: Worksheet, count: int) -> None:
    """The cells to fill in: yellow, and numbers at least 0 in the price columns."""
    keys = [key for key, *_ in TEMPLATE]
    last = count + 1
    numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    numbers.error = "Một số không âm / a number, 0 or more"
    numbers.showErrorMessage = True
    numbers.allow_blank = True
    ws.add_data_validation(numbers)
    for key in ("cost", "fixed", "per_point", "max_points", "locked", "requires", "unit"):
        col = keys.index(key) + 1
        letter = get_column_letter(col)
        if key in ("cost", "fixed", "per_point", "max_points"):
            numbers.add(f"{letter}2:{letter}{last}")
        for r in range(2, last + 1):
            ws.cell(row=r, column=col).fill = INPUT_FILL
    for r in range(2, last + 1):
        ws.cell(row=r, column=2).alignment = Alignment(wrap_text=True, vertical="top")


def _text(value: Any) -> str | None:
    """An evidence value as the cost table's ``to`` cell: a level key, ``true``, a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | int):
        return f"{normalize(Decimal(value)):f}"
    return str(value)


def _ref(ws: Worksheet, row: int, col: int) -> str:
    """``Sheet!C12``, the sheet name quoted when it holds a space, as spreadsheets write it."""
    title = ws.title
    if not title.replace("_", "").isalnum():
        title = "'" + title.replace("'", "''") + "'"
    return f"{title}!{get_column_letter(col)}{row}"
