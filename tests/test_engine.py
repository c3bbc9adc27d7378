"""score(): the scored tree, caps, rounding, appraisal and survey, properties."""

from __future__ import annotations

import random
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_score import (
    Adjustment,
    Appraisal,
    AppraisalRound,
    Assessment,
    CriteriaError,
    CriteriaSet,
    EvidenceError,
    LeafEvidence,
    Submission,
    Survey,
    SurveyLeaf,
    UnknownIdError,
    score,
)

from .strategies import assessments, criteria_sets


def test_minimal_example_scores_as_worked_out_by_hand(
    minimal_set: CriteriaSet, minimal_file: Any
) -> None:
    result = score(minimal_set, minimal_file.submission)
    finals = {n.id: n.final_points for n in result.walk()}
    assert finals["1.1.1"] == D("0.5")  # issued late
    assert finals["1.1.3"] == D(1)  # 85.5 % completion; appraisal confirms 1
    assert finals["1.2"] == 0  # 3 of 4 reports
    assert finals["1.3"] == D(1)  # manual 1.5, appraised down to 1
    assert finals["2.1"] == D("0.8368")  # 4 × 10.46 / 50
    assert finals["2.2"] == D("3.9")  # survey 40/35/20/5
    assert finals["2.3"] == D(1)  # 3.2 % overdue
    assert finals["3.1"] == D("0.25")  # +0.5 − 0.25
    assert result.unrounded_total == D("9.4868")
    assert result.total == D("9.49")
    assert result.index == D("47.45")
    assert result.band is not None and result.band.code == "yeu"
    assert result.survey_total == D("3.9")
    assert result.appraisal_total + result.survey_total == result.unrounded_total


def test_flags_show_where_points_were_lost(minimal_set: CriteriaSet, minimal_file: Any) -> None:
    result = score(minimal_set, minimal_file.submission)
    assert "self_score_differs" in result.node("1.1.1").flags
    assert "missing_documents" in result.node("1.2").flags
    assert result.node("1.3").flags == ("missing_documents", "appraisal_adjusted")
    assert result.node("1.3").appraisal_reason == "Chưa có báo cáo khắc phục sau kiểm tra"
    assert result.node("1").lost == D("4.5")


def _set(nodes: list[dict[str, Any]], total: str, **extra: Any) -> CriteriaSet:
    return CriteriaSet.model_validate(
        {
            "id": "t",
            "version": "1",
            "title_vi": "Thử",
            "title_en": "Test",
            "unit_type": "district",
            "total_max": total,
            "nodes": nodes,
            **extra,
        }
    )


def _leaf(node_id: str, max_points: str, kind: str = "binary", **params: Any) -> dict[str, Any]:
    return {
        "id": node_id,
        "label_vi": node_id,
        "label_en": node_id,
        "max_points": max_points,
        "rule": {"kind": kind, "params": params},
    }


def _assess(**values: Any) -> Assessment:
    leaves = {k.replace("_", "."): LeafEvidence(value=v) for k, v in values.items()}
    return Assessment(unit="U", block="district", year=2021, criteria_set="t", leaves=leaves)


BONUS_SET = [
    {
        "id": "1",
        "label_vi": "A",
        "label_en": "A",
        "max_points": "2",
        "children": [_leaf("1.1", "1"), _leaf("1.2", "1", "bonus_penalty", floor=-1)],
    },
    {
        "id": "9",
        "label_vi": "Thưởng",
        "label_en": "Bonus",
        "max_points": "3",
        "extra": True,
        "children": [_leaf("9.1", "3", "bonus_penalty", floor=-2)],
    },
]


def test_a_parent_never_exceeds_its_maximum_nor_falls_below_zero() -> None:
    cset = _set(
        [
            {
                "id": "1",
                "label_vi": "A",
                "label_en": "A",
                "max_points": "2",
                "children": [_leaf("1.1", "1"), _leaf("1.2", "1", "bonus_penalty", floor=-3)],
            }
        ],
        "2",
    )
    result = score(cset, _assess(**{"1_1": False, "1_2": -3}))
    assert result.node("1.2").final_points == D(-3)
    assert result.node("1").final_points == 0
    assert "capped" in result.node("1").flags


