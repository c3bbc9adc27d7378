"""Workbooks for people: rank, compare, simulate and score with -o FILE.xlsx, the official
layouts, the cost table to fill in, and CSV files Excel opens in UTF-8."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from cchc_score.cli import main
from cchc_score.formal import formal_unit
from cchc_score.simulate import load_costs

from .conftest import EXAMPLES

DI_LINH = EXAMPLES / "di_linh"
UNIT_2020 = str(DI_LINH / "2020" / "di_linh.yaml")
UNIT_2021 = str(DI_LINH / "2021" / "di_linh.yaml")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def same(cell: Any, figure: str | None) -> bool:
    """A cell holds the JSON figure (a double of the exact decimal)."""
    if figure is None:
        return cell is None
    return cell == pytest.approx(float(Decimal(figure)), abs=1e-9)


def rows_of(ws: Any, first: int = 1) -> list[tuple[Any, ...]]:
    return [
        r for r in ws.iter_rows(min_row=first, values_only=True) if any(v is not None for v in r)
    ]


@pytest.fixture(scope="module")
def league_json() -> dict[str, Any]:
    result = run("rank", str(DI_LINH / "2021"), "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_a_league_table_workbook_holds_the_json_figures_as_formatted_numbers(
    tmp_path: Path, league_json: dict[str, Any]
) -> None:
    out = tmp_path / "bang.xlsx"
    result = run("rank", str(DI_LINH / "2021"), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == "", result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Khối UBND cấp huyện 2021", "Ghi chú"]  # the block by its name
    ws = wb["Khối UBND cấp huyện 2021"]
    header = [c.value for c in ws[1]]
    assert header[:10] == [
        "Hạng",
        "Số đơn vị",
        "Đơn vị",
        "Mã đơn vị",
        "Tổng điểm",
        "Điểm tối đa",
        "Chỉ số (%)",
        "Xếp loại",
        "Điểm thẩm định",
        "Điểm điều tra XHH",
    ]
    assert (
        ws.freeze_panes == "D2"
        and ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}13"
    )
    standings = league_json["blocks"][0]["standings"]
    area_ids = [a["id"] for a in standings[0]["areas"]]
    for r, s in enumerate(standings, start=2):
        row = [c.value for c in ws[r]]
        assert row[0] == s["rank"] and row[2] == s["unit"] and row[3] == s["unit_id"]
        assert same(row[4], s["total"]) and same(row[6], s["index"])
        assert same(row[8], s["appraised"]) and same(row[9], s["survey"])
        assert row[7] == s["band"]["label_vi"]
        for i, area in enumerate(s["areas"]):
            assert same(row[10 + i], area["points"])
            expected = Decimal(area["points"]) * 100 / Decimal(area["max_points"])
            assert row[10 + len(area_ids) + i] == pytest.approx(float(expected))
        assert ws.cell(r, 7).number_format == "0.00" and ws.cell(r, 5).number_format == "0.00"
        assert isinstance(ws.cell(r, 7).value, int | float)
    fills = {ws.cell(r, 8).value: ws.cell(r, 8).fill.fgColor.rgb for r in range(2, 14)}
    assert len(set(fills.values())) == len(fills) == 3  # one colour per band present
    notes = dict(rows_of(wb["Ghi chú"]))
    assert notes["Cách xếp đồng hạng"] == "shared" and notes["Xếp loại Tốt: Chỉ số từ"] == 90


def test_a_league_table_workbook_speaks_english_with_lang_en(tmp_path: Path) -> None:
    out = tmp_path / "league.xlsx"
    assert run("rank", str(DI_LINH / "2021"), "-o", str(out), "--lang", "en").exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["district 2021", "Notes"]
    assert [c.value for c in wb.worksheets[0][1]][:3] == ["Rank", "Units", "Unit"]
    assert wb.worksheets[0]["H2"].value == "Good"


def test_the_appendix_layout_is_the_decisions_table_ready_to_print(
    tmp_path: Path, league_json: dict[str, Any]
) -> None:
    out = tmp_path / "phu_luc.xlsx"
    result = run("rank", str(DI_LINH / "2021"), "-o", str(out), "--layout", "phu-luc")
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws["A3"].value == (
        "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2021 CỦA CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ"
    )
    assert [c.value for c in ws[5]][:9] == [
        "STT",
        "Đơn vị",
        "Điểm thẩm định",
        "Điểm điều tra XHH",
        "Tổng điểm",
        "Chỉ số (%)",
        "Xếp hạng",
        "Xếp loại",
        "Chỉ số thành phần (%)",
    ]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A5:A6", "H5:H6", "I5:Q5"} <= merged
    assert ws["I6"].value.startswith("1. Công tác chỉ đạo")
    standings = league_json["blocks"][0]["standings"]
    for r, s in enumerate(standings, start=8):
        # The appendix names each district as its People's Committee ("UBND huyện Di Linh").
        name = formal_unit(s["unit"], league_json["blocks"][0]["block"], "vi")
        assert ws.cell(r, 1).value == r - 7 and ws.cell(r, 2).value == name
        assert same(ws.cell(r, 3).value, s["appraised"]) and same(ws.cell(r, 4).value, s["survey"])
        assert same(ws.cell(r, 5).value, s["total"]) and same(ws.cell(r, 6).value, s["index"])
        assert ws.cell(r, 7).value == s["rank"] and ws.cell(r, 8).value == s["band"]["label_vi"]
        assert ws.cell(r, 6).number_format == "0.00"
        assert ws.cell(r, 2).border.left.style == "thin"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth == 1 and ws.print_title_rows == "$5:$7"


def test_the_appendix_title_can_be_given_and_layout_needs_a_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    out = tmp_path / "pl.xlsx"
    title = "KẾT QUẢ CHỈ SỐ CCHC NĂM 2021 CỦA UBND CÁC HUYỆN"
    args = ("rank", str(DI_LINH / "2021"), "-o", str(out), "--layout", "phu-luc")
    assert run(*args, "--heading", title).exit_code == 0
    assert openpyxl.load_workbook(out).worksheets[0]["A3"].value == title
    for bad in (("--layout", "phu-luc"), ("--heading", "X"), ("--csv", "--layout", "table")):
        result = run("rank", str(DI_LINH / "2021"), *bad)
        assert result.exit_code == 2 and "--layout" in result.stderr
    result = run("rank", str(DI_LINH / "2021"), "-o", str(out), "--force", "--heading", "X")
    assert result.exit_code == 2 and "--heading needs --layout phu-luc" in result.stderr


def test_a_workbook_is_never_written_over_an_input_nor_without_force(tmp_path: Path) -> None:
    out = tmp_path / "bang.xlsx"
    out.write_bytes(b"old")
    result = run("rank", str(DI_LINH / "2021"), "-o", str(out))
    assert result.exit_code == 2 and out.read_bytes() == b"old"
    fresh = tmp_path / "new.xlsx"
    result = run(
        "rank", str(DI_LINH / "2021"), "-o", str(fresh), "--export", str(tmp_path / "r.html")
    )
    assert result.exit_code == 2 and "-o FILE.xlsx" in result.stderr and not fresh.exists()


def test_a_comparison_workbook_holds_the_json_figures(tmp_path: Path) -> None:
    out = tmp_path / "so_sanh.xlsx"
    result = run("compare", UNIT_2020, UNIT_2021, "--peers", "--json")
    data = json.loads(result.stdout)
    assert run("compare", UNIT_2020, UNIT_2021, "--peers", "-o", str(out)).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Tóm tắt", "Thay đổi"]
    summary = dict(rows_of(wb["Tóm tắt"]))
    assert same(summary["Tổng điểm năm trước"], data["total_before"])
    assert same(summary["Chênh lệch chỉ số"], data["index_difference"])
    assert summary["Hạng năm sau"] == f"{data['rank']['rank_new']}/{data['rank']['of_new']}"
    assert summary["Số bậc giảm (+) / tăng (−)"] == data["rank"]["change"]
    changes = wb["Thay đổi"]
    nodes: list[dict[str, Any]] = []

    def walk(node: dict[str, Any]) -> None:
        nodes.append(node)
        for child in node["children"]:
            walk(child)

    for area in data["areas"]:
        walk(area)
    assert changes.max_row == len(nodes) + 1
    for r, node in enumerate(nodes, start=2):
        assert changes.cell(r, 1).value == node["id"]
        assert same(changes.cell(r, 7).value, node["before"])
        assert same(changes.cell(r, 9).value, node["difference"])
    assert changes.cell(2, 9).number_format == "0.00"


def test_a_simulation_workbook_has_the_plan_frontier_and_opportunities(tmp_path: Path) -> None:
    out = tmp_path / "mo_phong.xlsx"
    args = ["simulate", UNIT_2021, "--peers", str(DI_LINH / "2021")]
    args += ["--costs", str(DI_LINH / "costs.yaml"), "--target-rank", "5", "--peer-sd", "1"]
    result = run(*args, "--json", "-o", str(out))
    assert result.exit_code == 0, result.output
    sim = json.loads(result.stdout)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:4] == ["Tóm tắt", "Phương án", "Chi phí theo hạng", "Cơ hội"]
    assert "Xác suất" in wb.sheetnames
    plan = rows_of(wb["Phương án"], 2)
    assert [r[1] for r in plan] == [s["leaf_id"] for s in sim["plan"]["steps"]]
    for row, step in zip(plan, sim["plan"]["steps"], strict=True):
        assert same(row[8], step["cost"]) and same(row[9], step["total_after"])
        assert row[10] == step["rank_after"]
    summary = dict(rows_of(wb["Tóm tắt"]))
    assert same(summary["Tổng chi phí"], sim["plan"]["total_cost"])
    assert summary["Hạng mới"] == sim["plan"]["new_rank"]
    frontier = rows_of(wb["Chi phí theo hạng"], 2)
    assert [(r[0], r[1]) for r in frontier] == [
        (p["rank"], pytest.approx(float(p["min_cost"]))) for p in sim["frontier"]
    ]
    opportunities = rows_of(wb["Cơ hội"], 2)
    assert len(opportunities) == len(sim["opportunities"])
    assert wb["Chi phí theo hạng"].cell(2, 2).number_format == "#,##0.00"


def test_the_self_assessment_form_is_the_official_one(tmp_path: Path) -> None:
    out = tmp_path / "bieu.xlsx"
    data = json.loads(run("score", UNIT_2021, "--json").stdout)
    result = run("score", UNIT_2021, "-o", str(out))
    assert result.exit_code == 0 and result.stdout == "", result.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    for expected in (
        "HUYỆN DI LINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BIỂU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
    ):
        assert expected in texts
    assert [c.value for c in ws[9]] == [
        "STT",
        "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
        "Điểm tối đa",
        "Điểm tự đánh giá",
        "Tài liệu kiểm chứng",
        None,
        None,
        "Giải trình",
        "Điểm thẩm định",
        "Ghi chú",
    ]
    assert [c.value for c in ws[10]][4:7] == ["Số, ký hiệu", "Ngày ban hành", "Trích yếu"]
    ids = {ws.cell(r, 1).value: r for r in range(12, ws.max_row + 1) if ws.cell(r, 1).value}
    first = data["nodes"][0]
    assert same(ws.cell(ids[first["id"]], 3).value, first["max_points"])
    assert same(ws.cell(ids["1.1.1"], 4).value, "1") and ws.cell(ids["1.1.1"], 5).value
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$9:$11"
    total = next(r for r in range(12, ws.max_row + 1) if ws.cell(r, 2).value == "Tổng điểm")
    areas = [ws.cell(ids[n["id"]], 4).value or 0 for n in data["nodes"]]
    assert ws.cell(total, 4).value == pytest.approx(sum(areas))
    assert same(ws.cell(total, 9).value, data["appraisal_total"])


def test_json_or_csv_is_never_written_into_an_xlsx_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    out = tmp_path / "x.xlsx"
    for args in (
        ("rank", str(DI_LINH / "2021"), "--json"),
        ("rank", str(DI_LINH / "2021"), "--csv"),
        ("compare", UNIT_2020, UNIT_2021, "--json"),
        ("score", UNIT_2021, "--json"),
    ):
        result = run(*args, "-o", str(out))
        assert result.exit_code == 2 and "does not go with --" in result.stderr
        assert not out.exists()


def test_a_cost_table_workbook_reads_back_as_the_table_typed_in(tmp_path: Path) -> None:
    template = tmp_path / "chi_phi.xlsx"
    result = run("template", "lam_dong_district_2021", "--costs", "-o", str(template))
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[0]
    rows = {(ws.cell(r, 1).value, ws.cell(r, 3).value): r for r in range(2, ws.max_row + 1)}
    assert ("1.1.1", "on_time") in rows and ("1.1.1", "late") in rows
    assert ws.cell(rows[("*", None)], 1).value == "*"
    # A guide sheet after the table says what every column of it means, in both languages.
    assert wb.sheetnames == ["Chi phí", "Hướng dẫn"]
    guide = {
        str(wb["Hướng dẫn"].cell(r, 1).value or "").split("\n")[0]: r
        for r in range(2, wb["Hướng dẫn"].max_row + 1)
    }
    headers = [ws.cell(1, c).value.split("\n")[0] for c in range(1, ws.max_column + 1)]
    assert set(headers) <= set(guide)
    per_point = guide["per_point"]
    assert "cố định + mỗi điểm × số điểm tăng" in wb["Hướng dẫn"].cell(per_point, 2).value
    assert "fixed + per point" in wb["Hướng dẫn"].cell(per_point, 3).value
    ws.cell(rows[("*", None)], 8).value = 20  # per_point
    ws.cell(rows[("*", None)], 12).value = "ngày công"
    ws.cell(rows[("1.1.1", "on_time")], 6).value = 3
    ws.cell(rows[("1.3.2", "all")], 6).value = 6
    ws.cell(rows[("1.1.2", "true")], 9).value = "x"
    wb.save(template)
    table = load_costs(template)
    yaml_table = tmp_path / "costs.yaml"
    yaml_table.write_text(
        "unit_vi: ngày công\nunit_en: ngày công\ndefault: {per_point: 20}\nleaves:\n"
        '  "1.1.1": {outcomes: [{to: on_time, cost: 3}]}\n'
        '  "1.3.2": {outcomes: [{to: all, cost: 6}]}\n'
        '  "1.1.2": {locked: true}\n',
        encoding="utf-8",
    )
    assert table.model_dump() == load_costs(yaml_table).model_dump()
    result = run(
        "simulate", UNIT_2021, "--peers", str(DI_LINH / "2021"), "--costs", str(template), "--json"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["cost_unit_vi"] == "ngày công"


def test_an_error_in_a_cost_table_workbook_names_the_cell(tmp_path: Path) -> None:
    template = tmp_path / "chi_phi.xlsx"
    assert run("template", "lam_dong_district_2021", "--costs", "-o", str(template)).exit_code == 0
    wb = openpyxl.load_workbook(template)
    wb.worksheets[0]["F3"] = "abc"
    wb.save(template)
    result = run("simulate", UNIT_2021, "--peers", str(DI_LINH / "2021"), "--costs", str(template))
    assert result.exit_code == 2
    assert "'Chi phí'!F3" in result.stderr and "abc" in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_unknown_leaf_in_a_cost_table_workbook_names_its_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    template = tmp_path / "chi_phi.xlsx"
    assert run("template", "lam_dong_district_2021", "--costs", "-o", str(template)).exit_code == 0
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[0]
    ws["A4"], ws["F4"] = "9.9.9", 5
    wb.save(template)
    result = run("simulate", UNIT_2021, "--peers", str(DI_LINH / "2021"), "--costs", str(template))
    assert result.exit_code == 2 and "'Chi phí'!A4, leaf 9.9.9" in result.stderr, result.stderr


def test_template_costs_does_not_go_with_assessment_options(tmp_path: Path) -> None:
    result = run(
        "template",
        "lam_dong_district_2021",
        "--costs",
        "--appraisal",
        "-o",
        str(tmp_path / "c.xlsx"),
    )
    assert result.exit_code == 2 and "--appraisal" in result.stderr


def test_a_csv_file_carries_a_byte_order_mark_and_stdout_does_not(tmp_path: Path) -> None:
    out = tmp_path / "bang.csv"
    assert run("rank", str(DI_LINH / "2021"), "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfblock,year,rank")
    printed = run("rank", str(DI_LINH / "2021"), "--csv").stdout
    assert not printed.startswith("\ufeff")
    assert out.read_text(encoding="utf-8-sig") == printed
    again = run("rank", str(out), "--csv")  # a CSV with the mark reads back as the same table
    assert again.exit_code == 0 and again.stdout == printed


def test_openpyxl_is_loaded_only_when_a_workbook_is_written() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from cchc_score.cli import main;"
        f"r = CliRunner().invoke(main, ['rank', {str(DI_LINH / '2021')!r}, '--json']);"
        "assert r.exit_code == 0, r.output; print('openpyxl' in sys.modules)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "False"


def test_every_units_plan_of_a_folder_goes_to_one_workbook(tmp_path: Path) -> None:
    out = tmp_path / "tung_don_vi.xlsx"
    args = ["simulate", str(DI_LINH / "2021"), "--costs", str(DI_LINH / "costs.yaml")]
    plans = json.loads(run(*args, "--json").stdout)
    result = run(*args, "-o", str(out))
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Từng đơn vị", "Các bước"]
    units = rows_of(wb["Từng đơn vị"], 2)
    assert [r[0] for r in units] == [p["unit"] for p in plans]
    for row, p in zip(units, plans, strict=True):
        assert same(row[4], p["total"]) and row[5] == p["rank"]
        assert same(row[8], p["plan"]["total_cost"] if p["plan"] else None)
    steps = rows_of(wb["Các bước"], 2)
    assert len(steps) == sum(len(p["plan"]["steps"]) for p in plans if p["plan"])
    result = run(*args, "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2 and "chỉ dùng cho tệp của một đơn vị" in result.stderr


def test_the_appendix_area_indexes_are_the_areas_points_over_their_maximum(
    tmp_path: Path, league_json: dict[str, Any]
) -> None:
    out = tmp_path / "phu_luc.xlsx"
    assert run("rank", str(DI_LINH / "2021"), "-o", str(out), "--layout", "phu-luc").exit_code == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    for r, s in enumerate(league_json["blocks"][0]["standings"], start=8):
        for i, area in enumerate(s["areas"]):
            expected = Decimal(area["points"]) * 100 / Decimal(area["max_points"])
            assert ws.cell(r, 9 + i).value == pytest.approx(float(expected))
            assert ws.cell(r, 9 + i).number_format == "0.00"


def test_wrapped_text_gets_rows_tall_enough_to_show_it(tmp_path: Path) -> None:
    """A spreadsheet does not grow a row a program wrote: a long label would be drawn over the
    next row."""
    out = tmp_path / "bieu.xlsx"
    assert run("score", UNIT_2021, "-o", str(out)).exit_code == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    spans = {(m.min_row, m.min_col): m.max_row for m in ws.merged_cells.ranges}
    checked = 0
    for r in range(12, ws.max_row + 1):
        label = ws.cell(r, 2).value
        if isinstance(label, str) and len(label) > 60:  # two lines at least in its column
            rows = range(r, spans.get((r, 2), r) + 1)
            assert sum(ws.row_dimensions[i].height or 15 for i in rows) >= 30, label
            checked += 1
    assert checked
