"""A self-assessment workbook as staff fill it in: every mistake reported in one run, what
Vietnamese users type accepted, drop-downs in their words, protected sheets, running totals."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_score import CellsError, InputFileError, load_assessment, load_criteria_set, score
from cchc_score.cli import main
from cchc_score.model.evidence import Submission
from cchc_score.plugins import build_registry
from cchc_score.rules.levels import LevelsRule
from cchc_score.workbook import read_workbook, write_workbook

from .conftest import MINIMAL
from .formulas import Sheet

SET = str(MINIMAL / "criteria.yaml")
ASSESSMENT = MINIMAL / "assessment.yaml"
DI_LINH = MINIMAL.parent / "di_linh" / "2021" / "di_linh.yaml"
MAIN = "Tự đánh giá"
INFO = "Thông tin"


def run(*args: str, lang: str | None = None) -> tuple[int, str, str]:
    env = {"COLUMNS": "100"} | ({"CCHC_SCORE_LANG": lang} if lang else {})
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def rows(path: Path) -> dict[str, int]:
    ws = openpyxl.load_workbook(path)[MAIN]
    return {str(ws.cell(row=r, column=1).value): r for r in range(2, ws.max_row + 1)}


def type_in(path: Path, target: Path, sheets: dict[str, dict[str, Any]]) -> Path:
    """A copy of the workbook with cells typed over, as a person types them."""
    wb = openpyxl.load_workbook(path)
    for sheet, cells in sheets.items():
        for ref, value in cells.items():
            wb[sheet][ref] = value
    wb.save(target)
    return target


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "huyen_mau.xlsx"
    code, _, err = run("template", SET, "--from", str(ASSESSMENT), "-o", str(path))
    assert code == 0, err
    return path


# ------------------------------------------------------------------ every mistake in one run


def test_a_workbook_with_several_mistakes_reports_all_of_them_in_one_run(
    tmp_path: Path, filled: Path
) -> None:
    """Six mistakes on two sheets: one run names every cell, what was typed and what was
    expected, in the words the drop-downs show; exit 2, no traceback."""
    at = rows(filled)
    bad = type_in(
        filled,
        tmp_path / "sai.xlsx",
        {
            MAIN: {
                f"G{at['1.1.1']}": "32/13/2021",  # no such date
                f"E{at['1.1.3']}": "tám mươi%",  # not a rate
                f"E{at['1.1.1']}": "Ban hành sớm",  # not a level of the drop-down
                f"E{at['1.2']}": 9,  # 9 reports of at most 4
                f"K{at['1.1.2']}": "một",  # a self-score in words
            },
            INFO: {"C4": None},  # the unit's name cleared
        },
    )
    code, out, err = run("score", str(bad), "--set", SET)
    assert code == 2 and out == "" and "Traceback" not in err
    places = [
        f"'{MAIN}'!E{at['1.1.1']}",
        f"'{MAIN}'!G{at['1.1.1']}",
        f"'{MAIN}'!K{at['1.1.2']}",
        f"'{MAIN}'!E{at['1.1.3']}",
        f"'{MAIN}'!E{at['1.2']}",
        f"'{INFO}'!C4",
    ]
    for place in places:
        assert err.count(place) == 1, (place, err)
    # One line each, in the order of the sheets, under one heading naming the file.
    lines = err.strip().splitlines()
    assert "sai.xlsx" in lines[0] and "6" in lines[0] and len(lines) == 7
    assert [p for line in lines[1:] for p in places if p in line] == places
    # The levels as the drop-down shows them, never the keys.
    assert "'Ban hành đúng hạn', 'Ban hành muộn', 'Không ban hành'" in err
    assert "on_time" not in err and "not_issued" not in err
    assert "'32/13/2021'" in err and "'tám mươi%'" in err and "'một'" in err
    assert "ngày" in err  # Vietnamese words by default
    # The same in English for programs, and the error object holds each cell's own error.
    code, _, err_en = run("score", str(bad), "--set", SET, lang="en")
    assert code == 2 and "6 cells cannot be read" in err_en and "unit" in err_en
    with pytest.raises(CellsError) as caught:
        read_workbook(bad)
    assert [p.place for p in caught.value.problems] == places
    assert isinstance(caught.value, InputFileError)


def test_a_workbook_without_a_unit_names_the_cell_to_fill(tmp_path: Path, filled: Path) -> None:
    bad = type_in(filled, tmp_path / "khong_ten.xlsx", {INFO: {"C4": None}})
    code, _, err = run("score", str(bad), "--set", SET, lang="en")
    assert code == 2 and err.count("\n") == 1
    assert "'Thông tin'!C4: Đơn vị / unit: nothing typed: fill in this cell" in err


def test_a_workbook_wrong_throughout_lists_fifty_cells_then_how_many_more(
    tmp_path: Path,
) -> None:
    path = tmp_path / "di_linh.xlsx"
    assert (
        run("template", "lam_dong_district_2021", "--from", str(DI_LINH), "-o", str(path))[0] == 0
    )
    ws = openpyxl.load_workbook(path)[MAIN]
    leaves = [
        r
        for r in range(2, ws.max_row + 1)
        if ws.cell(row=r, column=4).value and ws.cell(row=r, column=1).value != "Tổng"
    ]
    assert len(leaves) > 55
    bad = type_in(path, tmp_path / "sai.xlsx", {MAIN: {f"K{r}": "x" for r in leaves}})
    code, _, err = run("score", str(bad), lang="en")
    assert code == 2
    lines = err.strip().splitlines()
    assert f"{len(leaves)} cells cannot be read" in lines[0]
    assert len(lines) == 1 + 50 + 1 and lines[-1].strip() == f"… and {len(leaves) - 50} more"


# ------------------------------------------------------------------ what users type


def test_a_template_filled_in_as_staff_type_scores_as_the_yaml_file(tmp_path: Path) -> None:
    """An empty template, filled in with what Vietnamese staff type (text dates day first, a
    real date cell, rates "85,5%" and "10.46%", decimal commas, a level's label, "có", a block
    chosen by its label) scores exactly as the YAML file holding the same assessment."""
    empty = tmp_path / "mau.xlsx"
    code, _, err = run("template", SET, "-o", str(empty), "--appraisal", "--survey")
    assert code == 0, err
    at = rows(empty)
    wb = openpyxl.load_workbook(empty)
    survey = wb["Điều tra XHH"]
    heads = {str(c.value).split("\n")[0]: c.column_letter for c in survey[1] if c.value}
    survey_row = next(r for r in range(2, survey.max_row + 1) if survey[f"A{r}"].value == "2.2")
    plan = "Kế hoạch CCHC năm 2021"
    filled = type_in(
        empty,
        tmp_path / "da_dien.xlsx",
        {
            INFO: {
                "C4": "Huyện Mẫu",
                "C5": "huyen_mau",
                "C6": "Khối UBND cấp huyện",
                "C7": 2021,
            },
            MAIN: {
                f"E{at['1.1.1']}": "Ban hành muộn",
                f"K{at['1.1.1']}": 1,
                f"F{at['1.1.1']}": "15/KH-UBND",
                f"G{at['1.1.1']}": "20/01/2021",
                f"H{at['1.1.1']}": "UBND huyện Mẫu",
                f"I{at['1.1.1']}": plan,
                f"E{at['1.1.2']}": "có",
                f"K{at['1.1.2']}": "1",
                f"F{at['1.1.2']}": "15/KH-UBND",
                f"G{at['1.1.2']}": dt.datetime(2021, 1, 20),
                f"E{at['1.1.3']}": "85,5%",
                f"K{at['1.1.3']}": 1,
                f"F{at['1.1.3']}": "210/BC-UBND",
                f"G{at['1.1.3']}": "15-12-2021",
                f"I{at['1.1.3']}": "Báo cáo kết quả CCHC năm 2021",
                f"E{at['1.2']}": 3,
                f"K{at['1.2']}": 2,
                f"L{at['1.2']}": "Báo cáo quý III gửi muộn",
                f"E{at['1.3']}": "1,5",
                f"L{at['1.3']}": "Kiểm tra 4/12 xã; chưa theo dõi khắc phục sau kiểm tra",
                f"E{at['2.1']}": "10.46%",
                f"K{at['2.1']}": " 1 ",
                f"F{at['2.1']}": "12/BC-VP",
                f"G{at['2.1']}": "2022-01-05",
                f"I{at['2.1']}": "Thống kê hồ sơ trực tuyến",
                f"E{at['2.3']}": "3,2",
                f"K{at['2.3']}": 2,
                f"E{at['3.1']}": "[{points: 0.5, reason: Sáng kiến một cửa được tỉnh công nhận},"
                " {points: -0.25, reason: Một công chức bị khiển trách}]",
            },
            "Thẩm định": {
                "A2": 1,
                "B2": "Sở Nội vụ",
                "D2": "1.1.3",
                "E2": 1,
                "F2": "Tỷ lệ hoàn thành tính lại theo báo cáo cuối năm",
                "A3": 1,
                "D3": "1.3",
                "E3": "1",
                "F3": "Chưa có báo cáo khắc phục sau kiểm tra",
            },
            "Điều tra XHH": {
                f"{heads['A']}{survey_row}": 40,
                f"{heads['B']}{survey_row}": 35,
                f"{heads['C']}{survey_row}": 20,
                f"{heads['D']}{survey_row}": 5,
                f"{heads['Số phiếu']}{survey_row}": 100,
            },
        },
    )
    doc = read_workbook(filled)
    yaml_doc = load_assessment(ASSESSMENT)
    assert doc.block == "district" and doc.leaves["1.1.3"].value == Decimal("85.5")
    assert doc.leaves["1.1.1"].documents[0].date == dt.date(2021, 1, 20)
    assert doc.leaves["1.1.3"].documents[0].date == dt.date(2021, 12, 15)
    assert doc.leaves["2.3"].value == Decimal("3.2") and doc.leaves["2.1"].self_score == 1
    from_yaml = run("score", str(ASSESSMENT), "--set", SET, "--json")
    from_xlsx = run("score", str(filled), "--set", SET, "--json")
    assert from_yaml[0] == from_xlsx[0] == 0, from_xlsx[2]
    assert json.loads(from_xlsx[1]) == json.loads(from_yaml[1])
    cset = load_criteria_set(SET)
    assert score(cset, doc.submission) == score(cset, yaml_doc.submission)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("16/01/2022", dt.date(2022, 1, 16)),
        ("16-01-2022", dt.date(2022, 1, 16)),
        ("6.1.2022", dt.date(2022, 1, 6)),
        ("2022-01-16", dt.date(2022, 1, 16)),
        (dt.datetime(2022, 1, 16), dt.date(2022, 1, 16)),
    ],
)
def test_a_date_is_read_as_staff_type_it(
    tmp_path: Path, filled: Path, typed: Any, expected: dt.date
) -> None:
    cell = f"G{rows(filled)['1.1.2']}"
    path = type_in(filled, tmp_path / "ngay.xlsx", {MAIN: {cell: typed}})
    assert read_workbook(path).leaves["1.1.2"].documents[0].date == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("35,2%", "35.2"), ("35.2%", "35.2"), ("35,2", "35.2"), (" 35,2 % ", "35.2"), (40, "40")],
)
def test_a_rate_is_read_as_staff_type_it(
    tmp_path: Path, filled: Path, typed: Any, expected: str
) -> None:
    cell = f"E{rows(filled)['1.1.3']}"
    path = type_in(filled, tmp_path / "ty_le.xlsx", {MAIN: {cell: typed}})
    assert read_workbook(path).leaves["1.1.3"].value == Decimal(expected)


def test_the_block_is_chosen_from_a_list_of_labels(tmp_path: Path, filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    info = wb[INFO]
    assert info["C6"].value == "Khối UBND cấp huyện"  # the block's label, not "district"
    (dv,) = [d for d in info.data_validations.dataValidation if str(d.sqref) == "C6"]
    cells = dv.formula1.split("!")[1]
    column = cells.split(":")[0].replace("$", "")[0]
    listed = [wb["_lists"][f"{column}{r}"].value for r in range(2, 8)]
    assert listed[0] == "Khối UBND cấp huyện" and "Khối UBND cấp xã" in listed
    assert dv.type == "list" and dv.showErrorMessage and dv.errorStyle in (None, "stop")
    commune = type_in(filled, tmp_path / "xa.xlsx", {INFO: {"C6": "Khối UBND cấp xã"}})
    assert read_workbook(commune).block == "commune"
    typed_code = type_in(filled, tmp_path / "ma.xlsx", {INFO: {"C6": "commune"}})
    assert read_workbook(typed_code).block == "commune"
    unknown = type_in(filled, tmp_path / "huyen.xlsx", {INFO: {"C6": "Huyện"}})
    with pytest.raises(InputFileError) as caught:
        read_workbook(unknown)
    assert caught.value.place == "'Thông tin'!C6" and "'Khối UBND cấp huyện'" in str(caught.value)


def test_a_block_of_the_packs_own_is_listed_as_it_is(tmp_path: Path) -> None:
    doc = load_assessment(ASSESSMENT).model_copy(update={"block": "Khối huyện"})
    path = tmp_path / "khoi.xlsx"
    write_workbook(path, load_criteria_set(SET), doc)
    assert read_workbook(path).block == "Khối huyện"


# ------------------------------------------------------------------ the workbook's layout


def test_every_level_drop_down_shows_the_labels_even_with_a_comma(tmp_path: Path) -> None:
    """Lâm Đồng's levels, some labels with a comma ("Xử lý, theo dõi đầy đủ"): each value
    cell of a levels leaf lists exactly its labels (from a range, as Excel splits a comma
    list), and a label typed is read as its level."""
    path = tmp_path / "lam_dong.xlsx"
    assert run("template", "lam_dong_district_2021", "-o", str(path))[0] == 0
    cset = build_registry().get_set("lam_dong_district_2021")
    wb = openpyxl.load_workbook(path)
    ws, lists = wb[MAIN], wb["_lists"]
    checks = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    at = rows(path)
    commas = 0
    for leaf in cset.leaves():
        rule = cset.rules[leaf.id]
        if not isinstance(rule, LevelsRule):
            continue
        dv = checks[f"E{at[leaf.id]}"]
        assert dv.type == "list" and "!" in dv.formula1  # a range, never "a,b,c"
        first, last = dv.formula1.split("!")[1].replace("$", "").split(":")
        column = "".join(c for c in first if c.isalpha())
        listed = [
            lists[f"{column}{r}"].value
            for r in range(int(first[len(column) :]), int(last[len(column) :]) + 1)
        ]
        labels = [level.label_vi for level in rule.params.levels]
        assert listed == labels
        assert not {level.key for level in rule.params.levels} & set(listed)
        commas += any("," in label for label in labels)
    assert commas >= 2
    leaf = "1.3.2"
    assert "," in cset.rules[leaf].params.levels[0].label_vi
    info = {"C4": "Huyện Di Linh", "C6": "Khối UBND cấp huyện", "C7": 2022}
    typed = type_in(
        path, tmp_path / "chon.xlsx", {MAIN: {f"E{at[leaf]}": "Xử lý, theo dõi đầy đủ"}, INFO: info}
    )
    assert read_workbook(typed).leaves[leaf].value == "all"


def test_sheets_are_protected_except_the_cells_to_fill_in(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    at = rows(filled)
    for name in (MAIN, INFO, "Thẩm định", "Điều tra XHH"):
        ws = wb[name]
        assert ws.protection.sheet and not ws.protection.password, name
        assert not ws.protection.insertRows  # further documents go on rows inserted below
    ws = wb[MAIN]
    leaf = at["1.1.1"]
    for col in "EFGHIJKL":
        assert not ws[f"{col}{leaf}"].protection.locked, col
    for col in "ABCDM":
        assert ws[f"{col}{leaf}"].protection.locked, col
    assert all(ws[f"{col}{at['1.1']}"].protection.locked for col in "ABCDEFGHIJKLM")
    info = wb[INFO]
    assert info["C4"].protection.locked is False and info["C2"].protection.locked
    assert not wb["Thẩm định"]["D2"].protection.locked
    assert not wb["Điều tra XHH"]["C2"].protection.locked


def test_running_totals_are_formulas_marked_provisional(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    ws = wb[MAIN]
    at = rows(filled)
    assert ws["M1"].value == "Điểm tạm tính\nProvisional points"
    levels = ws[f"M{at['1.1.1']}"].value
    assert levels.startswith("=") and '"Ban hành muộn"' in levels and f"E{at['1.1.1']}" in levels
    assert ws[f"M{at['1.1']}"].value == (
        f"=MIN(4,MAX(0,SUM(M{at['1.1.1']},M{at['1.1.2']},M{at['1.1.3']})))"
    )
    total = at["Tổng"]
    assert "tạm tính" in ws[f"B{total}"].value and "tạm tính" in ws[f"D{total}"].value.lower()
    assert ws[f"K{total}"].value == f"=SUM(K2:K{total - 2})"
    assert ws[f"M{total}"].value.startswith("=ROUND(MIN(20,MAX(0,SUM(")
    assert wb.calculation.fullCalcOnLoad


def test_the_totals_compute_what_the_tool_computes_for_di_linh(tmp_path: Path) -> None:
    """Di Linh 2021 under the Lâm Đồng pack: the workbook's formulas, computed as a
    spreadsheet computes them, give every leaf the points the engine gives its value, every
    area the engine's points, the total and the self-scores' total the engine's (before the
    appraisal and the survey, which the formulas say they leave out); the results saved with
    the formulas are the same."""
    path = tmp_path / "di_linh.xlsx"
    assert (
        run("template", "lam_dong_district_2021", "--from", str(DI_LINH), "-o", str(path))[0] == 0
    )
    doc = load_assessment(DI_LINH)
    cset = build_registry().get_set("lam_dong_district_2021")
    result = score(cset, Submission(assessment=doc.submission.assessment))
    engine = {n.id: n for root in result.nodes for n in root.walk()}
    sheet = Sheet(openpyxl.load_workbook(path)[MAIN])
    saved = openpyxl.load_workbook(path, data_only=True)[MAIN]
    at = rows(path)
    checked = 0
    for node_id, node in engine.items():
        formula = sheet.ws[f"M{at[node_id]}"].value
        if formula is None:
            assert cset.rules[node_id].kind == "survey"
            continue
        computed = sheet.value(f"M{at[node_id]}")
        assert computed == pytest.approx(node.final_points, abs=Decimal("1e-9")), node_id
        cached = Decimal(repr(saved[f"M{at[node_id]}"].value))
        assert cached == pytest.approx(node.final_points, abs=Decimal("1e-9")), node_id
        checked += 1
    assert checked >= 60
    total = at["Tổng"]
    assert sheet.value(f"M{total}") == result.total == Decimal(repr(saved[f"M{total}"].value))
    assert sheet.value(f"K{total}") == result.self_total
    # A level's label typed, in any case, earns its points; a key typed by hand too.
    sheet.ws[f"E{at['1.1.1']}"].value = "KHÔNG BAN HÀNH"
    sheet.done.clear()
    assert sheet.value(f"M{at['1.1.1']}") == 0
    sheet.ws[f"E{at['1.1.1']}"].value = "on_time"
    sheet.done.clear()
    assert sheet.value(f"M{at['1.1.1']}") == 1


def test_an_older_workbook_without_the_new_parts_is_still_read(
    tmp_path: Path, filled: Path
) -> None:
    """A workbook written before the totals column, the totals row and the block list (the
    block typed as its code) reads as it always did."""
    wb = openpyxl.load_workbook(filled)
    ws = wb[MAIN]
    total = rows(filled)["Tổng"]
    ws.delete_rows(total - 1, 2)
    ws.delete_cols(13)
    wb["_lists"].delete_cols(2, 2)
    wb[INFO]["C6"] = "district"
    for sheet in wb.worksheets:
        sheet.protection.sheet = False
    wb.save(tmp_path / "cu.xlsx")
    assert read_workbook(tmp_path / "cu.xlsx") == load_assessment(ASSESSMENT)


def test_a_program_that_edits_the_workbook_does_not_lose_a_value_typed_as_a_formula(
    tmp_path: Path, filled: Path
) -> None:
    """The layout's own formulas lose their saved results when a program (not a spreadsheet)
    saves the workbook; those are never read, so that is fine. A value cell holding a formula
    without its result is still refused, naming the cell."""
    at = rows(filled)
    path = type_in(filled, tmp_path / "cong_thuc.xlsx", {MAIN: {f"E{at['1.2']}": "=1+2"}})
    with pytest.raises(InputFileError) as caught:
        read_workbook(path)
    assert caught.value.place == f"'{MAIN}'!E{at['1.2']}" and "no saved result" in str(caught.value)


def test_the_workbooks_group_floors_are_the_engines() -> None:
    """The floors the group formulas use (copied: the workbook layer may not import the
    engine) are the engine's, for the sets shipped."""
    from cchc_score.engine import node_floors
    from cchc_score.workbook.totals import floors

    registry = build_registry()
    for cset in [load_criteria_set(SET), registry.get_set("lam_dong_district_2021")]:
        assert floors(cset) == node_floors(cset)


