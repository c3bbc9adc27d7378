"""Self-assessment workbooks and criteria tables (.xlsx): written, filled in, read back exactly."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_score import (
    Appraisal,
    AppraisalRound,
    AssessmentFile,
    CchcScoreError,
    CriteriaSet,
    InputFileError,
    LeafEvidence,
    load_assessment,
    load_criteria_set,
    score,
)
from cchc_score.cli import main
from cchc_score.workbook import (
    read_pack_workbook,
    read_workbook,
    write_pack_workbook,
    write_workbook,
)

from .conftest import MINIMAL
from .strategies import assessment_files, criteria_sets, workbook_assessments

SET = str(MINIMAL / "criteria.yaml")
ASSESSMENT = str(MINIMAL / "assessment.yaml")
MAIN = "Tự đánh giá"


def run_en(*args: str) -> tuple[int, str, str]:
    """As :func:`run`, errors in English (they are Vietnamese by default)."""
    return run(*args, lang="en")


def run(*args: str, lang: str | None = None) -> tuple[int, str, str]:
    env = {"COLUMNS": "140"} | ({"CCHC_SCORE_LANG": lang} if lang else {})
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def edit(source: Path, target: Path, sheet: str, cells: dict[str, Any]) -> Path:
    """A copy of a workbook with some cells typed over, as a person would."""
    wb = openpyxl.load_workbook(source)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(target)
    return target


def digits(doc: AssessmentFile) -> str:
    """The file as JSON text, keys sorted: equal when every number has the same digits."""
    return json.dumps(json.loads(doc.model_dump_json()), sort_keys=True)


def row_of(path: Path, node_id: str) -> int:
    ws = openpyxl.load_workbook(path)[MAIN]
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == node_id:
            return row
    raise AssertionError(node_id)


@pytest.fixture
def filled(tmp_path: Path, minimal_set: CriteriaSet, minimal_file: AssessmentFile) -> Path:
    path = tmp_path / "filled.xlsx"
    write_workbook(path, minimal_set, minimal_file)
    return path


# ------------------------------------------------------------------------ round trips


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=assessment_files())
def test_assessment_workbook_round_trip_is_lossless(
    tmp_path: Path, minimal_set: CriteriaSet, doc: AssessmentFile
) -> None:
    """For every assessment file of the minimal set (every rule kind, several documents per
    leaf, appraisal rounds, survey results), writing a workbook and reading it back gives the
    same assessment file."""
    path = tmp_path / "round.xlsx"
    write_workbook(path, minimal_set, doc)
    back = read_workbook(path)
    assert back == doc
    # Exact to the written digits too: 22.50 comes back as 22.50, not 22.5.
    assert digits(back) == digits(doc)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_round_trip_holds_for_any_tree(tmp_path: Path, data: st.DataObject) -> None:
    """For generated criteria trees of any shape, assessment -> workbook -> assessment is the
    identity, and the workbook scores as the assessment does."""
    cset = data.draw(criteria_sets())
    doc = data.draw(workbook_assessments(cset))
    path = tmp_path / "tree.xlsx"
    write_workbook(path, cset, doc)
    back = read_workbook(path)
    assert back == doc and digits(back) == digits(doc)
    assert score(cset, back.submission).total == score(cset, doc.submission).total


def test_filled_workbook_scores_like_the_yaml_file(filled: Path) -> None:
    code, out, err = run("score", str(filled), "--set", SET)
    assert code == 0, err
    assert "9,49 / 20,00" in out and "47,45%" in out and "thẩm định điều chỉnh" in out


def test_scoring_a_workbook_leaves_it_unchanged(filled: Path) -> None:
    before = hashlib.sha256(filled.read_bytes()).hexdigest()
    assert run("score", str(filled), "--set", SET)[0] == 0
    assert hashlib.sha256(filled.read_bytes()).hexdigest() == before


# ------------------------------------------------------------------------ the template


def test_template_lays_out_the_tree_with_inputs_and_drop_downs(tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    code, out, _ = run(
        "template",
        SET,
        "-o",
        str(path),
        "--unit",
        "Huyện A",
        "--block",
        "district",
        "--year",
        "2022",
        "--appraisal",
        "--survey",
    )
    assert code == 0 and "9 tiêu chí" in out
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:4] == [MAIN, "Thông tin", "Thẩm định", "Điều tra XHH"]
    ws = wb[MAIN]
    assert ws.freeze_panes == "C2"
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert ids == [
        "1",
        "1.1",
        "1.1.1",
        "1.1.2",
        "1.1.3",
        "1.2",
        "1.3",
        "2",
        "2.1",
        "2.2",
        "2.3",
        "3",
        "3.1",
        None,
        "Tổng",  # the provisional totals, below the tree
    ]
    leaf = row_of(path, "1.1.1")
    assert ws.cell(row=leaf, column=2).value == "Ban hành kế hoạch CCHC năm"
    assert ws.cell(row=leaf, column=2).alignment.indent == 4
    assert ws.row_dimensions[leaf].outline_level == 2
    assert ws.cell(row=leaf, column=3).value == 1
    assert "Ban hành muộn: 0,5 điểm" in ws.cell(row=leaf, column=4).value
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    levels = rules[f"E{leaf}"]
    lists = wb["_lists"]
    assert levels.type == "list" and lists.sheet_state == "hidden"
    assert levels.errorStyle == "warning"  # the key typed by hand is allowed, and read
    assert [lists.cell(row=r, column=1).value for r in (2, 3, 4)] == [
        "Ban hành đúng hạn",
        "Ban hành muộn",
        "Không ban hành",
    ]
    assert rules[f"E{row_of(path, '1.1.2')}"].formula1 == '"TRUE,FALSE"'
    rate = rules[f"E{row_of(path, '1.1.3')}"]
    assert (rate.type, rate.operator, rate.formula1, rate.formula2) == (
        "decimal",
        "between",
        "0",
        "100",
    )
    count = rules[f"E{row_of(path, '1.2')}"]
    assert (count.type, count.formula2) == ("whole", "4")
    appraisal = {str(dv.sqref): dv for dv in wb["Thẩm định"].data_validations.dataValidation}
    ids = appraisal["D2:D1000"].formula1  # a drop-down of the leaf ids
    column = ids.split("!")[1].split(":")[0].replace("$", "")[0]
    assert [lists[f"{column}{r}"].value for r in range(2, 11)] == [
        "1.1.1",
        "1.1.2",
        "1.1.3",
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "2.3",
        "3.1",
    ]
    info = wb["Thông tin"]
    values = {
        info.cell(row=r, column=1).value: info.cell(row=r, column=3).value for r in range(2, 8)
    }
    assert values == {
        "criteria_set": "example_minimal",
        "set_version": "1.0",
        "unit": "Huyện A",
        "unit_id": None,
        "block": "Khối UBND cấp huyện",  # chosen from a drop-down of labels, read as its code
        "year": 2022,
    }


def test_an_empty_template_reads_as_an_assessment_without_evidence(tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    run("template", SET, "-o", str(path), "--unit", "Xã B", "--block", "commune", "--year", "2023")
    doc = load_assessment(path)
    assert (doc.unit, doc.block, doc.year, doc.leaves) == ("Xã B", "commune", 2023, {})


def test_template_does_not_overwrite_a_file_without_force(filled: Path) -> None:
    before = filled.read_bytes()
    code, _, err = run("template", SET, "-o", str(filled))
    assert code == 2 and "--force" in err and filled.read_bytes() == before
    assert run("template", SET, "-o", str(filled), "--force")[0] == 0


def test_a_level_can_be_typed_as_its_label_or_its_key(tmp_path: Path, filled: Path) -> None:
    leaf = row_of(filled, "1.1.1")
    for typed in ("Ban hành đúng hạn", "on_time"):
        path = edit(filled, tmp_path / "level.xlsx", MAIN, {f"E{leaf}": typed})
        assert read_workbook(path).leaves["1.1.1"].value == "on_time"


def test_further_documents_go_on_rows_below_the_leaf(tmp_path: Path, filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    ws = wb[MAIN]
    leaf = row_of(filled, "1.1.2")
    ws.insert_rows(leaf + 1)
    ws.cell(row=leaf + 1, column=6, value="99/QĐ-UBND")
    ws.cell(row=leaf + 1, column=7, value=dt.datetime(2021, 3, 4))
    wb.save(tmp_path / "docs.xlsx")
    documents = read_workbook(tmp_path / "docs.xlsx").leaves["1.1.2"].documents
    assert [d.number for d in documents] == ["15/KH-UBND", "99/QĐ-UBND"]
    assert documents[1].date == dt.date(2021, 3, 4)


# ------------------------------------------------------------------------ bad cells


@pytest.mark.parametrize(
    ("node", "column", "typed", "expected"),
    [
        ("1.1.3", "E", "chín mươi", "a number"),
        ("1.1.3", "E", 120, "[0, 100]"),
        # In the words the drop-down shows, not the levels' keys (on_time, late, …).
        ("1.1.1", "E", "Ban hành sớm", "'Ban hành đúng hạn', 'Ban hành muộn', 'Không ban hành'"),
        ("1.2", "E", 2.5, "whole number"),
        ("1.1.2", "K", "một", "a number"),
        ("1.1.2", "G", "hôm qua", "a date"),
        ("2.2", "E", "{A: 40, B: [", "YAML"),
    ],
)
def test_a_bad_cell_is_named_with_its_value_and_what_was_expected(
    tmp_path: Path, filled: Path, node: str, column: str, typed: Any, expected: str
) -> None:
    cell = f"{column}{row_of(filled, node)}"
    path = edit(filled, tmp_path / "bad.xlsx", MAIN, {cell: typed})
    code, out, err = run_en("score", str(path), "--set", SET)
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert f"'{MAIN}'!{cell}" in err and str(typed)[:6] in err and expected in err


def test_evidence_on_a_group_row_is_an_error_not_ignored(tmp_path: Path, filled: Path) -> None:
    cell = f"E{row_of(filled, '1.1')}"
    path = edit(filled, tmp_path / "group.xlsx", MAIN, {cell: 3})
    with pytest.raises(InputFileError) as caught:
        read_workbook(path)
    assert caught.value.place == f"'{MAIN}'!{cell}" and "1.1" in caught.value.message


def test_an_unknown_id_is_named(tmp_path: Path, filled: Path) -> None:
    cell = f"A{row_of(filled, '1.3')}"
    path = edit(filled, tmp_path / "id.xlsx", MAIN, {cell: "1.9"})
    with pytest.raises(InputFileError) as caught:
        read_workbook(path)
    assert caught.value.place == f"'{MAIN}'!{cell}" and "'1.9'" in caught.value.message


def test_a_value_without_an_id_is_an_error(tmp_path: Path, filled: Path) -> None:
    last = openpyxl.load_workbook(filled)[MAIN].max_row
    path = edit(filled, tmp_path / "stray.xlsx", MAIN, {f"K{last + 2}": 1})
    with pytest.raises(InputFileError) as caught:
        read_workbook(path)
    assert caught.value.place == f"'{MAIN}'!K{last + 2}"


@pytest.mark.parametrize(
    ("cell", "typed", "expected"),
    [
        ("C7", "hai nghìn", "a number"),
        ("C7", 2021.5, "a whole number"),
        ("C7", 1999, "greater than or equal to 2000"),
        ("C4", None, "unit"),
    ],
)
def test_bad_information_is_named(
    tmp_path: Path, filled: Path, cell: str, typed: Any, expected: str
) -> None:
    path = edit(filled, tmp_path / "info.xlsx", "Thông tin", {cell: typed})
    with pytest.raises(InputFileError) as caught:
        read_workbook(path)
    assert expected in caught.value.message
    assert caught.value.place in (f"'Thông tin'!{cell}", "Thông tin")


def test_a_bad_appraisal_score_is_named(tmp_path: Path, filled: Path) -> None:
    path = edit(filled, tmp_path / "appr.xlsx", "Thẩm định", {"E2": "một"})
    code, _, err = run("score", str(path), "--set", SET)
    assert code == 2 and "'Thẩm định'!E2" in err and "'một'" in err


def test_a_file_that_is_not_a_workbook_is_one_line_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "not.xlsx"
    path.write_text("unit: X\n", encoding="utf-8")
    code, _, err = run_en("score", str(path), "--set", SET)
    assert code == 2 and err.count("\n") == 1 and "not a readable .xlsx workbook" in err


# ------------------------------------------------------------------------ criteria tables


def test_pack_export_then_import_gives_the_same_set(
    tmp_path: Path, minimal_set: CriteriaSet
) -> None:
    table = tmp_path / "bang.xlsx"
    assert run("pack", "export", SET, "-o", str(table))[0] == 0
    code, out, err = run("pack", "import", str(table))
    assert code == 0, err
    assert "13" in out and "20" in out
    assert load_criteria_set(tmp_path / "bang.yaml") == minimal_set


def test_pack_import_names_the_cell_when_children_do_not_add_up(
    tmp_path: Path, minimal_set: CriteriaSet
) -> None:
    table = tmp_path / "bang.xlsx"
    write_pack_workbook(table, minimal_set)
    bad = edit(table, tmp_path / "sai.xlsx", "Tiêu chí", {"D3": 5})  # node 1.1: 4 -> 5
    code, _, err = run_en("pack", "import", str(bad))
    # Area 1 (row 2) now holds 9 points of children against its declared 8.
    assert code == 2 and "'Tiêu chí'!D2, node 1" in err and "add up to 9" in err
    assert not (tmp_path / "sai.yaml").exists()


@pytest.mark.parametrize(
    ("cell", "typed", "place", "expected"),
    [
        ("F7", "{required: 4, of: [", "F7", "YAML"),
        ("F7", "{required: 9, of: 4}", "F7", "required 9 is more than of 4"),
        ("E7", "counting", "E7", "unknown rule kind"),
        ("A7", "1.7.1", "A7", "parent '1.7'"),
        ("N1", "weight", "N1", "unknown column"),
    ],
)
def test_pack_import_errors_name_the_cell(
    tmp_path: Path, minimal_set: CriteriaSet, cell: str, typed: str, place: str, expected: str
) -> None:
    table = tmp_path / "bang.xlsx"
    write_pack_workbook(table, minimal_set)
    assert openpyxl.load_workbook(table)["Tiêu chí"]["A7"].value == "1.2"
    bad = edit(table, tmp_path / "sai.xlsx", "Tiêu chí", {cell: typed})
    with pytest.raises(Exception) as caught:
        read_pack_workbook(bad)
    assert f"'Tiêu chí'!{place}" in str(caught.value) and expected in str(caught.value)


def test_pack_import_writes_yaml_a_person_can_read(
    tmp_path: Path, minimal_set: CriteriaSet
) -> None:
    table = tmp_path / "bang.xlsx"
    write_pack_workbook(table, minimal_set)
    before = table.read_bytes()
    assert run("pack", "import", str(table), "-o", str(tmp_path / "goi.yaml"))[0] == 0
    text = (tmp_path / "goi.yaml").read_text(encoding="utf-8")
    assert "Công tác chỉ đạo, điều hành CCHC" in text  # letters kept, not escaped
    data = yaml.safe_load(text)
    assert data["nodes"][0]["children"][0]["children"][0]["rule"]["kind"] == "levels"
    assert table.read_bytes() == before
    code, _, err = run("pack", "import", str(table), "-o", str(tmp_path / "goi.yaml"))
    assert code == 2 and "--force" in err


def test_pack_import_never_writes_over_its_input(tmp_path: Path, minimal_set: CriteriaSet) -> None:
    table = tmp_path / "bang.xlsx"
    write_pack_workbook(table, minimal_set)
    code, _, err = run_en("pack", "import", str(table), "-o", str(table), "--force")
    assert code == 2 and "input" in err


def test_decimals_beyond_a_spreadsheet_double_stay_exact(
    tmp_path: Path, minimal_set: CriteriaSet
) -> None:
    doc = AssessmentFile(
        unit="X",
        block="district",
        year=2021,
        criteria_set="example_minimal",
        leaves={"2.1": LeafEvidence(value=Decimal("12.3456789012345678"))},
        appraisal=Appraisal(rounds=(AppraisalRound(round=1),)),
    )
    path = tmp_path / "exact.xlsx"
    write_workbook(path, minimal_set, doc)
    assert read_workbook(path).leaves["2.1"].value == Decimal("12.3456789012345678")


def test_a_scoring_error_in_a_workbook_names_the_workbook(tmp_path: Path, filled: Path) -> None:
    """An appraisal score above the leaf's maximum names the workbook, the cell and the leaf
    (and the workbook is not read as YAML)."""
    path = edit(filled, tmp_path / "over.xlsx", "Thẩm định", {"E2": 5})  # 1.1.3 is worth 2
    code, _, err = run_en("score", str(path), "--set", SET)
    assert code == 2 and err.count("\n") == 1
    assert "over.xlsx, 'Thẩm định'!E2: got 5, expected points for leaf 1.1.3 in [0, 2]" in err


def test_a_missing_reason_or_a_bad_survey_names_its_own_cell(tmp_path: Path, filled: Path) -> None:
    no_reason = edit(filled, tmp_path / "reason.xlsx", "Thẩm định", {"F2": None})
    code, _, err = run("score", str(no_reason), "--set", SET)
    assert code == 2 and "'Thẩm định'!F2" in err
    ws = openpyxl.load_workbook(filled)["Điều tra XHH"]
    answers = [c.column_letter for c in ws[1] if str(c.value or "").split("\n")[0] in "ABCD"]
    bad = edit(filled, tmp_path / "survey.xlsx", "Điều tra XHH", {f"{answers[0]}2": -5})
    code, _, err = run("score", str(bad), "--set", SET)
    assert code == 2 and "'Điều tra XHH'!" in err and "survey.xlsx" in err


def test_self_scores_are_limited_to_the_leaf_range_and_sheets_print_on_a4(filled: Path) -> None:
    ws = openpyxl.load_workbook(filled)[MAIN]
    ranges = {
        (dv.formula1, dv.formula2): str(dv.sqref)
        for dv in ws.data_validations.dataValidation
        if dv.error and "self-score" in dv.error
    }
    bonus = row_of(filled, "3.1")  # bonus_penalty, floor -2, maximum 1
    assert f"K{bonus}" in ranges[("-2", "1")].split()
    assert f"K{row_of(filled, '1.1.3')}" in ranges[("0", "2")].split()
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"


def test_rank_reads_a_folder_of_filled_workbooks(
    tmp_path: Path, minimal_set: CriteriaSet, minimal_file: AssessmentFile
) -> None:
    folder = tmp_path / "khoi"
    folder.mkdir()
    for unit, value in (("Huyện A", "on_time"), ("Huyện B", "not_issued")):
        leaves = {**minimal_file.leaves, "1.1.1": LeafEvidence(value=value)}
        doc = minimal_file.model_copy(update={"unit": unit, "unit_id": None, "leaves": leaves})
        write_workbook(folder / f"{unit}.xlsx", minimal_set, doc)
    (folder / "~$Huyện A.xlsx").write_bytes(b"lock file of an open spreadsheet")
    code, out, err = run("rank", str(folder), "--set", SET)
    assert code == 0, err
    assert out.index("Huyện A") < out.index("Huyện B")


def test_a_rate_typed_as_a_percentage_reads_as_the_figure_shown(
    tmp_path: Path, filled: Path
) -> None:
    """Typing 85,5% in a spreadsheet stores 0.855 formatted as a percentage; the rule means 85.5."""
    wb = openpyxl.load_workbook(filled)
    cell = wb[MAIN][f"E{row_of(filled, '1.1.3')}"]
    cell.value = 0.855
    cell.number_format = "0.0%"
    wb.save(tmp_path / "pct.xlsx")
    assert read_workbook(tmp_path / "pct.xlsx").leaves["1.1.3"].value == Decimal("85.5")


def test_a_level_typed_in_another_case_is_still_that_level(tmp_path: Path, filled: Path) -> None:
    cell = f"E{row_of(filled, '1.1.1')}"
    path = edit(filled, tmp_path / "case.xlsx", MAIN, {cell: "ban hành ĐÚNG HẠN"})
    assert read_workbook(path).leaves["1.1.1"].value == "on_time"


def test_a_real_sized_pack_from_a_plugin_round_trips_through_a_workbook(tmp_path: Path) -> None:
    """Di Linh 2021 under the installed Lâm Đồng pack (62 leaves, survey, appraisal): the filled
    workbook scores exactly as the YAML file does."""
    source = MINIMAL.parent / "di_linh" / "2021" / "di_linh.yaml"
    path = tmp_path / "di_linh_2021.xlsx"
    code, _, err = run("template", "lam_dong_district_2021", "--from", str(source), "-o", str(path))
    assert code == 0, err
    assert read_workbook(path) == load_assessment(source)
    yaml_run, xlsx_run = run("score", str(source), "--json"), run("score", str(path), "--json")
    assert yaml_run[0] == xlsx_run[0] == 0
    assert yaml_run[1] == xlsx_run[1]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cset=criteria_sets())
def test_criteria_table_round_trip_is_lossless(tmp_path: Path, cset: CriteriaSet) -> None:
    """For generated criteria sets, set -> criteria table -> set is the identity, and the pack
    YAML that pack import writes loads back to the same set."""
    from cchc_score.workbook import pack_yaml

    table = tmp_path / "bang.xlsx"
    write_pack_workbook(table, cset)
    back, data = read_pack_workbook(table)
    assert back == cset
    (tmp_path / "pack.yaml").write_text(pack_yaml(data), encoding="utf-8")
    assert load_criteria_set(tmp_path / "pack.yaml") == cset


def test_without_the_hidden_rules_sheet_values_are_read_as_typed(
    tmp_path: Path, filled: Path, minimal_file: AssessmentFile
) -> None:
    """A workbook copied sheet by sheet loses the hidden rules: the values still come through,
    and the engine checks them when scoring."""
    wb = openpyxl.load_workbook(filled)
    del wb["_rules"]
    wb.save(tmp_path / "copy.xlsx")
    back = read_workbook(tmp_path / "copy.xlsx")
    assert back.leaves["1.1.3"].value == Decimal("85.5")
    assert back.leaves["1.1.1"].value == "Ban hành muộn"  # the label: no rules to map it
    assert back.leaves.keys() == minimal_file.leaves.keys()


def test_a_table_typed_with_vietnamese_headers_imports(tmp_path: Path) -> None:
    """How a province brings its decision's table: typed by hand, Vietnamese column names,
    ids typed as numbers, parameters as YAML text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tiêu chí"
    ws.append(["Mã", "Tên tiêu chí", "Tên tiếng Anh", "Điểm tối đa", "Cách chấm", "Tham số"])
    ws.append([1, "Công tác chỉ đạo, điều hành", "Direction", 3, None, None])
    ws.append([1.1, "Ban hành kế hoạch", "Plan issued", 1, "binary", None])
    ws.append([1.2, "Báo cáo quý", "Quarterly reports", 2, "count", "{required: 4, of: 4}"])
    meta = wb.create_sheet("Thông tin")
    meta.append(["Khoá", "Giá trị"])
    for key, value in (
        ("id", "tinh_x_xa_2025"),
        ("version", 2025),
        ("title_vi", "Bộ chỉ số cấp xã"),
        ("title_en", "Commune criteria"),
        ("unit_type", "commune"),
        ("total_max", 3),
    ):
        meta.append([key, value])
    wb.save(tmp_path / "bang.xlsx")
    code, _, err = run("pack", "import", str(tmp_path / "bang.xlsx"))
    assert code == 0, err
    cset = load_criteria_set(tmp_path / "bang.yaml")
    assert (cset.id, cset.version, cset.total_max) == ("tinh_x_xa_2025", "2025", 3)
    assert [n.id for n in cset.leaves()] == ["1.1", "1.2"]
    assert cset.node("1.2").rule is not None and cset.node("1.2").rule.params["of"] == 4


