"""Shared fixtures: paths of the shipped examples, the minimal set and assessment."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_score import AssessmentFile, CriteriaSet, load_assessment, load_criteria_set

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
MINIMAL = EXAMPLES / "minimal"


@pytest.fixture(scope="session")
def minimal_set() -> CriteriaSet:
    return load_criteria_set(MINIMAL / "criteria.yaml")


@pytest.fixture(scope="session")
def minimal_file() -> AssessmentFile:
    return load_assessment(MINIMAL / "assessment.yaml")
