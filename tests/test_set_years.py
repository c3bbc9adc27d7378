"""Sets chosen by index year: the version valid for a unit's year, an explicit version winning
with a note in the league table, and a clear refusal when no version is valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from cchc_score.cli import main
from cchc_score.errors import UnknownIdError
from cchc_score.model.criteria import CriteriaSet, YearRange
from cchc_score.plugins import build_registry

from .conftest import MINIMAL


def run(*args: str, lang: str = "en") -> Result:
    env = {"COLUMNS": "160", "CCHC_SCORE_LANG": lang}
    return CliRunner(env=env).invoke(main, list(args))


def _versions(tmp_path: Path) -> Path:
    """Two versions of the minimal set: 1.0 for 2019–2022, 2.0 from 2023 (bands moved up)."""
    data = yaml.safe_load((MINIMAL / "criteria.yaml").read_text(encoding="utf-8"))
    folder = tmp_path / "sets"
    folder.mkdir()
    old = {**data, "version": "1.0", "valid_years": {"first": 2019, "last": 2022}}
    new = {**data, "version": "2.0", "valid_years": {"first": 2023}}
    new["bands"] = {"*": [{**b, "min_index": b["min_index"]} for b in data["bands"]["*"]]}
    new["bands"]["*"][0]["min_index"] = 95
    for name, doc in (("old.yaml", old), ("new.yaml", new)):
        (folder / name).write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return folder


def _unit(tmp_path: Path, name: str, year: int, version: str | None = None) -> Path:
    data = yaml.safe_load((MINIMAL / "assessment.yaml").read_text(encoding="utf-8"))
    data.update(unit=name, unit_id=name.lower().replace(" ", "_"), year=year)
    data.pop("set_version", None)
    if version is not None:
        data["set_version"] = version
    folder = tmp_path / str(year)
    folder.mkdir(exist_ok=True)
    path = folder / f"{data['unit_id']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_year_range_includes_both_ends_and_open_sides() -> None:
    years = YearRange(first=2022, last=2023)
    assert [y in years for y in (2021, 2022, 2023, 2024)] == [False, True, True, False]
    assert 1990 in YearRange(last=2025) and 2100 in YearRange(first=2025)
    assert YearRange(first=2025).text() == "2025–…"
    with pytest.raises(ValueError, match="first 2024 is after last 2023"):
        YearRange(first=2024, last=2023)


def test_a_set_without_valid_years_takes_the_years_of_its_dates(minimal_set: CriteriaSet) -> None:
    dated = CriteriaSet.model_validate({**minimal_set.model_dump(), "valid_from": "2022-11-10"})
    assert not dated.valid_for(2021) and dated.valid_for(2022) and dated.valid_for(2030)
    assert minimal_set.valid_for(1999)  # no dates, no years: always


def test_the_version_valid_for_the_year_is_chosen(tmp_path: Path) -> None:
    reg = build_registry(entry_points=False, paths=[_versions(tmp_path)])
    assert not reg.failures
    assert reg.get_set("example_minimal", year=2021).version == "1.0"
    assert reg.get_set("example_minimal", year=2025).version == "2.0"
    assert reg.get_set("example_minimal").version == "2.0"  # no year: the newest
    assert reg.get_set("example_minimal", "1.0", year=2025).version == "1.0"  # named: it wins
    with pytest.raises(UnknownIdError, match=r"no version valid for index year 2018") as info:
        reg.get_set("example_minimal", year=2018)
    assert "1.0 (2019–2022), 2.0 (2023–…)" in str(info.value)
    assert info.value.code == "no_set_for_year"


def test_rank_picks_each_years_version_and_says_so_in_vietnamese_when_none(
    tmp_path: Path,
) -> None:
    sets = _versions(tmp_path)
    _unit(tmp_path, "Huyện A", 2021)
    _unit(tmp_path, "Huyện B", 2021)
    _unit(tmp_path, "Huyện A", 2024)
    got = run("rank", str(tmp_path / "2021"), str(tmp_path / "2024"), "--set", str(sets), "--json")
    assert got.exit_code == 0, got.output
    blocks = json.loads(got.stdout)["blocks"]  # stderr notes the 2024 unit ranked alone
    assert [(b["year"], b["criteria_sets"]) for b in blocks] == [
        (2021, ["example_minimal 1.0"]),
        (2024, ["example_minimal 2.0"]),
    ]
    assert all("sets_outside_years" not in b for b in blocks)
    early = _unit(tmp_path, "Huyện C", 2018)
    refused = run("score", str(early), "--set", str(sets), lang="vi")
    assert refused.exit_code == 2
    assert "không có phiên bản nào áp dụng cho năm đánh giá 2018" in refused.output
    assert "1.0 (2019–2022), 2.0 (2023–…)" in refused.output


def test_a_named_version_outside_its_years_is_ranked_with_a_note(tmp_path: Path) -> None:
    sets = _versions(tmp_path)
    _unit(tmp_path, "Huyện A", 2024, version="1.0")
    _unit(tmp_path, "Huyện B", 2024, version="1.0")
    folder = str(tmp_path / "2024")
    data = json.loads(run("rank", folder, "--set", str(sets), "--json").output)
    assert data["blocks"][0]["sets_outside_years"] == ["example_minimal 1.0 (2019–2022)"]
    text = run("rank", folder, "--set", str(sets)).output
    assert "Note: ranked under example_minimal 1.0 (2019–2022)" in " ".join(text.split())
    vi = run("rank", folder, "--set", str(sets), lang="vi").output
    assert "không áp dụng cho năm đánh giá 2024" in " ".join(vi.split())
    page = tmp_path / "league.html"
    assert run("rank", folder, "--set", str(sets), "--export", str(page)).exit_code == 0
    assert "not valid for this index year" in page.read_text(encoding="utf-8")


def test_shipped_packs_declare_their_index_years() -> None:
    reg = build_registry()
    district = reg.get_set("lam_dong_district_2021")
    assert district.years == YearRange(
        first=2017, last=2025, note_vi=district.years.note_vi, note_en=district.years.note_en
    )
    for set_id in ("vn_par_province_2022", "vn_par_ministry_2022"):
        assert reg.get_set(set_id).years.text() == "2022–2023"
        with pytest.raises(UnknownIdError):
            reg.get_set(set_id, year=2025)


def test_the_2025_packs_are_listed_and_use_the_deductions_kind() -> None:
    reg = build_registry()
    listed = run("sets").output
    for set_id in ("lam_dong_commune_2025", "lam_dong_department_2025"):
        cset = reg.get_set(set_id, year=2025)
        assert cset.years.text() == "2025–…"
        assert cset.node("9").extra and cset.node("9.2").rule is not None
        assert cset.node("9.2").rule.kind == "deductions"
        assert set_id in listed
        with pytest.raises(UnknownIdError):
            reg.get_set(set_id, year=2024)
    assert reg.get_set("lam_dong_district_2021", year=2025).version == "2021.1"
