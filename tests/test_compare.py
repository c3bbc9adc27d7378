"""compare(): per node differences, method vs performance, own vs others' effect on rank."""

from __future__ import annotations

import io
from decimal import Decimal as D
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from cchc_score import (
    AssessmentFile,
    CchcScoreError,
    CriteriaSet,
    LeafEvidence,
    Result,
    Submission,
    score,
)
from cchc_score.compare import compare
from cchc_score.model.ranking import Entry
from cchc_score.render.compare import moved, rank_panel

from .conftest import MINIMAL
from .strategies import assessments, criteria_sets


def year(cset: CriteriaSet, file: AssessmentFile, year: int, **values: Any) -> Result:
    """The minimal example's unit in another year, with some leaves' values changed."""
    sub = file.submission
    assessment, appraisal = sub.assessment, sub.appraisal
    leaves = {k: v for k, v in assessment.leaves.items() if k in cset.index}
    for leaf_id, value in values.items():
        leaf_id = leaf_id.replace("_", ".").lstrip("l")
        old = leaves.get(leaf_id, LeafEvidence())
        leaves[leaf_id] = old.model_copy(update={"value": value})
    changed = assessment.model_copy(
        update={"year": year, "leaves": leaves, "set_version": cset.version}
    )
    if appraisal is not None:
        rounds = [
            r.model_copy(
                update={"adjustments": {k: v for k, v in r.adjustments.items() if k in cset.index}}
            )
            for r in appraisal.rounds
        ]
        appraisal = appraisal.model_copy(update={"rounds": rounds})
    return score(cset, Submission(assessment=changed, appraisal=appraisal, survey=sub.survey))


def test_same_set_every_point_is_performance_and_leaves_sorted_by_cost(
    minimal_set: CriteriaSet, minimal_file: AssessmentFile
) -> None:
    old = year(minimal_set, minimal_file, 2020, l1_2=4, l2_1=30)
    new = year(minimal_set, minimal_file, 2021)
    cmp = compare(old, new, minimal_set, minimal_set)
    assert cmp.same_method
    assert cmp.node("1.2").difference == -2  # 4 of 4 reports on time, then 3 of 4
    assert cmp.node("2.1").before == D("2.4")  # 4 × 30 / 50
    assert cmp.total_difference == new.total - old.total
    assert all(n.method == 0 for n in cmp.walk())
    assert cmp.performance_effect == sum(n.difference for n in cmp.leaves())
    # Sorted by what cost the most: area 1 lost 2 points, area 2 lost about 1.39.
    assert [a.id for a in cmp.areas][:2] == ["1", "2"]
    assert cmp.node("1").children[0].id == "1.2"
    assert [n.status for n in cmp.walk()] == ["same"] * len(list(cmp.walk()))


def changed_set(minimal_set: CriteriaSet) -> CriteriaSet:
    """Version 2 of the minimal set: 1.2 down to 1 point, a new leaf 1.4 (1 point), 2.3
    removed and 2.1 up from 4 to 6 points, the total still 20."""
    data = yaml.safe_load((MINIMAL / "criteria.yaml").read_text(encoding="utf-8"))
    data["version"] = "2.0"
    area1, area2, _ = data["nodes"]
    area1["children"][1]["max_points"] = 1
    area1["children"].append(
        {
            "id": "1.4",
            "label_vi": "Áp dụng ISO 9001:2015",
            "label_en": "ISO 9001:2015 applied",
            "max_points": 1,
            "rule": {"kind": "binary"},
        }
    )
    area2["children"] = [c for c in area2["children"] if c["id"] != "2.3"]
    area2["children"][0]["max_points"] = 6
    return CriteriaSet.model_validate(data)


