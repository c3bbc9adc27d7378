"""The Di Linh example: 36 assessments that retell Di Linh's fall from 3rd to 6th to 8th."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_score.cli import main
from cchc_score.errors import CchcScoreError, UnknownIdError
from cchc_score.loading import assessment_files, load_assessment
from cchc_score.plugins import build_registry
from cchc_score.story import Story, load_story

from .installing import cli, pip_install

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "di_linh"
YEARS = (2019, 2020, 2021)
UNITS = {
    "Thành phố Đà Lạt",
    "Thành phố Bảo Lộc",
    "Huyện Lạc Dương",
    "Huyện Đơn Dương",
    "Huyện Đức Trọng",
    "Huyện Lâm Hà",
    "Huyện Đam Rông",
    "Huyện Di Linh",
    "Huyện Bảo Lâm",
    "Huyện Đạ Huoai",
    "Huyện Đạ Tẻh",
    "Huyện Cát Tiên",
}


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(build_registry(), EXAMPLE)


def test_all_36_assessments_score_under_the_installed_pack(story: Story) -> None:
    assert len(story.results) == 36
    for year in YEARS:
        units = {r.unit for r in story.results if r.year == year}
        assert units == UNITS, year
    assert {(r.criteria_set, r.block) for r in story.results} == {
        ("lam_dong_district_2021", "district")
    }
    assert not any(r.flag_counts.get("missing_evidence") for r in story.results)


def test_di_linh_ranks_3rd_then_6th_then_8th(story: Story) -> None:
    places = story.places()
    assert [p.year for p in places] == list(YEARS)
    assert [(p.standing.rank, p.standing.of) for p in places] == [(3, 12), (6, 12), (8, 12)]


def test_no_two_units_share_an_index_in_any_year(story: Story) -> None:
    for year in YEARS:
        indexes = [r.index for r in story.results if r.year == year]
        assert len(set(indexes)) == 12, year


def test_the_2021_gap_to_3rd_place_is_a_few_points(story: Story) -> None:
    last = story.places()[-1]
    assert last.target is not None and last.target.unit != "Huyện Di Linh"
    assert last.gap is not None and Decimal(2) <= last.gap <= Decimal(5)


def test_others_improve_while_di_linh_stands_still(story: Story) -> None:
    """Half of Di Linh's fall is the other units getting better."""
    index = {(r.unit_id, r.year): r.index for r in story.results}
    others = {unit_id for unit_id, _ in index} - {"di_linh"}
    improved = [u for u in others if index[(u, 2021)] > index[(u, 2019)]]
    assert len(improved) == len(others)
    assert abs(index[("di_linh", 2021)] - index[("di_linh", 2019)]) < 2


def test_di_linh_2021_online_rate_is_the_real_10_46_percent(story: Story) -> None:
    doc = load_assessment(EXAMPLE / "2021" / "di_linh.yaml")
    assert doc.leaves["7.3"].value == Decimal("10.46")
    node = story.result(2021).node("7.3")
    assert node.value == "10.46%"
    assert node.final_points == Decimal("0.6276")


def test_di_linh_2021_loses_points_where_the_article_says(story: Story) -> None:
    """Commune inspection, the electronic one-stop system at communes, land dossiers, online
    applications and civil servants' attitude each cost Di Linh points in 2021."""
    now, before = story.result(2021), story.result(2019)
    for leaf in ("1.3.3", "3.2.5", "3.3.2", "7.3", "8.3"):
        assert now.node(leaf).lost > 0, leaf
    for leaf in ("1.3.3", "3.2.5", "3.3.2", "8.3"):
        assert now.node(leaf).final_points < before.node(leaf).final_points, leaf
    one_stop = now.node("3.2.5")
    assert one_stop.appraisal_reason and "appraisal_adjusted" in one_stop.flags
    on_time = load_assessment(EXAMPLE / "2021" / "di_linh.yaml").leaves["3.3.1"].value
    assert Decimal(97) <= on_time < Decimal(99)  # later reports: about 98 %


