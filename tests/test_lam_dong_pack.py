"""The Lâm Đồng district pack: found through its entry point, valid, honest about its sources."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_score.cli import main
from cchc_score.model.criteria import CriteriaSet
from cchc_score.plugins import Registry, build_registry
from cchc_score.rules import builtin_rule_kinds

PACK_ID = "lam_dong_district_2021"
PACK_DIR = Path(__file__).resolve().parents[1] / "criteria" / PACK_ID

#: The rows seen in Cà Mau's Decision 1880/QĐ-UBND (2013), with the points printed there.
CA_MAU_ROWS = {
    "1.1": Decimal(5),
    "1.1.1": Decimal(1),
    "1.1.2": Decimal(1),
    "1.1.3": Decimal(1),
    "1.1.4": Decimal(2),
    "1.2": Decimal(2),
    "1.2.1": Decimal(1),
    "1.2.2": Decimal(1),
    "1.3": Decimal(3),
}


@pytest.fixture(scope="module")
def registry() -> Registry:
    return build_registry()


@pytest.fixture(scope="module")
def cset(registry: Registry) -> CriteriaSet:
    return registry.get_set(PACK_ID)


def test_pack_is_registered_by_its_own_entry_point(registry: Registry) -> None:
    found = registry.sets[(PACK_ID, "2021.1")]
    assert found.plugin == PACK_ID
    assert found.source is not None and Path(found.source) == PACK_DIR / "pack.yaml"
    assert not [f for f in registry.failures if f.plugin == PACK_ID]


def test_pack_passes_check_pack_with_its_cases() -> None:
    result = CliRunner().invoke(main, ["check-pack", str(PACK_DIR), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"{PACK_ID} 2021.1 valid" in result.output
    assert "procedures.yaml: " in result.output
    assert " 0 failed" in result.output and "1 failed" not in result.output


def test_pack_ships_at_least_eight_sentence_named_cases() -> None:
    names = [
        line.split("name:", 1)[1].strip()
        for path in (PACK_DIR / "cases").glob("*.yaml")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("- name:")
    ]
    assert len(names) >= 8
    assert all(len(name.split()) >= 4 for name in names)  # sentences, not labels


def test_district_set_of_100_points_70_appraised_and_30_surveyed(cset: CriteriaSet) -> None:
    assert cset.unit_type == "district"
    assert cset.valid_from == dt.date(2021, 1, 1)
    assert cset.total_max == 100 and cset.cap == 100
    counted = [
        leaf for root in cset.nodes if not root.extra for leaf in root.walk() if leaf.is_leaf
    ]
    survey = sum((n.max_points for n in counted if n.source == "survey"), Decimal(0))
    appraised = sum((n.max_points for n in counted if n.source == "appraisal"), Decimal(0))
    assert (appraised, survey) == (70, 30)
    (bonus,) = (root for root in cset.nodes if root.extra)
    assert bonus.max_points == 2
    assert 40 <= len(cset.leaves()) <= 65


def test_bands_good_fair_average_weak_at_90_80_65(cset: CriteriaSet) -> None:
    bands = [(b.code, b.label_vi, b.min_index) for b in cset.bands_for("district")]
    assert bands == [
        ("tot", "Tốt", 90),
        ("kha", "Khá", 80),
        ("trung_binh", "Trung bình", 65),
        ("yeu", "Yếu", 0),
    ]
    assert cset.description_en is not None and "reconstructed" in cset.description_en


def test_every_built_in_rule_kind_is_used(cset: CriteriaSet) -> None:
    kinds = Counter(leaf.rule.kind for leaf in cset.leaves() if leaf.rule is not None)
    # The deductions kind came with the 2025 sets' bonus/penalty content (test_set_years.py).
    assert set(kinds) == set(builtin_rule_kinds()) - {"deductions"}
    weights = {
        tuple(sorted(leaf.rule.params["weights"].items()))
        for leaf in cset.leaves()
        if leaf.rule is not None and leaf.rule.kind == "survey"
    }
    assert weights == {(("A", 100), ("B", 60), ("C", 20), ("D", 0))}


def test_ca_mau_rows_are_seen_with_their_points_and_everything_else_reconstructed(
    cset: CriteriaSet,
) -> None:
    for node_id, points in CA_MAU_ROWS.items():
        provenance = cset.index[node_id].provenance
        assert provenance is not None and provenance.status == "seen", node_id
        assert provenance.source is not None and "1880/QĐ-UBND" in provenance.source
        assert cset.index[node_id].max_points == points, node_id
    for node_id in cset.index:
        provenance = cset.provenance_of(node_id)
        assert provenance is not None, node_id
        if node_id not in CA_MAU_ROWS:
            assert provenance.status == "reconstructed", node_id


def test_legal_basis_says_the_lam_dong_table_is_not_available(cset: CriteriaSet) -> None:
    numbers = [ref.number for ref in cset.legal_basis]
    assert "1880/QĐ-UBND" in numbers
    assert any("not available" in (ref.title or "") for ref in cset.legal_basis)


def test_the_article_s_topics_each_have_a_leaf(cset: CriteriaSet) -> None:
    """Every weakness or remedy the Di Linh article names is scored somewhere."""
    labels = " | ".join(node.label_en.lower() for node in cset.index.values())
    for topic in (
        "communes inspected",
        "commune level",
        "inter-linked one-stop",
        "electronic one-stop system",
        "online public services",
        "resolved on time",
        "land dossiers",
        "postal public service",
        "iso 9001:2015",
        "digital-government plan",
        "discipline",
        "attitude",
    ):
        assert topic in labels, topic


def test_labels_are_vietnamese_with_diacritics_and_english(cset: CriteriaSet) -> None:
    for node in cset.index.values():
        decomposed = unicodedata.normalize("NFD", node.label_vi)
        assert any(unicodedata.combining(c) for c in decomposed) or "đ" in node.label_vi.lower()
        english = unicodedata.normalize("NFD", node.label_en)
        assert not any(unicodedata.combining(c) for c in english), node.id
        assert node.label_vi != node.label_en


def test_show_marks_seen_and_reconstructed_nodes() -> None:
    result = CliRunner().invoke(main, ["show", PACK_ID, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "1880/QĐ-UBND" in result.output
    lines = result.output.splitlines()
    plan = next(line for line in lines if " 1.1.1 Annual PAR plan issued " in line)
    assert plan.rstrip(" │").endswith("[seen]")
    website = next(line for line in lines if " 7.6 District website " in line)
    assert website.rstrip(" │").endswith("[reconstructed]")
