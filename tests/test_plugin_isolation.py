"""Plug-in code cannot take over a shipped set, end the command or corrupt its output."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sys
from importlib import metadata
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from cchc_score import build_registry, hookimpl
from cchc_score.cli import main

from .conftest import MINIMAL

SHIPPED = "lam_dong_district_2021"


def entry_point(name: str, load: Any) -> SimpleNamespace:
    """A third-party entry point (no distribution of ours) whose import runs ``load``."""
    return SimpleNamespace(name=name, value=name, load=load, dist=None)


def with_entry_points(monkeypatch: pytest.MonkeyPatch, *extra: Any) -> None:
    real = list(metadata.entry_points(group="cchc_score"))
    monkeypatch.setattr(metadata, "entry_points", lambda group: [*real, *extra])


def module(name: str, **hooks: Any) -> ModuleType:
    mod = ModuleType(name)
    for hook_name, func in hooks.items():
        setattr(mod, hook_name, hookimpl(func))
    return mod


def shipped_pack() -> Path:
    reg = build_registry()
    found = next(r for r in reg.all_sets() if r.plugin == SHIPPED)
    assert found.source is not None
    return Path(found.source)


def test_a_plugin_registering_a_shipped_set_does_not_take_it_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pack = shipped_pack()
    # Named to sort before the shipped pack: the name order alone would let it in first.
    taker = module("aaa_takeover", register_criteria_sets=lambda register: register(pack))
    with_entry_points(monkeypatch, entry_point("aaa_takeover", lambda: taker))
    reg = build_registry()
    owners = {r.plugin for r in reg.all_sets()}
    assert SHIPPED in owners and "aaa_takeover" not in owners
    (failure,) = [f for f in reg.failures if f.plugin == "aaa_takeover"]
    assert "aaa_takeover" in failure.reason and f"already registered by {SHIPPED}" in failure.reason


@pytest.mark.parametrize(
    "stop", [SystemExit(0), SystemExit("bye"), KeyboardInterrupt(), GeneratorExit()]
)
def test_a_plugin_ending_the_process_at_import_or_in_a_hook_is_a_named_failure(
    monkeypatch: pytest.MonkeyPatch, stop: BaseException
) -> None:
    def raise_it(*args: Any, **kwargs: Any) -> Any:
        raise stop

    def calls_exit(register: Any) -> None:
        sys.exit(3)

    hooked = module("hook_stop", register_criteria_sets=raise_it)
    exits = module("hook_exit", register_rule_kinds=calls_exit)
    with_entry_points(
        monkeypatch,
        entry_point("import_stop", raise_it),
        entry_point("hook_stop", lambda: hooked),
        entry_point("hook_exit", lambda: exits),
    )
    reg = build_registry()
    reasons = {f.plugin: f.reason for f in reg.failures}
    assert type(stop).__name__ in reasons["import_stop"]
    assert type(stop).__name__ in reasons["hook_stop"]
    assert "SystemExit: 3" in reasons["hook_exit"]
    assert any(r.plugin == SHIPPED for r in reg.all_sets())  # the others still load
    code, out, _err = run("plugins")
    assert code == 0 and "import_stop" in out


def test_the_users_ctrl_c_during_a_plugin_import_still_stops_the_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def interrupted() -> None:
        os.kill(os.getpid(), signal.SIGINT)  # as a Ctrl-C while the import runs

    with_entry_points(monkeypatch, entry_point("slow_import", interrupted))
    with pytest.raises(KeyboardInterrupt):
        build_registry()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_what_a_plugin_prints_never_reaches_json_or_csv_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def noisy_hook(register: Any) -> None:
        print("registering my sets")

    noisy = module("noisy", register_criteria_sets=noisy_hook)

    def noisy_import() -> ModuleType:
        print("hello from an import")
        return noisy

    with_entry_points(monkeypatch, entry_point("noisy", noisy_import))
    criteria, assessment = str(MINIMAL / "criteria.yaml"), str(MINIMAL / "assessment.yaml")
    code, out, err = run("score", assessment, "--set", criteria, "--json")
    assert code == 0, err
    assert json.loads(out)["unit"] and "hello from an import" in err
    code, out, err = run("rank", assessment, "--set", criteria, "--csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][0] == "block" and not any("registering" in c for r in rows for c in r)


def test_a_bad_file_in_a_pack_folder_does_not_hide_the_packs_beside_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "good.yaml").write_bytes((MINIMAL / "criteria.yaml").read_bytes())
    (tmp_path / "bad.yaml").write_text("nodes: [unclosed\n", encoding="utf-8")
    (tmp_path / "invalid.yaml").write_text("id: x\nnodes: []\n", encoding="utf-8")
    monkeypatch.setenv("CCHC_SCORE_PATH", str(tmp_path))
    reg = build_registry(entry_points=False)
    assert ("example_minimal", "1.0") in reg.sets
    failed = " ".join(f.reason for f in reg.failures)
    assert "bad.yaml" in failed and "invalid.yaml" in failed


def test_disabling_all_plugins_keeps_the_shipped_packs_unless_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    third = module("third", register_criteria_sets=lambda register: None)
    with_entry_points(monkeypatch, entry_point("third", lambda: third))
    monkeypatch.setenv("CCHC_SCORE_DISABLE_PLUGINS", "all")
    reg = build_registry()
    assert "third" not in reg.plugins and SHIPPED in reg.plugins
    monkeypatch.setenv("CCHC_SCORE_DISABLE_PLUGINS", "shipped")
    reg = build_registry()
    assert "third" in reg.plugins and SHIPPED not in reg.plugins
    monkeypatch.setenv("CCHC_SCORE_DISABLE_PLUGINS", "all,shipped")
    assert build_registry().all_sets() == []
    monkeypatch.setenv("CCHC_SCORE_DISABLE_PLUGINS", SHIPPED)
    assert SHIPPED not in build_registry().plugins
