"""Write the Di Linh example: 12 Lâm Đồng district-level units × 2019, 2020, 2021.

The YAML files in ``2019/``, ``2020/`` and ``2021/`` are the example; this script is how they
were made, kept so that they can be regenerated consistently after the pack changes::

    python examples/di_linh/generate.py            # rewrite the 36 files
    python examples/di_linh/generate.py --summary  # rewrite, then print totals and ranks

Everything is deterministic: a unit's evidence follows from its quality in that year (the
``QUALITY`` table) and a hash of (unit, year, leaf), so the same script writes the same files.
Di Linh's own weak points follow the 2022 Báo Lâm Đồng article (``DI_LINH`` table); its 2021
online-application rate, 10.46 %, is the one real figure. Every other number is illustrative.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
PACK = HERE.parents[1] / "criteria" / "lam_dong_district_2021" / "pack.yaml"
YEARS = (2019, 2020, 2021)
SET_ID = "lam_dong_district_2021"
SET_VERSION = "2021.1"

#: (file id, kind of unit, name): the 12 district-level units of Lâm Đồng until 30/11/2024.
UNITS: tuple[tuple[str, str, str], ...] = (
    ("da_lat", "Thành phố", "Đà Lạt"),
    ("bao_loc", "Thành phố", "Bảo Lộc"),
    ("lac_duong", "Huyện", "Lạc Dương"),
    ("don_duong", "Huyện", "Đơn Dương"),
    ("duc_trong", "Huyện", "Đức Trọng"),
    ("lam_ha", "Huyện", "Lâm Hà"),
    ("dam_rong", "Huyện", "Đam Rông"),
    ("di_linh", "Huyện", "Di Linh"),
    ("bao_lam", "Huyện", "Bảo Lâm"),
    ("da_huoai", "Huyện", "Đạ Huoai"),
    ("da_teh", "Huyện", "Đạ Tẻh"),
    ("cat_tien", "Huyện", "Cát Tiên"),
)

#: Quality of each unit's reform work in 2019, 2020, 2021 (0 weak … 1 excellent), on every leaf
#: except the ones ``DI_LINH`` sets. Illustrative: most units improve year by year, which is half
#: of why Di Linh falls. Di Linh's general work stays good (and strengthens in 2021); what pulls it
#: down is the weaknesses the article names.
QUALITY: dict[str, tuple[float, float, float]] = {
    "da_lat": (0.80, 0.83, 0.83),
    "bao_loc": (0.79, 0.83, 0.84),
    "lac_duong": (0.63, 0.71, 0.74),
    "don_duong": (0.71, 0.79, 0.80),
    "duc_trong": (0.72, 0.81, 0.79),
    "lam_ha": (0.70, 0.80, 0.80),
    "dam_rong": (0.52, 0.57, 0.62),
    "di_linh": (0.79, 0.79, 0.91),
    "bao_lam": (0.67, 0.73, 0.76),
    "da_huoai": (0.60, 0.65, 0.70),
    "da_teh": (0.56, 0.61, 0.67),
    "cat_tien": (0.60, 0.65, 0.72),
}

#: Di Linh's evidence where the article names a weakness, overriding what its quality gives.
DI_LINH: dict[int, dict[str, Any]] = {
    2019: {"7.3": Decimal("3.85"), "3.3.1": Decimal("99.12"), "3.3.2": Decimal("1.86")},
    2020: {
        "7.3": Decimal("6.12"),
        "3.3.1": Decimal("98.35"),
        "3.3.2": Decimal("4.62"),  # overdue land dossiers grow
        "1.3.3": 3,  # one quarter without a commune inspection
        "3.2.5": Decimal("71.40"),
    },
    2021: {
        "7.3": Decimal("10.46"),  # real figure (Báo Lâm Đồng 2022; vietnam.vn)
        "3.3.1": Decimal("97.62"),
        "3.3.2": Decimal("7.85"),  # overdue land dossiers, the article's main complaint
        "1.3.1": Decimal("22.50"),
        "1.3.2": "partly",
        "1.3.3": 2,  # commune inspections in two quarters only: irregular
        "3.2.5": Decimal("52.40"),  # electronic one-stop system under-used at communes
        "3.3.3": Decimal("96.10"),
    },
}

#: Di Linh's survey answers on civil servants' attitude (5.7, 8.3): A, B, C, D shares in %.
DI_LINH_ATTITUDE: dict[int, tuple[int, int, int, int]] = {
    2019: (58, 30, 9, 3),
    2020: (52, 32, 11, 5),
    2021: (44, 35, 14, 7),
}

D = Decimal


def jitter(*parts: object) -> float:
    """A number in [0, 1) fixed by its arguments: the example's only source of variety."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def pct(x: float, places: int = 2) -> Decimal:
    return D(repr(max(0.0, min(100.0, x)))).quantize(D(1).scaleb(-places), ROUND_HALF_UP)


def passes(q: float, j: float, difficulty: float) -> bool:
    """Whether a unit of quality ``q`` meets a requirement of this ``difficulty``."""
    return q + 0.3 * (j - 0.5) >= difficulty


