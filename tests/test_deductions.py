"""The deductions rule kind: a group of named faults, each with its points, counted one by one
with their fact and evidence, the sum bounded below by a floor and above by the leaf maximum."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from cchc_score.errors import EvidenceError, RuleError
from cchc_score.rules.deductions import DeductionsRule

PARAMS: dict[str, Any] = {
    "floor": -5,
    "items": [
        {
            "key": "late_report",
            "points": 0.5,
            "max_times": 4,
            "label_vi": "Chậm báo cáo",
            "label_en": "Report late",
        },
        {
            "key": "press_fault",
            "points": 1,
            "label_vi": "Sai phạm bị phản ánh",
            "label_en": "Fault reported",
        },
    ],
}
RULE = DeductionsRule.build(PARAMS, D(0))


def test_no_fault_takes_nothing() -> None:
    assert RULE.score([]) == 0
    assert RULE.score("none") == 0
    assert RULE.score(None) == 0


def test_each_fault_takes_its_points_times_its_count() -> None:
    faults = [{"item": "late_report", "count": 2}, {"item": "press_fault"}]
    assert RULE.score(faults) == D(-2)


def test_a_fault_counts_at_most_its_max_times() -> None:
    assert RULE.score([{"item": "late_report", "count": 10}]) == D(-2)


def test_the_sum_stops_at_the_floor() -> None:
    assert RULE.score([{"item": "press_fault", "count": 9}]) == D(-5)
    assert RULE.min_points == D(-5)


def test_the_leaf_maximum_caps_the_group() -> None:
    capped = DeductionsRule.build(PARAMS, D(1))
    assert capped.score([]) == 0  # no fault: 0, never above the maximum


@pytest.mark.parametrize(
    "value",
    [
        [{"item": "parking"}],
        [{"item": "press_fault", "count": 0}],
        [{"item": "press_fault", "count": 1.5}],
        [{"item": "press_fault", "why": "unknown key"}],
        "three faults",
        [3],
    ],
)
def test_a_fault_the_set_does_not_list_or_a_bad_count_is_refused(value: Any) -> None:
    with pytest.raises(EvidenceError):
        RULE.score(value)


def test_duplicate_item_keys_and_a_positive_floor_are_refused() -> None:
    twice = {**PARAMS, "items": [PARAMS["items"][0], PARAMS["items"][0]]}
    with pytest.raises(RuleError, match="duplicate item key 'late_report'"):
        DeductionsRule.build(twice, D(0))
    with pytest.raises(RuleError, match="floor"):
        DeductionsRule.build({**PARAMS, "floor": 1}, D(0))


def test_describe_lists_each_fault_with_its_fact_points_and_evidence() -> None:
    value = RULE.check(
        [
            {
                "item": "late_report",
                "count": 2,
                "fact": "Quý III, quý IV",
                "evidence": "CV 1520/SNV",
            },
            {"item": "press_fault", "fact": "Hồ sơ đất đai"},
        ]
    )
    en = RULE.describe(value, "en")
    assert en == (
        "Report late: Quý III, quý IV (2 × −0.5 = −1; evidence: CV 1520/SNV);"
        " Fault reported: Hồ sơ đất đai (−1) → −2"
    )
    vi = RULE.describe(value, "vi")
    assert "Chậm báo cáo: Quý III, quý IV (2 × −0,5 = −1; tài liệu kiểm chứng: CV 1520/SNV)" in vi


def test_describe_says_when_the_floor_held() -> None:
    value = RULE.check([{"item": "press_fault", "count": 7, "fact": "7 lần"}])
    assert RULE.describe(value, "en").endswith("→ −5 (floor −5)")


def test_the_one_outcome_is_no_fault() -> None:
    assert RULE.outcomes([]) == []
    (best,) = RULE.outcomes([{"item": "press_fault"}])
    assert best.value == [] and best.points == 0


def test_explain_names_every_fault_and_the_floor() -> None:
    assert RULE.explain("en") == (
        "Deductions, at least −5: Report late: −0.5 each; Fault reported: −1 each"
    )
