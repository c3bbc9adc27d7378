"""Each built-in rule kind: parameters, evidence values, points, explanations, outcomes."""

from __future__ import annotations

import itertools
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_score import EvidenceError, RuleError
from cchc_score.rules import (
    BinaryRule,
    BonusPenaltyRule,
    CountRule,
    LevelsRule,
    ManualRule,
    ProportionalRule,
    Rule,
    SurveyRule,
    ThresholdRule,
    builtin_rule_kinds,
)

from .strategies import percent, threshold_params

TIMELINESS = {
    "levels": [
        {"key": "on_time", "points": 1, "label_vi": "Đúng hạn", "label_en": "On time"},
        {"key": "late", "points": "0.5", "label_vi": "Muộn", "label_en": "Late"},
        {"key": "not_issued", "points": 0, "label_vi": "Không ban hành", "label_en": "Not issued"},
    ]
}
# Cà Mau 1880/QĐ-UBND, criterion 1.1.4: > 90 % → 2; 70–90 % → 1; < 70 % → 0.
COMPLETION = {
    "bands": [
        {"min_exclusive": 90, "points": 2},
        {"min": 70, "max": 90, "points": 1},
        {"max_exclusive": 70, "points": 0},
    ],
    "max_value": 100,
}
OVERDUE = {
    "higher_is_better": False,
    "max_value": 100,
    "bands": [
        {"max": 1, "points": 2},
        {"min_exclusive": 1, "max": 5, "points": 1},
        {"min_exclusive": 5, "points": 0},
    ],
}


def test_every_builtin_kind_is_registered_by_name() -> None:
    assert set(builtin_rule_kinds()) == {
        "binary",
        "levels",
        "threshold",
        "proportional",
        "count",
        "survey",
        "bonus_penalty",
        "deductions",
        "manual",
    }


class TestBinary:
    rule = BinaryRule.build({}, D(1))

    @pytest.mark.parametrize("value", [True, "có", "yes", "Đạt", 1])
    def test_done_earns_the_maximum(self, value: Any) -> None:
        assert self.rule.score(value) == D(1)

    @pytest.mark.parametrize("value", [False, "không", "no", 0])
    def test_not_done_earns_nothing(self, value: Any) -> None:
        assert self.rule.score(value) == D(0)

    def test_a_word_that_is_neither_is_rejected_naming_it(self) -> None:
        with pytest.raises(EvidenceError, match="maybe"):
            self.rule.score("maybe")

    def test_outcomes_offer_done_only_when_not_done(self) -> None:
        assert [(o.value, o.points) for o in self.rule.outcomes(False)] == [(True, D(1))]
        assert self.rule.outcomes(True) == []

    def test_explains_itself_in_both_languages(self) -> None:
        assert "Đạt: 1 điểm" in self.rule.explain("vi")
        assert "Done: 1 pts" in self.rule.explain("en")


class TestLevels:
    rule = LevelsRule.build(TIMELINESS, D(1))

    def test_each_level_earns_its_points(self) -> None:
        assert [self.rule.score(k) for k in ("on_time", "late", "not_issued")] == [
            D(1),
            D("0.5"),
            D(0),
        ]

    def test_an_unknown_level_is_rejected_listing_the_known_ones(self) -> None:
        with pytest.raises(EvidenceError, match="on_time, late, not_issued"):
            self.rule.score("sometimes")

    def test_a_level_above_the_maximum_is_rejected(self) -> None:
        with pytest.raises(RuleError, match="above the maximum"):
            LevelsRule.build(TIMELINESS, D("0.75"))

    def test_duplicate_level_keys_are_rejected(self) -> None:
        params = {"levels": [TIMELINESS["levels"][0], TIMELINESS["levels"][0]]}
        with pytest.raises(RuleError, match="duplicate level key 'on_time'"):
            LevelsRule.build(params, D(1))

    def test_unknown_parameters_are_rejected_by_name(self) -> None:
        with pytest.raises(RuleError, match="colour"):
            LevelsRule.build({**TIMELINESS, "colour": "red"}, D(1))

    def test_outcomes_from_late_are_on_time_only(self) -> None:
        assert [o.value for o in self.rule.outcomes("late")] == ["on_time"]
        assert [o.value for o in self.rule.outcomes(None)] == ["late", "on_time"]

    def test_describe_shows_the_level_label(self) -> None:
        assert self.rule.describe("late", "vi") == "Muộn"
        assert self.rule.describe("late", "en") == "Late"