def grade(q: float, j: float, hard: float, easy: float, keys: tuple[str, str, str]) -> str:
    if passes(q, j, hard):
        return keys[0]
    return keys[1] if passes(q, j, easy) else keys[2]


# ---------------------------------------------------------------------------------------------
# Evidence values: leaf id -> f(quality, jitter, year)

Value = Callable[[float, float, int], Any]
ONLINE_BASE = {2019: (0.5, 6.0), 2020: (3.0, 16.0), 2021: (9.0, 32.0)}

VALUES: dict[str, Value] = {
    "1.1.1": lambda q, j, y: grade(q, j, 0.55, 0.3, ("on_time", "late", "not_issued")),
    "1.1.2": lambda q, j, y: passes(q, j, 0.5),
    "1.1.3": lambda q, j, y: passes(q, j, 0.6),
    "1.1.4": lambda q, j, y: pct(62 + 40 * q + 8 * (j - 0.5)),
    "1.2.1": lambda q, j, y: 4 if passes(q, j, 0.62) else 3,
    "1.2.2": lambda q, j, y: passes(q, j, 0.5),
    "1.3.1": lambda q, j, y: pct(8 + 34 * q + 10 * (j - 0.5)),
    "1.3.2": lambda q, j, y: grade(q, j, 0.7, 0.45, ("all", "partly", "none")),
    "1.3.3": lambda q, j, y: 4 if passes(q, j, 0.68) else 3,
    "1.4.1": lambda q, j, y: passes(q, j, 0.45),
    "1.4.2": lambda q, j, y: pct(100 if passes(q, j, 0.8) else 70 + 30 * q * j, 0),
    "1.5": lambda q, j, y: D(min(4, max(1, round(4 * q + 1.2 * (j - 0.5))))) / 4,
    "1.6": lambda q, j, y: grade(q, j, 0.9, 0.6, ("recognised", "applied", "none")),
    "2.1.1": lambda q, j, y: pct(100 if passes(q, j, 0.72) else 78 + 20 * q, 0),
    "2.1.2": lambda q, j, y: passes(q, j, 0.45),
    "2.2": lambda q, j, y: grade(q, j, 0.6, 0.35, ("on_time", "late", "not_done")),
    "2.3": lambda q, j, y: passes(q, j, 0.55),
    "2.4": lambda q, j, y: grade(q, j, 0.7, 0.4, ("plan_and_report", "plan_only", "none")),
    "3.1.1": lambda q, j, y: passes(q, j, 0.4),
    "3.1.2": lambda q, j, y: pct(100 if passes(q, j, 0.7) else 85 + 14 * q, 0),
    "3.2.1": lambda q, j, y: passes(q, j, 0.4),
    "3.2.2": lambda q, j, y: pct(100 if passes(q, j, 0.82) else 72 + 26 * q, 0),
    "3.2.3": lambda q, j, y: grade(q, j, 0.75, 0.45, ("all", "partly", "none")),
    "3.2.4": lambda q, j, y: pct(62 + 40 * q + 6 * (j - 0.5)),
    "3.2.5": lambda q, j, y: pct(30 + 70 * q + 10 * (j - 0.5) + 3 * (y - 2019)),
    "3.3.1": lambda q, j, y: pct(92 + 8.6 * q + 1.5 * (j - 0.5)),
    "3.3.2": lambda q, j, y: pct(max(0.2, 13 - 13.5 * q + 2 * (j - 0.5))),
    "3.3.3": lambda q, j, y: pct(93 + 7.5 * q + 1.2 * (j - 0.5)),
    "3.3.4": lambda q, j, y: passes(q, j, 0.7),
    "3.3.5": lambda q, j, y: grade(q, j, 0.65, 0.4, ("all_on_time", "some_late", "not_handled")),
    "3.4": lambda q, j, y: pct(1 + 12 * q + 4 * (j - 0.5) + 1.5 * (y - 2019)),
    "3.5": lambda q, j, y: grade(q, j, 0.8, 0.45, ("plan_and_proposal", "plan_only", "none")),
    "4.1": lambda q, j, y: passes(q, j, 0.35),
    "4.2": lambda q, j, y: pct(72 + 36 * q + 10 * (j - 0.5)),
    "4.3": lambda q, j, y: grade(q, j, 0.6, 0.35, ("on_schedule", "behind", "not_done")),
    "4.4": lambda q, j, y: passes(q, j, 0.55),
    "5.1": lambda q, j, y: passes(q, j, 0.45),
    "5.2": lambda q, j, y: passes(q, j, 0.4),
    "5.3": lambda q, j, y: pct(100 if passes(q, j, 0.7) else 70 + 28 * q, 0),
    "5.4": lambda q, j, y: pct(84 + 16 * q + 2 * (j - 0.5)),
    "5.5": lambda q, j, y: grade(
        q, j, 0.55, 0.3, ("none_disciplined", "reprimand", "dismissal_or_worse")
    ),
    "5.6": lambda q, j, y: 1 + round(2.5 * q + (j - 0.5)),
    "6.1": lambda q, j, y: pct(58 + 42 * q + 8 * (j - 0.5)),
    "6.2": lambda q, j, y: passes(q, j, 0.35),
    "6.3": lambda q, j, y: grade(q, j, 0.75, 0.45, ("all_units", "some_units", "none")),
    "6.4": lambda q, j, y: pct(86 + 24 * q + 8 * (j - 0.5)),
    "7.1": lambda q, j, y: grade(q, j, 0.55, 0.3, ("on_time", "late", "not_issued")),
    "7.2": lambda q, j, y: pct(55 + 40 * q + 6 * (j - 0.5) + 4 * (y - 2019)),
    "7.3": lambda q, j, y: pct(ONLINE_BASE[y][0] + ONLINE_BASE[y][1] * q * (0.75 + 0.5 * j)),
    "7.4": lambda q, j, y: pct(18 + 40 * q + 8 * (j - 0.5) + 5 * (y - 2019)),
    "7.5": lambda q, j, y: grade(
        q, j, 0.78, 0.45, ("district_and_communes", "district_only", "none")
    ),
    "7.6": lambda q, j, y: passes(q, j, 0.4),
    "7.7": lambda q, j, y: pct(100 if passes(q, j, 0.75) else 70 + 28 * q, 0),
    "8.6": lambda q, j, y: min(15, 8 + round(7 * q + 2 * (j - 0.5))),
}