def test_an_old_xls_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "cu.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old binary workbook")
    code, _, err = run_en("score", str(path), "--set", SET)
    assert code == 2 and err.count("\n") == 1 and "save it as .xlsx" in err


def test_template_writes_one_workbook_per_unit_of_a_table(tmp_path: Path) -> None:
    """A province sends every commune its own workbook, named and filled in for it."""
    table = tmp_path / "xa.csv"
    table.write_text(
        "unit,unit_id,block\nXã Đinh Lạc,dinh_lac,commune\nXã Gia Hiệp,,commune\n"
        "Thị trấn Di Linh,,town\n",
        encoding="utf-8",
    )
    folder = tmp_path / "mau"
    code, out, err = run(
        "template", SET, "-o", str(folder), "--units", str(table), "--year", "2025"
    )
    assert code == 0, err
    assert "3" in out
    assert sorted(p.name for p in folder.iterdir()) == [
        "dinh_lac.xlsx",
        "thi_tran_di_linh.xlsx",
        "xa_gia_hiep.xlsx",
    ]
    doc = load_assessment(folder / "dinh_lac.xlsx")
    assert (doc.unit, doc.unit_id, doc.block, doc.year) == (
        "Xã Đinh Lạc",
        "dinh_lac",
        "commune",
        2025,
    )
    before = (folder / "dinh_lac.xlsx").read_bytes()
    code, _, err = run("template", SET, "-o", str(folder), "--units", str(table), "--year", "2026")
    assert code == 2 and "--force" in err
    assert (folder / "dinh_lac.xlsx").read_bytes() == before


