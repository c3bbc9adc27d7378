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
    "partly_failed": ("lỗi một phần", "partly failed"),
    "sets_failures": (
        "Plug-in lỗi: {names} — xem 'cchc-score plugins'",
        "Plug-ins that failed: {names} — see 'cchc-score plugins'",
    ),
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
    # ranking and comparison
    "rank": ("Hạng", "Rank"),
    "league_table": ("Bảng xếp hạng", "League table"),
    "units": ("đơn vị", "units"),
    "skipped": ("Tệp bị bỏ qua", "Files skipped"),
    "bands_count": ("Số đơn vị theo xếp loại", "Units per band"),
    "before": ("Trước", "Before"),
    "after": ("Sau", "After"),
    "difference": ("Chênh lệch", "Change"),
    "method": ("Do bộ chỉ số", "Method"),
    "performance": ("Do thực hiện", "Performance"),
    "change_status": ("Thay đổi", "Status"),
    "comparison": ("So sánh kết quả", "Year-over-year comparison"),
    "rounding_and_caps": ("Làm tròn, giới hạn điểm", "Rounding and caps"),
    "leaf_sum": ("Cộng chênh lệch các tiêu chí", "Sum of the leaves' changes"),
    "rank_change": ("Thay đổi thứ hạng", "Rank change"),
    "own_effect": ("Do chính đơn vị", "The unit's own change"),
    "others_effect": ("Do các đơn vị khác", "The other units' change"),
    "rank_own_only": (
        "Hạng nếu chỉ đơn vị thay đổi (điểm mới, đơn vị khác giữ điểm cũ)",
        "Rank had only the unit changed (new index, others' old)",
    ),
    "rank_others_only": (
        "Hạng nếu chỉ đơn vị khác thay đổi (điểm cũ, đơn vị khác điểm mới)",
        "Rank had only the others changed (old index, others' new)",
    ),
    "overtaken_by": ("Bị vượt bởi", "Overtaken by"),
    "overtook": ("Đã vượt", "Overtook"),
    "peers_mean_change": ("Chỉ số các đơn vị khác thay đổi bình quân", "Others' mean index change"),
    "places": ("bậc", "places"),
    "place": ("bậc", "place"),
    "rank_down": ("tụt", "down"),
    "rank_up": ("lên", "up"),
    "rank_unchanged": ("giữ nguyên", "unchanged"),
    "rank_no_effect": ("không làm đổi hạng", "no effect on the rank"),
    "areas_hidden": (
        "Không đủ chỗ hiện điểm từng lĩnh vực: mở rộng cửa sổ hoặc dùng --csv",
        "Areas left out for lack of width: widen the terminal or use --csv",
    ),
    "status_new": ("mới", "new"),
    "status_removed": ("bỏ", "removed"),
    "status_max_changed": ("đổi điểm tối đa", "maximum changed"),
    "status_rule_changed": ("đổi cách chấm", "rule changed"),
    "status_same": ("", ""),
    "tie_shared": (
        "đồng hạng, bỏ hạng kế tiếp (1, 2, 2, 4)",
        "shared ranks, next skipped (1, 2, 2, 4)",
    ),
    "tie_dense": (
        "đồng hạng, không bỏ hạng (1, 2, 2, 3)",
        "shared ranks, none skipped (1, 2, 2, 3)",
    ),
    "tie_unrounded": (
        "theo tổng điểm chưa làm tròn; đồng hạng khi bằng nhau tuyệt đối",
        "by the unrounded total; tied only when exactly equal",
    ),
    "tie_appraised_first": (
        "chỉ số bằng nhau thì xét điểm thẩm định",
        "equal index broken by the appraised part",
    ),
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