BONUS: dict[tuple[str, int], list[dict[str, Any]]] = {
    ("bao_loc", 2021): [
        {
            "points": D("0.5"),
            "reason": "Mô hình 'Chính quyền thân thiện' được UBND tỉnh khen thưởng",
        }
    ],
    ("da_lat", 2020): [
        {"points": D("0.5"), "reason": "Bộ phận Một cửa thành phố được UBND tỉnh tặng Bằng khen"}
    ],
    ("dam_rong", 2020): [
        {"points": D("-0.5"), "reason": "Hồ sơ đất đai trả chậm bị báo chí phản ánh, đã xác minh"}
    ],
    ("duc_trong", 2021): [
        {"points": D("0.5"), "reason": "Sáng kiến số hóa hồ sơ hộ tịch được UBND tỉnh khen thưởng"}
    ],
}


# ---------------------------------------------------------------------------------------------
# Documents: what a unit attaches to each leaf

#: How many documents of a series a district issues per day, roughly (for plausible numbers).
DOCS_PER_DAY = {"QĐ": 3.0, "KH": 0.6, "BC": 0.9, "TB": 0.8, "UBND": 4.0, "SNV": 2.0}

#: Who issues a document: the People's Committee or one of its offices.
ISSUERS = {
    "ubnd": "UBND {unit}",
    "office": "Văn phòng HĐND và UBND {unit}",
    "home": "Phòng Nội vụ {unit}",
    "justice": "Phòng Tư pháp {unit}",
    "finance": "Phòng Tài chính – Kế hoạch {unit}",
    "post": "Bưu điện {unit}",
    "province": "UBND tỉnh Lâm Đồng",
    "dept": "Sở Nội vụ tỉnh Lâm Đồng",
}


class DocSpec(NamedTuple):
    """A document: its series (leaves naming the same series share it), kind, month, title."""

    series: str
    kind: str
    month: int
    title: str
    issuer: str = "ubnd"
    next_year: bool = False


PLAN = DocSpec("1.1", "KH-UBND", 1, "Kế hoạch cải cách hành chính năm {y}")
REPORT = DocSpec("1.2", "BC-UBND", 12, "Báo cáo kết quả thực hiện công tác CCHC năm {y}")
TTHC = DocSpec("3.3", "BC-VP", 1, "Báo cáo kết quả giải quyết TTHC năm {y}", "office", True)
SYSTEM = DocSpec(
    "3.2", "BC-VP", 12, "Thống kê hồ sơ trên Hệ thống giải quyết TTHC tỉnh năm {y}", "office"
)
LAWS = DocSpec("2.1", "BC-TP", 12, "Báo cáo xây dựng, ban hành văn bản năm {y}", "justice")
NOTICE = DocSpec("3.1", "BB-VP", 6, "Biên bản kiểm tra niêm yết, công khai TTHC", "office")
ONLINE = DocSpec("7.3", "BC-VP", 12, "Thống kê hồ sơ dịch vụ công trực tuyến năm {y}", "office")

