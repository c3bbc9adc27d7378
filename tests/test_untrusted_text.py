"""Names, labels and file names from files are text on the terminal: never rich markup, never
escape sequences the terminal would run (each hostile input is built here)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console
from rich.text import Text

from cchc_score.cli import main
from cchc_score.render.common import SafeConsole, clean, plain

from .conftest import EXAMPLES

NAME = "Huyện [/] [red]Đỏ[/red] [bold]"
ESCAPES = "Huyện \x1b[2J\x1b]0;owned\x07 \x9b31m"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "400"})
    return result.exit_code, result.stdout, result.stderr


def renamed(tmp_path: Path, name: str) -> Path:
    """The Di Linh example's 2020 and 2021 folders, Di Linh renamed ``name``."""
    for year in ("2020", "2021"):
        shutil.copytree(EXAMPLES / "di_linh" / year, tmp_path / year)
        path = tmp_path / year / "di_linh.yaml"
        text = path.read_text(encoding="utf-8")
        quoted = '"' + name.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
        text = text.replace('unit: "Huyện Di Linh"', f"unit: {quoted}", 1)
        assert quoted in text
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return renamed(tmp_path_factory.mktemp("hostile"), NAME)


def commands(folder: Path) -> dict[str, list[str]]:
    unit = str(folder / "2021" / "di_linh.yaml")
    return {
        "rank": ["rank", str(folder / "2021")],
        "score": ["score", unit],
        "compare": ["compare", str(folder / "2020" / "di_linh.yaml"), unit, "--peers"],
        "simulate": ["simulate", unit, "--peers", str(folder / "2021"), "--target-rank", "3"],
        "simulate each": ["simulate", str(folder / "2021"), "--target-rank", "3"],
    }


@pytest.mark.parametrize("command", ["rank", "score", "compare", "simulate", "simulate each"])
def test_a_name_with_markup_is_printed_as_written(hostile: Path, command: str) -> None:
    code, out, err = run(*commands(hostile)[command])
    assert code == 0, err
    assert NAME in out


@pytest.mark.parametrize("command", ["rank", "score", "compare", "simulate"])
def test_escape_sequences_in_a_name_are_shown_not_run(tmp_path: Path, command: str) -> None:
    code, out, err = run(*commands(renamed(tmp_path, ESCAPES))[command])
    assert code == 0, err
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert clean(ESCAPES) in out


def test_a_file_name_with_escape_sequences_is_shown_escaped(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "di_linh" / "2021", tmp_path / "2021")
    (tmp_path / "2021" / "bad\x1b[2J.yaml").write_text("unit: [\n", encoding="utf-8")
    code, out, err = run("rank", str(tmp_path / "2021"))
    assert code == 0
    assert "bad\\x1b[2J.yaml" in err and "\x1b" not in err + out
    code, _, err = run("score", str(tmp_path / "gone\x1b]0;x\x07.yaml"))
    assert code == 2
    assert "\\x1b]0;x\\x07" in err and "\x1b" not in err


def test_clean_shows_controls_and_keeps_text() -> None:
    assert clean("a\tb\nc") == "a\tb\nc"
    assert clean("Đỏ [red]x[/]") == "Đỏ [red]x[/]"
    assert clean("\x00\x1b\x7f\x85\x9f") == "\\x00\\x1b\\x7f\\x85\\x9f"


def test_a_data_cell_is_never_markup_on_any_console() -> None:
    """``plain`` keeps brackets on an ordinary console; the reports' console also keeps them in
    plain strings, and shows a control character a ``Text`` still holds."""
    ordinary = Console(width=80, color_system=None, record=True)
    ordinary.print(plain(NAME))
    assert NAME in ordinary.export_text()
    safe = SafeConsole(width=80, color_system=None, record=True, force_terminal=True)
    safe.print(NAME)
    safe.print(Text("x\x1by"))
    shown = safe.export_text()
    assert NAME in shown and "x\\x1by" in shown and "\x1b" not in shown
