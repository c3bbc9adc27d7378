"""The Lâm Đồng 2025 example: ranking its files with the CLI reproduces what was published."""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cchc_score.cli import main

from .conftest import EXAMPLES

EXAMPLE = EXAMPLES / "lam_dong_2025"


def rank(folder: str) -> dict[str, Any]:
    got = CliRunner(env={"CCHC_SCORE_LANG": "en"}).invoke(
        main, ["rank", str(EXAMPLE / folder), "--json"]
    )
    assert got.exit_code == 0, got.output
    (block,) = json.loads(got.output)["blocks"]
    return dict(block)


@pytest.fixture(scope="module")
def communes() -> dict[str, Any]:
    return rank("communes")


@pytest.fixture(scope="module")
def departments() -> dict[str, Any]:
    return rank("departments")


def by_unit(block: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["unit"]: s for s in block["standings"]}


def test_communes_reproduce_the_published_band_counts(communes: dict[str, Any]) -> None:
    assert communes["block"] == "commune_level" and communes["year"] == 2025
    assert communes["criteria_sets"] == ["lam_dong_commune_2025 2025.1"]
    assert communes["band_counts"] == {"tot": 26, "kha": 80, "trung_binh": 18}
    assert "sets_outside_years" not in communes


def test_phuong_phu_thuy_is_third_of_the_communes(communes: dict[str, Any]) -> None:
    phu_thuy = by_unit(communes)["Phường Phú Thủy"]
    assert (phu_thuy["rank"], phu_thuy["of"]) == (3, 124)
    assert len({s["index"] for s in communes["standings"]}) == 124  # no tie moves the rank


def test_the_commune_level_is_103_communes_20_wards_and_a_special_zone(
    communes: dict[str, Any],
) -> None:
    names = [s["unit"] for s in communes["standings"]]
    kinds = [n.split(" ")[0] for n in names]
    assert (kinds.count("Xã"), kinds.count("Phường"), kinds.count("Đặc")) == (103, 20, 1)
    assert "Đặc khu Phú Quý" in names


def test_departments_reproduce_the_published_figures(departments: dict[str, Any]) -> None:
    # Published: 11 Tốt (9 departments, the Office of the PPC, the industrial-zones board),
    # 3 Khá, and Sở Ngoại vụ last at 60.43, among the 19 units criticised for Trung bình.
    assert departments["band_counts"] == {"tot": 11, "kha": 3, "trung_binh": 1}
    first = departments["standings"][0]
    last = departments["standings"][-1]
    assert (first["unit"], first["rank"], first["index"]) == ("Sở Tư pháp", 1, "93.01")
    assert (last["unit"], last["rank"], last["index"]) == ("Sở Ngoại vụ", 15, "60.43")
    assert last["band"]["label_vi"] == "Trung bình"
    good = [s["unit"] for s in departments["standings"] if s["band"]["code"] == "tot"]
    assert "Văn phòng UBND tỉnh" in good and "Ban Quản lý các khu công nghiệp tỉnh" in good
    # The article's "9 sở": eight departments and the provincial inspectorate (Thanh tra tỉnh).
    assert len(set(good) - {"Văn phòng UBND tỉnh", "Ban Quản lý các khu công nghiệp tỉnh"}) == 9


def test_nineteen_units_are_trung_binh_as_the_province_criticised(
    communes: dict[str, Any], departments: dict[str, Any]
) -> None:
    assert communes["band_counts"]["trung_binh"] + departments["band_counts"]["trung_binh"] == 19


def test_the_blocks_are_named_as_the_province_names_them() -> None:
    env = {"COLUMNS": "120", "CCHC_SCORE_LANG": "vi"}
    out = CliRunner(env=env).invoke(main, ["rank", str(EXAMPLE / "departments")]).output
    assert "Khối sở, ban, ngành" in out
    out = CliRunner(env=env).invoke(main, ["rank", str(EXAMPLE / "communes")]).output
    assert "Khối xã, phường, đặc khu" in out and "Tốt 26, Khá 80, Trung bình 18" in out


def test_a_units_deductions_are_explained_one_by_one() -> None:
    with_faults = [
        p for p in sorted((EXAMPLE / "communes").glob("*.yaml")) if "late_report" in p.read_text()
    ]
    assert with_faults
    env = {"COLUMNS": "200", "CCHC_SCORE_LANG": "vi"}
    got = CliRunner(env=env).invoke(main, ["score", str(with_faults[0]), "--json"])
    node = next(n for n in json.loads(got.output)["nodes"][8]["children"] if n["id"] == "9.2")
    assert node["value"].startswith("Chậm gửi báo cáo CCHC theo yêu cầu: Báo cáo CCHC quý")
    assert "tài liệu kiểm chứng: Công văn 1520/SNV-CCHC" in node["value"]
    assert node["value_en"].startswith("A PAR report sent late:")


def test_generate_py_writes_exactly_the_committed_files(tmp_path: Path) -> None:
    """The files are the script's output: a hand edit would be lost at the next run."""
    subprocess.run(
        [sys.executable, str(EXAMPLE / "generate.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    for folder, count in (("communes", 124), ("departments", 15)):
        names = sorted(p.name for p in (EXAMPLE / folder).glob("*.yaml"))
        match, mismatch, errors = filecmp.cmpfiles(
            EXAMPLE / folder, tmp_path / folder, names, shallow=False
        )
        assert (mismatch, errors) == ([], []), folder
        assert len(match) == count
        assert sorted(p.name for p in (tmp_path / folder).glob("*.yaml")) == names