class TestThreshold:
    rule = ThresholdRule.build(COMPLETION, D(2))
    overdue = ThresholdRule.build(OVERDUE, D(2))

    @pytest.mark.parametrize(
        ("value", "points"),
        [("100", 2), ("90.01", 2), ("90", 1), ("70", 1), ("69.99", 0), ("0", 0)],
    )
    def test_band_edges_follow_the_declared_inclusivity(self, value: str, points: int) -> None:
        assert self.rule.score(D(value)) == D(points)

    @pytest.mark.parametrize(
        ("value", "points"), [("0", 2), ("1", 2), ("1.01", 1), ("5", 1), ("5.01", 0)]
    )
    def test_lower_is_better_bands(self, value: str, points: int) -> None:
        assert self.overdue.score(D(value)) == D(points)

    def test_a_value_outside_the_range_is_rejected_naming_it(self) -> None:
        with pytest.raises(EvidenceError, match="101"):
            self.rule.score(D(101))
        with pytest.raises(EvidenceError, match="'abc'"):
            self.rule.score("abc")

    def test_a_gap_between_bands_is_rejected(self) -> None:
        params = {"bands": [{"min": 80, "points": 2}, {"max_exclusive": 70, "points": 0}]}
        with pytest.raises(RuleError, match="gap or overlap"):
            ThresholdRule.build(params, D(2))

    def test_an_edge_included_by_both_bands_is_rejected(self) -> None:
        params = {"bands": [{"min": 70, "points": 2}, {"max": 70, "points": 0}]}
        with pytest.raises(RuleError, match="exactly one"):
            ThresholdRule.build(params, D(2))

    def test_an_edge_included_by_neither_band_is_rejected(self) -> None:
        params = {"bands": [{"min_exclusive": 70, "points": 2}, {"max_exclusive": 70, "points": 0}]}
        with pytest.raises(RuleError, match="exactly one"):
            ThresholdRule.build(params, D(2))

    def test_points_falling_as_the_value_improves_are_rejected(self) -> None:
        params = {"bands": [{"min": 70, "points": 0}, {"max_exclusive": 70, "points": 2}]}
        with pytest.raises(RuleError, match="must not fall"):
            ThresholdRule.build(params, D(2))

    def test_both_inclusive_and_exclusive_on_one_side_is_rejected(self) -> None:
        params = {"bands": [{"min": 1, "min_exclusive": 1, "points": 1}]}
        with pytest.raises(RuleError, match="either min or min_exclusive"):
            ThresholdRule.build(params, D(2))

    def test_outcomes_name_the_least_value_that_reaches_each_band(self) -> None:
        assert [(o.value, o.points) for o in self.rule.outcomes(D("85.5"))] == [(D("90.01"), D(2))]
        assert [(o.value, o.points) for o in self.rule.outcomes(D(10))] == [
            (D(70), D(1)),
            (D("90.01"), D(2)),
        ]
        assert [(o.value, o.points) for o in self.overdue.outcomes(D("3.2"))] == [(D(1), D(2))]

    def test_explanation_shows_edges(self) -> None:
        assert "> 90%: 2 điểm" in self.rule.explain("vi")
        assert "≥ 70% and ≤ 90%: 1 pts" in self.rule.explain("en")


