"""Hostile files are refused quickly, in one line naming the file and place, whatever they
would make a parser do (each file is generated here, small)."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from cchc_score import InputFileError, load_criteria_set
from cchc_score.loading import load_assessment

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "examples" / "minimal"


def refused(path: Path) -> InputFileError:
    start = time.process_time()
    with pytest.raises(InputFileError) as err:
        load_assessment(path)
    assert time.process_time() - start < 5
    assert err.value.file == str(path)
    return err.value


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_yaml_alias_bomb_is_refused_at_its_line(tmp_path: Path) -> None:
    """Nine levels of nine aliases stand for 9^9 values in 700 bytes."""
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    error = refused(write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n"))
    assert "alias" in error.message and error.place and error.place.startswith("line ")


def test_a_cyclic_yaml_alias_is_refused(tmp_path: Path) -> None:
    error = refused(write(tmp_path, "cycle.yaml", "unit: x\nleaves: &l {a: *l}\n"))
    assert "cycle" in error.message and error.place and error.place.startswith("line 2,")


@pytest.mark.parametrize("depth", [150, 5000])
def test_deep_nesting_is_refused_at_its_line(tmp_path: Path, depth: int) -> None:
    nested = "[" * depth + "]" * depth
    for name, text in (
        ("deep.json", '{"unit": "x",\n"leaves": ' + nested + "}"),
        ("deep.yaml", "unit: x\nleaves: " + nested + "\n"),
    ):
        error = refused(write(tmp_path, name, text))
        assert "nested" in error.message or "depth" in error.message, error.message
        assert error.place and error.place.startswith("line 2"), error.place


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("n.yaml", "unit: x\nblock: b\nyear: 1e400\ncriteria_set: s\n"),
        ("n.json", '{"unit": "x", "block": "b",\n"year": 1e400, "criteria_set": "s"}'),
    ],
)
def test_a_number_past_the_limits_is_refused_without_a_decimal_point(
    tmp_path: Path, name: str, text: str
) -> None:
    error = refused(write(tmp_path, name, text))
    assert "1e400" in error.message and error.place and error.place.startswith("line ")


def test_a_file_over_its_size_limit_is_refused_naming_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "a.yaml", (MINIMAL / "assessment.yaml").read_text(encoding="utf-8"))
    monkeypatch.setenv("CCHC_SCORE_MAX_YAML_BYTES", "100")
    assert "CCHC_SCORE_MAX_YAML_BYTES" in refused(path).message
    monkeypatch.setenv("CCHC_SCORE_MAX_YAML_BYTES", "lots")
    with pytest.raises(InputFileError, match="positive whole number"):
        load_assessment(path)
    monkeypatch.delenv("CCHC_SCORE_MAX_YAML_BYTES")
    assert load_assessment(path).unit


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    from cchc_score.workbook import write_workbook

    cset = load_criteria_set(MINIMAL / "criteria.yaml")
    path = tmp_path / "t.xlsx"
    write_workbook(path, cset, load_assessment(MINIMAL / "assessment.yaml"))
    return path


def test_a_zip_bomb_is_refused_from_its_declared_sizes(
    workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with zipfile.ZipFile(workbook, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", b"\0" * 3_000_000)  # 3 MB in 3 KB
    monkeypatch.setenv("CCHC_SCORE_MAX_XLSX_UNPACKED_BYTES", "2000000")
    assert "unpacks to" in refused(workbook).message


def test_a_cell_at_the_last_row_is_refused_before_the_grid_is_walked(workbook: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(workbook)
    wb.worksheets[0].cell(row=1_048_576, column=2, value="x")
    wb.save(workbook)
    error = refused(workbook)
    assert error.place and error.place.endswith("1048576") and "rows" in error.message


def test_malformed_xml_inside_the_archive_is_refused(workbook: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(workbook) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut in the middle of an element
            dst.writestr(item, data)
    assert "not a readable .xlsx workbook" in refused(broken).message


def test_a_workbook_is_loaded_once(workbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_score.formats import xlsx

    calls: list[object] = []
    real = xlsx.load_workbook

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(xlsx, "load_workbook", counting)
    assert load_assessment(workbook).unit
    assert len(calls) == 1


def test_text_shaped_like_an_exponent_is_written_quoted_and_read_back_as_text() -> None:
    from cchc_score.formats import yamlfile

    text = yamlfile.dump({"unit": "1e5", "points": 1})
    assert yamlfile.load(text)[0] == {"unit": "1e5", "points": 1}