def test_a_changed_set_splits_the_change_into_method_and_performance(
    minimal_set: CriteriaSet, minimal_file: AssessmentFile
) -> None:
    v2 = changed_set(minimal_set)
    old = year(minimal_set, minimal_file, 2020)
    new = year(v2, minimal_file, 2021, l1_4=False)
    cmp = compare(old, new, minimal_set, v2)
    assert not cmp.same_method
    r12 = cmp.node("1.2")  # 0 of 2 before, 0 of 1 after: nothing to explain
    assert (r12.status, r12.difference, r12.method) == ("max_changed", 0, 0)
    r21 = cmp.node("2.1")  # same online share (10.46 %): 0.8368 of 4 becomes 1.2552 of 6
    assert r21.status == "max_changed"
    assert r21.difference == D("0.4184")
    assert (r21.method, r21.performance) == (D("0.4184"), 0)  # the share did not move
    r14 = cmp.node("1.4")  # new leaf, not met: credited area 1's old share (3.5 of 8) × 1
    assert (r14.status, r14.before, r14.after) == ("new", None, 0)
    assert (r14.method, r14.performance) == (D("0.4375"), D("-0.4375"))
    r23 = cmp.node("2.3")  # removed: the 1 point it gave is method
    assert (r23.status, r23.after, r23.method, r23.performance) == ("removed", None, -1, 0)
    leaves = cmp.leaves()
    assert cmp.method_effect == sum(n.method for n in leaves)
    assert cmp.method_effect + cmp.performance_effect == sum(n.difference for n in leaves)
    assert sum(n.difference for n in leaves) + cmp.rounding_and_caps == cmp.total_difference


def close(a: D, b: D) -> bool:
    return abs(a - b) < D("1e-20")


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_leaf_differences_add_up_to_the_total_difference(data: st.DataObject) -> None:
    """For any two sets and assessments, the leaves' differences add up to the change of the
    unrounded total; what is left is the rounding of the two totals; and each leaf's method and
    performance parts add up to its difference."""
    old_set = data.draw(criteria_sets())
    same = data.draw(st.booleans())
    other = {"version": "2", "id": old_set.id}
    new_set = old_set if same else data.draw(criteria_sets()).model_copy(update=other)
    old = score(old_set, data.draw(assessments(old_set)))
    new = score(new_set, data.draw(assessments(new_set)).model_copy(update={"year": 2022}))
    cmp = compare(old, new, old_set, new_set)
    leaves = cmp.leaves()
    # Generated maxima can be repeating decimals (1/12): Decimal's 28 digits, not more.
    assert close(sum(n.difference for n in leaves), new.unrounded_total - old.unrounded_total)
    assert close(
        cmp.rounding_and_caps, (new.total - new.unrounded_total) - (old.total - old.unrounded_total)
    )
    for node in cmp.walk():
        assert close(node.method + node.performance, node.difference)
        if same:
            assert node.method == 0
    assert {n.id for n in leaves} == {leaf.id for leaf in old_set.leaves()} | {
        leaf.id for leaf in new_set.leaves()
    }
    for area in cmp.areas:
        diffs = [c.difference for c in area.children]
        assert diffs == sorted(diffs)


def with_index(result: Result, index: str) -> Result:
    return result.model_copy(update={"index": D(index)})


def peer(unit: str, index: str, year: int) -> Entry:
    return Entry(unit=unit, block="district", year=year, index=D(index))


def test_rank_change_split_into_own_and_others_effect(
    minimal_set: CriteriaSet, minimal_file: AssessmentFile
) -> None:
    old = with_index(year(minimal_set, minimal_file, 2020), "80")
    new = with_index(year(minimal_set, minimal_file, 2021), "78")
    before = [
        peer("A", "90", 2020),
        peer("B", "85", 2020),
        peer("C", "70", 2020),
        peer("D", "60", 2020),
    ]
    after = [
        peer("A", "90", 2021),
        peer("B", "85", 2021),
        peer("C", "79", 2021),
        peer("D", "77", 2021),
        peer(old.unit, "78", 2021),
    ]  # the unit itself is skipped
    rc = compare(old, new, minimal_set, minimal_set, before, after).rank
    assert rc is not None
    assert (rc.rank_old, rc.rank_new, rc.of_old, rc.of_new) == (3, 4, 5, 5)
    assert (rc.rank_own_only, rc.rank_others_only) == (3, 3)
    assert rc.overtaken_by == ("C",)
    assert rc.own_effect + rc.others_effect == rc.change == 1
    assert rc.peers_mean_index_change == D("6.50")  # (0 + 0 + 9 + 17) / 4


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(60, 70), min_size=1, max_size=8),
    st.lists(st.integers(-3, 3), min_size=8, max_size=8),
    st.integers(60, 70),
    st.integers(60, 70),
    st.sampled_from(["shared", "dense"]),
)
def test_own_and_others_effects_are_consistent(
    old_peers: list[int], moves: list[int], own_old: int, own_new: int, policy: Any
) -> None:
    """Own effect + others' effect = the rank change; peers that do not move leave the whole
    change to the unit; a unit that does not move leaves it all to the others."""
    cset = CriteriaSet.model_validate(
        yaml.safe_load((MINIMAL / "criteria.yaml").read_text(encoding="utf-8"))
        | {"tie_policy": policy}
    )
    base = score(
        cset,
        AssessmentFile.model_validate(
            yaml.safe_load((MINIMAL / "assessment.yaml").read_text(encoding="utf-8"))
        ).submission.assessment,
    )
    old = with_index(base, str(own_old)).model_copy(update={"year": 2020})
    new = with_index(base, str(own_new))
    before = [peer(f"P{i}", str(v), 2020) for i, v in enumerate(old_peers)]
    after = [peer(f"P{i}", str(v + moves[i]), 2021) for i, v in enumerate(old_peers)]
    rc = compare(old, new, cset, cset, before, after).rank
    assert rc is not None
    assert rc.own_effect + rc.others_effect == rc.change
    if all(m == 0 for m in moves[: len(old_peers)]):
        assert rc.others_effect == 0 and rc.own_effect == rc.change
    if own_old == own_new:
        assert rc.own_effect == 0 and rc.others_effect == rc.change