DOCS: dict[str, tuple[DocSpec, ...]] = {
    "1.1.1": (PLAN,),
    "1.1.2": (PLAN,),
    "1.1.3": (PLAN,),
    "1.1.4": (REPORT,),
    "1.2.2": (REPORT,),
    "1.3.1": (
        DocSpec("1.3", "KH-UBND", 2, "Kế hoạch kiểm tra công tác CCHC năm {y}"),
        DocSpec("1.3", "BC-UBND", 11, "Báo cáo kết quả kiểm tra công tác CCHC năm {y}"),
    ),
    "1.3.2": (DocSpec("1.3.2", "TB-UBND", 11, "Thông báo kết luận kiểm tra công tác CCHC"),),
    "1.4.1": (DocSpec("1.4", "UBND-NV", 2, "Hướng dẫn các xã, thị trấn về nhiệm vụ CCHC năm {y}"),),
    "1.4.2": (DocSpec("1.4.2", "BC-NV", 3, "Tổng hợp kế hoạch CCHC năm của UBND cấp xã", "home"),),
    "1.5": (DocSpec("1.5", "KH-UBND", 2, "Kế hoạch tuyên truyền cải cách hành chính năm {y}"),),
    "1.6": (DocSpec("1.6", "QĐ-UBND", 10, "Quyết định công nhận sáng kiến cải cách hành chính"),),
    "2.1.1": (LAWS,),
    "2.1.2": (LAWS,),
    "2.2": (DocSpec("2.2", "QĐ-UBND", 3, "Quyết định công bố kết quả hệ thống hóa văn bản QPPL"),),
    "2.3": (DocSpec("2.3", "BC-TP", 11, "Báo cáo kiểm tra văn bản của cấp xã", "justice"),),
    "2.4": (DocSpec("2.4", "KH-UBND", 2, "Kế hoạch theo dõi thi hành pháp luật năm {y}"),),
    "3.1.1": (NOTICE,),
    "3.1.2": (NOTICE,),
    "3.2.1": (DocSpec("3.2.1", "QĐ-UBND", 4, "Quyết định kiện toàn Bộ phận Một cửa"),),
    "3.2.2": (DocSpec("3.2.2", "BC-VP", 10, "Báo cáo hoạt động Bộ phận Một cửa cấp xã", "office"),),
    "3.2.3": (DocSpec("3.2.3", "QC-UBND", 5, "Quy chế phối hợp thực hiện một cửa liên thông"),),
    "3.2.4": (SYSTEM,),
    "3.2.5": (SYSTEM,),
    "3.3.1": (TTHC,),
    "3.3.2": (TTHC,),
    "3.3.3": (TTHC,),
    "3.3.4": (DocSpec("3.3.4", "BC-VP", 12, "Tổng hợp văn bản xin lỗi hồ sơ quá hạn", "office"),),
    "3.3.5": (DocSpec("3.3.5", "BC-UBND", 12, "Báo cáo xử lý phản ánh, kiến nghị năm {y}"),),
    "3.4": (DocSpec("3.4", "BC-BĐ", 12, "Báo cáo dịch vụ bưu chính công ích năm {y}", "post"),),
    "3.5": (DocSpec("3.5", "KH-UBND", 3, "Kế hoạch rà soát, đánh giá TTHC năm {y}"),),
    "4.1": (DocSpec("4.1", "QĐ-UBND", 5, "Quyết định quy định cơ cấu tổ chức các phòng"),),
    "4.2": (DocSpec("4.2", "BC-UBND", 11, "Báo cáo kết quả tinh giản biên chế năm {y}"),),
    "4.3": (DocSpec("4.3", "BC-UBND", 9, "Báo cáo sắp xếp đơn vị sự nghiệp, thôn, tổ dân phố"),),
    "4.4": (DocSpec("4.4", "BC-UBND", 11, "Báo cáo thực hiện nhiệm vụ được phân cấp, ủy quyền"),),
    "5.1": (DocSpec("5.1", "QĐ-UBND", 4, "Quyết định phê duyệt vị trí việc làm"),),
    "5.2": (DocSpec("5.2", "BC-NV", 12, "Báo cáo công tác tổ chức cán bộ năm {y}", "home"),),
    "5.3": (DocSpec("5.3", "KH-UBND", 2, "Kế hoạch đào tạo, bồi dưỡng CBCC năm {y}"),),
    "5.4": (DocSpec("5.4", "BC-NV", 10, "Báo cáo chất lượng công chức cấp xã", "home"),),
    "5.5": (DocSpec("5.5", "BC-NV", 12, "Báo cáo xử lý kỷ luật cán bộ, công chức", "home"),),
    "5.6": (DocSpec("5.6", "KH-UBND", 3, "Kế hoạch kiểm tra công vụ năm {y}"),),
    "6.1": (
        DocSpec("6.1", "BC-TCKH", 1, "Báo cáo giải ngân vốn đầu tư công năm {y}", "finance", True),
    ),
    "6.2": (DocSpec("6.2", "QĐ-UBND", 1, "Quyết định công khai dự toán ngân sách năm {y}"),),
    "6.3": (DocSpec("6.3", "QĐ-UBND", 3, "Quyết định giao tự chủ cho đơn vị sự nghiệp"),),
    "6.4": (DocSpec("6.4", "BC-TCKH", 1, "Báo cáo thu ngân sách năm {y}", "finance", True),),
    "7.1": (DocSpec("7.1", "KH-UBND", 1, "Kế hoạch {egov} năm {y}"),),
    "7.2": (DocSpec("7.2", "BC-VP", 12, "Thống kê văn bản điện tử, chữ ký số năm {y}", "office"),),
    "7.3": (ONLINE,),
    "7.4": (ONLINE,),
    "7.5": (DocSpec("7.5", "QĐ-UBND", 6, "Quyết định công bố hệ thống TCVN ISO 9001:2015"),),
    "7.6": (DocSpec("7.6", "BC-VP", 12, "Báo cáo hoạt động Trang thông tin điện tử", "office"),),
    "7.7": (DocSpec("7.7", "BC-VP", 12, "Báo cáo ứng dụng công nghệ thông tin năm {y}", "office"),),
    "8.6": (DocSpec("8.6", "BC-UBND", 12, "Báo cáo tình hình kinh tế – xã hội năm {y}"),),
}


