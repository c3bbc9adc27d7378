"""Models: frozen, unknown keys rejected, lossless JSON round trips."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from cchc_score import (
    Appraisal,
    Assessment,
    AssessmentFile,
    CriteriaSet,
    LeafEvidence,
    Result,
    Submission,
    Survey,
    score,
)
from cchc_score.errors import CriteriaError

from .strategies import assessments, criteria_sets


def test_models_are_frozen(minimal_set: CriteriaSet) -> None:
    with pytest.raises(ValidationError):
        minimal_set.version = "2"  # type: ignore[misc]


def test_unknown_keys_are_rejected() -> None:
    with pytest.raises(ValidationError, match="colour"):
        Assessment.model_validate(
            {"unit": "U", "block": "d", "year": 2021, "criteria_set": "x", "colour": "red"}
        )


def test_evidence_numbers_are_exact_decimals() -> None:
    leaf = LeafEvidence.model_validate({"value": 10.46})
    assert leaf.value == D("10.46") and isinstance(leaf.value, D)
    assert LeafEvidence.model_validate({"value": "on_time"}).value == "on_time"
    assert LeafEvidence.model_validate({"value": True}).value is True


def test_example_files_round_trip_through_json(minimal_set: CriteriaSet, minimal_file: Any) -> None:
    assert CriteriaSet.model_validate_json(minimal_set.model_dump_json()) == minimal_set
    assert AssessmentFile.model_validate_json(minimal_file.model_dump_json()) == minimal_file
    sub = minimal_file.submission
    appraisal, survey = sub.appraisal, sub.survey
    assert isinstance(appraisal, Appraisal) and isinstance(survey, Survey)
    assert Appraisal.model_validate_json(appraisal.model_dump_json()) == appraisal
    assert Survey.model_validate_json(survey.model_dump_json()) == survey
    result = score(minimal_set, sub)
    assert Result.model_validate_json(result.model_dump_json()) == result


def test_result_json_keeps_decimals_exact(minimal_set: CriteriaSet, minimal_file: Any) -> None:
    result = score(minimal_set, minimal_file.submission)
    assert '"unrounded_total":"9.4868"' in result.model_dump_json()


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_generated_models_round_trip_through_json(data: st.DataObject) -> None:
    """Every criteria set, assessment and result survives JSON unchanged."""
    cset = data.draw(criteria_sets())
    assessment = data.draw(assessments(cset))
    result = score(cset, assessment)
    assert CriteriaSet.model_validate_json(cset.model_dump_json()) == cset
    assert Assessment.model_validate_json(assessment.model_dump_json()) == assessment
    assert Result.model_validate_json(result.model_dump_json()) == result


def test_a_set_built_in_code_binds_the_builtin_kinds_and_rebinds_on_request(
    minimal_set: CriteriaSet,
) -> None:
    """A set validated without rule kinds carries the built-in rules; ``bind`` to kinds lacking
    one of its rules names the leaf; binding changes neither the dump nor equality."""
    built = CriteriaSet.model_validate(minimal_set.model_dump())
    assert set(built.rules) == {leaf.id for leaf in built.leaves()}
    rebound = built.bind(None)
    assert rebound == built and rebound.model_dump_json() == built.model_dump_json()
    with pytest.raises(CriteriaError, match="unknown rule kind") as err:
        built.bind({})
    assert err.value.node_id == built.leaves()[0].id


def test_a_submission_travels_as_one_and_a_file_brings_what_it_holds(
    minimal_set: CriteriaSet, minimal_file: Any
) -> None:
    """A file's submission holds its appraisal and survey; a file given as a submission's
    assessment brings them too; an assessment alone is scored without them."""
    sub = minimal_file.submission
    assert sub.appraisal is not None and sub.survey is not None
    assert type(sub.assessment) is Assessment
    assert Submission(assessment=minimal_file) == sub == Submission.of(minimal_file)
    assert score(minimal_set, sub) == score(minimal_set, minimal_file)
    alone = score(minimal_set, sub.assessment)
    assert alone == score(minimal_set, Submission(assessment=sub.assessment))
    assert alone.survey_total == 0 and "appraisal_adjusted" not in alone.flag_counts


def test_a_copy_with_another_tree_rebuilds_its_rules(minimal_set: CriteriaSet) -> None:
    """Copying a set with other nodes does not keep the old tree's rules."""
    first = minimal_set.nodes[0]
    copy = minimal_set.model_copy(update={"nodes": (first,)})
    assert set(copy.rules) == {n.id for n in first.walk() if n.is_leaf}
