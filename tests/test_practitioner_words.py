"""The Vietnamese reports use the words district staff use: "tài liệu kiểm chứng", "Điểm chưa
đạt", "giảm/tăng N bậc", "phương án chi phí thấp nhất", "Bảo đảm tối ưu", "Điểm tăng", "Tổng
điểm tự chấm", the unit as its People's Committee in formal tables, "Nhóm" for national groups
and "Xếp loại" for a province's bands, "Chỉ số thành phần" for an area's result; and the story's
gap to the unit at the target rank in the words of the press."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

import cchc_score
from cchc_score.cli import main
from cchc_score.formal import class_heading, formal_unit
from cchc_score.model.criteria import Band

from .conftest import EXAMPLES

PACKAGE = Path(cchc_score.__file__).parent
CATALOGUE = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "cchc_score.po"
DI_LINH = EXAMPLES / "di_linh"

#: Words practitioners do not use here, and a pattern for each (whole words, any case).
OLD_WORDS = {
    "minh chứng": r"minh chứng",
    "Mất (points lost)": r"\bmất\b",
    "tụt": r"\btụt\b",
    "rẻ nhất / rẻ hơn": r"\brẻ (nhất|hơn)\b",
    "Tiêu chí tăng": r"tiêu chí tăng",
    "Tổng tăng": r"tổng tăng",
    "Tối ưu đã chứng minh": r"tối ưu đã chứng minh",
    "kém hạng": r"kém hạng",
}


def vietnamese_texts() -> list[tuple[str, str]]:
    """(where, text) of every Vietnamese word the reports can show: the catalogue's
    translations, the report and web templates, the reports' word tables."""
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f)
    out = []
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        out.extend((f"catalogue: {message.id!r}", s) for s in strings if s)
    for folder in (PACKAGE / "report" / "templates", PACKAGE / "web" / "templates"):
        out.extend((str(p), p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.html")))
    for words in ("report/words.py", "spreadsheets/words.py", "web/words.py"):
        out.append((words, (PACKAGE / words).read_text(encoding="utf-8")))
    return out


@pytest.mark.parametrize("old", sorted(OLD_WORDS))
def test_old_words_never_appear_in_the_vietnamese_catalogue_or_templates(old: str) -> None:
    pattern = re.compile(OLD_WORDS[old], re.IGNORECASE)
    found = [where for where, text in vietnamese_texts() if pattern.search(text)]
    assert not found, f"{old!r} in {found[:5]}"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_score_report_says_diem_chua_dat_and_tong_diem_tu_cham() -> None:
    text = run("score", str(DI_LINH / "2021" / "di_linh.yaml"))
    assert "Điểm chưa đạt" in text and "Tổng điểm tự chấm" in text
    assert "tự chấm khác tài liệu kiểm chứng" in text
    assert "Xếp loại" in text


def test_the_simulate_report_says_diem_tang_bao_dam_toi_uu_and_chi_phi_thap_nhat() -> None:
    text = run(
        "simulate",
        str(DI_LINH / "2021" / "di_linh.yaml"),
        "--peers",
        str(DI_LINH / "2021"),
        "--costs",
        str(DI_LINH / "costs.yaml"),
        "--target-rank",
        "3",
        "--peer-sd",
        "1.5",
    )
    assert "Điểm tăng" in text and "Bảo đảm tối ưu: có" in text
    assert "phương án chi phí thấp nhất đạt hạng 2" in text
    demo = run("demo")
    assert "hạng 8 → 3, phương án chi phí thấp nhất" in demo


def test_the_story_states_the_gap_to_the_unit_at_the_target_rank() -> None:
    """3.52 is computed: Đơn Dương's 86.79 less Di Linh's 83.27."""
    text = " ".join(run("demo").split())
    gap = "Năm 2021 Huyện Di Linh thấp hơn đơn vị xếp thứ 3 (Huyện Đơn Dương) 3,52 điểm chỉ số"
    assert gap in text


def test_a_rank_move_reads_giam_or_tang_n_bac() -> None:
    files = [str(DI_LINH / y / "di_linh.yaml") for y in ("2020", "2021")]
    assert "(giảm 2 bậc)" in run("compare", *files, "--peers")


def test_formal_tables_name_a_district_by_its_peoples_committee(tmp_path: Path) -> None:
    """HTML league tables and the printable appendix say "UBND huyện Di Linh"; the data (JSON,
    CSV, the terminal) keep the name as the files give it."""
    assert formal_unit("Huyện Di Linh", "district", "vi") == "UBND huyện Di Linh"
    assert formal_unit("Thành phố Đà Lạt", "district", "vi") == "UBND thành phố Đà Lạt"
    assert formal_unit("Xã Gia Hiệp", "commune", "vi") == "UBND xã Gia Hiệp"
    assert formal_unit("UBND huyện Di Linh", "district", "vi") == "UBND huyện Di Linh"
    assert formal_unit("Sở Nội vụ", "department", "vi") == "Sở Nội vụ"
    assert formal_unit("Huyện Di Linh", "district", "en") == "Huyện Di Linh"
    page = tmp_path / "rank.html"
    run("rank", str(DI_LINH / "2021"), "--export", str(page))
    html = page.read_text(encoding="utf-8")
    assert "UBND huyện Di Linh" in html and "UBND thành phố Bảo Lộc" in html
    assert "Chỉ số thành phần" in html
    import openpyxl

    book = tmp_path / "phu_luc.xlsx"
    run("rank", str(DI_LINH / "2021"), "-o", str(book), "--layout", "phu-luc")
    sheet = openpyxl.load_workbook(book).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert "UBND huyện Di Linh" in cells
    assert "Huyện Di Linh" in run("rank", str(DI_LINH / "2021"))


def test_national_classes_are_groups_and_a_provinces_are_bands(tmp_path: Path) -> None:
    groups = [Band(code="A", label_vi="Nhóm A", label_en="Group A", min_index=Decimal(90))]
    bands = [Band(code="tot", label_vi="Tốt", label_en="Good", min_index=Decimal(90))]
    assert class_heading(groups, "vi") == "Nhóm" and class_heading(bands, "vi") == "Xếp loại"
    assert class_heading(groups, "en") == "Group"
    table = tmp_path / "provinces.csv"
    table.write_text(
        "unit,block,year,index\nHải Phòng,province,2022,92.1\nHà Giang,province,2022,78\n",
        encoding="utf-8",
    )
    text = run("rank", str(table), "--set-id", "vn_par_province_2022")
    header = next(line for line in text.splitlines() if "Đơn vị" in line)
    assert header.split()[-1] == "Nhóm"
    assert "Xếp loại" in run("rank", str(DI_LINH / "2021"))
