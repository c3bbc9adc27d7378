"""Every word and every number the HTML and SVG reports show, in one place.

Words are (Vietnamese, English) pairs; numbers go through :func:`number` only, so that the whole
report follows one convention per language (a decimal comma in Vietnamese, a point in English)
and the formatting can be pointed at a shared locale formatter in one line.
"""

from __future__ import annotations

from decimal import Decimal

from cchc_score.decimal_utils import quantize
from cchc_score.i18n import Lang

WORDS: dict[str, tuple[str, str]] = {
    # page furniture
    "generated": ("Lập bằng cchc-score", "Made with cchc-score"),
    "summary": ("Tóm tắt", "Summary"),
    "details": ("Chi tiết", "Details"),
    "page": ("Trang", "Page"),
    # figures
    "unit": ("Đơn vị", "Unit"),
    "block": ("Khối", "Block"),
    "year": ("Năm", "Year"),
    "set": ("Bộ chỉ số", "Criteria set"),
    "total": ("Tổng điểm", "Total"),
    "max": ("Tối đa", "Max"),
    "index": ("Chỉ số (%)", "Index (%)"),
    "band": ("Xếp loại", "Band"),
    "no_band": ("chưa xếp loại", "no band"),
    "rank": ("Xếp hạng", "Rank"),
    "rank_of": ("{rank} / {of}", "{rank} of {of}"),
    "appraised": ("Điểm thẩm định", "Appraised part"),
    "survey": ("Điểm điều tra XHH", "Survey part"),
    "survey_groups": ("Điều tra XHH theo nhóm đối tượng", "Survey by respondent group"),
    "respondent_group": ("Nhóm đối tượng", "Respondent group"),
    "respondents": ("Số phiếu", "Respondents"),
    "answers": ("Phân bố câu trả lời", "Answers"),
    "group_weight": ("Trọng số", "Weight"),
    "no_survey": ("Không điều tra XHH", "No survey"),
    "rescaled": (
        "điểm thẩm định ({points}/{most}) quy đổi về thang {scale} điểm",
        "the appraised points ({points} of {most}) rescaled to {scale} points",
    ),
    "self_total": ("Tổng điểm tự chấm", "Self-assessed total"),
    "flags": ("Lưu ý", "Flags"),
    "reason": ("Lý do", "Reason"),
    # score
    "score_title": ("Kết quả chấm điểm", "Score"),
    "breakdown": ("Điểm theo lĩnh vực, tiêu chí", "Score breakdown"),
    "id": ("Mã", "Id"),
    "criterion": ("Lĩnh vực / tiêu chí", "Area / criterion"),
    "points": ("Điểm", "Points"),
    "lost": ("Điểm chưa đạt", "Lost"),
    "self": ("Tự chấm", "Self"),
    "evidence_value": ("Số liệu", "Value"),
    "areas_chart": ("Điểm theo lĩnh vực so với tối đa", "Points per area against the maximum"),
    "area": ("Lĩnh vực", "Area"),
    # show
    "show_title": ("Bộ chỉ số và cách chấm", "Criteria set and how it scores"),
    "unit_type": ("Loại đơn vị", "Unit type"),
    "version": ("Phiên bản", "Version"),
    "legal_basis": ("Căn cứ", "Legal basis"),
    "valid": ("Hiệu lực", "Valid"),
    "index_years": ("Năm đánh giá áp dụng", "Index years"),
    "rule": ("Cách chấm", "Rule"),
    "assessed_by": ("Nguồn điểm", "Scored from"),
    "by_appraisal": ("thẩm định", "appraisal"),
    "by_survey": ("điều tra xã hội học", "survey"),
    "tie_policy": ("Cách xếp đồng hạng", "Tie policy"),
    "bands": ("Xếp loại theo chỉ số", "Bands by index"),
    "from_index": ("từ chỉ số", "index from"),
    # rank
    "league_title": ("Bảng xếp hạng CCHC", "PAR index league table"),
    "league_block": (
        "{block} · năm {year} · {n} đơn vị",
        "{block} · {year} · {n} units",
    ),
    "areas_index": ("Chỉ số thành phần (điểm theo lĩnh vực)", "Area scores (points per area)"),
    "band_counts": ("Số đơn vị theo xếp loại", "Units per band"),
    "outside_years": (
        "Lưu ý: xếp hạng theo bộ chỉ số không áp dụng cho năm đánh giá này",
        "Note: ranked under a criteria set not valid for this index year",
    ),
    "index_year": ("năm đánh giá", "index year"),
    "skipped": ("Tệp không xếp hạng được", "Files not ranked"),
    "file": ("Tệp", "File"),
    "area_rank": ("hạng", "rank"),
    # compare
    "compare_title": ("So sánh qua hai năm", "Year-over-year comparison"),
    "before": ("Trước", "Before"),
    "after": ("Sau", "After"),
    "difference": ("Chênh lệch", "Difference"),
    "method": ("Do phương pháp", "Method"),
    "performance": ("Do kết quả", "Performance"),
    "status": ("Trạng thái", "Status"),
    "leaf_sum": ("Tổng thay đổi các tiêu chí", "Sum of the leaves' changes"),
    "rounding_and_caps": ("Làm tròn và giới hạn", "Rounding and caps"),
    "rank_change": ("Thay đổi thứ hạng", "Rank change"),
    "own_effect": ("Do chính đơn vị", "The unit's own change"),
    "others_effect": ("Do các đơn vị khác", "The other units' change"),
    "overtaken_by": ("Bị vượt bởi", "Overtaken by"),
    "overtook": ("Đã vượt", "Overtook"),
    "changes": ("Các thay đổi", "Changes"),
    "moved_down": ("giảm {n} bậc", "down {n} place(s)"),
    "moved_up": ("tăng {n} bậc", "up {n} place(s)"),
    "moved_none": ("không đổi", "no change"),
    # simulate
    "simulate_title": ("Mô phỏng cải thiện", "Improvement simulation"),
    "cost_unit": ("Đơn vị chi phí", "Cost unit"),
    "opportunities": ("Từng cải thiện riêng lẻ", "Single improvements"),
    "change": ("Thay đổi", "Change"),
    "gain": ("Điểm tăng", "Points gained"),
    "rank_alone": ("Hạng nếu chỉ làm việc này", "Rank alone"),
    "cost": ("Chi phí", "Cost"),
    "per_cost": ("Điểm / chi phí", "Gain / cost"),
    "plan": ("Phương án", "Plan"),
    "leaf_gain": ("Điểm tăng", "Points gained"),
    "total_after": ("Tổng sau bước", "Total after"),
    "rank_after": ("Hạng sau bước", "Rank after"),
    "total_cost": ("Tổng chi phí", "Total cost"),
    "new_total": ("Tổng điểm mới", "New total"),
    "new_rank": ("Hạng mới", "New rank"),
    "optimal": ("Bảo đảm tối ưu", "Proven optimal"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "nothing": ("Không cần thay đổi", "No change needed"),
    "no_plan": ("Không có phương án", "No plan"),
    "frontier": ("Chi phí thấp nhất cho mỗi thứ hạng", "Least cost of each rank"),
    "alternatives": ("Phương án khác", "Alternatives"),
    "alternative": ("Phương án khác {i}", "Alternative {i}"),
    "extra_cost": ("So với phương án đã chọn", "Vs the chosen plan"),
    "odds": (
        "Xác suất đạt hạng ≤ {k} khi các đơn vị khác thay đổi",
        "Chance of rank ≤ {k} as the other units move",
    ),
    "held": ("Giữ nguyên, không đưa vào phương án", "Held fixed, left out of every plan"),
    "locked": ("khóa trong bảng chi phí", "locked by the cost table"),
    "not_priced": ("bảng chi phí không ghi giá", "not priced by the cost table"),
    "survey_leaf": ("điều tra xã hội học", "survey"),
    "bonus": ("điểm thưởng, điểm trừ", "bonus/penalty"),
    "each": ("Phương án chi phí thấp nhất của từng đơn vị", "Each unit's cheapest plan"),
    "goal": ("Mục tiêu", "Goal"),
    "odds_chart": ("Xác suất đạt mỗi thứ hạng", "Probability of each rank"),
    "probability": ("Xác suất", "Probability"),
    "now": ("hiện nay", "now"),
    "with_plan": ("theo phương án", "with the plan"),
    # story
    "story_title": ("thứ hạng CCHC và đường trở lại", "PAR index rank and the way back"),
    "ranks_over_years": ("Thứ hạng qua các năm", "Rank over the years"),
    "target_unit": ("Đơn vị hạng {n}", "Unit ranked {n}"),
    "gap": ("Cách hạng {n} (điểm chỉ số)", "Gap to rank {n} (index points)"),
    "way_back": ("Đường trở lại hạng {n}", "The way back to rank {n}"),
    "illustrative": (
        "Số liệu minh họa (chỉ thứ hạng của Di Linh và tỷ lệ hồ sơ trực tuyến 10,46 % năm 2021"
        " là thật) — xem examples/di_linh/README.md.",
        "Illustrative figures (only Di Linh's ranks and its 10.46 % online rate in 2021 are"
        " real) — see examples/di_linh/README.md.",
    ),
}


def word(key: str, lang: Lang, **values: object) -> str:
    """The word for ``key`` in ``lang``, with ``{name}`` fields filled from ``values``."""
    vi, en = WORDS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


def number(value: Decimal | int | float | None, lang: Lang, places: int | None = 2) -> str:
    """A number for people: ``places`` decimals rounded half up (None: as exact as given), a
    decimal comma and thousands grouped by points in Vietnamese (``1.234,50``, as CLDR writes
    it and ``i18n.number`` gives it), a point and no grouping in English, a minus sign for
    negatives.

    Floats (the simulator's probabilities) go through their shortest repr, so no binary noise
    shows; every other number is exact from its Decimal.
    """
    if value is None:
        return "–"
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = f"{exact if places is None else quantize(exact, places):f}"
    if places is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "vi":
        sign, body = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, point, fraction = body.partition(".")
        text = sign + f"{int(whole):,}".replace(",", ".") + ("," + fraction if point else "")
    return text.replace("-", "−")


def signed(value: Decimal | None, lang: Lang, places: int = 2) -> str:
    """A change with its sign: ``+1,25``, ``−0,50``, ``0,00``."""
    if value is None:
        return ""
    text = number(value, lang, places)
    return "+" + text if value > 0 and text.strip("0,.") else text


def moved(places_lost: Decimal | int, lang: Lang) -> str:
    """A rank move in words, no sign to misread: "giảm 2 bậc" / "down 2 place(s)"."""
    if places_lost == 0:
        return word("moved_none", lang)
    size = number(abs(Decimal(places_lost)), lang, None)
    return word("moved_down" if places_lost > 0 else "moved_up", lang, n=size)


def percent(share: float | Decimal, lang: Lang, places: int = 1) -> str:
    """A probability (0–1) as a percentage: ``42,5 %`` / ``42.5%``."""
    exact = Decimal(repr(share)) if isinstance(share, float) else share
    text = number(exact * 100, lang, places)
    return f"{text} %" if lang == "vi" else f"{text}%"
