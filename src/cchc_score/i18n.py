"""User-facing words in Vietnamese (first) and English."""

from __future__ import annotations

from typing import Literal

Lang = Literal["vi", "en"]

MESSAGES: dict[str, tuple[str, str]] = {
    "id": ("Mã", "Id"),
    "criterion": ("Lĩnh vực / tiêu chí", "Area / criterion"),
    "points": ("Điểm", "Points"),
    "max": ("Tối đa", "Max"),
    "lost": ("Mất", "Lost"),
    "self": ("Tự chấm", "Self"),
    "evidence": ("Minh chứng", "Evidence"),
    "value": ("Số liệu", "Value"),
    "flags": ("Lưu ý", "Flags"),
    "total": ("Tổng điểm", "Total"),
    "index": ("Chỉ số", "Index"),
    "band": ("Xếp loại", "Band"),
    "appraisal_part": ("Điểm thẩm định", "Appraised part"),
    "survey_part": ("Điểm điều tra XHH", "Survey part"),
    "self_total": ("Tổng tự chấm", "Self-assessed total"),
    "unit": ("Đơn vị", "Unit"),
    "year": ("Năm", "Year"),
    "block": ("Khối", "Block"),
    "set": ("Bộ chỉ số", "Criteria set"),
    "version": ("Phiên bản", "Version"),
    "rule": ("Cách chấm", "Rule"),
    "provenance": ("Nguồn", "Provenance"),
    "legal_basis": ("Căn cứ", "Legal basis"),
    "unit_type": ("Loại đơn vị", "Unit type"),
    "valid": ("Hiệu lực", "Valid"),
    "tie_policy": ("Cách xếp đồng hạng", "Tie policy"),
    "rounding": ("Làm tròn", "Rounding"),
    "plugin": ("Plug-in", "Plug-in"),
    "source": ("Nguồn", "Source"),
    "status": ("Trạng thái", "Status"),
    "loaded": ("đã nạp", "loaded"),
    "failed": ("lỗi", "failed"),
    "no_band": ("chưa xếp loại", "no band"),
    "breakdown": ("Kết quả chấm điểm", "Score breakdown"),
    "summary": ("Tổng hợp", "Summary"),
    "pack_ok": ("hợp lệ", "valid"),
    "leaves": ("tiêu chí chấm", "leaves"),
    "rule_kinds": ("Loại quy tắc chấm", "Rule kinds"),
    "sets": ("Bộ chỉ số đã nạp", "Criteria sets loaded"),
    "failures": ("Plug-in lỗi", "Plug-ins that failed"),
    "appraisal": ("thẩm định", "appraisal"),
    "survey": ("điều tra XHH", "survey"),
    "seen": ("theo văn bản", "seen"),
    "reconstructed": ("tái dựng", "reconstructed"),
    "inferred": ("suy ra", "inferred"),
    "reason": ("Lý do", "Reason"),
}

FLAGS: dict[str, tuple[str, str]] = {
    "missing_evidence": ("thiếu số liệu", "missing evidence"),
    "value_out_of_range": ("số liệu không hợp lệ", "value out of range"),
    "missing_documents": ("thiếu tài liệu kiểm chứng", "no evidence document"),
    "missing_survey": ("thiếu kết quả điều tra", "no survey result"),
    "self_score_differs": ("tự chấm khác minh chứng", "self-score differs from evidence"),
    "self_score_out_of_range": ("tự chấm ngoài thang điểm", "self-score out of range"),
    "appraisal_adjusted": ("thẩm định điều chỉnh", "adjusted by appraisal"),
    "capped": ("bị giới hạn tối đa", "capped at maximum"),
    "not_in_set": ("không có trong bộ chỉ số", "not in the set"),
}


def t(key: str, lang: Lang) -> str:
    """The word for ``key`` in ``lang``."""
    vi, en = MESSAGES[key]
    return vi if lang == "vi" else en


def flag(name: str, lang: Lang) -> str:
    vi, en = FLAGS.get(name, (name, name))
    return vi if lang == "vi" else en
