"""A pack in its own distribution (examples/minimal_pack) installs and shows up in the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from .installing import cli, pip_install

PACK = Path(__file__).resolve().parents[1] / "examples" / "minimal_pack"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example pack installed with pip into a folder of its own."""
    return pip_install(PACK, tmp_path_factory.mktemp("site"))


def test_installed_pack_is_listed_by_sets_with_its_plugin_name(installed: Path) -> None:
    run = cli(installed, "sets")
    assert run.returncode == 0, run.stderr
    row = next(line for line in run.stdout.splitlines() if "example_commune_pack" in line)
    assert "minimal_pack" in row
    assert "commune" in row


def test_without_the_install_the_pack_is_not_listed(tmp_path: Path) -> None:
    run = cli(tmp_path, "sets")
    assert run.returncode == 0, run.stderr
    assert "example_commune_pack" not in run.stdout


def test_installed_pack_brings_its_rule_kind_and_its_cases_pass(installed: Path) -> None:
    plugins = cli(installed, "plugins")
    assert "per_item" in plugins.stdout
    check = cli(installed, "check-pack", str(installed / "cchc_minimal_pack"))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "3 cases passed, 0 failed" in check.stdout
