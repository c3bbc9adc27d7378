"""The docs cannot drift: code blocks run, the CLI reference is regenerated, every hook and every
public name is documented.

How a Markdown code block is treated, by its language tag:

- ``bash``: every ``cchc-score …`` line runs (``\\`` continues a line); it must exit 0, or the code
  a trailing ``# exit N`` names. Other commands are not allowed in a ``bash`` block: use ``sh``
  for what cannot run in a test (installing, activating a virtual environment).
- ``python``: runs; the blocks of one page share their names, in order.
- ``yaml``: must parse. A block whose first line is ``# file: PATH`` (``python`` too) is written to
  PATH instead, for the blocks after it to use.
- anything else (``sh``, ``text``, ``toml``, …): shown, not run. So is a block right after a
  ``<!-- no-run -->`` line (a fragment that needs names the page does not define).

Each page runs in a fresh folder holding a copy of ``examples/``, so paths in the docs are the
paths a reader types from the repository's root.
"""

from __future__ import annotations

import inspect
import re
import shlex
import shutil
import sys
import types
from pathlib import Path
from typing import get_args

import pytest
import yaml
from click.testing import CliRunner

import cchc_score
from cchc_score import hookspecs
from cchc_score.cli import main
from cchc_score.cli.reference import cli_reference
from cchc_score.model.result import Flag

from .conftest import EXAMPLES, ROOT

DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.glob("*.md") if p.name != "cli.md")
BLOCK = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.S | re.M)
NO_RUN = "<!-- no-run -->"
FILE_MARK = re.compile(r"^#\s*file:\s*(\S+)\s*\n")

#: Every public name of ``cchc_score`` as released; removing one breaks integrators' code.
PUBLIC_NAMES = {
    "Adjustment",
    "Appraisal",
    "AppraisalRound",
    "Assessment",
    "AssessmentFile",
    "Band",
    "CchcScoreError",
    "CriteriaError",
    "CriteriaSet",
    "EvidenceDocument",
    "EvidenceError",
    "InputFileError",
    "LeafEvidence",
    "LegalReference",
    "Node",
    "NodeResult",
    "Outcome",
    "PluginError",
    "PluginFailure",
    "Provenance",
    "Registry",
    "Result",
    "RoundingRule",
    "Rule",
    "RuleError",
    "RuleParams",
    "RuleSpec",
    "Submission",
    "Survey",
    "SurveyLeaf",
    "UnknownIdError",
    "__version__",
    "build_registry",
    "hookimpl",
    "load_assessment",
    "load_criteria_set",
    "make_plugin_manager",
    "score",
}


def blocks(page: Path) -> list[tuple[str, str, int]]:
    """(language, code, line) of each fenced code block of a Markdown page; the language of a
    block marked not to run is ``""``."""
    text = page.read_text(encoding="utf-8")
    out = []
    for m in BLOCK.finditer(text):
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1].strip()
        lang = "" if before == NO_RUN else m.group(1)
        out.append((lang, m.group(2), text.count("\n", 0, m.start()) + 1))
    return out


def commands(code: str) -> list[tuple[list[str], int]]:
    """The cchc-score command lines of a bash block, with the exit code each should give."""
    out = []
    for line in code.replace("\\\n", " ").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        expected = re.search(r"#\s*exit\s+(\d+)\s*$", line)
        words = shlex.split(line, comments=True)
        assert words[0] == "cchc-score", f"only cchc-score runs in a bash block: {line!r}"
        out.append((words[1:], int(expected.group(1)) if expected else 0))
    return out


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_code_blocks_in_the_docs_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("COLUMNS", "120")
    # A module of its own per page, so that classes defined in a block (pydantic models) resolve
    # their annotations as they would in a reader's file.
    module = types.ModuleType("docs_" + re.sub(r"\W", "_", page.stem))
    monkeypatch.setitem(sys.modules, module.__name__, module)
    for lang, code, line in blocks(page):
        where = f"{page.name}:{line}"
        mark = FILE_MARK.match(code)
        if mark and lang in {"yaml", "python"}:
            target = tmp_path / mark.group(1)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(code[mark.end() :], encoding="utf-8")
        if lang == "yaml":
            yaml.safe_load(code)
        elif lang == "python" and not mark:
            try:
                exec(compile(code, where, "exec"), module.__dict__)
            except Exception as exc:
                raise AssertionError(
                    f"{where}: the python block fails ({type(exc).__name__}: {exc}); make it run,"
                    f" or put {NO_RUN} on the line before it"
                ) from exc
        elif lang == "bash":
            for args, code_expected in commands(code):
                result = CliRunner().invoke(main, args)
                assert result.exit_code == code_expected, (
                    f"{where}: cchc-score {shlex.join(args)} exited {result.exit_code}\n"
                    f"{result.stdout}{result.stderr}{result.exception or ''}"
                )


def test_cli_reference_is_up_to_date() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == cli_reference(), (
        "docs/cli.md differs from the commands: run 'cchc-score write-docs'"
    )


def test_every_page_is_linked_from_the_index() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for page in [*PAGES, DOCS / "cli.md"]:
        if page.name != "README.md":
            assert f"({page.name})" in index, page.name


def test_relative_links_in_the_docs_point_at_files_that_exist() -> None:
    for page in [*PAGES, ROOT / "README.md"]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
            assert (page.parent / target).exists(), f"{page.name}: {target}"


def test_every_plugin_hook_is_documented_with_its_signature() -> None:
    """Like datasette's test_plugin_hooks_are_documented: a hook added to hookspecs.py without
    its section in docs/plugins.md fails here."""
    text = (DOCS / "plugins.md").read_text(encoding="utf-8")
    hooks = [
        (name, fn)
        for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(fn, "cchc_score_spec")
    ]
    assert hooks
    for name, fn in hooks:
        params = ", ".join(inspect.signature(fn).parameters)
        assert f"### {name}({params})" in text, f"hook {name}({params}) is not documented"


def test_no_public_name_disappears() -> None:
    missing = PUBLIC_NAMES - set(cchc_score.__all__)
    assert not missing, f"public names removed from cchc_score: {sorted(missing)}"
    for name in cchc_score.__all__:
        assert hasattr(cchc_score, name), name


def test_every_flag_is_explained_in_the_concepts() -> None:
    text = (DOCS / "concepts.md").read_text(encoding="utf-8")
    missing = [f for f in get_args(Flag) if f"`{f}`" not in text]
    assert not missing, f"add these flags to docs/concepts.md: {missing}"


def test_every_public_name_is_documented() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    undocumented = [n for n in cchc_score.__all__ if f"`{n}`" not in text]
    assert not undocumented, f"add these to docs/api.md: {undocumented}"
