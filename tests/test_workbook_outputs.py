"""Workbook commands never write over what they read, and write only .xlsx workbooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_score.cli import main

from .conftest import EXAMPLES, MINIMAL


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return Path(shutil.copy(MINIMAL / "criteria.yaml", tmp_path / "criteria.yaml"))


@pytest.mark.parametrize("command", [["template"], ["pack", "export"]])
def test_the_pack_read_is_never_written_over_even_with_force(
    command: list[str], pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    before = pack.read_bytes()
    code, err = run(*command, "example_minimal", "--set", str(pack), "-o", str(pack), "--force")
    assert code == 2 and "criteria.yaml" in err
    same_name = tmp_path / "criteria.xlsx"
    pack_xlsx = Path(shutil.copy(pack, same_name))
    code, err = run(
        *command, "example_minimal", "--set", str(pack_xlsx), "-o", str(pack_xlsx), "--force"
    )
    assert code == 2 and "overwrite an input" in err
    assert pack.read_bytes() == before


@pytest.mark.parametrize("command", [["template"], ["pack", "export"]])
def test_a_workbook_is_written_only_to_an_xlsx_name(
    command: list[str], pack: Path, tmp_path: Path
) -> None:
    code, err = run(*command, "example_minimal", "--set", str(pack), "-o", str(tmp_path / "x.yaml"))
    assert code == 2 and "tệp Excel phải có đuôi .xlsx" in err
    assert not (tmp_path / "x.yaml").exists()


def test_template_from_an_assessment_of_another_set_names_the_file(
    pack: Path, tmp_path: Path
) -> None:
    other = EXAMPLES / "di_linh" / "2021" / "di_linh.yaml"
    code, err = run(
        "template",
        "example_minimal",
        "--set",
        str(pack),
        "-o",
        str(tmp_path / "t.xlsx"),
        "--from",
        str(other),
    )
    assert code == 2
    assert "di_linh.yaml, criteria_set" in err and "'lam_dong_district_2021'" in err


def test_template_refuses_a_year_no_assessment_can_have(pack: Path, tmp_path: Path) -> None:
    code, err = run(
        "template",
        "example_minimal",
        "--set",
        str(pack),
        "-o",
        str(tmp_path / "t.xlsx"),
        "--year",
        "99999",
    )
    assert code == 2 and "--year" in err and not (tmp_path / "t.xlsx").exists()


def test_a_formula_without_a_saved_result_is_named_not_read_as_empty(tmp_path: Path) -> None:
    import openpyxl

    from cchc_score import InputFileError, load_criteria_set
    from cchc_score.workbook import read_workbook, write_workbook

    cset = load_criteria_set(MINIMAL / "criteria.yaml")
    path = tmp_path / "t.xlsx"
    write_workbook(path, cset)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    ws["Z5"] = "=1+1"  # written by a program: no cached result
    wb.save(path)
    with pytest.raises(InputFileError) as err:
        read_workbook(path)
    assert "!Z5" in str(err.value) and "no saved result" in str(err.value)


def test_a_band_error_in_a_criteria_table_names_the_band_cell(tmp_path: Path, pack: Path) -> None:
    import openpyxl

    table = tmp_path / "table.xlsx"
    assert run("pack", "export", "example_minimal", "--set", str(pack), "-o", str(table))[0] == 0
    wb = openpyxl.load_workbook(table)
    ws = wb["Xếp loại"]
    header = [c.value for c in ws[1]]
    column = next(c for c in ws[1] if str(c.value).startswith("min_index"))
    ws.cell(row=3, column=column.column, value=150)
    wb.save(table)
    code, err = run("pack", "import", str(table), "-o", str(tmp_path / "p.yaml"))
    assert code == 2, header
    assert f"'Xếp loại'!{column.column_letter}3" in err
