"""Published tables as provinces print them: parts that add up, "90,10%" cells, a published rank
kept for a table of only some units; and bands on the rounded or the unrounded index."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner, Result

from cchc_score import load_criteria_set, score
from cchc_score.cli import main
from cchc_score.model.evidence import Assessment

from .conftest import MINIMAL

CRITERIA = str(MINIMAL / "criteria.yaml")


def run(*args: str, lang: str = "vi") -> Result:
    return CliRunner(env={"COLUMNS": "120", "CCHC_SCORE_LANG": lang}).invoke(main, list(args))


def table(folder: Path, text: str) -> str:
    path = folder / "ket_qua.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def standings(result: Result) -> dict[str, dict[str, object]]:
    assert result.exit_code == 0, result.output
    league = json.loads(result.stdout)
    return {s["unit"]: s for b in league["blocks"] for s in b["standings"]}


def test_a_total_that_is_not_appraised_plus_survey_is_named_in_vietnamese(tmp_path: Path) -> None:
    path = table(
        tmp_path,
        "đơn vị,khối,năm,điểm thẩm định,điểm điều tra,tổng điểm\n"
        'Đà Nẵng,province,2012,"53,25","33,87","87,12"\n'
        'Huế,province,2012,"50,10","30,00","81,10"\n',
    )
    result = run("rank", path, "--strict")
    assert result.exit_code == 2
    assert "ket_qua.csv, dòng 3, cột tổng điểm" in result.stderr
    assert "81,10" in result.stderr and "50,10" in result.stderr and "30,00" in result.stderr
    assert "không bằng điểm thẩm định" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2  # the error, then the --strict summary


def test_parts_need_agree_only_to_their_rounding(tmp_path: Path) -> None:
    """53.254 + 33.874 = 87.128: published 53.25, 33.87 and 87.13."""
    path = table(
        tmp_path,
        "unit,block,year,appraised,survey,total\nA,province,2012,53.25,33.87,87.13\n",
    )
    got = standings(run("rank", path, "--json"))
    assert got["A"]["total"] == "87.13"


def test_rows_without_all_three_figures_are_not_checked(tmp_path: Path) -> None:
    path = table(tmp_path, "unit,block,year,appraised,total\nA,province,2012,53.25,90\n")
    assert standings(run("rank", path, "--json"))["A"]["index"] == "90.00"


def test_percent_and_decimal_comma_cells_are_read_as_indexes(tmp_path: Path) -> None:
    path = table(
        tmp_path,
        "đơn vị;khối;năm;chỉ số\n"
        "Quảng Ninh;province;2022;90,10%\n"
        "Hải Phòng;province;2022;90.09 %\n"
        "Đà Nẵng;province;2022;90,1\n",
    )
    got = standings(run("rank", path, "--json"))
    assert {u: (s["index"], s["rank"]) for u, s in got.items()} == {
        "Quảng Ninh": ("90.10", 1),
        "Đà Nẵng": ("90.1", 1),
        "Hải Phòng": ("90.09", 3),
    }


def test_a_percent_sign_in_a_points_column_is_refused(tmp_path: Path) -> None:
    path = table(tmp_path, "unit,block,year,total\nA,province,2022,90%\n")
    result = run("rank", path, "--strict", lang="en")
    assert result.exit_code == 2
    assert "line 2, column total: '90%' is not a number of points" in result.stderr


def test_a_partial_table_keeps_its_published_rank_and_of_n(tmp_path: Path) -> None:
    """Only Di Linh and Bảo Lâm of the 12 district-level units are listed."""
    path = table(
        tmp_path,
        "đơn vị,khối,năm,chỉ số,xếp hạng\n"
        'Huyện Di Linh,district,2021,"83,27%",8/12\n'
        'Huyện Bảo Lâm,district,2021,"84,55%",6/12\n',
    )
    got = standings(run("rank", path, "--json"))
    assert (got["Huyện Di Linh"]["rank"], got["Huyện Di Linh"]["of"]) == (8, 12)
    assert (got["Huyện Bảo Lâm"]["rank"], got["Huyện Bảo Lâm"]["of"]) == (6, 12)
    shown = run("rank", path)
    assert shown.exit_code == 0
    assert "8/12" in shown.stdout and "6/12" in shown.stdout


def test_rank_and_of_may_be_two_columns(tmp_path: Path) -> None:
    path = table(tmp_path, "unit,block,year,index,rank,of\nDi Linh,district,2021,83.27,8,12\n")
    got = standings(run("rank", path, "--json"))
    assert (got["Di Linh"]["rank"], got["Di Linh"]["of"]) == (8, 12)


def test_a_complete_table_is_ranked_from_its_figures(tmp_path: Path) -> None:
    """A rank --csv table read back lists every unit: its ranks are worked out again."""
    path = table(
        tmp_path,
        "unit,block,year,index,rank,of\nA,district,2021,80,2,2\nB,district,2021,90,1,2\n",
    )
    got = standings(run("rank", path, "--json"))
    assert (got["A"]["rank"], got["B"]["rank"]) == (2, 1)


def test_more_units_than_the_published_of_n_are_refused(tmp_path: Path) -> None:
    path = table(
        tmp_path,
        "unit,block,year,index,rank\nA,district,2021,80,1/1\nB,district,2021,90,1/1\n",
    )
    result = run("rank", path, "--strict", lang="en")
    assert result.exit_code == 2
    assert "rank 1 of 1, but the table lists 2 units of block 'district' in 2021" in result.stderr


def test_a_rank_beyond_its_of_n_is_named(tmp_path: Path) -> None:
    path = table(tmp_path, "unit,block,year,index,rank\nA,district,2021,80,13/12\n")
    result = run("rank", path, "--strict", lang="en")
    assert result.exit_code == 2
    assert "line 2, column rank: rank 13 is beyond the 12 units ranked" in result.stderr


def _boundary_set(tmp_path: Path, band_on: str | None) -> Path:
    """A 100-point set with one proportional leaf: its value is its points."""
    on = f", band_on: {band_on}" if band_on else ""
    text = f"""\