def doc(unit: tuple[str, str, str], year: int, spec: DocSpec) -> dict[str, Any]:
    """A document reference, its number and day fixed by (unit, year, series, kind)."""
    day = 3 + int(jitter(unit[0], year, spec.series, spec.kind, "day") * 24)
    when = dt.date(year + (1 if spec.next_year else 0), spec.month, day)
    # Numbers run through the year in each series: a later document has a higher number.
    per_day = DOCS_PER_DAY.get(spec.kind.split("-")[0], 0.5)
    serial = 2 + int(when.timetuple().tm_yday * per_day)
    serial += int(jitter(unit[0], year, spec.series, spec.kind) * 4)
    name = f"{unit[1].lower()} {unit[2]}"
    egov = "chuyển đổi số" if year >= 2021 else "ứng dụng CNTT, xây dựng chính quyền điện tử"
    return {
        "number": f"{serial}/{spec.kind}",
        "date": when,
        "issuer": ISSUERS[spec.issuer].format(unit=name),
        "title": spec.title.format(y=year, egov=egov),
    }


def documents(
    unit: tuple[str, str, str], year: int, leaf: str, values: dict[str, Any]
) -> list[dict[str, Any]]:
    """Evidence documents for a leaf, dated plausibly within the year (or in January after)."""
    value = values[leaf]
    if leaf == "1.2.1":
        # value = reports on time; the late ones: the Q3 report first, then Q1, half-year, annual.
        late = set((2, 0, 1, 3)[: 4 - value])
        due = ((3, "quý I"), (6, "6 tháng"), (9, "quý III"))
        out = []
        for k, (month, name) in enumerate(due):
            spec = DocSpec(
                f"1.2.1.{k}", "BC-UBND", month + (k in late), f"Báo cáo CCHC {name} {{y}}"
            )
            report = doc(unit, year, spec)
            if k in late:
                report["title"] += " (gửi muộn)"
            out.append(report)
        annual = doc(unit, year, REPORT)
        if 3 in late:
            annual["title"] += " (gửi muộn)"
        return [*out, annual]
    if leaf == "1.3.3":
        return [
            doc(
                unit,
                year,
                DocSpec(
                    f"1.3.3.{k}", "BB-KT", 3 * k + 2, f"Biên bản kiểm tra CCHC xã, quý {k + 1}"
                ),
            )
            for k in range(value)
        ]
    if (leaf == "1.6" and value == "none") or (leaf == "3.3.4" and value is False):
        return []
    late = {"1.1.1": "1.1", "7.1": "7.1"}  # a plan issued late is dated in March-April
    specs = DOCS.get(leaf, ())
    out = []
    for spec in specs:
        if spec.series in late.values():
            plan_leaf = next(k for k, v in late.items() if v == spec.series)
            if values[plan_leaf] == "late":
                spec = spec._replace(month=3 if plan_leaf == "1.1.1" else 4)
        out.append(doc(unit, year, spec))
    return out


# ---------------------------------------------------------------------------------------------
# Appraisal: where the Department of Home Affairs lowers a self-assessed score


class Finding(NamedTuple):
    """What the appraisers may find on a leaf: when it applies, the value they recognise, why."""

    applies: Callable[[Any], bool]
    recognised: Callable[[Any], Any]
    reason: str


APPRAISAL: dict[str, Finding] = {
    "1.1.4": Finding(
        lambda v: 90 < v <= 94,
        lambda v: v - 4,
        "Tỷ lệ hoàn thành tính lại theo báo cáo năm: {} %",
    ),
    "1.5": Finding(
        lambda v: v >= D("0.5"),
        lambda v: v - D("0.25"),
        "Chưa có hình thức tuyên truyền phù hợp tại cấp xã",
    ),
    "3.2.5": Finding(
        lambda v: v >= 50,
        lambda v: v - 8,
        "Kiểm tra xác suất trên hệ thống: chỉ {} % hồ sơ cấp xã được cập nhật đủ các bước",
    ),
    "7.5": Finding(
        lambda v: v == "district_and_communes",
        lambda v: "district_only",
        "Một số UBND cấp xã chưa công bố lại hệ thống ISO 9001:2015",
    ),
    "2.1.1": Finding(
        lambda v: v == 100, lambda v: D(90), "Một văn bản ban hành chậm so với kế hoạch"
    ),
    "3.3.4": Finding(
        lambda v: v is True,
        lambda v: False,
        "Chưa có văn bản xin lỗi đối với một số hồ sơ quá hạn",
    ),
}