def test_an_uploaded_workbook_with_several_mistakes_shows_them_all(
    tmp_path: Path, filled: Path
) -> None:
    """The web workspace's upload says every bad cell, one a line, as the command line does."""
    import re
    import warnings

    from cchc_score.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's note on its httpx-based client
        from fastapi.testclient import TestClient

    at = rows(filled)
    bad = type_in(
        filled,
        tmp_path / "sai.xlsx",
        {
            MAIN: {f"E{at['1.1.1']}": "Ban hành sớm", f"G{at['1.1.2']}": "hôm qua"},
            INFO: {"C4": None},
        },
    )
    client = TestClient(create_app([MINIMAL]))
    answer = client.post("/upload", files={"file": ("sai.xlsx", bad.read_bytes())})
    assert answer.status_code == 400
    found = re.search(r'id="page-error"[^>]*>(.*?)</p>', answer.text, re.S)
    assert found is not None
    error = found.group(1)
    assert "3 ô không đọc được" in error  # the page's language: Vietnamese by default
    for place in (f"E{at['1.1.1']}", f"G{at['1.1.2']}", "C4"):
        assert f"!{place}:" in error
    assert "Ban hành đúng hạn" in error and error.count("\n") >= 3


def test_a_block_given_by_its_name_is_that_block(tmp_path: Path) -> None:
    path = tmp_path / "xa.xlsx"
    code, _, err = run(
        "template", SET, "-o", str(path), "--unit", "Xã A", "--block", "khối ubnd cấp xã"
    )
    assert code == 0, err
    info = openpyxl.load_workbook(path)[INFO]
    assert info["C6"].value == "Khối UBND cấp xã"
    filled = type_in(path, tmp_path / "xa2.xlsx", {INFO: {"C7": 2024}})
    assert read_workbook(filled).block == "commune"
