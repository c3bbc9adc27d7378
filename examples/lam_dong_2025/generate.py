"""Write the Lâm Đồng 2025 example: 124 communes, wards and the special zone, and 15 departments.

The YAML files in ``communes/`` and ``departments/`` are the example; this script is how they
were made, kept so that they can be regenerated consistently after a pack changes::

    python examples/lam_dong_2025/generate.py            # rewrite the 139 files
    python examples/lam_dong_2025/generate.py --summary  # rewrite, then print the league tables

Everything is deterministic. Each unit has a target index (``commune_targets``,
``department_targets``) laid out so that the published figures come out of scoring the files:
communes 26 Tốt / 80 Khá / 18 Trung bình with phường Phú Thủy 3rd; departments 11 Tốt / 3 Khá /
1 Trung bình with Sở Tư pháp 1st at 93.01 and Sở Ngoại vụ last at 60.43. A unit's evidence
follows from its quality and a hash of (unit, leaf); the satisfaction index (leaf 8.1, a
proportional leaf) is then set so that the total is the target exactly. Every figure except
those published is illustrative (see README.md).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CRITERIA = HERE.parents[1] / "criteria"
YEAR = 2025
VERSION = "2025.1"
SATISFACTION = "8.1"

#: The 20 wards (phường) of the new Lâm Đồng, by the former unit they came from.
WARDS = (
    "Xuân Hương - Đà Lạt", "Cam Ly - Đà Lạt", "Lâm Viên - Đà Lạt", "Xuân Trường - Đà Lạt",
    "Lang Biang - Đà Lạt", "1 Bảo Lộc", "2 Bảo Lộc", "3 Bảo Lộc", "B'Lao",
    "Bắc Gia Nghĩa", "Nam Gia Nghĩa", "Đông Gia Nghĩa",
    "Hàm Thắng", "Bình Thuận", "Mũi Né", "Phú Thủy", "Phan Thiết", "Tiến Thành", "La Gi",
    "Phước Hội",
)  # fmt: skip
SPECIAL_ZONE = "Phú Quý"
#: 103 communes (xã): former Lâm Đồng, Đắk Nông and Bình Thuận. Names as remembered from the 2025
#: reorganisation, not checked against the Standing Committee's resolution (see README.md).
COMMUNES = (
    # former Lâm Đồng
    "Lạc Dương", "Đơn Dương", "Ka Đô", "Quảng Lập", "D'Ran", "Hiệp Thạnh", "Đức Trọng",
    "Tân Hội", "Tà Hine", "Tà Năng", "Đinh Văn Lâm Hà", "Phú Sơn Lâm Hà", "Nam Hà Lâm Hà",
    "Nam Ban Lâm Hà", "Tân Hà Lâm Hà", "Phúc Thọ Lâm Hà", "Đam Rông 1", "Đam Rông 2",
    "Đam Rông 3", "Đam Rông 4", "Di Linh", "Hòa Ninh", "Hòa Bắc", "Đinh Trang Thượng",
    "Bảo Thuận", "Sơn Điền", "Gia Hiệp", "Bảo Lâm 1", "Bảo Lâm 2", "Bảo Lâm 3", "Bảo Lâm 4",
    "Bảo Lâm 5", "Đạ Huoai", "Đạ Huoai 2", "Đạ Huoai 3", "Đạ Tẻh", "Đạ Tẻh 2", "Đạ Tẻh 3",
    "Cát Tiên", "Cát Tiên 2", "Cát Tiên 3", "Xuân Thọ", "Lộc An", "Lộc Thành",
    "Tân Lâm",
    # former Đắk Nông
    "Cư Jút", "Nam Dong", "Đắk Wil", "Đắk Mil", "Đức Lập", "Thuận An", "Đắk Sắk", "Đắk Song",
    "Trường Xuân", "Thuận Hạnh", "Krông Nô", "Nam Đà", "Quảng Phú", "Nâm Nung", "Đắk Glong",
    "Quảng Sơn", "Quảng Hòa", "Quảng Khê", "Tuy Đức", "Quảng Tân", "Quảng Trực", "Kiến Đức",
    "Nhân Cơ", "Quảng Tín", "Đắk R'lấp", "Tà Đùng",
    # former Bình Thuận
    "Tuy Phong", "Liên Hương", "Phan Rí Cửa", "Vĩnh Hảo", "Bắc Bình", "Phan Sơn", "Sông Lũy",
    "Lương Sơn", "Hòa Thắng", "Hồng Thái", "Hải Ninh", "Hàm Thuận", "Ma Lâm", "Hồng Sơn",
    "Hàm Liêm", "Hàm Thạnh", "Hàm Kiệm", "Tân Thành", "Hàm Thuận Nam", "Tân Lập", "Hàm Tân",
    "Tân Minh", "Sơn Mỹ", "Đức Linh", "Hoài Đức", "Nam Thành", "Trà Tân", "Tánh Linh",
    "Bắc Ruộng", "Đồng Kho", "Nghị Đức", "Suối Kiết",
)  # fmt: skip
#: The department block as reported (plo.vn, 08/02/2026): 9 departments, the Office of the
#: Provincial People's Committee and the industrial-zones board Tốt, 3 departments Khá, Sở Ngoại
#: vụ last. Which three were Khá was not reported: the choice below is illustrative.
DEPARTMENTS_GOOD = (
    "Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính", "Sở Khoa học và Công nghệ",
    "Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo", "Sở Công Thương",
    "Sở Văn hóa, Thể thao và Du lịch", "Thanh tra tỉnh", "Văn phòng UBND tỉnh",
    "Ban Quản lý các khu công nghiệp tỉnh",
)  # fmt: skip
DEPARTMENTS_FAIR = ("Sở Xây dựng", "Sở Y tế", "Sở Dân tộc và Tôn giáo")
LAST_DEPARTMENT = "Sở Ngoại vụ"


def slug(name: str) -> str:
    """'Xuân Hương - Đà Lạt' -> 'xuan_huong_da_lat': a file name and unit id."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_ = "".join(c for c in plain if c.isascii() and (c.isalnum() or c in " -'"))
    return "_".join(ascii_.lower().replace("-", " ").replace("'", "").split())


