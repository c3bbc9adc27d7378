"""The application layer: what the command line does, callable from Python; the command
modules stay thin and independent, and ``--help`` starts without loading the models."""

from __future__ import annotations

import ast
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_score.app import collect, compare_files, league_of, open_context, score_path
from cchc_score.app.simulation import demo_simulation
from cchc_score.cli.main import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / "src" / "cchc_score" / "cli"
DI_LINH = ROOT / "examples" / "di_linh"


def test_score_path_scores_a_file_as_the_score_command_does() -> None:
    scored = score_path(
        open_context([ROOT / "examples/minimal/criteria.yaml"]),
        ROOT / "examples/minimal/assessment.yaml",
    )
    assert scored.criteria_set.id == scored.result.criteria_set
    assert scored.result.total > 0


def test_collect_and_league_of_rank_di_linh_8th_in_2021() -> None:
    skipped = []
    ctx = open_context()
    got = collect(ctx, [DI_LINH / "2021"], on_skip=skipped.append)
    league = league_of(got)
    (table,) = league.blocks
    di_linh = next(s for s in table.standings if s.unit_id == "di_linh")
    assert (di_linh.rank, len(table.standings)) == (8, 12)
    assert league.skipped == () and skipped == []


def test_collect_reports_progress_and_each_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("unit: [\n", encoding="utf-8")
    good = tmp_path / "di_linh.yaml"
    good.write_bytes((DI_LINH / "2021" / "di_linh.yaml").read_bytes())
    seen: list[tuple[int, int]] = []
    skipped = []
    got = collect(
        open_context(),
        [tmp_path],
        on_skip=skipped.append,
        on_progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(1, 2), (2, 2)]
    assert len(got.entries) == 1
    assert len(skipped) == 1 and skipped[0].file == str(bad)
    assert got.skipped[0].file == str(bad)


def test_compare_files_splits_di_linh_fall_into_own_and_others() -> None:
    cmp = compare_files(
        open_context(), DI_LINH / "2020/di_linh.yaml", DI_LINH / "2021/di_linh.yaml", siblings=True
    )
    assert (cmp.year_old, cmp.year_new) == (2020, 2021)
    assert cmp.rank is not None and (cmp.rank.rank_old, cmp.rank.rank_new) == (6, 8)


def test_demo_simulation_plans_di_linh_back_to_3rd() -> None:
    sim = demo_simulation(open_context())
    assert sim is not None and sim.plan is not None
    assert (sim.rank, sim.plan.new_rank) == (8, 3)
    assert sim.plan.total_cost == Decimal("46.04")
    assert sim.plan.proven_optimal


def _imports(path: Path) -> set[str]:
    """Modules a file imports (relative imports resolved against cchc_score.cli)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                found.add(f"cchc_score.cli.{node.module}" if node.module else "cchc_score.cli")
                if node.module is None:
                    found.update(f"cchc_score.cli.{a.name}" for a in node.names)
            elif node.module:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("module", sorted({m for m, _ in COMMANDS.values()}))
def test_no_command_module_imports_another(module: str) -> None:
    others = {f"cchc_score.cli.{m}" for m, _ in COMMANDS.values()} - {f"cchc_score.cli.{module}"}
    assert not _imports(CLI / f"{module}.py") & others


def test_every_command_module_is_listed_once() -> None:
    helpers = {"__init__", "main", "options", "export", "usage"}
    on_disk = {p.stem for p in CLI.glob("*.py")} - helpers
    assert on_disk == {m for m, _ in COMMANDS.values()}


def test_help_loads_no_models_and_no_command_code() -> None:
    """``cchc-score --help`` imports neither pydantic models nor openpyxl nor the engine."""
    code = (
        "import sys\n"
        "from cchc_score.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic.main', 'openpyxl', 'cchc_score.engine',"
        " 'cchc_score.model.criteria', 'rich.console') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "HEAVY []" in out