def test_a_units_table_without_a_unit_column_is_named(tmp_path: Path) -> None:
    table = tmp_path / "xa.csv"
    table.write_text("ten,block\nXã A,commune\n", encoding="utf-8")
    code, _, err = run("template", SET, "-o", str(tmp_path / "mau"), "--units", str(table))
    assert code == 2 and "xa.csv" in err and "unit" in err


@pytest.mark.parametrize("typed", [1e300, "1e999999999"])
def test_an_absurdly_large_number_is_a_bad_cell_not_a_crash(
    tmp_path: Path, filled: Path, typed: Any
) -> None:
    cell = f"E{row_of(filled, '2.1')}"
    path = edit(filled, tmp_path / "big.xlsx", MAIN, {cell: typed})
    code, _, err = run("score", str(path), "--set", SET)
    assert code == 2 and err.count("\n") == 1 and f"'{MAIN}'!{cell}" in err


typed_cells = st.one_of(
    # What a spreadsheet cell can hold: no control characters.
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.sampled_from(["{A: 1, B: [", "[1, 2", "{}", "[]", "=1+1", "TRUE", "không", "85%"]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    typed=st.lists(
        st.tuples(st.integers(1, 14), st.sampled_from("ABCDEFGHIJKL"), typed_cells),
        min_size=1,
        max_size=3,
    ),
    sheet=st.sampled_from([MAIN, MAIN, "Thông tin", "Thẩm định", "Điều tra XHH"]),
)
def test_whatever_is_typed_the_workbook_scores_or_names_a_cell(
    tmp_path: Path,
    filled: Path,
    minimal_set: CriteriaSet,
    typed: list[tuple[int, str, Any]],
    sheet: str,
) -> None:
    """Typing anything into any cells of a filled workbook gives either an assessment that
    scores, or a CchcScoreError: never an exception a user would see as a crash."""
    path = edit(filled, tmp_path / "typed.xlsx", sheet, {f"{c}{r}": v for r, c, v in typed})
    try:
        doc = read_workbook(path)
        score(minimal_set, doc.submission)
    except CchcScoreError as exc:
        assert str(exc)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    typed=st.lists(
        st.tuples(st.integers(1, 15), st.sampled_from("ABCDEFGHIJKLMN"), typed_cells),
        min_size=1,
        max_size=3,
    ),
    sheet=st.sampled_from(["Tiêu chí", "Thông tin", "Căn cứ", "Xếp loại"]),
)
def test_whatever_is_typed_in_a_criteria_table_imports_or_names_a_cell(
    tmp_path: Path, minimal_set: CriteriaSet, typed: list[tuple[int, str, Any]], sheet: str
) -> None:
    """Any cells typed over in a criteria table give a valid set or a CchcScoreError."""
    table = tmp_path / "bang.xlsx"
    write_pack_workbook(table, minimal_set)
    path = edit(table, tmp_path / "typed.xlsx", sheet, {f"{c}{r}": v for r, c, v in typed})
    try:
        read_pack_workbook(path)
    except CchcScoreError as exc:
        assert str(exc)


def test_appraisal_and_survey_ids_are_checked_on_their_cell(tmp_path: Path, filled: Path) -> None:
    unknown = edit(filled, tmp_path / "id.xlsx", "Thẩm định", {"D2": "99.9"})
    code, _, err = run("score", str(unknown), "--set", SET)
    assert code == 2 and "'Thẩm định'!D2" in err and "'99.9'" in err
    surveyed = edit(filled, tmp_path / "sv.xlsx", "Thẩm định", {"D2": "2.2"})
    code, _, err = run("score", str(surveyed), "--set", SET)
    assert code == 2 and "'Thẩm định'!D2" in err and "chấm bằng điều tra xã hội học" in err
