"""Error messages in the user's language: Vietnamese by default, English with ``--lang en``;
one catalogue entry per message, the place's words translated, nothing English left over."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_score.cli import main
from cchc_score.errors import InputFileError, msg, reason
from cchc_score.validation_words import validation_message

from .conftest import MINIMAL

SET = str(MINIMAL / "criteria.yaml")
ASSESSMENT = MINIMAL / "assessment.yaml"
#: English that must not reach a Vietnamese reader of an error.
ENGLISH = (
    "error:",
    "expected",
    "not found",
    "invalid",
    "Invalid",
    "Field required",
    "Input should",
    "Missing",
    "unknown",
    "No such",
    " got ",
    "line ",
    "node ",
)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "140", **(env or {})})
    return result.exit_code, result.stderr


def edited(tmp_path: Path, old: str, new: str) -> str:
    text = ASSESSMENT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "assessment.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(path)


def vietnamese_only(err: str) -> None:
    assert len(err.strip().splitlines()) == 1, err
    leaked = [word for word in ENGLISH if word in err]
    assert not leaked, f"English in a Vietnamese error: {leaked}: {err}"


CASES = {
    "file not found": (
        lambda p: ["score", str(p / "nope.yaml"), "--set", SET],
        "không tìm thấy tệp",
    ),
    "bad YAML": (lambda p: ["score", edited(p, "leaves:", "leaves: [\n"), "--set", SET], "dòng"),
    "unknown leaf": (
        lambda p: ["score", edited(p, '"1.2": {value: 3', '"9.9": {value: 3'), "--set", SET],
        "không có tiêu chí",
    ),
    "value out of range": (
        lambda p: ["score", edited(p, "value: late", "value: maybe"), "--set", SET],
        "không hợp lệ với quy tắc",
    ),
    "missing key": (
        lambda p: ["score", edited(p, "block: district\n", ""), "--set", SET],
        "thiếu khóa bắt buộc",
    ),
    "usage": (lambda p: ["score"], "Thiếu tham số 'FILE'"),
    "no such option": (lambda p: ["score", "--frob"], "Không có tùy chọn"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_error_is_vietnamese_by_default(case: str, tmp_path: Path) -> None:
    args, words = CASES[case]
    code, err = run(*args(tmp_path))
    assert code == 2
    assert words in err and "lỗi:" in err
    vietnamese_only(err.replace("--set", ""))


def test_the_bad_yaml_line_is_named_in_vietnamese(tmp_path: Path) -> None:
    _, err = run("score", edited(tmp_path, "leaves:", "leaves: [\n"), "--set", SET)
    assert "tệp YAML không hợp lệ" in err and ", dòng " in err


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_error_in_english(case: str, tmp_path: Path) -> None:
    args, _ = CASES[case]
    # click stops at a bad command line before it reads --lang: the environment says it
    usage = case in {"usage", "no such option"}
    lang = {"env": {"CCHC_SCORE_LANG": "en"}} if usage else {}
    code, err = run(*args(tmp_path), *([] if usage else ["--lang", "en"]), **lang)
    assert code == 2
    assert "error:" in err and "lỗi" not in err
    assert not any(c in err for c in "ịạếữ"), err


def test_the_environment_chooses_the_language_before_the_command_reads_its_options() -> None:
    _, err = run("bogus", env={"CCHC_SCORE_LANG": "en"})
    assert err.startswith("cchc-score: error: No such command 'bogus'.")
    _, err = run("bogus")
    assert err.startswith("cchc-score: lỗi: Không có lệnh 'bogus'.")


def test_a_message_keeps_its_english_text_and_its_catalogue_entry() -> None:
    said = msg("unknown column {column!r} (known: {known})", column="x", known="a, b")
    assert said == "unknown column 'x' (known: a, b)"
    assert said.template == "unknown column {column!r} (known: {known})"
    exc = InputFileError(msg("file not found"), file="a.yaml", place="line 12, column 3")
    assert str(exc) == "a.yaml, line 12, column 3: file not found"
    assert exc.localized("en") == str(exc)
    assert exc.localized("vi") == "a.yaml, dòng 12, cột 3: không tìm thấy tệp"
    assert (
        InputFileError("plain text", place="node 1.2").localized("vi") == "tiêu chí 1.2: plain text"
    )


def test_a_value_error_raised_with_a_message_keeps_it() -> None:
    assert reason(ValueError(msg("a number"))).template == "a number"  # type: ignore[union-attr]
    assert reason(ValueError("text")) == "text"


def test_pydantic_errors_are_said_by_their_type() -> None:
    missing = validation_message({"type": "missing", "msg": "Field required", "ctx": {}})
    assert missing == "Field required" and missing.get("vi") == "thiếu khóa bắt buộc"
    limit = validation_message(
        {
            "type": "greater_than_equal",
            "msg": "Input should be greater than or equal to 0",
            "ctx": {"ge": 0},
        }
    )
    assert limit.get("vi") == "phải từ 0 trở lên"
    other = validation_message({"type": "made_up", "msg": "Something odd"})
    assert other.get("vi") == "Something odd"


def test_help_is_in_one_language_at_a_time() -> None:
    vi = CliRunner().invoke(main, ["simulate", "--help"], env={"COLUMNS": "200"}).stdout
    en = (
        CliRunner()
        .invoke(main, ["simulate", "--help"], env={"COLUMNS": "200", "CCHC_SCORE_LANG": "en"})
        .stdout
    )
    assert "Hạng mục tiêu." in vi and "Target rank." not in vi
    assert "Target rank." in en and "Hạng mục tiêu" not in en
    top = CliRunner().invoke(main, ["--help"]).stdout
    assert "Chạy ví dụ mẫu." in top and "run the shipped example" not in top
