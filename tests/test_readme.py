"""The README's Python example and quick-start commands work as written."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_python_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = re.findall(r"^```python\n(.*?)^```", README, re.S | re.M)
    assert blocks
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert "9.49 47.45" in capsys.readouterr().out


def test_the_quick_start_is_the_two_commands_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^```bash\n(.*?)\n```", quick, re.S | re.M)
    assert len(commands) == 2
    for command in commands:
        assert command.strip() in ci
