"""Every error message says itself from the catalogue: one bad input per family of modules
(objectives, peer tables, cost tables, plug-ins, published tables, workbooks, schemas, the
web workspace) is Vietnamese throughout by default and English with ``--lang en``; and no
``raise`` in the package hands a bare English string to a user."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_score.cli import main
from cchc_score.errors import CchcScoreError

from .conftest import EXAMPLES, MINIMAL

SET = str(MINIMAL / "criteria.yaml")
ASSESSMENT = str(MINIMAL / "assessment.yaml")
DI_LINH = EXAMPLES / "di_linh"
PEERS = "unit,total,sd\nA,11,0.5\nB,12,0.5\nC,12.5,0.5\nD,14,0.5\n"
PACKAGE = Path(__file__).parents[1] / "src" / "cchc_score"


def run(args: list[str], lang: str | None = None, env: dict[str, str] | None = None) -> str:
    """What the command says about its error (stderr; a report's caption when it reports)."""
    extra = {"CCHC_SCORE_LANG": lang} if lang else {}
    result = CliRunner().invoke(main, args, env={"COLUMNS": "200", **extra, **(env or {})})
    return result.stderr if result.exit_code else result.stdout


def english_runs(english: str) -> list[str]:
    """The runs of three English words in an English message (quoted values, paths, options
    and ids left out): none of them may be left in the Vietnamese message."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\S*[/\\]\S*|--?[\w-]+|\S*\d\S*", " | ", english)
    out = []
    for part in re.split(r"[^A-Za-z ]+", text):
        words = [w for w in part.split() if len(w) > 1 or w in {"a", "A"}]
        out += [" ".join(words[i : i + 3]) for i in range(len(words) - 2)]
    return out


def paths(tmp: Path) -> dict[str, Path]:
    files = {
        "peers.csv": PEERS,
        "bad_peers.csv": "unit,total,sd\nA,11,0.5\nB,12,-1\n",
        "costs.csv": "leaf,days\n1.2,4\n",
        "totals.csv": "unit,block,year,total\nHuyện A,district,20x1,16\n",
        "broken/pack.yaml": "id: broken\nnodes: [\n",
    }
    for name, text in files.items():
        (tmp / name).parent.mkdir(exist_ok=True)
        (tmp / name).write_text(text, encoding="utf-8")
    return {name: tmp / name for name in files}


def simulate(*extra: str) -> list[str]:
    return ["simulate", ASSESSMENT, "--set", SET, *extra]


#: A bad input per family: the command, extra environment, its Vietnamese and English words.
CASES: dict[str, tuple[Callable[[dict[str, Path]], list[str]], dict[str, str], str, str]] = {
    "objective beyond the units": (
        lambda p: ["simulate", str(DI_LINH / "2021"), "--target-rank", "13"],
        {},
        "hạng mục tiêu 13 vượt quá số đơn vị (12)",
        "target rank 13 is beyond the number of units (12)",
    ),
    "negative margin": (
        lambda p: simulate("--peers", str(p["peers.csv"]), "--target-rank", "2", "--margin", "-1"),
        {},
        "'-1' là số âm",
        "Invalid value for --margin: '-1' is negative",
    ),
    "objective options for one unit only": (
        lambda p: ["simulate", str(DI_LINH / "2021"), "--margin", "1", "--target-rank", "2"],
        {},
        "chỉ dùng cho tệp của một đơn vị",
        "--margin: only for one unit's file",
    ),
    "bad peer table": (
        lambda p: simulate("--peers", str(p["bad_peers.csv"]), "--budget", "2"),
        {},
        "'-1' là số âm",
        "'-1' is negative",
    ),
    "bad cost table": (
        lambda p: simulate("--peers", str(p["peers.csv"]), "--costs", str(p["costs.csv"])),
        {},
        "cột 'days' không có trong mẫu",
        "unknown column 'days' (columns: ",
    ),
    "broken plug-in pack": (
        lambda p: ["plugins"],
        {"CCHC_SCORE_PATH": "{broken}"},
        "tệp YAML không hợp lệ",
        "invalid YAML",
    ),
    "bad published table": (
        lambda p: ["rank", str(p["totals.csv"]), "--set", SET, "--strict"],
        {},
        "'20x1' không phải là năm",
        "'20x1' is not a year",
    ),
    "workbook name": (
        lambda p: ["template", SET, "-o", str(p["peers.csv"].with_suffix(".txt"))],
        {},
        "tệp Excel phải có đuôi .xlsx",
        "the workbook to write must end in .xlsx",
    ),
    "export name": (
        lambda p: ["score", ASSESSMENT, "--set", SET, "--export", "report.doc"],
        {},
        "tệp phải có đuôi .html, .svg hoặc .pdf",
        "the file must end in .html, .svg or .pdf",
    ),
}


def said(case: str, tmp_path: Path, lang: str | None) -> str:
    command, env, _vi, _en = CASES[case]
    p = paths(tmp_path)
    env = {k: v.format(broken=p["broken/pack.yaml"].parent) for k, v in env.items()}
    return run(command(p), lang=lang, env=env)


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_family_says_its_error_in_vietnamese_with_no_english_left(
    case: str, tmp_path: Path
) -> None:
    vietnamese, english = said(case, tmp_path, None), said(case, tmp_path, "en")
    assert CASES[case][2] in vietnamese, vietnamese
    assert CASES[case][3] in english, english
    left = [run for run in english_runs(english) if run in vietnamese]
    assert not left, f"English left in the Vietnamese message: {left}\n{vietnamese}"


def test_the_english_detector_finds_a_leak() -> None:
    """The check above can fail: an English message left as it is shows its runs."""
    message = "cchc-score: error: peers.csv, line 3: unknown column 'days' (columns: leaf, to)"
    assert "unknown column columns" not in english_runs(message)  # a quoted value breaks a run
    assert "peers.csv" not in " ".join(english_runs(message))
    leaked = "cchc-score: lỗi: costs.csv: the cost table prices nothing"
    assert "the cost table" in english_runs("error: costs.csv: the cost table prices nothing")
    assert any(run in leaked for run in english_runs("the cost table prices nothing: give"))


def test_a_schema_that_does_not_exist_is_said_in_both_languages() -> None:
    from cchc_score.schemas import json_schema

    with pytest.raises(CchcScoreError) as caught:
        json_schema("nope")
    assert caught.value.localized("vi").startswith("không có lược đồ 'nope'")
    assert caught.value.localized("en").startswith("no schema 'nope' (known: ")


def test_a_bad_upload_is_said_in_the_pages_language() -> None:
    from fastapi.testclient import TestClient

    from cchc_score.web import create_app

    client = TestClient(create_app([DI_LINH]))
    for query, words, english in (("", "không được hỗ trợ", False), ("?lang=en", "", True)):
        page = client.post(f"/upload{query}", files={"file": ("a.txt", b"x", "text/plain")})
        assert page.status_code == 400
        assert ("unsupported file type" in page.text) is english
        assert words in page.text


def test_a_plug_in_failure_is_kept_as_a_message() -> None:
    """A failure recorded while loading reads as English for programs and says itself in
    Vietnamese in the report."""
    from cchc_score.errors import Msg, say
    from cchc_score.plugins import Registry

    registry = Registry()
    with pytest.raises(CchcScoreError) as caught:
        registry.add_rule_kind("mine", object)
    assert isinstance(caught.value.message, Msg)
    assert "not a Rule subclass" in str(caught.value)
    assert "không phải là lớp con của Rule" in str(say(caught.value.message, "vi"))


#: Calls whose English text reaches no user or is said through the catalogue another way:
#: the JSON and YAML readers' refusals are recognised by their English pattern
#: (validation_words.PROBLEMS); a PydanticCustomError's template is rebuilt from its type.
ALLOWED = {
    ("formats/jsonfile.py", "ValueError"),
    ("formats/yamlfile.py", "ConstructorError"),
    ("formats/yamlfile.py", "_refuse"),
    ("number_checks.py", "PydanticCustomError"),
}
#: Exceptions that are bugs or Python's own protocol, never shown to a user as a message.
NOT_FOR_USERS = {"AttributeError", "AssertionError", "TypeError", "NotImplementedError"}
#: Printers of a message already said in the user's language.
SAID = {"echo_error"}
#: Raisers and the helpers that build an error from a message (``row.error(column, message)``).
RAISERS = re.compile(r"(Error|BadParameter|^error|_error|^fail)$")


def bare_english(tree: ast.AST, where: str) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if not RAISERS.search(name) or name in NOT_FOR_USERS | SAID or (where, name) in ALLOWED:
            continue
        for arg in [*node.args, *(k.value for k in node.keywords if k.arg == "message")]:
            literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            if (literal and " " in arg.value) or isinstance(arg, ast.JoinedStr | ast.BinOp):
                found.append(f"{where}:{node.lineno}: {name}({ast.unparse(arg)[:60]})")
    return found


def test_no_error_is_raised_with_a_bare_english_string() -> None:
    """A message a user can read is written ``msg("English {x}", x=...)`` so that the
    catalogue can say it; an f-string or a plain string would stay English."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        found += bare_english(ast.parse(path.read_text(encoding="utf-8")), where)
    assert not found, "raise with msg(...):\n" + "\n".join(found)


def test_the_scan_finds_a_bare_string() -> None:
    tree = ast.parse('raise InputFileError(f"unknown column {name!r}", file=path)')
    assert bare_english(tree, "x.py") == ["x.py:1: InputFileError(f'unknown column {name!r}')"]
    assert bare_english(ast.parse('raise InputFileError(msg("a b"))'), "x.py") == []


def test_a_simulation_note_kept_in_both_languages_is_shown_in_one() -> None:
    """The plan's notes and the reason for no plan stay bilingual in the JSON; a report shows
    the half in its language."""
    from cchc_score.i18n import one_language
    from cchc_score.simulate.rescore import NOTE_STATES

    assert one_language(NOTE_STATES, "en").startswith("too many prerequisite combinations")
    assert one_language(NOTE_STATES, "vi").startswith("quá nhiều tổ hợp điều kiện tiên quyết")
    assert " / " not in one_language(NOTE_STATES, "vi")
    assert one_language("a / b / c", "vi") == "a / b / c"  # not a pair: left as it is
    assert one_language("Huyện A", "en") == "Huyện A"


def test_the_rank_options_help_names_the_thresholds_in_use() -> None:
    """The help texts are literal msgids (the catalogue cannot hold an f-string): they must
    still say the thresholds the code uses."""
    from cchc_score.app.settings import PARALLEL_AT, PROGRESS_AT
    from cchc_score.cli.rank import rank_cmd

    helps = {p.name: p.help or "" for p in rank_cmd.params}
    assert f"from {PROGRESS_AT} files" in helps["progress"]
    assert f"from {PARALLEL_AT} files" in helps["jobs"]