#: Where the appraisers look first: Di Linh's 2021 check of the electronic one-stop system.
APPRAISAL_FIRST: dict[tuple[str, int], tuple[str, ...]] = {("di_linh", 2021): ("3.2.5",)}


class Explained(NamedTuple):
    """The explanation loop on one leaf: round 1 flags it (and may cut it where the usual
    appraisal does not), the unit explains with supplementary documents, round 2 decides."""

    explanation: str
    supplementary: tuple[dict[str, Any], ...]
    round2_reason: str
    #: Round 1's cut where the usual appraisal leaves the leaf alone: (value recognised, note).
    cut: tuple[Any, str] | None = None


#: Di Linh's 2021 appraisal went through two rounds. Round 1 also cut 3.3.4; Di Linh explained
#: it and 3.2.5 with supplementary documents; round 2 restored 3.3.4 and kept 3.2.5 at 0. The
#: final scores are those of the one-round appraisal before, so the totals and ranks stay.
EXPLAINED: dict[tuple[str, int], dict[str, Explained]] = {
    ("di_linh", 2021): {
        "3.2.5": Explained(
            "Một số xã cập nhật các bước xử lý lên Hệ thống sau khi trả kết quả; Văn phòng"
            " đã rà soát, cập nhật bổ sung đủ các bước cho 1.236 hồ sơ",
            (
                {
                    "number": "47/BC-VP",
                    "date": dt.date(2022, 2, 18),
                    "issuer": "Văn phòng HĐND và UBND huyện Di Linh",
                    "title": "Báo cáo rà soát, cập nhật hồ sơ cấp xã trên Hệ thống một cửa"
                    " điện tử năm 2021",
                },
            ),
            "Giải trình chưa được chấp nhận: các bước cập nhật sau ngày 31/12/2021 không được"
            " tính vào kết quả năm 2021",
        ),
        "3.3.4": Explained(
            "Đơn vị đã ban hành văn bản xin lỗi đối với toàn bộ hồ sơ quá hạn năm 2021;"
            " gửi kèm danh sách và các văn bản xin lỗi",
            (
                {
                    "number": "49/BC-VP",
                    "date": dt.date(2022, 2, 21),
                    "issuer": "Văn phòng HĐND và UBND huyện Di Linh",
                    "title": "Danh sách hồ sơ quá hạn và văn bản xin lỗi năm 2021",
                },
                {
                    "number": "12/TB-UBND",
                    "date": dt.date(2022, 1, 14),
                    "issuer": "UBND huyện Di Linh",
                    "title": "Thông báo xin lỗi tổ chức, công dân về hồ sơ giải quyết quá hạn",
                },
            ),
            "Chấp nhận giải trình: đã có văn bản xin lỗi đối với toàn bộ hồ sơ quá hạn",
            cut=(False, "Chưa có văn bản xin lỗi đối với một số hồ sơ quá hạn"),
        ),
    }
}


def appraisal_lines(
    unit_id: str, year: int, rules: dict[str, Any], adjustments: dict[str, tuple[Any, str]]
) -> list[str]:
    """The appraisal: one round, or two with the explanation loop between them."""
    by = "Hội đồng thẩm định Chỉ số CCHC tỉnh (Sở Nội vụ Lâm Đồng)"
    date = dt.date(year + 1, 2, 10 + int(jitter(unit_id, year) * 10))
    loop = EXPLAINED.get((unit_id, year), {})
    lines = [
        "appraisal:\n  rounds:\n    - round: 1\n",
        f"      by: {by}\n",
        f"      date: {date}\n",
    ]
    if loop:
        lines.append(f"      explanation_deadline: {date + dt.timedelta(days=10)}\n")
    lines.append("      adjustments:\n")
    first = {**adjustments, **{k: e.cut for k, e in loop.items() if e.cut is not None}}
    for leaf, (value, reason) in first.items():
        points = rules[leaf].score(value)
        explained = loop.get(leaf)
        if explained is None:
            lines.append(f'        "{leaf}": {{score: {points}, reason: {text(reason)}}}\n')
            continue
        lines += [
            f'        "{leaf}":\n',
            f"          score: {points}\n",
            f"          reason: {text(reason)}\n",
            "          explanation_required: true\n",
            f"          explanation: {text(explained.explanation)}\n",
            "          supplementary:\n",
            *(f"            - {text(d)}\n" for d in explained.supplementary),
        ]
    if loop:
        lines += ["    - round: 2\n", f"      by: {by}\n"]
        lines += [f"      date: {date + dt.timedelta(days=20)}\n", "      adjustments:\n"]
        for leaf, explained in loop.items():
            kept = adjustments.get(leaf)
            points = rules[leaf].score(kept[0]) if kept else rules[leaf].max_points
            lines.append(
                f'        "{leaf}": {{score: {points}, reason: {text(explained.round2_reason)}}}\n'
            )
    return lines