def test_every_file_says_its_figures_are_illustrative() -> None:
    files = assessment_files([EXAMPLE / str(year) for year in YEARS])
    assert len(files) == 36
    for path in files:
        head = path.read_text(encoding="utf-8")[:1200]
        assert "SỐ LIỆU MINH HỌA" in head and "ILLUSTRATIVE DATA" in head, path
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    assert "Số liệu minh họa" in readme and "Illustrative data" in readme


def test_evidence_has_dated_documents_and_appraisals_have_reasons() -> None:
    for path in assessment_files([EXAMPLE / str(year) for year in YEARS]):
        doc = load_assessment(path)
        documents = [d for leaf in doc.leaves.values() for d in leaf.documents]
        assert len(documents) >= 40, path
        for d in documents:
            assert d.number and d.issuer and d.title and d.date is not None, path
            assert doc.year <= d.date.year <= doc.year + 1, (path, d)
        assert doc.appraisal is not None and doc.appraisal.rounds
        adjustments = doc.appraisal.rounds[0].adjustments.values()
        assert adjustments and all(a.reason for a in adjustments), path
        assert doc.survey is not None and len(doc.survey.leaves) == 7, path


def test_generate_py_writes_exactly_the_committed_files(tmp_path: Path) -> None:
    """The files are the script's output: a hand edit would be lost at the next run."""
    subprocess.run(
        [sys.executable, str(EXAMPLE / "generate.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    for year in YEARS:
        names = sorted(p.name for p in (EXAMPLE / str(year)).glob("*.yaml"))
        match, mismatch, errors = filecmp.cmpfiles(
            EXAMPLE / str(year), tmp_path / str(year), names, shallow=False
        )
        assert (mismatch, errors) == ([], []), year
        assert len(match) == 12


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "Huyện Di Linh: hạng 3 (2019) → 6 (2020) → 8 (2021)."),
        ("en", "Huyện Di Linh: ranked 3 (2019) → 6 (2020) → 8 (2021)."),
    ],
    ids=["vi", "en"],
)
def test_demo_prints_di_linh_s_breakdown_and_ranks(lang: str, expected: str) -> None:
    result = CliRunner().invoke(main, ["demo", "--lang", lang], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Huyện Di Linh (2021)" in out  # the breakdown's title
    figures = ("7.3", "10.46%") if lang == "en" else ("7,3", "10,46%")  # the decimal comma
    assert figures[0] in out and figures[1] in out
    assert expected in out
    assert "8/12" in out and "3/12" in out and "6/12" in out


def test_demo_runs_from_a_wheel_install(tmp_path: Path) -> None:
    """Installed from a wheel, the demo finds its examples inside the package and its pack
    through the entry point, and the report templates travel with it."""
    target = pip_install(ROOT, tmp_path / "site")
    assert (target / "cchc_score" / "_examples" / "di_linh" / "2021" / "di_linh.yaml").is_file()
    run = cli(target, "demo", "--export", "story.html", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Huyện Di Linh: ranked 3 (2019) → 6 (2020) → 8 (2021)." in run.stdout
    page = (tmp_path / "story.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page


def test_a_story_without_its_unit_says_which_unit_and_folder(tmp_path: Path) -> None:
    year = tmp_path / "2021"
    year.mkdir()
    for path in (EXAMPLE / "2021").glob("*.yaml"):
        if path.name != "di_linh.yaml":
            (year / path.name).write_bytes(path.read_bytes())
    with pytest.raises(UnknownIdError, match="di_linh") as caught:
        load_story(build_registry(), tmp_path)
    assert caught.value.file == str(tmp_path)


def test_a_broken_assessment_in_a_story_is_named_with_its_line(tmp_path: Path) -> None:
    year = tmp_path / "2021"
    year.mkdir()
    text = (EXAMPLE / "2021" / "di_linh.yaml").read_text(encoding="utf-8")
    broken = text.replace('"7.3":\n    value: 10.46', '"7.3":\n    value: 110.46')
    assert broken != text
    (year / "di_linh.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(CchcScoreError) as caught:
        load_story(build_registry(), tmp_path)
    message = str(caught.value)
    assert "di_linh.yaml" in message and "7.3" in message and "110.46" in message
