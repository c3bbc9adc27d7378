"""Pack test cases: the YAML format, the runner, check-pack and the pytest collector."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_score.cases import Case, CaseFile, Expectation, load_cases, run_case, run_case_file
from cchc_score.cli import main
from cchc_score.engine import score
from cchc_score.errors import InputFileError, UnknownIdError
from cchc_score.loading import load_criteria_set
from cchc_score.plugins import build_registry

from .strategies import assessments, criteria_sets

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "examples" / "minimal" / "criteria.yaml"

PASSING = """
cases:
  - name: A plan issued late earns half a point
    leaves:
      "1.1.1": {value: late}
    expect:
      nodes: {"1.1.1": 0.5, "1.1": 0.5}
      total: 0.5
      flags: {"1.1.1": [missing_documents], "1.1.2": [missing_evidence]}
  - name: A survey split 40/35/20/5 earns 3.9 of 6 points
    survey: {leaves: {"2.2": {distribution: {A: 40, B: 35, C: 20, D: 5}}}}
    expect: {nodes: {"2.2": 3.9, "2": 3.9}, index: 19.5, band: yeu}
  - name: A plan status outside the levels is refused
    leaves: {"1.1.1": {value: maybe}}
    expect: {error: invalid_evidence_value}
"""

FAILING = """
cases:
  - name: A plan issued late earns a full point
    leaves: {"1.1.1": {value: late}}
    expect: {nodes: {"1.1.1": 1}}
  - name: Completion of 95 percent earns two points
    leaves: {"1.1.3": {value: 95}}
    expect: {nodes: {"1.1.3": 2}}
"""


def cases_from(folder: Path, text: str) -> CaseFile:
    path = folder / "cases.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_cases(path)


def make_pack(tmp_path: Path, **case_files: str) -> Path:
    """A pack folder holding the minimal example set and the given case files."""
    pack = tmp_path / "pack"
    (pack / "cases").mkdir(parents=True)
    shutil.copy(MINIMAL, pack / "pack.yaml")
    for name, text in case_files.items():
        (pack / "cases" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return pack


def test_passing_cases_report_no_mismatch(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, good=PASSING)
    outcomes = run_case_file(pack / "cases" / "good.yaml")
    assert [o.name for o in outcomes if not o.passed] == []
    assert len(outcomes) == 3


def test_a_failing_case_names_the_node_expected_and_actual_points(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, bad=FAILING)
    outcomes = run_case_file(pack / "cases" / "bad.yaml")
    failed = {o.name: o.mismatches for o in outcomes if not o.passed}
    assert list(failed) == ["A plan issued late earns a full point"]
    (message,) = failed["A plan issued late earns a full point"]
    assert "1.1.1" in message
    assert "expected 1" in message
    assert "got 0.5" in message


def test_expected_points_compare_at_the_places_written(tmp_path: Path) -> None:
    """A repeating survey share (6 points × 1/7 = 0.857142…) matches an expectation written at
    the pack's 2 places or finer, never one rounded coarser than the pack rounds."""
    cset = load_criteria_set(MINIMAL)
    cases = cases_from(
        tmp_path,
        """
        cases:
          - name: One answer in seven at A, to the hundredth
            survey: {leaves: {"2.2": {distribution: {A: 1, D: 6}}}}
            expect: {nodes: {"2.2": 0.86}}
          - name: One answer in seven at A, to the thousandth
            survey: {leaves: {"2.2": {distribution: {A: 1, D: 6}}}}
            expect: {nodes: {"2.2": 0.857}}
          - name: One answer in seven at A, to the tenth
            survey: {leaves: {"2.2": {distribution: {A: 1, D: 6}}}}
            expect: {nodes: {"2.2": 0.9}}
          - name: Completion of 80 percent earns one point, not 1.4
            leaves: {"1.1.3": {value: 80}}
            expect: {nodes: {"1.1.3": 1.4}}
        """,
    )
    hundredth, thousandth, tenth, wrong = (run_case(cset, c) for c in cases.cases)
    assert hundredth == []
    assert thousandth == []
    assert tenth == ["node 2.2: expected 0.9 points, got 0.8571428571428571428571428571"]
    assert wrong == ["node 1.1.3: expected 1.4 points, got 1"]