def test_bonus_content_lies_outside_the_maxima_and_the_total_is_capped() -> None:
    cset = _set(BONUS_SET, "2", total_cap="4")
    result = score(cset, _assess(**{"1_1": True, "1_2": 1, "9_1": 3}))
    assert result.node("9").final_points == D(3)
    assert result.total == D(4)  # 2 + 3, capped at total_cap 4
    assert result.index == D(200)
    penalised = score(cset, _assess(**{"1_1": True, "1_2": 0, "9_1": -5}))
    assert penalised.node("9").final_points == D(-2)
    assert penalised.total == 0  # 1 − 2, never below 0
    # Outside the maxima, only a penalty counts as points lost.
    assert (result.node("9").lost, penalised.node("9").lost) == (0, D(2))
    assert penalised.node("9.1").extra and penalised.node("9.1").lost == D(2)


def test_rounding_once_at_the_total_or_at_each_leaf() -> None:
    nodes = [_leaf("1", "1", "proportional"), _leaf("2", "1", "proportional")]
    values = {"1": D("33.333"), "2": D("33.333")}
    at_total = score(_set(nodes, "2"), _assess(**values))
    at_leaf = score(_set(nodes, "2", rounding={"places": 1, "at": "leaf"}), _assess(**values))
    assert at_total.total == D("0.67")  # 0.66666 rounded once
    assert at_leaf.total == D("0.6")  # 0.3 + 0.3


def test_the_last_appraisal_round_wins_and_must_stay_in_range() -> None:
    cset = _set([_leaf("1", "1"), _leaf("2", "1")], "2")
    appraisal = Appraisal(
        rounds=(
            AppraisalRound(
                round=2, adjustments={"1": Adjustment(score=D("0.5"), reason="round 2")}
            ),
            AppraisalRound(round=1, adjustments={"1": Adjustment(score=D(0), reason="round 1")}),
        )
    )
    result = score(
        cset, Submission(assessment=_assess(**{"1": True, "2": True}), appraisal=appraisal)
    )
    leaf = result.node("1")
    assert (leaf.final_points, leaf.appraisal_round, leaf.appraisal_reason) == (
        D("0.5"),
        2,
        "round 2",
    )
    assert leaf.evidence_points == D(1) and "appraisal_adjusted" in leaf.flags
    too_high = Appraisal(
        rounds=(AppraisalRound(round=1, adjustments={"2": Adjustment(score=D(3), reason="x")}),)
    )
    with pytest.raises(EvidenceError, match="outside") as err:
        score(cset, Submission(assessment=_assess(), appraisal=too_high))
    assert err.value.place == "node 2"


def test_survey_points_come_from_a_distribution_or_are_given() -> None:
    cset = _set([_leaf("1", "6", "survey"), _leaf("2", "4", "survey")], "10")
    survey = Survey(
        leaves={"1": SurveyLeaf(distribution={"A": D(1)}), "2": SurveyLeaf(points=D("2.5"))}
    )
    result = score(cset, Submission(assessment=_assess(), survey=survey))
    assert result.survey_total == D("8.5") and result.appraisal_total == 0
    missing = score(cset, _assess())
    assert missing.node("1").flags == ("missing_survey",)


def test_missing_evidence_scores_nothing_and_is_flagged() -> None:
    cset = _set([_leaf("1", "1")], "1")
    result = score(cset, _assess())
    assert result.node("1").final_points == 0
    assert result.node("1").flags == ("missing_evidence",)


def test_a_manual_leaf_needs_a_reason() -> None:
    cset = _set([_leaf("1", "2", "manual")], "2")
    with pytest.raises(EvidenceError, match="reason"):
        score(cset, _assess(**{"1": D(1)}))
    with_note = Assessment(
        unit="U",
        block="d",
        year=2021,
        criteria_set="t",
        leaves={"1": LeafEvidence(value=D(1), note="Kiểm tra 4/12 xã")},
    )
    assert score(cset, with_note).total == D(1)


def test_unknown_ids_and_wrong_sets_are_named() -> None:
    cset = _set([_leaf("1", "1")], "1")
    with pytest.raises(UnknownIdError, match=r"'7\.7'"):
        score(cset, _assess(**{"7_7": True}))
    other = Assessment(unit="U", block="d", year=2021, criteria_set="other")
    with pytest.raises(UnknownIdError, match="'other'"):
        score(cset, other)
    versioned = Assessment(unit="U", block="d", year=2021, criteria_set="t", set_version="9")
    with pytest.raises(UnknownIdError, match="version '9'"):
        score(cset, versioned)