def jitter(*parts: object) -> float:
    """A number in [0, 1) fixed by its parts."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def commune_targets() -> list[tuple[str, Decimal]]:
    """(name, target index) for the 124 units, best first: 26 ≥ 80, 80 in [70, 80), 18 below."""
    units = [f"Phường {w}" for w in WARDS] + [f"Đặc khu {SPECIAL_ZONE}"]
    units += [f"Xã {c}" for c in COMMUNES]
    assert len(units) == 124 and len(set(units)) == 124
    order = sorted(units, key=lambda u: jitter("order", u))
    order.remove("Phường Phú Thủy")
    order.insert(2, "Phường Phú Thủy")  # 3rd of the communes (published)
    targets = []
    for i, unit in enumerate(order):
        if i < 26:  # Tốt: 91.84 down to 80.34
            value = Decimal("91.84") - Decimal("0.46") * i
        elif i < 106:  # Khá: 79.88 down to 70.40
            value = Decimal("79.88") - Decimal("0.12") * (i - 26)
        else:  # Trung bình: 69.45 down to 56.20
            value = Decimal("69.45") - Decimal("0.78") * (i - 106)
        targets.append((unit, value))
    return targets


def department_targets() -> list[tuple[str, Decimal]]:
    """(name, target index) for the 15 departments, best first."""
    out = [("Sở Tư pháp", Decimal("93.01"))]  # published
    others = [d for d in DEPARTMENTS_GOOD if d != "Sở Tư pháp"]
    out += [(d, Decimal("91.62") - Decimal("1.07") * i) for i, d in enumerate(others)]
    out += [(d, Decimal("78.35") - Decimal("2.9") * i) for i, d in enumerate(DEPARTMENTS_FAIR)]
    out.append((LAST_DEPARTMENT, Decimal("60.43")))  # published
    return out


def band_values(rule: Any) -> list[Any]:
    """Evidence values of a leaf from worst to best (a value per band, level or state)."""
    kind = rule.kind
    if kind == "binary":
        return [False, True]
    if kind == "levels":
        return [lv.key for lv in sorted(rule.params.levels, key=lambda lv: lv.points)]
    if kind == "count":
        return [rule.params.required - 1, rule.params.required]
    if kind == "threshold":
        out = []
        for band in sorted(rule.params.bands, key=lambda b: b.points):
            low = band.min if band.min is not None else band.min_exclusive
            high = band.max if band.max is not None else band.max_exclusive
            if low is None:
                out.append(high - Decimal("4.5"))
            elif high is None:
                out.append(low + min(Decimal("1.8"), (Decimal(100) - low) / 2))
            else:
                out.append((low + high) / 2)
        return out
    if kind == "proportional":
        floor = rule.params.floor or Decimal(50)
        return [floor + (Decimal(100) - floor) * Decimal(k) / 8 for k in range(9)]
    raise ValueError(f"no values for rule kind {kind}")


def pick(values: list[Any], quality: float, j: float) -> Any:
    """A value for quality q in [0, 1]: better values for better units, jittered."""
    position = quality * (len(values) - 1) + (j - 0.5) * 1.2
    index = max(0, min(len(values) - 1, round(position)))
    value = values[index]
    return value.quantize(Decimal("0.01")) if isinstance(value, Decimal) else value


def extras(unit: str, target: Decimal) -> dict[str, Any]:
    """Bonus for a few of the best, a deduction or two for some others (each with its fact)."""
    j = jitter("extras", unit)
    out: dict[str, Any] = {"9.1": {"value": 0}, "9.2": {"value": []}}
    if target >= 85 and j < 0.5:
        out["9.1"] = {
            "value": 1,
            "note": "Mô hình 'Hồ sơ không chờ' được UBND tỉnh công nhận (QĐ 2314/QĐ-UBND)",
        }
    elif target < 75 and j < 0.6:
        faults = [
            {
                "item": "late_report",
                "count": 1 + int(j * 3),
                "fact": "Báo cáo CCHC quý gửi sau thời hạn",
                "evidence": "Công văn 1520/SNV-CCHC ngày 20/10/2025 của Sở Nội vụ",
            }
        ]
        if j < 0.25:
            faults.append(
                {
                    "item": "overdue_no_apology",
                    "count": 2 + int(j * 12),
                    "fact": "Hồ sơ đất đai trễ hạn chưa có văn bản xin lỗi",
                    "evidence": "Thống kê trên Hệ thống thông tin giải quyết TTHC tỉnh, 12/2025",
                }
            )
        out["9.2"] = {"value": faults}
    return out


def leaves_for(cset: Any, unit: str, target: Decimal) -> dict[str, Any]:
    """The unit's evidence with the satisfaction index set so that the total is the target."""
    from cchc_score import score
    from cchc_score.model.evidence import Assessment

    extra = extras(unit, target)

    def build(quality: float) -> tuple[dict[str, Any], Decimal]:
        leaves: dict[str, Any] = {}
        for leaf in cset.leaves():
            if leaf.id in extra or leaf.id == SATISFACTION:
                continue
            values = band_values(cset.rules[leaf.id])
            leaves[leaf.id] = {"value": pick(values, quality, jitter(unit, leaf.id))}
        leaves.update(extra)
        doc = Assessment(unit=unit, block="x", year=YEAR, criteria_set=cset.id, leaves=leaves)
        rest = score(cset, doc).unrounded_total
        return leaves, target - rest

    # The quality whose other leaves leave the satisfaction leaf the most natural share.
    best: tuple[float, dict[str, Any], Decimal] | None = None
    for step in range(51):
        quality = step / 50
        leaves, needed = build(quality)
        if not Decimal(0) <= needed <= Decimal(8):
            continue
        distance = abs(needed - Decimal("6.6"))
        if best is None or distance < best[0]:
            best = (float(distance), leaves, needed)
    if best is None:
        raise SystemExit(f"{unit}: no quality reaches {target}")
    _, leaves, needed = best
    share = (needed * Decimal("12.5")).normalize()  # points × 100 / 8, exact
    leaves[SATISFACTION] = {"value": share, "note": "Chỉ số hài lòng SIPAS năm 2025"}
    return dict(sorted(leaves.items(), key=lambda kv: [int(p) for p in kv[0].split(".")]))


def yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        if not value:
            return "[]"
        return "\n" + "\n".join(
            "        - {" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in item.items()) + "}"
            for item in value
        )
    text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def assessment_text(cset: Any, block: str, unit: str, target: Decimal) -> str:
    lines = [
        f"# {unit}, năm 2025 — bộ chỉ số {cset.id} (dựng lại).",
        "# SỐ LIỆU MINH HỌA: không phải hồ sơ tự đánh giá thật của đơn vị; chỉ số tổng được đặt",
        "# để cả bảng xếp hạng khớp số liệu đã công bố (xem README.md).",
        "# ILLUSTRATIVE DATA: not the unit's real self-assessment; the total is set so that the",
        "# league table reproduces the published figures (see README.md).",
        "# Generated by examples/lam_dong_2025/generate.py; edit the script, not this file.",
        f'unit: "{unit}"',
        f"unit_id: {slug(unit)}",
        f"block: {block}",
        f"year: {YEAR}",
        f"criteria_set: {cset.id}",
        f'set_version: "{VERSION}"',
        "leaves:",
    ]
    issuer = unit if block == "department" else f"UBND {unit.lower()[:1]}{unit[1:]}"
    number = 100 + int(jitter("report", unit) * 300)
    report = (
        f'{{number: "{number}/BC-{"UBND" if block != "department" else "CQ"}",'
        f' date: 2025-12-{10 + int(jitter("day", unit) * 15)}, issuer: "{issuer}",'
        ' title: "Báo cáo tự đánh giá, chấm điểm Chỉ số CCHC năm 2025"}'
    )
    for i, (leaf_id, evidence) in enumerate(leaves_for(cset, unit, target).items()):
        lines.append(f'  "{leaf_id}":')
        lines.append(f"    value: {yaml_value(evidence['value'])}".replace(": \n", ":\n"))
        if "note" in evidence:
            lines.append(f"    note: {yaml_value(evidence['note'])}")
        lines.append(f"    documents: [&report {report}]" if i == 0 else "    documents: [*report]")
    return "\n".join(lines) + "\n"


def write(path: Path, content: str) -> None:
    """Write atomically: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(content)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="print the league tables")
    parser.add_argument(
        "--out", type=Path, default=HERE, help="folder to write into (default: beside this file)"
    )
    args = parser.parse_args(argv)
    from cchc_score import load_criteria_set

    groups = (
        ("communes", "commune_level", "lam_dong_commune_2025", commune_targets()),
        ("departments", "department", "lam_dong_department_2025", department_targets()),
    )
    for folder, block, set_id, targets in groups:
        cset = load_criteria_set(CRITERIA / set_id / "pack.yaml")
        for unit, target in targets:
            text = assessment_text(cset, block, unit, target)
            write(args.out / folder / f"{slug(unit)}.yaml", text)
        if args.summary:
            print(folder)
            for i, (unit, target) in enumerate(targets, 1):
                print(f"  {i:3d}  {unit:40s} {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