def test_an_error_case_fails_when_scoring_succeeds_or_raises_another_code(tmp_path: Path) -> None:
    cset = load_criteria_set(MINIMAL)
    cases = cases_from(
        tmp_path,
        """
        cases:
          - name: A valid level raises nothing
            leaves: {"1.1.1": {value: on_time}}
            expect: {error: invalid_evidence_value}
          - name: An unknown leaf is an unknown id, not a bad value
            leaves: {"9.9": {value: 1}}
            expect: {error: invalid_evidence_value}
        """,
    )
    succeeded, other = (run_case(cset, c) for c in cases.cases)
    assert "scoring succeeded" in succeeded[0]
    assert "got unknown_id" in other[0]


def test_a_band_mismatch_shows_the_index(tmp_path: Path) -> None:
    cset = load_criteria_set(MINIMAL)
    case = cases_from(
        tmp_path,
        """
        cases:
          - name: Nothing done is still rated good
            expect: {band: tot}
        """,
    ).cases[0]
    assert run_case(cset, case) == ["band: expected tot, got yeu (index 0.00)"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("cases:\n  - name: x\n    leaves: {}\n    expect: {nodez: {}}\n", "line 4"),
        ("cases:\n  - name: Nothing expected\n    expect: {}\n", "cannot fail"),
        (
            "cases:\n  - {name: Twice, expect: {total: 0}}\n"
            "  - {name: Twice, expect: {total: 0}}\n",
            "Twice",
        ),
        ("cases: []\n", "cases"),
        ("cases:\n  - name: [unclosed\n", "invalid YAML"),
        ("cases:\n  - {name: Both, expect: {total: 1, error: unknown_id}}\n", "not both"),
    ],
)
def test_malformed_case_files_name_the_file_and_the_problem(
    tmp_path: Path, text: str, words: str
) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        load_cases(path)
    assert str(path) in str(info.value)
    assert words in str(info.value)


def test_a_case_file_naming_an_unknown_set_or_version_says_so(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, other="criteria_set: no_such_set\n" + PASSING)
    with pytest.raises(UnknownIdError, match="no_such_set"):
        run_case_file(pack / "cases" / "other.yaml")
    (pack / "cases" / "old.yaml").write_text('set_version: "0.9"\n' + PASSING, encoding="utf-8")
    with pytest.raises(UnknownIdError, match=r"version '1\.0', not '0\.9'"):
        run_case_file(pack / "cases" / "old.yaml")