class TestProportional:
    rule = ProportionalRule.build({"floor": 5, "full_at": 50}, D(4))

    def test_points_are_the_exact_ratio_of_the_maximum(self) -> None:
        assert self.rule.score(D("10.46")) == D("0.8368")

    def test_below_the_floor_scores_nothing_and_full_at_scores_the_maximum(self) -> None:
        assert self.rule.score(D("4.99")) == 0
        assert self.rule.score(D(5)) == D("0.4")
        assert self.rule.score(D(50)) == D(4)
        assert self.rule.score(D(80)) == D(4)

    def test_a_rate_above_the_scale_is_rejected(self) -> None:
        with pytest.raises(EvidenceError, match=r"100\.5"):
            self.rule.score(D("100.5"))

    def test_a_floor_above_full_marks_is_rejected(self) -> None:
        with pytest.raises(RuleError, match="floor"):
            ProportionalRule.build({"floor": 60, "full_at": 50}, D(4))

    def test_outcomes_climb_in_steps_up_to_full_marks(self) -> None:
        outcomes = self.rule.outcomes(D("10.46"))
        assert outcomes[0].value == D(11)
        assert outcomes[-1].value == D(50) and outcomes[-1].points == D(4)
        assert all(a.points < b.points for a, b in itertools.pairwise(outcomes))


class TestCount:
    rule = CountRule.build({"required": 4, "of": 4}, D(1))

    def test_all_required_earns_the_maximum(self) -> None:
        assert self.rule.score(4) == D(1)
        assert self.rule.score(3) == D(0)

    @pytest.mark.parametrize("value", [5, "2.5", -1, "four"])
    def test_impossible_counts_are_rejected(self, value: Any) -> None:
        with pytest.raises(EvidenceError):
            self.rule.score(value)

    def test_required_above_of_is_rejected(self) -> None:
        with pytest.raises(RuleError, match="more than"):
            CountRule.build({"required": 5, "of": 4}, D(1))


class TestSurvey:
    rule = SurveyRule.build({}, D(6))

    def test_weighted_distribution_uses_a100_b60_c20_d0_by_default(self) -> None:
        assert self.rule.score({"A": 40, "B": 35, "C": 20, "D": 5}) == D("3.9")

    def test_counts_and_shares_give_the_same_points(self) -> None:
        assert self.rule.score({"A": 4, "B": 1}) == self.rule.score({"A": "0.8", "B": "0.2"})

    @pytest.mark.parametrize("value", [{"E": 1}, {"A": -1, "B": 2}, {"A": 0}, "A", {}])
    def test_bad_distributions_are_rejected(self, value: Any) -> None:
        with pytest.raises(EvidenceError):
            self.rule.score(value)

    def test_weights_outside_0_100_are_rejected(self) -> None:
        with pytest.raises(RuleError, match="not in"):
            SurveyRule.build({"weights": {"A": 120}}, D(6))

    def test_outcomes_move_answers_to_the_best_one(self) -> None:
        outcomes = self.rule.outcomes({"A": 40, "B": 35, "C": 20, "D": 5})
        assert outcomes[-1].points == D(6)
        assert all(o.points > D("3.9") for o in outcomes)


class TestBonusPenalty:
    rule = BonusPenaltyRule.build({"floor": -2}, D(1))

    def test_items_are_summed_and_bounded(self) -> None:
        assert self.rule.score([{"points": "0.5"}, {"points": "-0.25"}]) == D("0.25")
        assert self.rule.score([{"points": 3}]) == D(1)
        assert self.rule.score(D(-5)) == D(-2)
        assert self.rule.min_points == D(-2)

    def test_a_positive_floor_is_rejected(self) -> None:
        with pytest.raises(RuleError, match="floor"):
            BonusPenaltyRule.build({"floor": 1}, D(1))


class TestManual:
    rule = ManualRule.build({}, D(2))

    def test_points_inside_the_range_are_taken_as_given(self) -> None:
        assert self.rule.score("1.5") == D("1.5")

    def test_points_above_the_maximum_are_rejected(self) -> None:
        with pytest.raises(EvidenceError, match=r"2\.5"):
            self.rule.score("2.5")

    def test_outcomes_step_by_a_quarter_point(self) -> None:
        assert [o.points for o in self.rule.outcomes(D("1.5"))] == [D("1.75"), D(2)]


