"""A plan to take away: a workbook (steps and the cost-per-rank frontier) or a standalone page."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from cchc_score.simulate import Simulation

from .words import word


def plan_workbook(sim: Simulation, lang: str) -> bytes:
    """The plan's steps on one sheet and the frontier on another, numbers as numbers."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = word("plan", lang)
    plan = sim.plan
    unit = sim.cost_unit(lang)
    facts: list[tuple[str, object]] = [
        (word("unit", lang), sim.unit),
        (word("year", lang), sim.year),
        (word("rank", lang), f"{sim.rank} → {plan.new_rank}" if plan else sim.rank),
        (f"{word('plan_cost', lang)} ({unit})", plan.total_cost if plan else None),
        (word("total", lang), plan.new_total if plan else sim.total),
        (word("proven", lang), word("yes" if plan and plan.proven_optimal else "no", lang)),
    ]
    for row in facts:
        sheet.append(list(row))
    sheet.append([])
    heads = [
        "#",
        word("id", lang),
        word("criterion", lang),
        word("before", lang),
        word("after", lang),
    ]
    heads += [f"{word('cost', lang)} ({unit})", word("total", lang), word("rank", lang)]
    sheet.append(heads)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for i, step in enumerate(plan.steps if plan else (), start=1):
        before, after = step.values(lang)
        sheet.append(
            [
                i,
                step.leaf_id,
                step.label(lang),
                before if before != after else step.from_points,
                after if before != after else step.to_label(lang),
                step.cost,
                step.total_after,
                step.rank_after,
            ]
        )
    sheet.column_dimensions["C"].width = 60
    frontier = book.create_sheet(word("frontier", lang)[:31])
    frontier.append([word("rank", lang), f"{word('cost', lang)} ({unit})", word("total", lang)])
    for point in sorted(sim.frontier, key=lambda p: p.rank):
        frontier.append([point.rank, point.min_cost, point.total])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