def appraisal_for(
    unit_id: str, year: int, q: float, values: dict[str, Any]
) -> dict[str, tuple[Any, str]]:
    """2 to 4 adjustments, more for weaker units; which leaves is fixed by the hash."""
    wanted = 2 + (1 if q < 0.8 else 0) + (1 if q < 0.65 else 0)
    if unit_id == "di_linh" and year == 2021:
        wanted = 3
    ranked = sorted(APPRAISAL, key=lambda leaf: jitter(unit_id, year, leaf, "appraisal"))
    first = APPRAISAL_FIRST.get((unit_id, year), ())
    ranked = [*first, *(leaf for leaf in ranked if leaf not in first)]
    out: dict[str, tuple[Any, str]] = {}
    for leaf in ranked:
        finding, value = APPRAISAL[leaf], values[leaf]
        if finding.applies(value):
            recognised = finding.recognised(value)
            out[leaf] = (recognised, finding.reason.format(recognised))
        if len(out) == wanted:
            break
    return out


# ---------------------------------------------------------------------------------------------
# Survey: answer counts from the provincial sociological survey

SURVEY_GROUPS = {
    "1.7": ("đại biểu HĐND huyện, lãnh đạo UBND cấp xã", 36),
    "5.7": ("lãnh đạo UBND cấp xã, công chức", 64),
    "8.1": ("người dân, tổ chức (SIPAS)", 240),
    "8.2": ("người dân, tổ chức (SIPAS)", 240),
    "8.3": ("người dân, tổ chức (SIPAS)", 240),
    "8.4": ("người dân, tổ chức (SIPAS)", 240),
    "8.5": ("người dân, tổ chức (SIPAS)", 240),
}


def survey_for(unit_id: str, year: int, q: float) -> dict[str, dict[str, Any]]:
    out = {}
    for leaf, (_, n) in SURVEY_GROUPS.items():
        j = jitter(unit_id, year, leaf, "survey")
        if unit_id == "di_linh" and leaf in ("5.7", "8.3"):
            shares = DI_LINH_ATTITUDE[year]
        else:
            a = 22 + 62 * q + 8 * (j - 0.5)
            b = (100 - a) * (0.62 + 0.1 * j)
            c = (100 - a - b) * 0.7
            shares = (a, b, c, 100 - a - b - c)
        counts = [round(n * s / 100) for s in shares]
        counts[1] += n - sum(counts)  # the rounding remainder goes to B
        out[leaf] = {"distribution": dict(zip("ABCD", counts, strict=True)), "respondents": n}
    return out


# ---------------------------------------------------------------------------------------------
# Writing


