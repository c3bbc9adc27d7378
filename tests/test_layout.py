"""Reports fit the terminal: the simulate report stacks its wide tables at 80 columns instead of
cutting every cell to '…', and keeps the tables where there is room."""

from __future__ import annotations

import pytest
from rich.console import Console

from cchc_score.app import open_context
from cchc_score.app.simulation import demo_simulation
from cchc_score.render.simulate import simulation_report
from cchc_score.simulate import Simulation


@pytest.fixture(scope="module")
def sim() -> Simulation:
    found = demo_simulation(open_context())
    assert found is not None
    return found


def rendered(sim: Simulation, width: int) -> str:
    console = Console(width=width, color_system=None, record=True)
    console.print(simulation_report(sim, "vi"))
    return console.export_text()


def test_at_80_columns_the_plan_and_opportunities_are_stacked_and_nothing_is_cut(
    sim: Simulation,
) -> None:
    text = rendered(sim, 80)
    assert "│ … │" not in text  # no column squeezed to nothing (it was 278 cuts)
    words = [line for line in text.splitlines() if not {"█", "░"} & set(line)]
    assert not any("…" in line for line in words)  # bars may be trimmed, words are not
    assert "Kiểm tra định kỳ hằng quý công tác CCHC tại UBND cấp xã" in text  # whole labels
    assert "Tổng sau bước: 86,79 · Hạng 3" in text  # the last step, as a labelled line
    assert all(len(line) <= 80 for line in text.splitlines())


def test_at_140_columns_the_tables_keep_their_columns(sim: Simulation) -> None:
    text = rendered(sim, 140)
    header = next(line for line in text.splitlines() if "Tổng sau bước" in line)
    assert "Chi phí" in header and "Hạng sau bước" in header  # one header row, side by side
