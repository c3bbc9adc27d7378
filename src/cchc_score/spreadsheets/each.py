"""Every unit's plan of a folder (``simulate FOLDER -o FILE.xlsx``): one row per unit, then one
row per step of each plan."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cchc_score.formats.xlsx import Workbook
from cchc_score.i18n import code_label
from cchc_score.simulate.batch import UnitPlan
from cchc_score.simulate.models import PlanStep

from .sheets import COST, POINTS, WHOLE, Column, new_book, write_table
from .words import word


def each_book(plans: Sequence[UnitPlan], cost_unit: str, lang: str = "vi") -> Workbook:
    """The units and their plans (sheet 'Từng đơn vị'), and the plans' steps ('Các bước')."""
    wb = new_book()
    cost = f"{word('total_cost', lang)} ({cost_unit})"
    columns = [
        Column(word("unit", lang)),
        Column(word("unit_id", lang)),
        Column(word("block", lang)),
        Column(word("year", lang), WHOLE, 7),
        Column(word("total", lang), POINTS, 10),
        Column(word("rank", lang), WHOLE, 7),
        Column(word("of", lang), WHOLE, 8),
        Column(word("target_rank", lang), WHOLE, 9),
        Column(cost, COST, 14),
        Column(word("new_total", lang), POINTS, 10),
        Column(word("new_index", lang), POINTS, 10),
        Column(word("new_band", lang), None, 12),
        Column(word("new_rank", lang), WHOLE, 8),
        Column(word("changes_count", lang), WHOLE, 9),
        Column(word("leaves_changed", lang), None, 40),
    ]
    rows: list[list[Any]] = []
    for p in plans:
        plan = p.plan
        band = plan.new_band if plan is not None else None
        rows.append(
            [
                p.unit,
                p.unit_id,
                code_label("block", p.block, lang),
                p.year,
                p.total,
                p.rank,
                p.of,
                p.target_rank,
                plan.total_cost if plan else None,
                plan.new_total if plan else None,
                plan.new_index if plan else None,
                (band.label_vi if lang == "vi" else band.label_en) if band else None,
                plan.new_rank if plan else None,
                len(plan.steps) if plan else None,
                ", ".join(f"{s.leaf_id} → {s.to_label.get(lang)}" for s in plan.steps)
                if plan
                else None,
            ]
        )
    write_table(wb, word("each_unit", lang), columns, rows, frozen_columns=1)
    steps = [
        Column(word("unit", lang)),
        Column(word("step", lang), WHOLE, 6),
        Column(word("id", lang), None, 9),
        Column(word("criterion", lang), None, 44),
        Column(word("to_value", lang), None, 18),
        Column(word("from_points", lang), POINTS, 10),
        Column(word("to_points", lang), POINTS, 10),
        Column(word("cost", lang), COST, 12),
        Column(word("total_after_step", lang), POINTS, 11),
        Column(word("rank_after", lang), WHOLE, 9),
    ]
    lines = [
        [p.unit, i, s.leaf_id, s.label.get(lang), s.values(lang)[1], *_figures(s)]
        for p in plans
        if p.plan is not None
        for i, s in enumerate(p.plan.steps, start=1)
    ]
    write_table(wb, word("steps", lang), steps, lines, frozen_columns=1)
    return wb


def _figures(step: PlanStep) -> list[Any]:
    return [step.from_points, step.to_points, step.cost, step.total_after, step.rank_after]
