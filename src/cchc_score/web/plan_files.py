"""A plan to take away as a workbook: the same sheets as ``cchc-score simulate -o plan.xlsx``
(summary, plan, frontier, opportunities, alternatives and odds when present)."""

from __future__ import annotations

from io import BytesIO

from cchc_score.simulate import Simulation


def plan_workbook(sim: Simulation, lang: str) -> bytes:
    """The simulation's workbook, as bytes to download."""
    from cchc_score.spreadsheets.plans import simulation_book

    out = BytesIO()
    simulation_book(sim, lang).save(out)
    return out.getvalue()