def test_check_pack_reports_passed_cases(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, good=PASSING)
    result = CliRunner().invoke(main, ["check-pack", str(pack), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "3 cases passed, 0 failed" in result.output


def test_check_pack_fails_with_one_line_per_failed_case(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, bad=FAILING, good=PASSING)
    result = CliRunner().invoke(main, ["check-pack", str(pack), "--lang", "en"])
    assert result.exit_code == 1
    failed_lines = [line for line in result.output.splitlines() if "FAILED" in line]
    assert len(failed_lines) == 1
    assert "A plan issued late earns a full point (line 3)" in failed_lines[0]
    assert "3 cases passed, 0 failed" in result.output


def test_check_pack_tests_the_edited_pack_not_the_installed_one(tmp_path: Path) -> None:
    """A province that edits a point in its copy of a pack sees its cases follow the edit."""
    pack = make_pack(tmp_path, good=PASSING)
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    edited = text.replace("{key: late, points: 0.5,", "{key: late, points: 0.25,")
    assert edited != text
    (pack / "pack.yaml").write_text(edited, encoding="utf-8")
    result = CliRunner().invoke(main, ["check-pack", str(pack), "--lang", "en"])
    assert result.exit_code == 1
    assert "A plan issued late earns half a point" in result.output


def test_check_pack_with_a_malformed_case_file_is_an_input_error(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, broken="cases:\n  - name: x\n    expect: {nodez: {}}\n")
    result = CliRunner().invoke(main, ["check-pack", str(pack)])
    assert result.exit_code == 2
    assert "broken.yaml" in result.output


def test_pytest_collects_each_case_as_an_item_named_by_its_sentence(tmp_path: Path) -> None:
    criteria = tmp_path / "criteria"
    criteria.mkdir()
    shutil.copy(ROOT / "criteria" / "conftest.py", criteria / "conftest.py")
    make_pack(criteria, bad=FAILING)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", str(criteria)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 failed, 1 passed" in run.stdout
    assert "PASSED" in run.stdout
    assert "Completion of 95 percent earns two points" in run.stdout
    assert "case failed: A plan issued late earns a full point" in run.stdout
    assert "bad.yaml:3, set example_minimal 1.0" in run.stdout
    assert "expected 1 points, got 0.5" in run.stdout


def test_check_pack_on_a_folder_of_sets_runs_cases_against_the_set_they_name(
    tmp_path: Path,
) -> None:
    """With several set files and no pack.yaml, a case file names its set, and gets the file in
    the folder, not an installed set of the same id."""
    folder = tmp_path / "sets"
    (folder / "cases").mkdir(parents=True)
    text = MINIMAL.read_text(encoding="utf-8")
    shutil.copy(MINIMAL, folder / "a.yaml")
    other = text.replace("id: example_minimal", "id: example_other").replace(
        "{key: late, points: 0.5,", "{key: late, points: 0.25,"
    )
    (folder / "b.yaml").write_text(other, encoding="utf-8")
    (folder / "cases" / "other.yaml").write_text(
        "criteria_set: example_other\ncases:\n"
        "  - name: The other set gives a quarter point for a late plan\n"
        '    leaves: {"1.1.1": {value: late}}\n'
        '    expect: {nodes: {"1.1.1": 0.25}}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check-pack", str(folder), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.count("other.yaml: 1 cases passed, 0 failed") == 1

    (folder / "cases" / "unnamed.yaml").write_text(PASSING, encoding="utf-8")
    result = CliRunner().invoke(main, ["check-pack", str(folder), "--lang", "en"])
    assert result.exit_code == 2
    assert "criteria_set" in result.output


def test_the_example_in_the_docs_passes_against_the_pack_it_names(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "pack-cases.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    registry = build_registry()
    outcomes = run_case_file(path, sets=[r.criteria_set for r in registry.all_sets()])
    assert [(o.name, o.mismatches) for o in outcomes] == [
        ("A reform plan issued late earns half of its 0.5 points", ()),
        ("A level word the rule does not know is refused", ()),
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_case_written_from_a_result_passes_and_any_changed_point_fails(
    data: st.DataObject,
) -> None:
    """Property: expecting exactly the points the engine gives passes; moving any one expected
    node by at least 0.01 point makes the case fail and names that node."""
    cset = data.draw(criteria_sets())
    assessment = data.draw(assessments(cset))
    result = score(cset, assessment)
    expected = {node.id: node.final_points for node in result.walk()}
    case = Case(
        name="written from the result",
        block=assessment.block,
        leaves=assessment.leaves,
        expect=Expectation(nodes=expected, total=result.total, index=result.index),
    )
    assert run_case(cset, case) == []
    moved = data.draw(st.sampled_from(sorted(expected)))
    delta = data.draw(st.sampled_from([Decimal("0.01"), Decimal("-0.01"), Decimal("1")]))
    wrong = case.model_copy(
        update={"expect": Expectation(nodes={**expected, moved: expected[moved] + delta})}
    )
    mismatches = run_case(cset, wrong)
    assert len(mismatches) == 1
    assert mismatches[0].startswith(f"node {moved}:")