def text(value: Any) -> str:
    """A scalar as YAML: strings double-quoted (valid YAML), numbers exact, dates ISO."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(text(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


HEADER = """\
# {unit}, {year} — bộ chỉ số lam_dong_district_2021 (dựng lại).
# SỐ LIỆU MINH HỌA: không phải kết quả đã công bố của đơn vị. Kết quả các huyện được
# công bố ở Phụ lục 02 các quyết định hằng năm của UBND tỉnh (vd. 588/QĐ-UBND ngày
# 31/3/2020) nhưng không có trong nguồn đã tra cứu; chỉ thứ hạng của Di Linh
# (3 → 6 → 8) là thật, các số liệu khác được tạo để kể lại câu chuyện đó.
# ILLUSTRATIVE DATA: not this unit's published results. The districts' results were
# published in Appendix 02 of yearly provincial decisions (e.g. 588/QĐ-UBND of
# 31/3/2020) but could not be obtained; only Di Linh's ranks (3rd → 6th → 8th) are
# real, the figures here were made up to retell that story.
{real}# Generated by examples/di_linh/generate.py; edit the script, not this file.
"""

REAL_FIGURE = """\
# Số liệu thực: tỷ lệ hồ sơ trực tuyến năm 2021 của Di Linh, 10,46 % (tiêu chí 7.3).
# A real figure: Di Linh's 2021 online-application rate, 10.46 % (leaf 7.3).
"""


def header(unit: tuple[str, str, str], year: int) -> list[str]:
    real = REAL_FIGURE if (unit[0], year) == ("di_linh", 2021) else ""
    return [HEADER.format(unit=f"{unit[1]} {unit[2]}", year=year, real=real)]


def assessment_text(unit: tuple[str, str, str], year: int, rules: dict[str, Any]) -> str:
    unit_id = unit[0]
    q = QUALITY[unit_id][YEARS.index(year)]
    values: dict[str, Any] = {
        leaf: make(q, jitter(unit_id, year, leaf), year) for leaf, make in VALUES.items()
    }
    if unit_id == "di_linh":
        values.update(DI_LINH[year])
    adjustments = appraisal_for(unit_id, year, q, values)
    overclaim = sorted(
        (leaf for leaf in values if rules[leaf].score(values[leaf]) < rules[leaf].max_points),
        key=lambda leaf: jitter(unit_id, year, leaf, "overclaim"),
    )[: 1 if q >= 0.8 else 2]
    lines = header(unit, year)
    lines += [
        f"unit: {text(f'{unit[1]} {unit[2]}')}\n",
        f"unit_id: {unit_id}\n",
        "block: district\n",
        f"year: {year}\n",
        f"criteria_set: {SET_ID}\n",
        f'set_version: "{SET_VERSION}"\n',
        "leaves:\n",
    ]
    anchors: dict[str, str] = {}
    for leaf, value in values.items():
        rule = rules[leaf]
        points = rule.score(value)
        claimed = rule.max_points if leaf in overclaim else points
        lines.append(f'  "{leaf}":\n')
        lines.append(f"    value: {text(value)}\n")
        lines.append(f"    self_score: {format(D(claimed).normalize(), 'f')}\n")
        notes = [note_for_communication(value)] if leaf == "1.5" else []
        if leaf in overclaim:
            notes.append("Đơn vị tự chấm điểm tối đa, đề nghị Hội đồng xem xét")
        if notes:
            lines.append(f"    note: {text('; '.join(notes))}\n")
        docs = documents(unit, year, leaf, values)
        if docs:
            lines.append("    documents:\n")
            lines += [f"      - {reference(d, anchors)}\n" for d in docs]
    lines += bonus_lines(unit, year)
    lines += appraisal_lines(unit_id, year, rules, adjustments)
    lines.append("survey:\n  leaves:\n")
    for leaf, result in survey_for(unit_id, year, q).items():
        lines.append(
            f'    "{leaf}": {{distribution: {text(result["distribution"])},'
            f" respondents: {result['respondents']}}}  # {SURVEY_GROUPS[leaf][0]}\n"
        )
    return "".join(lines)


def bonus_lines(unit: tuple[str, str, str], year: int) -> list[str]:
    """Leaf 9.1: the year's commendations and penalties, or a report that there were none."""
    bonus = BONUS.get((unit[0], year))
    if not bonus:
        spec = DocSpec(
            "9.1", "BC-UBND", 12, "Báo cáo tổng kết công tác thi đua, khen thưởng năm {y}"
        )
        return [
            '  "9.1":\n',
            "    value: 0\n",
            "    self_score: 0\n",
            f"    note: {text('Không có khen thưởng về CCHC hay vi phạm bị xử lý trong năm')}\n",
            f"    documents:\n      - {text(doc(unit, year, spec))}\n",
        ]
    if bonus[0]["points"] > 0:
        title = "Quyết định khen thưởng: " + bonus[0]["reason"]
        spec = DocSpec("9.1", "QĐ-UBND", 11, title, "province")
    else:
        title = "Thông báo kết quả xác minh: " + bonus[0]["reason"]
        spec = DocSpec("9.1", "SNV-XDCQ", 10, title, "dept")
    return [
        '  "9.1":\n',
        f"    value: {text(bonus)}\n",
        f"    self_score: {sum((b['points'] for b in bonus), D(0))}\n",
        f"    documents:\n      - {text(doc(unit, year, spec))}\n",
    ]


def reference(document: dict[str, Any], anchors: dict[str, str]) -> str:
    """A document the first time (with a YAML anchor), an alias to it after that."""
    key = text(document)
    if key in anchors:
        return f"*{anchors[key]}"
    anchors[key] = f"doc{len(anchors) + 1}"
    return f"&{anchors[key]} {key}"


def note_for_communication(value: Decimal) -> str:
    if value >= 1:
        return "Tuyên truyền trên đài truyền thanh, Trang thông tin điện tử và tại 100 % xã"
    if value >= D("0.5"):
        return "Tuyên truyền trên đài truyền thanh, Trang thông tin điện tử; một số xã chưa làm"
    return "Chỉ tuyên truyền lồng ghép trong hội nghị"


def write(path: Path, content: str) -> None:
    """Write atomically: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(content)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="print totals and ranks")
    parser.add_argument(
        "--out", type=Path, default=HERE, help="folder to write into (default: beside this file)"
    )
    args = parser.parse_args(argv)
    from cchc_score import load_criteria_set

    cset = load_criteria_set(PACK)
    rules = cset.rules
    for year in YEARS:
        for unit in UNITS:
            write(args.out / str(year) / f"{unit[0]}.yaml", assessment_text(unit, year, rules))
    if args.summary:
        summary(cset, args.out)
    return 0


def summary(cset: Any, folder: Path) -> None:
    """Each year's units by index, best first, with their shared-tie rank."""
    from cchc_score import load_assessment, score
    from cchc_score.ranking import rank_position

    for year in YEARS:
        results = [
            score(cset, load_assessment(folder / str(year) / f"{u[0]}.yaml").submission)
            for u in UNITS
        ]
        print(f"{year}:")
        for r in sorted(results, key=lambda r: -r.index):
            others = [o.index for o in results if o is not r]
            place = rank_position(r.index, others)
            print(f"  {place:2d}  {r.unit:22s} {r.index:>6}  (self-assessed {r.self_total})")
        if len({r.index for r in results}) != len(results):
            print("  ties!")


if __name__ == "__main__":
    sys.exit(main())