@pytest.mark.parametrize(
    ("nodes", "total", "message"),
    [
        ([_leaf("1", "1"), _leaf("1", "1")], "2", "duplicate node id '1'"),
        ([_leaf("1", "1")], "2", "add up to 1 points, not the declared total_max 2"),
        (
            [
                {
                    "id": "1",
                    "label_vi": "a",
                    "label_en": "a",
                    "max_points": "3",
                    "children": [_leaf("1.1", "1")],
                }
            ],
            "3",
            "children add up to 1 points, not the declared maximum 3",
        ),
        (
            [
                {
                    "id": "1",
                    "label_vi": "a",
                    "label_en": "a",
                    "max_points": "1",
                    "children": [_leaf("2.1", "1")],
                }
            ],
            "1",
            "not numbered under its parent",
        ),
        ([_leaf("1", "1", "nonexistent")], "1", "unknown rule kind 'nonexistent'"),
        ([_leaf("1", "1", "count", required=0)], "1", "required"),
    ],
)
def test_an_inconsistent_set_is_rejected_naming_the_node(
    nodes: list[dict[str, Any]], total: str, message: str
) -> None:
    with pytest.raises(CriteriaError, match=message):
        _set(nodes, total)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_node_stays_within_zero_and_its_maximum(data: st.DataObject) -> None:
    """Without bonus content, every node's points lie in [0, max] and parents sum children."""
    cset = data.draw(criteria_sets())
    result = score(cset, data.draw(assessments(cset)))
    for node in result.walk():
        assert 0 <= node.final_points <= node.max_points
        if node.children:
            assert node.final_points == sum((c.final_points for c in node.children), D(0))
    assert 0 <= result.index <= 100


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_results_do_not_depend_on_the_order_of_leaves(data: st.DataObject) -> None:
    """Shuffling the leaves of an assessment never changes its result."""
    cset = data.draw(criteria_sets())
    assessment = data.draw(assessments(cset))
    items = list(assessment.leaves.items())
    random.Random(data.draw(st.integers())).shuffle(items)
    shuffled = assessment.model_copy(update={"leaves": dict(items)})
    assert score(cset, shuffled) == score(cset, assessment)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_improving_one_leaf_never_lowers_any_total(data: st.DataObject) -> None:
    """Replacing a leaf's evidence by one of its outcomes never lowers a node or the total."""
    cset = data.draw(criteria_sets())
    assessment = data.draw(assessments(cset))
    rules = cset.rules
    leaf = data.draw(st.sampled_from(cset.leaves()))
    current = assessment.leaves.get(leaf.id)
    outcomes = rules[leaf.id].outcomes(current.value if current else None)
    if not outcomes:
        return
    outcome = data.draw(st.sampled_from(outcomes))
    better = assessment.model_copy(
        update={"leaves": {**assessment.leaves, leaf.id: LeafEvidence(value=outcome.value)}}
    )
    before, after = score(cset, assessment), score(cset, better)
    assert after.node(leaf.id).final_points == outcome.points
    assert after.unrounded_total >= before.unrounded_total
    for node_before, node_after in zip(before.walk(), after.walk(), strict=True):
        assert node_after.final_points >= node_before.final_points


def test_a_value_out_of_range_is_an_error_or_a_flag_when_not_strict() -> None:
    cset = _set([_leaf("1", "1", "proportional"), _leaf("2", "1")], "2")
    assessment = _assess(**{"1": D(150), "2": True})
    with pytest.raises(EvidenceError, match="150") as err:
        score(cset, assessment)
    assert err.value.place == "node 1"
    lenient = score(cset, assessment, strict=False)
    assert lenient.node("1").flags == ("value_out_of_range", "missing_documents")
    assert lenient.node("1").final_points == 0 and lenient.total == D(1)


def test_a_whole_assessment_file_brings_its_appraisal_and_survey(
    minimal_set: CriteriaSet, minimal_file: Any
) -> None:
    assert score(minimal_set, minimal_file) == score(minimal_set, minimal_file.submission)


