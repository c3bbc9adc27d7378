"""Units across the 2025 reorganisation: the lineage table, compare across it, the story's
continuation into the communes a district became."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cchc_score.cli import main
from cchc_score.errors import InputFileError
from cchc_score.lineage import load_lineage

from .conftest import EXAMPLES

LINEAGE = EXAMPLES / "lam_dong_2025" / "lineage.yaml"
DISTRICT = EXAMPLES / "di_linh" / "2021" / "di_linh.yaml"
COMMUNE = EXAMPLES / "lam_dong_2025" / "communes" / "xa_di_linh.yaml"
DI_LINH_2025 = (
    "Xã Di Linh", "Xã Hòa Ninh", "Xã Hòa Bắc", "Xã Đinh Trang Thượng", "Xã Bảo Thuận",
    "Xã Sơn Điền", "Xã Gia Hiệp",
)  # fmt: skip


def run(*args: str, lang: str = "en") -> Result:
    env = {"COLUMNS": "160", "CCHC_SCORE_LANG": lang}
    return CliRunner(env=env).invoke(main, list(args))


def test_di_linh_became_seven_communes() -> None:
    lineage = load_lineage(LINEAGE)
    assert (lineage.year_old, lineage.year_new) == (2024, 2025)
    became = lineage.successors("di_linh", "Huyện Di Linh")
    assert tuple(x.new.unit for x in became) == DI_LINH_2025
    assert all(x.status == "illustrative" for x in became)
    assert [o.unit for o in lineage.predecessors("xa_di_linh")] == ["Huyện Di Linh"]
    assert lineage.link("di_linh", "", "xa_lac_duong", "") is None


def test_every_new_unit_of_the_table_has_a_file_in_the_example() -> None:
    files = {p.stem for p in (EXAMPLES / "lam_dong_2025" / "communes").glob("*.yaml")}
    lineage = load_lineage(LINEAGE)
    assert {x.new.unit_id for x in lineage.links} <= files


def test_compare_across_the_reorganisation_states_the_change_of_unit_and_method() -> None:
    got = run("compare", str(DISTRICT), str(COMMUNE), "--lineage", str(LINEAGE), "--json")
    assert got.exit_code == 0, got.output
    data = json.loads(got.output)
    crossing = data["crossing"]
    assert (crossing["old_unit"], crossing["new_unit"]) == ("Huyện Di Linh", "Xã Di Linh")
    assert tuple(crossing["successors"]) == DI_LINH_2025
    assert crossing["set_old"] == "lam_dong_district_2021 2021.1"
    assert crossing["set_new"] == "lam_dong_commune_2025 2025.1"
    assert crossing["effective"] == "2025-07-01" and crossing["status"] == "illustrative"
    assert data["same_method"] is False
    # Areas compared as wholes: no criteria matched across unrelated sets.
    assert {a["id"] for a in data["areas"]} == {str(i) for i in range(1, 10)}
    assert all(a["children"] == [] for a in data["areas"])
    parts = sum(Decimal(a["method"]) + Decimal(a["performance"]) for a in data["areas"])
    assert parts == sum(Decimal(a["difference"]) for a in data["areas"])
    text = " ".join(
        run("compare", str(DISTRICT), str(COMMUNE), "--lineage", str(LINEAGE)).output.split()
    )
    assert "crosses a change of unit and of method: Huyện Di Linh (2021" in text
    assert "illustrative, not from a source" in text
    vi = " ".join(
        run(
            "compare", str(DISTRICT), str(COMMUNE), "--lineage", str(LINEAGE), lang="vi"
        ).output.split()
    )
    assert "vượt qua thay đổi đơn vị và thay đổi phương pháp" in vi


def test_a_same_unit_comparison_has_no_crossing_in_its_json() -> None:
    older = EXAMPLES / "di_linh" / "2020" / "di_linh.yaml"
    got = run("compare", str(older), str(DISTRICT), "--lineage", str(LINEAGE), "--json")
    assert got.exit_code == 0, got.output
    assert "crossing" not in json.loads(got.output)


def test_without_the_table_or_outside_it_the_comparison_is_refused() -> None:
    plain = run("compare", str(DISTRICT), str(COMMUNE))
    assert plain.exit_code == 2 and "compare one unit" in plain.output
    other = EXAMPLES / "lam_dong_2025" / "communes" / "xa_lac_duong.yaml"
    got = run("compare", str(DISTRICT), str(other), "--lineage", str(LINEAGE))
    assert got.exit_code == 2
    assert "does not link 'Huyện Di Linh' to 'Xã Lạc Dương' (it became: Xã Di Linh," in got.output


def test_peers_across_the_reorganisation_are_refused() -> None:
    got = run("compare", str(DISTRICT), str(COMMUNE), "--lineage", str(LINEAGE), "--peers")
    assert got.exit_code == 2 and "their ranks do not compare" in got.output


def test_the_html_comparison_says_what_it_crosses(tmp_path: Path) -> None:
    page = tmp_path / "cmp.html"
    args = ("compare", str(DISTRICT), str(COMMUNE), "--lineage", str(LINEAGE))
    assert run(*args, "--export", str(page)).exit_code == 0
    assert "crosses a change of unit and of method" in page.read_text(encoding="utf-8")


def test_a_bad_lineage_file_is_named_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "lineage.yaml"
    bad.write_text(LINEAGE.read_text(encoding="utf-8").replace("year_new: 2025", "year_nw: 2025"))
    with pytest.raises(InputFileError) as info:
        load_lineage(bad)
    assert str(info.value.file).endswith("lineage.yaml")
    assert info.value.place is not None and "line " in info.value.place
    assert "year_new" in info.value.place  # the key the file lacks


def test_the_demo_follows_di_linh_into_the_communes_it_became() -> None:
    out = " ".join(run("demo").output.split())
    assert "Huyện Di Linh's territory in 2025" in out
    assert "Xã Đinh Trang Thượng" in out and "/124" in out
    assert "crosses a change of unit and of method" in out


def test_the_workbook_comparison_says_what_it_crosses(tmp_path: Path) -> None:
    """The summary sheet carries the terminal's note, in the workbook's language."""
    import openpyxl

    args = ("compare", str(DISTRICT), str(COMMUNE), "--lineage", str(LINEAGE))
    book = tmp_path / "cmp.xlsx"
    assert run(*args, "-o", str(book), lang="vi").exit_code == 0
    sheet = openpyxl.load_workbook(book).worksheets[0]
    cells = {
        str(sheet.cell(r, 1).value): str(sheet.cell(r, 2).value)
        for r in range(1, sheet.max_row + 1)
    }
    note = cells["Thay đổi đơn vị và phương pháp"]
    assert "Huyện Di Linh" in note and "01/07/2025" in note
    assert "crosses" not in note  # the Vietnamese sentence
    english = tmp_path / "cmp_en.xlsx"
    assert run(*args, "-o", str(english), "--lang", "en").exit_code == 0
    sheet = openpyxl.load_workbook(english).worksheets[0]
    notes = [str(sheet.cell(r, 2).value) for r in range(1, sheet.max_row + 1)]
    assert any("crosses a change of unit and of method" in n for n in notes)
    plain = tmp_path / "same.xlsx"
    other = EXAMPLES / "di_linh" / "2020" / "di_linh.yaml"
    assert run("compare", str(other), str(DISTRICT), "-o", str(plain)).exit_code == 0
    sheet = openpyxl.load_workbook(plain).worksheets[0]
    assert "Change of unit and method" not in {
        str(sheet.cell(r, 1).value) for r in range(1, sheet.max_row + 1)
    }
