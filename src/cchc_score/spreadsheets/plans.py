"""A simulation as a workbook for people (``simulate … -o FILE.xlsx``): the summary, the plan,
the least cost of each rank, the opportunities, the alternatives and the odds, one sheet each,
with the JSON output's figures as formatted numbers."""

from __future__ import annotations

from typing import Any

from cchc_score.formats.xlsx import Workbook, Worksheet
from cchc_score.i18n import code_label, one_language
from cchc_score.peers_year import peers_note
from cchc_score.simulate.models import Plan, Simulation

from .outputs import band_text
from .sheets import COST, POINTS, SHARE, WHOLE, Column, key_values, new_book, write_table
from .words import word


def simulation_book(sim: Simulation, lang: str = "vi") -> Workbook:
    """The summary, the plan, the cost of each rank (frontier), each improvement on its own
    (opportunities), and the alternatives and odds when there are any, one sheet each."""
    wb = new_book()
    summary: list[tuple[str, Any, str | None]] = [
        (word("unit", lang), sim.unit, None),
        (word("block", lang), code_label("block", sim.block, lang), None),
        (word("year", lang), sim.year, WHOLE),
        *(
            [(word("compared", lang), peers_note(sim.peers_year, lang), None)]
            if sim.peers_year is not None
            else []
        ),
        (word("criteria_set", lang), f"{sim.criteria_set} {sim.set_version}", None),
        (word("total", lang), sim.total, POINTS),
        (word("index", lang), sim.index, POINTS),
        (word("band", lang), band_text(sim.band, lang), None),
        (word("rank", lang), sim.rank, WHOLE),
        (word("peers", lang), sim.peers, WHOLE),
        (word("cost_unit", lang), sim.cost_unit.get(lang), None),
    ]
    if sim.plan is not None:
        summary += _plan_summary(sim.plan, lang)
    if sim.no_plan_reason:
        summary.append((word("no_plan_reason", lang), one_language(sim.no_plan_reason, lang), None))
    key_values(wb, word("summary", lang), summary)
    if sim.plan is not None:
        _plan_sheet(wb, word("plan", lang), [sim.plan], lang)
    if sim.frontier:
        columns = [
            Column(word("rank", lang), WHOLE, 7),
            Column(word("min_cost", lang), COST, 14),
            Column(word("total", lang), POINTS, 10),
            Column(word("new_index", lang), POINTS, 10),
            Column(word("changes_count", lang), WHOLE, 10),
            Column(word("leaves_changed", lang), None, 40),
        ]
        rows = [
            [
                p.rank,
                p.min_cost,
                p.total,
                p.plan.new_index,
                len(p.plan.steps),
                ", ".join(f"{s.leaf_id} → {s.to_label.get(lang)}" for s in p.plan.steps),
            ]
            for p in sim.frontier
        ]
        write_table(wb, word("frontier", lang), columns, rows)
    if sim.opportunities:
        columns = [
            Column(word("id", lang), None, 9),
            Column(word("criterion", lang), None, 44),
            Column(word("to_value", lang), None, 18),
            Column(word("from_points", lang), POINTS, 10),
            Column(word("to_points", lang), POINTS, 10),
            Column(word("gain", lang), POINTS, 10),
            Column(word("new_total", lang), POINTS, 10),
            Column(word("rank", lang), WHOLE, 7),
            Column(word("rank_gain", lang), WHOLE, 8),
            Column(word("cost", lang), COST, 12),
            Column(word("gain_per_cost", lang), "0.0000", 12),
            Column(word("prerequisites", lang), None, 20),
        ]
        rows = [
            [
                o.leaf_id,
                o.label.get(lang),
                o.to_label.get(lang),
                o.from_points,
                o.to_points,
                o.gain,
                o.new_total,
                o.rank,
                o.rank_gain,
                o.cost,
                o.gain_per_cost,
                ", ".join(o.prerequisites),
            ]
            for o in sim.opportunities
        ]
        write_table(wb, word("opportunities", lang), columns, rows)
    if sim.alternatives:
        _plan_sheet(wb, word("alternatives", lang), list(sim.alternatives), lang, numbered=True)
    if sim.odds is not None:
        _odds_sheet(wb, sim, lang)
    return wb


def _plan_summary(plan: Plan, lang: str) -> list[tuple[str, Any, str | None]]:
    return [
        (word("objective", lang), word(f"objective_{plan.objective}", lang), None),
        (word("total_cost", lang), plan.total_cost, COST),
        (word("new_total", lang), plan.new_total, POINTS),
        (word("new_index", lang), plan.new_index, POINTS),
        (word("new_band", lang), band_text(plan.new_band, lang), None),
        (word("new_rank", lang), plan.new_rank, WHOLE),
        (word("proven_optimal", lang), word("yes" if plan.proven_optimal else "no", lang), None),
    ]


def _plan_sheet(
    wb: Workbook, title: str, plans: list[Plan], lang: str, numbered: bool = False
) -> Worksheet:
    columns = [
        *([Column(word("alternative", lang), WHOLE, 9)] if numbered else []),
        Column(word("step", lang), WHOLE, 6),
        Column(word("id", lang), None, 9),
        Column(word("criterion", lang), None, 44),
        Column(word("from_value", lang), None, 16),
        Column(word("to_value", lang), None, 16),
        Column(word("from_points", lang), POINTS, 10),
        Column(word("to_points", lang), POINTS, 10),
        Column(word("gain", lang), POINTS, 9),
        Column(word("cost", lang), COST, 12),
        Column(word("total_after_step", lang), POINTS, 11),
        Column(word("rank_after", lang), WHOLE, 9),
    ]
    rows = []
    for n, plan in enumerate(plans, start=1):
        for i, s in enumerate(plan.steps, start=1):
            before, after = s.values(lang)
            rows.append(
                [
                    *([n] if numbered else []),
                    i,
                    s.leaf_id,
                    s.label.get(lang),
                    before,
                    after,
                    s.from_points,
                    s.to_points,
                    s.gain,
                    s.cost,
                    s.total_after,
                    s.rank_after,
                ]
            )
    return write_table(wb, title, columns, rows)


def _odds_sheet(wb: Workbook, sim: Simulation, lang: str) -> None:
    odds = sim.odds
    assert odds is not None
    columns = [
        Column(word("rank", lang), WHOLE, 7),
        Column(word("odds_now", lang), SHARE, 14),
        Column(word("odds_plan", lang), SHARE, 16),
    ]
    size = max(len(odds.distribution_now), len(odds.distribution_plan))
    rows: list[list[Any]] = [
        [
            r,
            odds.distribution_now[r - 1] if r <= len(odds.distribution_now) else None,
            odds.distribution_plan[r - 1] if r <= len(odds.distribution_plan) else None,
        ]
        for r in range(1, size + 1)
    ]
    ws = write_table(wb, word("odds", lang), columns, rows)
    at = len(rows) + 3
    ws.cell(row=at, column=1, value=f"{word('target_rank', lang)}: {odds.target_rank}")
    ws.cell(row=at + 1, column=1, value=word("odds_now", lang))
    ws.cell(row=at + 1, column=2, value=odds.now).number_format = SHARE
    for name, p in odds.plans.items():
        at += 1
        ws.cell(row=at + 1, column=1, value=name)
        ws.cell(row=at + 1, column=2, value=p).number_format = SHARE
