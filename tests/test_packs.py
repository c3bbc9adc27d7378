"""The national packs under Decision 876/QĐ-BNV: found through the entry point, valid, counted."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_score.cli import main
from cchc_score.model.criteria import CriteriaSet
from cchc_score.plugins import Registry, build_registry

from .installing import cli, pip_install

CRITERIA = Path(__file__).resolve().parents[1] / "criteria"

#: (criteria, sub-criteria) per area. Ministries: seen in the decision's summary (DOMAIN.md).
#: Provinces: only the totals 37 / 88 are seen; the split between areas is the pack's own.
MINISTRY_COUNTS = {
    "1": (7, 6),
    "2": (9, 15),
    "3": (6, 19),
    "4": (4, 14),
    "5": (6, 16),
    "6": (3, 13),
    "7": (3, 14),
}
PACKS = ["vn_par_province_2022", "vn_par_ministry_2022"]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return build_registry()


def get(registry: Registry, pack: str) -> CriteriaSet:
    return registry.get_set(pack)


def counts(cset: CriteriaSet) -> dict[str, tuple[int, int]]:
    """Criteria (depth 2) and sub-criteria (depth 3) per area."""
    return {
        area.id: (len(area.children), sum(len(c.children) for c in area.children))
        for area in cset.nodes
    }


def survey_points(cset: CriteriaSet) -> Decimal:
    return sum((leaf.max_points for leaf in cset.leaves() if leaf.source == "survey"), Decimal(0))


@pytest.mark.parametrize("pack", PACKS)
def test_pack_is_registered_by_its_own_entry_point(registry: Registry, pack: str) -> None:
    found = registry.sets[(pack, "2022")]
    assert found.plugin == pack
    assert pack in registry.plugins
    assert not [f for f in registry.failures if f.plugin == pack]


@pytest.mark.parametrize("pack", PACKS)
def test_pack_passes_check_pack_with_its_cases(pack: str) -> None:
    result = CliRunner().invoke(main, ["check-pack", str(CRITERIA / pack), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"{pack} 2022 valid" in result.output
    assert "rules.yaml: " in result.output
    assert "bands.yaml: " in result.output
    assert " 0 failed" in result.output


def test_province_set_has_8_areas_37_criteria_88_sub_criteria(registry: Registry) -> None:
    cset = get(registry, "vn_par_province_2022")
    per_area = counts(cset)
    assert len(per_area) == 8
    assert sum(c for c, _ in per_area.values()) == 37
    assert sum(s for _, s in per_area.values()) == 88
    assert cset.total_max == 100
    assert Decimal(0) < survey_points(cset) < Decimal(100)
    assert cset.unit_type == "province"


def test_province_set_gives_32_points_to_the_survey_and_68_to_appraisal(
    registry: Registry,
) -> None:
    """32 survey points: vietnambiz.vn, 19/4/2023 (DOMAIN §2)."""
    cset = get(registry, "vn_par_province_2022")
    assert survey_points(cset) == Decimal(32)
    appraised = sum(
        (leaf.max_points for leaf in cset.leaves() if leaf.source == "appraisal"), Decimal(0)
    )
    assert appraised == Decimal(68)


def test_ministry_set_has_the_per_area_counts_of_the_decision(registry: Registry) -> None:
    cset = get(registry, "vn_par_ministry_2022")
    assert counts(cset) == MINISTRY_COUNTS
    assert sum(c for c, _ in MINISTRY_COUNTS.values()) == 38
    assert sum(s for _, s in MINISTRY_COUNTS.values()) == 97
    assert cset.unit_type == "ministry"


def test_ministry_set_gives_31_5_points_to_the_survey_and_68_5_to_appraisal(
    registry: Registry,
) -> None:
    cset = get(registry, "vn_par_ministry_2022")
    assert cset.total_max == 100
    assert survey_points(cset) == Decimal("31.5")
    appraised = sum(
        (leaf.max_points for leaf in cset.leaves() if leaf.source == "appraisal"), Decimal(0)
    )
    assert appraised == Decimal("68.5")


@pytest.mark.parametrize("pack", PACKS)
def test_pack_cites_decision_876_and_the_national_groups(registry: Registry, pack: str) -> None:
    cset = get(registry, pack)
    (basis,) = cset.legal_basis
    assert basis.number == "876/QĐ-BNV"
    assert basis.date == dt.date(2022, 11, 10)
    assert basis.issuer == "Bộ Nội vụ"
    assert cset.valid_from == dt.date(2022, 11, 10)
    edges = {band.code: band.min_index for band in cset.bands_for(cset.unit_type)}
    assert edges == {"A": 90, "B": 80, "C": 70, "D": 0}


@pytest.mark.parametrize("pack", PACKS)
def test_every_criterion_and_sub_criterion_is_marked_as_a_reconstruction(
    registry: Registry, pack: str
) -> None:
    cset = get(registry, pack)
    below_areas = [n for area in cset.nodes for c in area.children for n in c.walk()]
    assert below_areas
    for node in below_areas:
        assert node.provenance is not None, node.id
        assert node.provenance.status == "reconstructed", node.id
    for area in cset.nodes:
        assert area.provenance is not None and area.provenance.source, area.id
    assert "RECONSTRUCT" in (cset.description_en or "")
    assert "TÁI DỰNG" in (cset.description_vi or "")


@pytest.mark.parametrize("pack", PACKS)
def test_labels_are_vietnamese_with_diacritics_and_english(registry: Registry, pack: str) -> None:
    """Labels are NFC (so a search for 'cải cách' finds them) and every node has both languages."""
    cset = get(registry, pack)
    for node in cset.index.values():
        assert unicodedata.is_normalized("NFC", node.label_vi), node.id
        assert node.label_vi != node.label_en, node.id
    assert any("ả" in n.label_vi for n in cset.index.values())


@pytest.mark.parametrize(
    ("pack", "lang", "tag"), [(PACKS[0], "vi", "[tái dựng]"), (PACKS[1], "en", "[reconstructed]")]
)
def test_show_marks_reconstructed_nodes(pack: str, lang: str, tag: str) -> None:
    result = CliRunner().invoke(main, ["show", pack, "--lang", lang], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "876/QĐ-BNV · 2022-11-10 · Bộ Nội vụ" in result.output
    lines = [line for line in result.output.splitlines() if " 1.1.1 " in line]
    assert lines and tag in lines[0]


def test_show_gives_the_source_where_it_changes_not_on_every_line() -> None:
    """Under an area whose name is seen, show says its maximum is reconstructed; sub-criteria
    that share their criterion's source do not repeat it."""
    result = CliRunner().invoke(
        main, ["show", "vn_par_ministry_2022", "--lang", "en"], env={"COLUMNS": "300"}
    )
    lines = result.output.splitlines()
    area = next(i for i, line in enumerate(lines) if "1 Direction and steering of PAR" in line)
    assert "[seen]" in lines[area]
    assert "maximum reconstructed" in lines[area + 1]
    assert "Source:" in lines[area + 1]
    criterion = next(i for i, line in enumerate(lines) if " 1.1 Annual" in line)
    assert "Source:" in lines[criterion + 1]
    sub = next(i for i, line in enumerate(lines) if " 1.1.1 " in line)
    assert "Source:" not in lines[sub + 1]
    assert sum("Source:" in line for line in lines) < len(lines) // 3


def test_a_fresh_install_finds_every_pack_through_its_entry_point(tmp_path: Path) -> None:
    """A wheel install (not the editable checkout) carries each pack's YAML and cases, and
    `cchc-score sets` lists every pack its entry points name."""
    target = pip_install(CRITERIA.parent, tmp_path / "site")
    (dist,) = target.glob("cchc_score-*.dist-info")
    entry_points = (dist / "entry_points.txt").read_text(encoding="utf-8")
    packs = [
        line.split("=")[0].strip()
        for line in entry_points.split("[cchc_score]", 1)[1].splitlines()
        if "=" in line
    ]
    assert set(PACKS) <= set(packs)
    run = cli(target, "sets", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    for pack in packs:
        assert (target / pack / "pack.yaml").is_file(), pack
        row = next((line for line in run.stdout.splitlines() if f"│ {pack} " in line), "")
        assert row.rstrip(" │").endswith(pack), run.stdout
    check = cli(target, "check-pack", str(target / PACKS[1]), cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert str(target / PACKS[1] / "cases" / "rules.yaml") in check.stdout