id: boundary
version: "1"
title_vi: Ranh giới
title_en: Boundary
unit_type: district
total_max: 100
rounding: {{places: 2, mode: half_up, at: total, index_places: 2{on}}}
bands:
  "*":
    - {{code: A, label_vi: Nhóm A, label_en: Group A, min_index: 90}}
    - {{code: B, label_vi: Nhóm B, label_en: Group B, min_index: 0}}
nodes:
  - id: "1"
    label_vi: Tỷ lệ
    label_en: Share
    max_points: 100
    rule: {{kind: proportional, params: {{measure_vi: Tỷ lệ, measure_en: Share}}}}
"""
    path = tmp_path / f"boundary_{band_on}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_by_default_a_unit_is_banded_on_its_published_rounded_index(tmp_path: Path) -> None:
    cset = load_criteria_set(_boundary_set(tmp_path, None))
    doc = Assessment(
        unit="X",
        block="district",
        year=2021,
        criteria_set="boundary",
        leaves={"1": {"value": 89.995}},
    )
    result = score(cset, doc)
    assert (result.total, result.index) == (Decimal("90.00"), Decimal("90.00"))
    assert result.band is not None and result.band.code == "A"


def test_band_on_unrounded_keeps_89_995_below_90(tmp_path: Path) -> None:
    cset = load_criteria_set(_boundary_set(tmp_path, "unrounded"))
    doc = Assessment(
        unit="X",
        block="district",
        year=2021,
        criteria_set="boundary",
        leaves={"1": {"value": 89.995}},
    )
    result = score(cset, doc)
    assert result.index == Decimal("90.00")  # published as 90.00 all the same
    assert result.band is not None and result.band.code == "B"


def test_a_published_total_is_banded_on_its_unrounded_index_when_the_set_says(
    tmp_path: Path,
) -> None:
    path = table(tmp_path, "unit,block,year,total\nX,district,2021,89.995\n")
    for band_on, code in ((None, "A"), ("unrounded", "B")):
        cset = _boundary_set(tmp_path, band_on)
        args = ["rank", path, "--set", str(cset), "--set-id", "boundary", "--json"]
        assert standings(run(*args))["X"]["band"]["code"] == code
