"""Surveys as run: results per respondent group, combined as the set says, shown in reports;
and the no-survey rule that rescales the appraised points to the full scale."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from cchc_score import CchcScoreError, load_assessment, load_criteria_set, score
from cchc_score.cli import main
from cchc_score.workbook import read_pack_workbook, write_pack_workbook

from .conftest import MINIMAL

SURVEY_SETTINGS = """\
survey:
  groups:
    - {code: hdnd, label_vi: Đại biểu HĐND, label_en: People's Council delegates, weight: 25}
    - code: nguoi_dan
      label_vi: "Người dân, doanh nghiệp"
      label_en: People and businesses
      weight: 75
  combine: COMBINE
  absent: ABSENT
"""
GROUPS = {
    "hdnd": {"distribution": {"A": 30, "B": 10}, "respondents": 40},
    "nguoi_dan": {"distribution": {"A": 100, "C": 50, "D": 50}, "respondents": 200},
}


def write_set(folder: Path, combine: str = "weights", absent: str = "zero") -> Path:
    """The minimal example set with survey settings."""
    text = (MINIMAL / "criteria.yaml").read_text(encoding="utf-8")
    settings = SURVEY_SETTINGS.replace("COMBINE", combine).replace("ABSENT", absent)
    path = folder / "criteria.yaml"
    path.write_text(text.replace("bands:\n", settings + "bands:\n", 1), encoding="utf-8")
    return path


def write_assessment(folder: Path, survey: dict[str, object] | None, name: str = "a.yaml") -> Path:
    data = yaml.safe_load((MINIMAL / "assessment.yaml").read_text(encoding="utf-8"))
    if survey is None:
        data.pop("survey")
    else:
        data["survey"] = {"leaves": survey}
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def run(*args: str, lang: str = "vi") -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "120", "CCHC_SCORE_LANG": lang})
    return result.exit_code, result.stdout, result.stderr


def test_groups_weighted_by_the_set_give_the_leaf_its_points(tmp_path: Path) -> None:
    """hdnd earns 90 % of 6 points (5.4), people 55 % (3.3); weighted 25/75: 3.825."""
    cset = load_criteria_set(write_set(tmp_path))
    doc = load_assessment(write_assessment(tmp_path, {"2.2": {"groups": GROUPS}}))
    result = score(cset, doc)
    assert result.node("2.2").final_points == Decimal("3.825")
    parts = {g.code: g for g in result.survey_groups["2.2"]}
    assert parts["hdnd"].points == Decimal("5.4")
    assert parts["nguoi_dan"].points == Decimal("3.3")
    assert parts["hdnd"].share == Decimal("0.25")
    assert parts["nguoi_dan"].distribution == {
        "A": Decimal("50.00"),
        "C": Decimal("25.00"),
        "D": Decimal("25.00"),
    }


def test_groups_weighted_by_sample_size_score_as_the_pooled_answers(tmp_path: Path) -> None:
    cset = load_criteria_set(write_set(tmp_path, combine="respondents"))
    grouped = score(cset, load_assessment(write_assessment(tmp_path, {"2.2": {"groups": GROUPS}})))
    pooled = {"distribution": {"A": 130, "B": 10, "C": 50, "D": 50}, "respondents": 240}
    whole = score(cset, load_assessment(write_assessment(tmp_path, {"2.2": pooled}, "b.yaml")))
    assert grouped.node("2.2").final_points == whole.node("2.2").final_points == Decimal("3.65")
    assert grouped.total == whole.total


def test_a_set_without_survey_settings_pools_groups_by_sample_size(tmp_path: Path) -> None:
    cset = load_criteria_set(MINIMAL / "criteria.yaml")
    groups = {"x": {"points": 6, "respondents": 10}, "y": {"points": 0, "respondents": 30}}
    doc = load_assessment(write_assessment(tmp_path, {"2.2": {"groups": groups}}))
    result = score(cset, doc)
    assert result.node("2.2").final_points == Decimal("1.5")
    assert [g.label_vi for g in result.survey_groups["2.2"]] == ["x", "y"]


def test_the_score_report_shows_each_group_in_vietnamese(tmp_path: Path) -> None:
    path = write_set(tmp_path)
    doc = write_assessment(tmp_path, {"2.2": {"groups": GROUPS}})
    code, out, err = run("score", str(doc), "--set", str(path))
    assert code == 0, err
    assert "Điều tra xã hội học theo nhóm đối tượng" in out
    section = out[out.index("Điều tra xã hội học theo nhóm đối tượng") :]
    assert "Đại biểu HĐND" in section and "Người dân, doanh nghiệp" in section
    assert "Số phiếu" in section and "Trọng số" in section
    assert "3,83/6,00" in section
    assert "25,0%" in section and "75,0%" in section


def test_the_html_report_lists_the_groups(tmp_path: Path) -> None:
    path = write_set(tmp_path)
    doc = write_assessment(tmp_path, {"2.2": {"groups": GROUPS}})
    page = tmp_path / "r.html"
    code, _out, err = run("score", str(doc), "--set", str(path), "--export", str(page))
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert "Điều tra XHH theo nhóm đối tượng" in html
    assert "Người dân, doanh nghiệp" in html and "75,0 %" in html


def test_json_keeps_the_groups_and_files_without_groups_print_as_before(tmp_path: Path) -> None:
    path = write_set(tmp_path)
    doc = write_assessment(tmp_path, {"2.2": {"groups": GROUPS}})
    code, out, _ = run("score", str(doc), "--set", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert [g["code"] for g in data["survey_groups"]["2.2"]] == ["hdnd", "nguoi_dan"]
    assert "rescaled_from" not in data
    code, out, _ = run(
        "score", str(MINIMAL / "assessment.yaml"), "--set", str(MINIMAL / "criteria.yaml"), "--json"
    )
    assert code == 0
    assert "survey_groups" not in json.loads(out)


def test_a_json_assessment_file_may_give_groups(tmp_path: Path) -> None:
    path = write_set(tmp_path)
    data = yaml.safe_load(write_assessment(tmp_path, {"2.2": {"groups": GROUPS}}).read_text())
    doc = tmp_path / "a.json"
    doc.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    code, out, err = run("score", str(doc), "--set", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["survey_groups"]["2.2"][0]["points"] == "5.4"


def test_groups_round_trip_through_the_workbook(tmp_path: Path) -> None:
    path = write_set(tmp_path)
    doc = write_assessment(tmp_path, {"2.2": {"groups": GROUPS}})
    book = tmp_path / "a.xlsx"
    code, _o, err = run("template", str(path), "--from", str(doc), "-o", str(book))
    assert code == 0, err
    ws = openpyxl.load_workbook(book)["Điều tra XHH"]
    assert ws.cell(row=1, column=3).value.startswith("Nhóm đối tượng")
    assert [ws.cell(row=r, column=3).value for r in (2, 3)] == ["hdnd", "nguoi_dan"]
    cset = load_criteria_set(path)
    assert score(cset, load_assessment(book)) == score(cset, load_assessment(doc))


def test_a_group_typed_twice_in_the_workbook_is_named_by_its_cell(tmp_path: Path) -> None:
    path = write_set(tmp_path)
    doc = write_assessment(tmp_path, {"2.2": {"groups": GROUPS}})
    book = tmp_path / "a.xlsx"
    run("template", str(path), "--from", str(doc), "-o", str(book))
    wb = openpyxl.load_workbook(book)
    wb["Điều tra XHH"].cell(row=3, column=3).value = "hdnd"
    wb.save(book)
    code, _o, err = run("score", str(book), "--set", str(path), lang="en")
    assert code == 2
    assert "'Điều tra XHH'!C3" in err and "group hdnd appears twice" in err


def test_a_leaf_given_both_per_group_and_whole_is_refused_in_one_line(tmp_path: Path) -> None:
    path = write_set(tmp_path)
    both = {"groups": GROUPS, "distribution": {"A": 1}}
    doc = write_assessment(tmp_path, {"2.2": both})
    code, _o, err = run("score", str(doc), "--set", str(path))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "theo từng nhóm đối tượng hoặc cho toàn bộ người trả lời" in err


def test_an_unknown_group_is_named_with_the_set_s_groups(tmp_path: Path) -> None:
    path = write_set(tmp_path)
    doc = write_assessment(tmp_path, {"2.2": {"groups": {"sv": {"points": 3}}}})
    code, _o, err = run("score", str(doc), "--set", str(path), lang="en")
    assert code == 2
    assert "survey group 'sv' is not one of the set's groups (hdnd, nguoi_dan)" in err
    assert "2.2" in err


def test_weights_must_be_given_when_the_set_combines_by_weight(tmp_path: Path) -> None:
    text = write_set(tmp_path).read_text(encoding="utf-8").replace(", weight: 25", "")
    (tmp_path / "criteria.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CchcScoreError, match="survey group 'hdnd' needs a weight"):
        load_criteria_set(tmp_path / "criteria.yaml")


def test_without_a_survey_the_appraised_points_are_rescaled_when_the_set_says_so(
    tmp_path: Path,
) -> None:
    """The minimal set has 14 appraised points and 6 survey points of 20; bonus is added after."""
    cset = load_criteria_set(write_set(tmp_path, absent="rescale"))
    doc = load_assessment(write_assessment(tmp_path, None))
    plain = score(load_criteria_set(MINIMAL / "criteria.yaml"), doc)
    bonus = plain.node("3").final_points
    appraised = plain.unrounded_total - bonus
    result = score(cset, doc)
    assert result.rescaled_from == Decimal(14)
    assert result.total == (appraised * 20 / 14 + bonus).quantize(Decimal("0.01"))
    assert result.node("2.2").flags == ("missing_survey",)


def test_a_survey_given_is_never_rescaled(tmp_path: Path) -> None:
    cset = load_criteria_set(write_set(tmp_path, absent="rescale"))
    doc = load_assessment(MINIMAL / "assessment.yaml")
    result = score(cset, doc)
    assert result.rescaled_from is None
    assert result.total == score(load_criteria_set(MINIMAL / "criteria.yaml"), doc).total


def test_the_default_scores_an_absent_survey_zero(tmp_path: Path) -> None:
    cset = load_criteria_set(write_set(tmp_path))
    doc = load_assessment(write_assessment(tmp_path, None))
    result = score(cset, doc)
    assert result.rescaled_from is None
    assert result.total == score(load_criteria_set(MINIMAL / "criteria.yaml"), doc).total


def test_the_rescaled_total_is_explained_in_the_report(tmp_path: Path) -> None:
    path = write_set(tmp_path, absent="rescale")
    doc = write_assessment(tmp_path, None)
    code, out, _ = run("score", str(doc), "--set", str(path), lang="en")
    assert code == 0
    assert "No survey was run: the appraised points" in out
    # 5.34 appraised points in the areas counted (the 0.25 bonus is added after the rescale).
    assert "(5.34 of 14.00) are rescaled to 20.00 points" in " ".join(out.split())
    code, out, _ = run("score", str(doc), "--set", str(path))
    assert "Không tiến hành điều tra xã hội học" in out
    page = tmp_path / "r.html"
    assert run("score", str(doc), "--set", str(path), "--export", str(page))[0] == 0
    html = page.read_text(encoding="utf-8")
    assert "Không điều tra XHH" in html and "(5,34/14,00) quy đổi về thang 20,00 điểm" in html


def test_survey_settings_survive_the_criteria_workbook(tmp_path: Path) -> None:
    cset = load_criteria_set(write_set(tmp_path, absent="rescale"))
    book = write_pack_workbook(tmp_path / "set.xlsx", cset)
    again, _data = read_pack_workbook(book)
    assert again.survey == cset.survey


def test_the_schemas_describe_groups_and_settings() -> None:
    code, out, _ = run("schema", "assessment")
    assert code == 0 and "SurveyGroupResult" in out
    code, out, _ = run("schema", "pack")
    assert code == 0 and "SurveySettings" in out and "band_on" in out
