"""`cchc-score serve`: local by default, the port and host given, the browser opened unless told
not to, a warning when listening beyond this computer, bad folders refused in one line."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cchc_score.cli import main

from .conftest import EXAMPLES

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note on its httpx-based client
    from fastapi.testclient import TestClient


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """uvicorn.run and the browser replaced by recorders; the timer runs at once."""
    import threading
    import webbrowser

    import uvicorn

    seen: dict[str, Any] = {"opened": []}

    def run(app: Any, **options: Any) -> None:
        seen["app"], seen["options"] = app, options

    class Now:
        def __init__(self, delay: float, func: Any, args: tuple[Any, ...] = ()) -> None:
            self.func, self.args = func, args

        def start(self) -> None:
            self.func(*self.args)

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.setattr(threading, "Timer", Now)
    monkeypatch.setattr(webbrowser, "open", lambda url: seen["opened"].append(url))
    return seen


def test_serves_on_this_computer_and_opens_the_browser(calls: dict[str, Any]) -> None:
    got = CliRunner().invoke(main, ["serve", str(EXAMPLES / "di_linh" / "2021")])
    assert got.exit_code == 0, got.output
    assert calls["options"]["host"] == "127.0.0.1" and calls["options"]["port"] == 8000
    assert calls["opened"] == ["http://127.0.0.1:8000/"]
    assert len(calls["app"].state.workspace.units) == 12
    assert "warning" not in got.output
    # Only its own names are answered: another site's name pointed at 127.0.0.1 is refused.
    client = TestClient(calls["app"])
    assert client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_port_no_browser_and_a_warning_for_another_host(calls: dict[str, Any]) -> None:
    got = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "8123", "--no-browser"])
    assert got.exit_code == 0, got.output
    assert calls["options"] == {"host": "0.0.0.0", "port": 8123, "log_level": "warning"}
    assert calls["opened"] == []
    assert "máy khác có thể truy cập" in got.output and "(Ctrl+C để dừng)" in got.output
    english = CliRunner(env={"CCHC_SCORE_LANG": "en"}).invoke(
        main, ["serve", "--host", "0.0.0.0", "--port", "8123", "--no-browser"]
    )
    assert "other machines can reach" in english.output and "Ctrl+C to stop" in english.output


def test_a_missing_folder_is_one_line_and_exit_2(calls: dict[str, Any], tmp_path: Path) -> None:
    got = CliRunner().invoke(main, ["serve", str(tmp_path / "nowhere")])
    assert got.exit_code == 2 and len(got.output.strip().splitlines()) == 1
    assert "nowhere" in got.output and "app" not in calls