def test_survey_results_for_a_leaf_that_is_not_surveyed_are_refused() -> None:
    cset = _set([_leaf("1", "1"), _leaf("2", "1", "survey")], "2")
    survey = Survey(leaves={"1": SurveyLeaf(points=D(1))})
    with pytest.raises(UnknownIdError, match="'1' is not a survey leaf"):
        score(cset, Submission(assessment=_assess(), survey=survey))


def test_evidence_values_are_described_in_both_languages(
    minimal_set: CriteriaSet, minimal_file: Any
) -> None:
    leaf = score(minimal_set, minimal_file).node("1.1.1")
    assert (leaf.value, leaf.value_en) == ("Ban hành muộn", "Issued late")


def test_a_plugin_rule_that_crashes_is_named_with_its_node() -> None:
    from cchc_score import PluginError, Rule, RuleParams

    class Flaky(Rule):
        kind = "flaky"
        label_vi = label_en = "flaky"
        Params = RuleParams

        def check(self, value: Any) -> Any:
            raise TypeError("flaky check exploded")

        def points(self, value: Any) -> D:
            return D(0)

        def explain(self, lang: str = "vi") -> str:
            return "flaky"

        def outcomes(self, value: Any) -> list[Any]:
            return []

    Flaky.__module__ = "third_party_rules"
    cset = CriteriaSet.model_validate(
        {
            "id": "t",
            "version": "1",
            "title_vi": "t",
            "title_en": "t",
            "unit_type": "district",
            "total_max": "1",
            "nodes": [_leaf("1", "1", "flaky")],
        },
        context={"rule_kinds": {"flaky": Flaky}},
    )
    with pytest.raises(PluginError) as err:
        score(cset, _assess(**{"1": True}))
    assert err.value.place == "node 1"
    assert "'flaky' from third_party_rules failed: TypeError: flaky check exploded" in str(
        err.value
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {
                "bands": {
                    "*": [
                        {"code": "a", "label_vi": "A", "label_en": "A", "min_index": 90},
                        {"code": "a", "label_vi": "B", "label_en": "B", "min_index": 80},
                    ]
                }
            },
            "band code 'a' is given twice",
        ),
        (
            {
                "bands": {
                    "*": [
                        {"code": "a", "label_vi": "A", "label_en": "A", "min_index": 80},
                        {"code": "b", "label_vi": "B", "label_en": "B", "min_index": 80},
                    ]
                }
            },
            "two bands start at the same index 80",
        ),
        ({"valid_from": "2022-01-01", "valid_to": "2021-12-31"}, "is after valid_to"),
    ],
)
def test_inconsistent_bands_and_validity_are_rejected(extra: dict[str, Any], message: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match=message):
        _set([_leaf("1", "1")], "1", **extra)


def test_appraisers_do_not_change_survey_points_and_results_are_given_once() -> None:
    cset = _set([_leaf("1", "1"), _leaf("2", "6", "survey")], "7")
    appraisal = Appraisal(
        rounds=(AppraisalRound(round=1, adjustments={"2": Adjustment(score=D(1), reason="x")}),)
    )
    with pytest.raises(UnknownIdError, match="scored by the survey, not by the appraisal"):
        score(cset, Submission(assessment=_assess(), appraisal=appraisal))
    twice = _assess(**{"2": {"A": 1}})
    survey = Survey(leaves={"2": SurveyLeaf(points=D(3))})
    with pytest.raises(UnknownIdError, match="both in 'leaves' and in 'survey'"):
        score(cset, Submission(assessment=twice, survey=survey))


def test_an_unknown_leaf_names_its_line(tmp_path: Any) -> None:
    from cchc_score import load_assessment
    from cchc_score.loading import locate, read_document

    cset = _set([_leaf("1", "1")], "1")
    path = tmp_path / "a.yaml"
    path.write_text(
        'unit: U\nblock: d\nyear: 2021\ncriteria_set: t\nleaves:\n  "7.7": {value: true}\n',
        encoding="utf-8",
    )
    with pytest.raises(UnknownIdError) as err:
        try:
            score(cset, load_assessment(path))
        except UnknownIdError as exc:
            raise locate(exc, read_document(path)) from None
    assert err.value.place == "line 6, node 7.7"
