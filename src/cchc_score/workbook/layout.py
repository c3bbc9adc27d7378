"""Sheet names and columns of a self-assessment workbook, shared by the writer and the reader."""

from __future__ import annotations

MAIN = "Tự đánh giá"
INFO = "Thông tin"
APPRAISAL = "Thẩm định"
SURVEY = "Điều tra XHH"
#: Hidden: each node's rule, so values are checked cell by cell and level labels map to keys.
RULES = "_rules"
#: Hidden: the drop-down lists of levels leaves.
LISTS = "_lists"

#: Main sheet: key, Vietnamese title, English title, width. The header cell reads "vi\nen".
COLUMNS: tuple[tuple[str, str, str, float], ...] = (
    ("id", "Mã", "Id", 9),
    ("label", "Tiêu chí", "Criterion", 48),
    ("max", "Điểm tối đa", "Max points", 9),
    ("rule", "Cách chấm", "Rule", 44),
    ("value", "Số liệu", "Evidence value", 16),
    ("doc_number", "Số văn bản", "Document number", 16),
    ("doc_date", "Ngày ban hành", "Document date", 12),
    ("doc_issuer", "Cơ quan ban hành", "Issuer", 20),
    ("doc_title", "Trích yếu", "Title", 30),
    ("doc_link", "Liên kết", "Link", 20),
    ("self_score", "Tự chấm", "Self-score", 9),
    ("note", "Ghi chú", "Note", 30),
    # Formulas, not read: what the values typed earn, summed per area (provisional).
    ("points", "Điểm tạm tính", "Provisional points", 11),
)
COL = {key: i for i, (key, *_rest) in enumerate(COLUMNS, start=1)}
DOC_FIELDS = ("number", "date", "issuer", "title", "link")
INPUTS = ("value", *(f"doc_{f}" for f in DOC_FIELDS), "self_score", "note")
#: Columns for people (and formulas): never read as input.
SHOWN_ONLY = frozenset({"id", "label", "max", "rule", "points"})
#: The id cell of the totals row below the tree (its other cells are formulas, not read).
TOTAL_ID = "Tổng"

#: Information sheet rows: key (column A), label (column B); the value is in column C.
INFO_ROWS = (
    ("criteria_set", "Bộ chỉ số / criteria set"),
    ("set_version", "Phiên bản / version"),
    ("unit", "Đơn vị / unit"),
    ("unit_id", "Mã đơn vị / unit id"),
    ("block", "Khối / block"),
    ("year", "Năm đánh giá / year"),
)

#: Appraisal sheet: key, header, width. One row per leaf and round; the explanation loop
#: follows the score (the deadline is the round's, like its appraiser and date); a row with only
#: supplementary document cells adds a further document to the leaf above. Workbooks written
#: before the loop columns existed are read as they are.
APPRAISAL_COLUMNS = (
    ("round", "Lần thẩm định\nRound", 10),
    ("by", "Cơ quan thẩm định\nAppraiser", 22),
    ("date", "Ngày\nDate", 12),
    ("id", "Mã\nId", 9),
    ("score", "Điểm thẩm định\nScore", 12),
    ("reason", "Lý do\nReason", 50),
    ("deadline", "Hạn giải trình\nExplanation deadline", 13),
    ("explanation_required", "Yêu cầu giải trình\nExplanation required", 11),
    ("explanation", "Giải trình của đơn vị\nUnit's explanation", 44),
    ("sup_number", "Số văn bản bổ sung\nSupplementary document number", 16),
    ("sup_date", "Ngày văn bản bổ sung\nSupplementary document date", 12),
    ("sup_issuer", "Cơ quan ban hành văn bản bổ sung\nIssuer", 20),
    ("sup_title", "Trích yếu văn bản bổ sung\nTitle", 30),
    ("sup_link", "Liên kết văn bản bổ sung\nLink", 20),
)
#: The supplementary document columns of the appraisal sheet.
SUPPLEMENTARY = tuple(f"sup_{f}" for f in ("number", "date", "issuer", "title", "link"))

#: Survey sheet: these, then one column per answer (A, B, …), then the tail.
SURVEY_HEAD = (("id", "Mã\nId", 9), ("label", "Tiêu chí\nCriterion", 40))
SURVEY_TAIL = (("points", "Điểm đã tính\nPoints", 12), ("respondents", "Số phiếu\nRespondents", 12))
#: Survey sheet, after the label when results come per respondent group: the group's code
#: (one row per leaf and group).
SURVEY_GROUP = ("group", "Nhóm đối tượng\nRespondent group", 16)


def first_line(title: str) -> str:
    """A header's key for matching: its first line, case-folded."""
    return title.split("\n")[0].strip().casefold()