EXAMPLE_RULES: list[tuple[Rule, st.SearchStrategy[Any]]] = [
    (BinaryRule.build({}, D(1)), st.booleans()),
    (LevelsRule.build(TIMELINESS, D(1)), st.sampled_from(["on_time", "late", "not_issued"])),
    (ThresholdRule.build(COMPLETION, D(2)), percent),
    (ThresholdRule.build(OVERDUE, D(2)), percent),
    (ProportionalRule.build({"floor": 5, "full_at": 50}, D(4)), percent),
    (CountRule.build({"required": 3, "of": 4}, D(1)), st.integers(0, 4)),
    (
        SurveyRule.build({}, D(6)),
        st.dictionaries(st.sampled_from("ABCD"), st.integers(1, 50), min_size=1),
    ),
    (ManualRule.build({}, D(2)), st.integers(0, 8).map(lambda n: D(n) / 4)),
]


@given(data=st.data())
def test_points_stay_within_zero_and_the_maximum(data: st.DataObject) -> None:
    """Whatever valid evidence a leaf gets, its points lie in [0, max]."""
    rule, values = data.draw(st.sampled_from(EXAMPLE_RULES))
    points = rule.score(data.draw(values))
    assert D(0) <= points <= rule.max_points


@given(data=st.data())
def test_every_outcome_is_reached_by_its_value_and_improves(data: st.DataObject) -> None:
    """Each outcome a rule offers scores exactly its points, above the current points."""
    rule, values = data.draw(st.sampled_from(EXAMPLE_RULES))
    value = data.draw(values)
    current = rule.score(value)
    outcomes = rule.outcomes(value)
    for outcome in outcomes:
        assert rule.score(outcome.value) == outcome.points > current
    assert [o.points for o in outcomes] == sorted({o.points for o in outcomes})
    if current < rule.max_points and not isinstance(rule, SurveyRule):
        assert outcomes and outcomes[-1].points == rule.max_points


@given(data=st.data())
def test_a_higher_value_never_scores_less_on_rising_bands(data: st.DataObject) -> None:
    """Threshold bands: better evidence (per the rule's direction) never lowers the points."""
    params = data.draw(threshold_params(D(3)))
    rule = ThresholdRule.build(params, D(3))
    a, b = sorted([data.draw(percent), data.draw(percent)])
    if params["higher_is_better"]:
        assert rule.score(a) <= rule.score(b)
    else:
        assert rule.score(a) >= rule.score(b)


@given(a=percent, b=percent, floor=st.sampled_from([None, 0, 10, 30]))
def test_a_higher_rate_never_scores_less_proportionally(a: D, b: D, floor: int | None) -> None:
    """Proportional: a higher rate never earns fewer points, floor or not."""
    params = {"full_at": 80} if floor is None else {"full_at": 80, "floor": floor}
    rule = ProportionalRule.build(params, D(3))
    low, high = sorted([a, b])
    assert rule.score(low) <= rule.score(high)


@given(
    dist=st.dictionaries(st.sampled_from("ABCD"), st.integers(0, 30), min_size=4, max_size=4),
    src=st.sampled_from("ABCD"),
    dst=st.sampled_from("ABCD"),
)
def test_moving_an_answer_to_a_better_one_never_lowers_survey_points(
    dist: dict[str, int], src: str, dst: str
) -> None:
    """Survey: one respondent moving to an answer with a higher weight never lowers points."""
    rule = SurveyRule.build({}, D(6))
    weights = rule.params.weights
    if src == dst or dist[src] == 0 or weights[dst] < weights[src]:
        return
    before = rule.score(dist)
    moved = {**dist, src: dist[src] - 1, dst: dist[dst] + 1}
    if sum(moved.values()) == 0:
        return
    assert rule.score(moved) >= before


@given(a=st.integers(0, 4), b=st.integers(0, 4))
def test_a_higher_count_never_scores_less(a: int, b: int) -> None:
    """Count threshold: more items never earns fewer points."""
    rule = CountRule.build({"required": 3, "of": 4}, D(1))
    assert rule.score(min(a, b)) <= rule.score(max(a, b))
