"""The cchc-score command: reports, JSON, listings, and one clear line for bad input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_score.cli import main

from .conftest import MINIMAL

SET = str(MINIMAL / "criteria.yaml")
ASSESSMENT = str(MINIMAL / "assessment.yaml")


def run(*args: str, lang: str | None = None) -> tuple[int, str, str]:
    env = {"COLUMNS": "140"} | ({"CCHC_SCORE_LANG": lang} if lang else {})
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def run_en(*args: str) -> tuple[int, str, str]:
    """As :func:`run`, errors in English (they are Vietnamese by default)."""
    return run(*args, lang="en")


def test_score_prints_the_breakdown_in_vietnamese_by_default() -> None:
    code, out, _ = run("score", ASSESSMENT, "--set", SET)
    assert code == 0
    assert "Kết quả chấm điểm — Huyện Mẫu (2021)" in out
    assert "Ban hành kế hoạch CCHC năm" in out
    assert "0,50/1,00" in out  # plan issued late
    assert "9,49 / 20,00" in out and "47,45%" in out and "Yếu" in out
    assert "thẩm định điều chỉnh" in out


def test_score_in_english() -> None:
    code, out, _ = run("score", ASSESSMENT, "--set", SET, "--lang", "en")
    assert code == 0
    assert "Score breakdown" in out and "Annual PAR plan issued" in out and "Weak" in out


def test_score_json_is_the_result_with_exact_decimals() -> None:
    code, out, _ = run("score", ASSESSMENT, "--set", SET, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == "9.49" and data["unrounded_total"] == "9.4868"
    assert data["nodes"][1]["children"][0]["final_points"] == "0.8368"


def test_sets_show_and_check_pack() -> None:
    code, out, _ = run("sets", "--set", SET)
    assert code == 0 and "example_minimal" in out
    code, out, _ = run("show", "example_minimal", "--set", SET)
    assert code == 0
    assert "Ban hành đúng hạn: 1 điểm" in out  # the rule in words
    assert "[theo văn bản]" in out and "[tái dựng]" in out  # provenance visible
    code, out, _ = run("check-pack", SET)
    assert code == 0 and "example_minimal 1.0" in out


def test_plugins_lists_the_builtin_rule_kinds() -> None:
    code, out, _ = run("plugins", "--lang", "en")
    assert code == 0 and "cchc_score.builtin" in out and "threshold" in out


def test_demo_runs() -> None:
    code, out, _ = run("demo")
    assert code == 0 and out.strip()


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _assessment_with(tmp_path: Path, leaves: str) -> str:
    return _write(
        tmp_path,
        "a.yaml",
        "unit: X\nblock: district\nyear: 2021\ncriteria_set: example_minimal\nleaves:\n" + leaves,
    )


@pytest.mark.parametrize(
    ("leaves", "expected"),
    [
        ('  "1.1.3": {value: 120}\n', ["a.yaml", "node 1.1.3", "120"]),
        ('  "1.1.1": {value: someday}\n', ["a.yaml", "node 1.1.1", "someday"]),
        ('  "7.7": {value: true}\n', ["a.yaml", "'7.7'"]),
        ('  "1.1.1": {value: late, colour: red}\n', ["a.yaml", "line 6", "leaves.1.1.1.colour"]),
        ('  "1.1.1": {value: late, self_score: lots}\n', ["a.yaml", "line 6", "'lots'"]),
    ],
)
def test_bad_evidence_gives_one_line_naming_file_place_and_value(
    tmp_path: Path, leaves: str, expected: list[str]
) -> None:
    code, out, err = run_en("score", _assessment_with(tmp_path, leaves), "--set", SET)
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    for part in expected:
        assert part in err
    assert "Traceback" not in err + out


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.yaml", "unit: X\nleaves: {a: [1, 2\nyear: 2021\n")
    code, _, err = run_en("score", path, "--set", SET)
    assert code == 2 and "broken.yaml" in err and "line " in err and "invalid YAML" in err


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.json", '{"unit": "X",\n "year": }')
    code, _, err = run_en("score", path)
    assert code == 2 and "broken.json, line 2, column" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["score", "no/such/file.yaml"], "file not found"),
        (["show", "no_such_set"], "unknown criteria set 'no_such_set'"),
        (["check-pack", "no/such/pack.yaml"], "file not found"),
    ],
)
def test_missing_things_are_one_line_errors(args: list[str], expected: str) -> None:
    code, _, err = run_en(*args)
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1


def test_an_assessment_for_an_unknown_set_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.yaml", "unit: X\nblock: d\nyear: 2021\ncriteria_set: nowhere\n")
    code, _, err = run_en("score", path)
    assert code == 2 and "a.yaml, criteria_set" in err and "'nowhere'" in err


def test_a_broken_pack_names_the_line_and_the_node(tmp_path: Path) -> None:
    text = Path(SET).read_text(encoding="utf-8").replace("max_points: 4\n", "max_points: 5\n", 1)
    path = _write(tmp_path, "pack.yaml", text)
    code, _, err = run_en("check-pack", path)
    assert code == 2
    assert (
        "pack.yaml, line 23, node 1:" in err
        and "add up to 9 points, not the declared maximum 8" in err
    )


def test_input_files_are_never_modified(tmp_path: Path) -> None:
    before = {p: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in (SET, ASSESSMENT)}
    run("score", ASSESSMENT, "--set", SET, "--json")
    run("check-pack", SET)
    after = {p: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in (SET, ASSESSMENT)}
    assert before == after


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["score"], "cchc-score score: error: Missing argument 'FILE'."),
        (["score", "x.yaml", "--lang", "fr"], "Invalid value for '--lang'"),
        (["bogus"], "cchc-score: error: No such command 'bogus'."),
    ],
)
def test_a_wrong_command_line_is_one_line_too(args: list[str], expected: str) -> None:
    code, _, err = run_en(*args)
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1


def test_sets_mentions_plugins_that_failed(tmp_path: Path) -> None:
    broken = _write(tmp_path, "broken.yaml", "id: [unclosed\n")
    result = CliRunner().invoke(main, ["sets"], env={"COLUMNS": "200", "CCHC_SCORE_PATH": broken})
    assert result.exit_code == 0
    assert f"Plug-in lỗi: path:{broken}" in result.stdout


def test_an_empty_set_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_SCORE_LANG", "en")  # the errors asserted are the English ones
    code, _, err = run("sets", "--set", str(tmp_path))
    assert code == 2 and "no criteria set here" in err
