"""Every word the workspace shows, in Vietnamese (first) and English, and the one number format.

Kept in one module so that moving them into the gettext catalogue is one change.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Không gian mô phỏng CCHC", "CCHC what-if workspace"),
    "league": ("Bảng xếp hạng", "League tables"),
    "units_loaded": ("Đơn vị đã nạp", "Units loaded"),
    "nothing_loaded": (
        "Chưa nạp đơn vị nào: chạy 'cchc-score serve THƯ_MỤC' hoặc tải lên một tệp.",
        "No unit loaded: run 'cchc-score serve FOLDER' or upload a file.",
    ),
    "id": ("Mã", "Id"),
    "block": ("Khối", "Block"),
    "year": ("Năm", "Year"),
    "rank": ("Hạng", "Rank"),
    "of": ("trên", "of"),
    "unit": ("Đơn vị", "Unit"),
    "index": ("Chỉ số", "Index"),
    "total": ("Tổng điểm", "Total"),
    "band": ("Xếp loại", "Band"),
    "bands": ("Số đơn vị theo xếp loại", "Units per band"),
    "areas": ("Chỉ số thành phần", "Area indexes"),
    "points": ("Điểm", "Points"),
    "max": ("Tối đa", "Max"),
    "evidence": ("Minh chứng hiện tại", "Current evidence"),
    "reach": ("Có thể đạt", "Can still reach"),
    "new_value": ("Giá trị thử", "Try a value"),
    "lock": ("Khóa", "Lock"),
    "claimed": ("kê khai", "claimed"),
    "prove": ("chứng minh mức kê khai", "prove the claim"),
    "criterion": ("Tiêu chí", "Criterion"),
    "breakdown": ("Kết quả chấm điểm", "Score breakdown"),
    "open_editor": ("Mô phỏng cải thiện", "What-if editor"),
    "editor": ("Mô phỏng: thử thay đổi, xem hạng thay đổi", "What-if: try changes, watch the rank"),
    "odds": ("Khả năng giữ hạng", "Odds of holding the rank"),
    "odds_help": (
        "P(hạng ≤ {rank}) nếu chỉ số các đơn vị khác dao động ±{sd} điểm",
        "P(rank ≤ {rank}) if the other units' indexes move by ±{sd} points",
    ),
    "changed": ("thay đổi", "changed"),
    "changes": ("Đã thay đổi", "Changed"),
    "no_changes": ("Chưa có thay đổi", "No change yet"),
    "reset": ("Trở về hồ sơ gốc", "Back to the file"),
    "fixed": ("giữ nguyên", "held fixed"),
    "plan_rank": ("Phương án rẻ nhất để đạt hạng", "Cheapest plan to rank"),
    "plan_band": ("Phương án rẻ nhất để đạt xếp loại", "Cheapest plan to band"),
    "plan_budget": ("Phương án tốt nhất trong ngân sách", "Best plan within a budget"),
    "go": ("Tính", "Plan"),
    "plan": ("Phương án", "Plan"),
    "plan_cost": ("Tổng chi phí", "Total cost"),
    "proven": ("tối ưu đã chứng minh", "proven optimal"),
    "not_proven": ("chưa chứng minh tối ưu", "not proven optimal"),
    "no_plan": ("Không có phương án", "No plan"),
    "plan_note": (
        "Phương án tính từ hồ sơ gốc; các tiêu chí đã khóa giữ giá trị đang thử.",
        "Plans start from the file as loaded; locked leaves keep the value being tried.",
    ),
    "plan_download": ("Tải về phương án", "Download the plan"),
    "frontier": ("Chi phí thấp nhất cho mỗi hạng", "Least cost of each rank"),
    "cost": ("Chi phí", "Cost"),
    "step": ("Thay đổi", "Change"),
    "download": ("Tải về hồ sơ đã sửa", "Download the edited assessment"),
    "upload": ("Tải lên hồ sơ (xlsx, YAML, JSON)", "Upload an assessment (xlsx, YAML, JSON)"),
    "upload_go": ("Tải lên", "Upload"),
    "uploaded": ("Tệp đã tải lên", "Uploaded file"),
    "error": ("Lỗi", "Error"),
    "compare": ("So sánh hai năm", "Compare two years"),
    "compare_go": ("So sánh", "Compare"),
    "before": ("Trước", "Before"),
    "after": ("Sau", "After"),
    "difference": ("Chênh lệch", "Change"),
    "method": ("Do bộ chỉ số", "Method"),
    "performance": ("Do thực hiện", "Performance"),
    "language": ("English", "Tiếng Việt"),
    "api": ("API (OpenAPI)", "API (OpenAPI)"),
    "skipped": ("Tệp bị bỏ qua", "Files skipped"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "not_found": ("Không tìm thấy đơn vị", "No such unit"),
    "too_large": ("tệp quá lớn (tối đa {limit} kB)", "file too large (at most {limit} kB)"),
    "no_band": ("chưa xếp loại", "no band"),
}


def word(key: str, lang: str, **values: object) -> str:
    """The word ``key`` in ``lang`` (Vietnamese unless ``en``), with ``values`` filled in."""
    vi, en = WORDS[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def num(value: Decimal | float | int | None, lang: str, places: int = 2) -> str:
    """A number as people of ``lang`` write it: vi ``83,27``, en ``83.27``; thousands grouped
    (vi ``1.234,5``, en ``1,234.5``); trailing zeros kept to ``places``; None is a dash."""
    if value is None:
        return "–"
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    step = Decimal(1).scaleb(-places)
    text = f"{exact.quantize(step, rounding=ROUND_HALF_UP):,.{places}f}"
    if lang == "en":
        return text
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def pct(value: float, lang: str) -> str:
    """A probability as a percentage with one decimal: vi ``42,5 %``, en ``42.5 %``."""
    return f"{num(Decimal(str(round(value * 100, 1))), lang, 1)} %"