def test_peers_without_a_unit_of_the_block_and_year_are_refused(
    minimal_set: CriteriaSet, minimal_file: AssessmentFile
) -> None:
    old = year(minimal_set, minimal_file, 2020)
    new = year(minimal_set, minimal_file, 2021)
    wrong_year = [peer("A", "90", 2021), peer("B", "80", 2021)]
    with pytest.raises(CchcScoreError, match="peers_old: no unit of block 'district' in 2020"):
        compare(old, new, minimal_set, minimal_set, wrong_year, wrong_year)
    with pytest.raises(CchcScoreError, match=r"peers_new: .* in 2021 \(no unit at all\)"):
        compare(old, new, minimal_set, minimal_set, [peer("A", "90", 2020)], [])
    # A block of one: the unit alone among its peers is first of one.
    alone = compare(old, new, minimal_set, minimal_set, [old], [new]).rank
    assert alone is not None and (alone.rank_old, alone.of_new) == (1, 1)


def test_a_rank_move_reads_as_up_down_or_unchanged_without_a_sign() -> None:
    assert moved(2, "vi") == "giảm 2 bậc" and moved(2, "en") == "down 2 places"
    assert moved(-1, "vi") == "tăng 1 bậc" and moved(-1, "en") == "up 1 place"
    assert moved(D("0.5"), "en") == "down 0.5 places"
    assert moved(D("-1.5"), "vi") == "tăng 1,5 bậc"
    assert moved(0, "vi") == "giữ nguyên" and moved(D("0.0"), "en") == "unchanged"


def test_a_rank_won_back_is_up_in_json_and_words(
    minimal_set: CriteriaSet, minimal_file: AssessmentFile
) -> None:
    old = with_index(year(minimal_set, minimal_file, 2020), "70")
    new = with_index(year(minimal_set, minimal_file, 2021), "88")
    rc = compare(
        old,
        new,
        minimal_set,
        minimal_set,
        [peer("A", "90", 2020), peer("B", "80", 2020)],
        [peer("A", "90", 2021), peer("B", "80", 2021)],
    ).rank
    assert rc is not None
    assert (rc.rank_old, rc.rank_new, rc.change, rc.direction) == (3, 2, -1, "up")
    shown = io.StringIO()
    console = Console(width=100, color_system=None, file=shown)
    console.print(rank_panel(rc, compare(old, new, minimal_set, minimal_set), "en"))
    assert "3/3 → 2/3  (up 1 place)" in shown.getvalue()


def test_units_scored_under_different_sets_are_not_compared(
    minimal_set: CriteriaSet, minimal_file: AssessmentFile
) -> None:
    other = changed_set(minimal_set).model_copy(update={"id": "lam_dong_district_2021"})
    old = year(minimal_set, minimal_file, 2020)
    new = year(minimal_set, minimal_file, 2021)
    with pytest.raises(CchcScoreError) as info:
        compare(old, new, minimal_set, other)
    assert info.value.code == "different_sets"
    assert "'example_minimal'" in str(info.value) and "'lam_dong_district_2021'" in str(info.value)
