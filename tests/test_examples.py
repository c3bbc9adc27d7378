"""Every example in examples/ runs: each assessment file scores, each script is run by a test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cchc_score.cli import main

from .conftest import EXAMPLES, MINIMAL

TESTS = Path(__file__).resolve().parent


def assessment_files() -> list[Path]:
    """Example files that are assessments: a mapping naming a unit and a criteria set."""
    out = []
    for path in sorted(EXAMPLES.rglob("*")):
        if path.suffix not in {".yaml", ".yml", ".json"}:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and {"unit", "criteria_set"} <= set(data):
            out.append(path)
    return out


FILES = assessment_files()


def test_the_examples_hold_assessments() -> None:
    assert MINIMAL / "assessment.yaml" in FILES
    assert len(FILES) >= 37  # the minimal one and Di Linh's 12 units × 3 years


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(EXAMPLES)) for p in FILES])
def test_every_example_assessment_scores(path: Path) -> None:
    result = CliRunner().invoke(
        main, ["score", str(path), "--set", str(MINIMAL / "criteria.yaml"), "--json"]
    )
    assert result.exit_code == 0, result.stderr
    assert '"total"' in result.stdout


def test_every_example_script_is_run_by_a_test() -> None:
    tests = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py"))
    scripts = [p for p in EXAMPLES.rglob("*.py") if "__pycache__" not in p.parts]
    assert scripts
    for script in scripts:
        parts = script.relative_to(EXAMPLES).parts
        # A module of an example distribution (examples/NAME/src/…) is run by installing NAME;
        # a script is run by its file name.
        name = parts[0] if "src" in parts else script.name
        assert name in tests, f"no test runs {script.relative_to(EXAMPLES)}"
