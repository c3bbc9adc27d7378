"""The simulator's report: standing, opportunities, the plan, the frontier, alternatives, odds."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cchc_score.decimal_utils import fmt, normalize
from cchc_score.i18n import Lang
from cchc_score.simulate.batch import UnitPlan
from cchc_score.simulate.models import FIXED_STATUSES, Opportunity, Plan, PlanStep, Simulation
from cchc_score.simulate.options import SUBSTANTIATE

from .charts import frontier_chart, odds_chart

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Mô phỏng cải thiện", "Improvement simulation"),
    "unit": ("Đơn vị", "Unit"),
    "total": ("Tổng điểm", "Total"),
    "index": ("Chỉ số", "Index"),
    "band": ("Xếp loại", "Band"),
    "rank": ("Hạng", "Rank"),
    "of": ("trên", "of"),
    "ties": ("Đồng hạng", "Ties"),
    "cost_unit": ("Đơn vị chi phí", "Cost unit"),
    "opportunities": ("Từng cải thiện riêng lẻ", "Single improvements"),
    "leaf": ("Mã", "Leaf"),
    "criterion": ("Tiêu chí", "Criterion"),
    "change": ("Thay đổi", "Change"),
    "gain": ("Tổng tăng", "Total gain"),
    "leaf_gain": ("Tiêu chí tăng", "Leaf gain"),
    "rank_alone": ("Hạng nếu chỉ làm việc này", "Rank alone"),
    "cost": ("Chi phí", "Cost"),
    "per_cost": ("Điểm / chi phí", "Gain / cost"),
    "plan": ("Phương án", "Plan"),
    "after": ("Tổng sau bước", "Total after"),
    "rank_after": ("Hạng sau bước", "Rank after"),
    "total_cost": ("Tổng chi phí", "Total cost"),
    "new_total": ("Tổng điểm mới", "New total"),
    "new_rank": ("Hạng mới", "New rank"),
    "optimal": ("Tối ưu đã chứng minh", "Proven optimal"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "frontier": ("Chi phí tối thiểu cho mỗi hạng", "Least cost of each rank"),
    "changes": ("Các thay đổi", "Changes"),
    "alternative": ("Phương án khác", "Alternative"),
    "extra": ("thêm so với tối thiểu", "above the minimum"),
    "odds": (
        "Xác suất đạt hạng ≤ {k} khi các đơn vị khác thay đổi",
        "Chance of rank ≤ {k} as the other units move",
    ),
    "now": ("không thay đổi gì (hiện tại)", "no change (as now)"),
    "odds_plan": ("phương án đã chọn (hạng {r})", "the chosen plan (rank {r})"),
    "odds_alternative": ("phương án khác {i} (hạng {r})", "alternative {i} (rank {r})"),
    "odds_rank": (
        "phương án rẻ nhất đạt hạng {r} ({cost})",
        "cheapest plan reaching rank {r} ({cost})",
    ),
    "appraised": ("thẩm định", "appraised"),
    "claimed": ("kê khai", "claimed"),
    "points": ("điểm", "pts"),
    "probability": ("Xác suất", "Probability"),
    "no_plan": ("Không có phương án", "No plan"),
    "nothing": ("Không cần thay đổi", "No change needed"),
    "more": ("và {n} cải thiện khác", "and {n} more improvements"),
    "target": ("hạng ≤ {k}", "rank ≤ {k}"),
    "each": ("Phương án rẻ nhất của từng đơn vị", "Each unit's cheapest plan"),
    "goal": ("Mục tiêu", "Goal"),
    "planned_against": (
        "Lập so với chỉ số {what} của các đơn vị khác{margin}: cần chỉ số ≥ {index}",
        "Planned against the other units' {what} indexes{margin}: needs an index ≥ {index}",
    ),
    "current": ("hiện tại", "current"),
    "expected": ("dự kiến (hiện tại + thay đổi dự kiến)", "expected (current + expected change)"),
    "margin": (" + {m} điểm chỉ số an toàn", " + a margin of {m} index points"),
    "held": ("Giữ nguyên, không đưa vào phương án", "Held fixed, left out of every plan"),
    "locked": ("khóa trong bảng chi phí", "locked by the cost table"),
    "not_priced": ("bảng chi phí không ghi giá", "not priced by the cost table"),
    "survey": ("điều tra xã hội học", "survey"),
    "bonus": ("điểm thưởng, điểm trừ", "bonus/penalty"),
}
OBJECTIVES: dict[str, tuple[str, str]] = {
    "target_rank": ("đạt hạng mục tiêu, chi phí thấp nhất", "cheapest to the target rank"),
    "target_band": ("đạt xếp loại mục tiêu, chi phí thấp nhất", "cheapest to the target band"),
    "budget": ("hạng tốt nhất trong ngân sách", "best rank within the budget"),
    "frontier": ("chi phí thấp nhất cho hạng", "cheapest for the rank"),
    "alternative": ("phương án khác", "alternative"),
}


def w(key: str, lang: Lang) -> str:
    vi, en = WORDS[key]
    return vi if lang == "vi" else en


def change_text(from_value: str | None, to_value: str, to_label: str, short: bool = False) -> str:
    """``from → to`` in words: the value reached when it is short, else its label; the start
    in full (the table wraps it)."""
    target = to_value if len(to_value) <= 20 else to_label
    if not short and to_label not in (to_value, target):
        target += f" ({to_label})"
    if short:
        return target
    return f"{from_value if from_value is not None else '–'} → {target}"


def _claim(step: PlanStep, lang: Lang) -> str:
    """Proving a claim the appraisers cut: the appraised points → the claimed points."""
    return (
        f"{w('appraised', lang)} {fmt(step.from_points)} → {w('claimed', lang)}"
        f" {fmt(step.to_points)} {w('points', lang)}"
    )


def step_change(step: PlanStep, lang: Lang) -> str:
    """A plan step's change in words. Proving a claim the appraisers cut reads as the
    appraised points → the claimed points, since the evidence value itself does not change."""
    if step.to_label_vi != SUBSTANTIATE[0]:
        return change_text(step.values(lang)[0] or "–", step.values(lang)[1], step.to_label(lang))
    return f"{_claim(step, lang)} ({step.to_label(lang)})"


def short_change(step: PlanStep, lang: Lang) -> str:
    """``leaf → value`` for a list of changes (``leaf: appraised X → claimed Y pts`` for a
    claim proved, as in the plan table)."""
    if step.to_label_vi == SUBSTANTIATE[0]:
        return f"{step.leaf_id}: {_claim(step, lang)}"
    return f"{step.leaf_id} → {change_text(None, step.values(lang)[1], step.to_label(lang), True)}"


def money(value: Decimal) -> str:
    """A cost without needless trailing zeros."""
    return f"{normalize(value):f}"


def summary_panel(sim: Simulation, lang: Lang = "vi") -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    band = "–" if sim.band is None else (sim.band.label_vi if lang == "vi" else sim.band.label_en)
    grid.add_row(w("unit", lang), f"{sim.unit} · {sim.block} · {sim.year}")
    grid.add_row(w("total", lang), f"{fmt(sim.total)} · {w('index', lang)} {fmt(sim.index)} %")
    grid.add_row(w("band", lang), band)
    grid.add_row(w("rank", lang), f"{sim.rank} {w('of', lang)} {sim.peers + 1}")
    grid.add_row(w("ties", lang), sim.tie_policy)
    grid.add_row(w("cost_unit", lang), sim.cost_unit(lang))
    return Panel(grid, title=w("title", lang), expand=False)


def opportunities_table(sim: Simulation, lang: Lang = "vi", limit: int = 15) -> Table:
    """Single improvements: best rank gain first, then the most points per cost.

    Of a leaf's outcomes reaching the same rank only the cheapest is shown (a proportional leaf
    has one outcome per step); the JSON keeps them all.
    """
    table = Table(title=w("opportunities", lang))
    cheapest: dict[tuple[str, int], Opportunity] = {}
    for opp in sim.opportunities:
        seen = cheapest.get((opp.leaf_id, opp.rank))
        if seen is None or (opp.cost, -opp.gain) < (seen.cost, -seen.gain):
            cheapest[(opp.leaf_id, opp.rank)] = opp
    shown = [o for o in sim.opportunities if cheapest[(o.leaf_id, o.rank)] is o]
    for key in ("leaf", "criterion", "change"):
        table.add_column(w(key, lang))
    for key in ("gain", "rank_alone", "cost", "per_cost"):
        table.add_column(w(key, lang), justify="right", no_wrap=True)
    for opp in shown[:limit]:
        table.add_row(
            opp.leaf_id,
            opp.label(lang),
            f"{fmt(opp.from_points)} → {fmt(opp.to_points)} ({opp.to_label(lang)})"
            + "".join(f" + {leaf}" for leaf in opp.prerequisites),
            f"+{fmt(opp.gain)}",
            f"{opp.rank} ({opp.rank_gain:+d})" if opp.rank_gain else str(opp.rank),
            money(opp.cost),
            fmt(opp.gain_per_cost, 3) if opp.gain_per_cost is not None else "∞",
        )
    hidden = len(shown) - limit
    if hidden > 0:
        table.caption = w("more", lang).format(n=hidden)
    return table


def plan_table(plan: Plan, sim: Simulation, lang: Lang = "vi", title: str | None = None) -> Table:
    """A plan's steps in order, each with its gain, its cost and the standing after it."""
    vi, en = OBJECTIVES[plan.objective]
    heading = title or f"{w('plan', lang)}: {vi if lang == 'vi' else en}"
    table = Table(title=heading)
    table.add_column("#", justify="right")
    for key in ("leaf", "criterion", "change"):
        table.add_column(w(key, lang))
    for key in ("leaf_gain", "cost", "after", "rank_after"):
        table.add_column(w(key, lang), justify="right", no_wrap=True)
    for i, step in enumerate(plan.steps, start=1):
        table.add_row(
            str(i),
            step.leaf_id,
            step.label(lang),
            step_change(step, lang),
            f"+{fmt(step.gain)}",
            money(step.cost),
            fmt(step.total_after),
            str(step.rank_after),
        )
    if not plan.steps:
        table.add_row("", "", w("nothing", lang), "", "", "", "", "")
    optimal = w("yes" if plan.proven_optimal else "no", lang)
    table.caption = (
        f"{w('total_cost', lang)}: {money(plan.total_cost)} {sim.cost_unit(lang)} · "
        f"{w('new_total', lang)}: {fmt(plan.total_before)} → {fmt(plan.new_total)} · "
        f"{w('new_rank', lang)}: {plan.rank_before} → {plan.new_rank} · "
        f"{w('optimal', lang)}: {optimal}"
    )
    if plan.target_index is not None:
        margin = w("margin", lang).format(m=money(plan.margin)) if plan.margin else ""
        table.caption += "\n" + w("planned_against", lang).format(
            what=w(plan.against, lang), margin=margin, index=fmt(plan.target_index)
        )
    if plan.notes:
        table.caption += "\n" + "\n".join(plan.notes)
    return table


def frontier_table(sim: Simulation, lang: Lang = "vi") -> Table:
    """For each reachable rank, its least cost and the changes that reach it."""
    table = Table(title=w("frontier", lang))
    table.add_column(w("rank", lang), justify="right")
    table.add_column(w("cost", lang), justify="right", no_wrap=True)
    table.add_column(w("total", lang), justify="right", no_wrap=True)
    table.add_column(w("changes", lang))
    for point in sim.frontier:
        changes = ", ".join(short_change(s, lang) for s in point.plan.steps)
        table.add_row(str(point.rank), money(point.min_cost), fmt(point.total), changes or "–")
    return table


def alternatives_table(sim: Simulation, lang: Lang = "vi") -> Table:
    table = Table(title=f"{w('alternative', lang)} ({w('target', lang).format(k='…')})")
    table.add_column("#", justify="right")
    table.add_column(w("cost", lang), justify="right", no_wrap=True)
    table.add_column(w("extra", lang), justify="right", no_wrap=True)
    table.add_column(w("new_rank", lang), justify="right")
    table.add_column(w("changes", lang))
    base = sim.plan.total_cost if sim.plan is not None else Decimal(0)
    for i, alt in enumerate(sim.alternatives, start=1):
        table.add_row(
            str(i),
            money(alt.total_cost),
            f"+{money(alt.total_cost - base)}",
            str(alt.new_rank),
            ", ".join(short_change(s, lang) for s in alt.steps),
        )
    if sim.plan is not None:
        table.title = f"{w('alternative', lang)} ({w('target', lang).format(k=sim.plan.new_rank)})"
    return table


def odds_table(sim: Simulation, lang: Lang = "vi") -> Table:
    """P(rank ≤ target) now and with each plan: the chosen plan, the alternatives and the
    cheapest plan reaching each rank (a plan aiming above the target is safer)."""
    assert sim.odds is not None
    odds = sim.odds
    table = Table(title=w("odds", lang).format(k=odds.target_rank), min_width=44)
    table.add_column(w("plan", lang))
    table.add_column(w("probability", lang), justify="right")
    table.add_row(w("now", lang), f"{odds.now:.1%}")
    current = {f"rank {f.rank}" for f in sim.frontier if not f.plan.steps}
    for name, p in odds.plans.items():
        if name not in current:  # the plan of no change: the first row already
            table.add_row(_odds_label(name, sim, lang), f"{p:.1%}")
    return table


def _odds_label(name: str, sim: Simulation, lang: Lang) -> str:
    """What a key of ``RankOdds.plans`` (``plan``, ``alternative 2``, ``rank 3``) stands for."""
    kind, _, number = name.partition(" ")
    if kind == "plan" and sim.plan is not None:
        return w("odds_plan", lang).format(r=sim.plan.new_rank)
    if kind == "alternative" and number.isdigit() and int(number) <= len(sim.alternatives):
        alt = sim.alternatives[int(number) - 1]
        return w("odds_alternative", lang).format(i=number, r=alt.new_rank)
    point = next((f for f in sim.frontier if f"rank {f.rank}" == name), None)
    if point is not None:
        cost = f"{money(point.min_cost)} {sim.cost_unit(lang)}"
        return w("odds_rank", lang).format(r=point.rank, cost=cost)
    return name


def fixed_text(sim: Simulation, lang: Lang = "vi", shown: int = 12) -> Text | None:
    """The leaves no plan may change, grouped by reason: count and ids (the first ``shown``)."""
    groups: dict[str, list[str]] = {}
    for note in sim.fixed_leaves:
        groups.setdefault(note.status, []).append(note.leaf_id)
    if not groups:
        return None
    parts = []
    for status in FIXED_STATUSES:
        ids = groups.get(status)
        if ids:
            listed = ", ".join(ids[:shown]) + (", …" if len(ids) > shown else "")
            parts.append(f"{w(status, lang)}: {len(ids)} ({listed})")
    return Text(f"{w('held', lang)} — " + "; ".join(parts), style="dim")


def simulation_report(sim: Simulation, lang: Lang = "vi") -> RenderableType:
    parts: list[RenderableType] = [summary_panel(sim, lang)]
    if sim.opportunities:
        parts.append(opportunities_table(sim, lang))
    if sim.plan is not None:
        parts.append(plan_table(sim.plan, sim, lang))
    elif sim.no_plan_reason:
        parts.append(Text(f"{w('no_plan', lang)}: {sim.no_plan_reason}", style="yellow"))
    held = fixed_text(sim, lang)
    if held is not None:
        parts.append(held)
    parts.append(frontier_table(sim, lang))
    if len(sim.frontier) > 1:
        parts.append(frontier_chart(sim.frontier, sim.cost_unit(lang), lang))
    if sim.alternatives:
        parts.append(alternatives_table(sim, lang))
    if sim.odds is not None:
        parts.append(odds_table(sim, lang))
        if sim.odds.distribution_now:
            parts.append(odds_chart(sim.odds, lang))
    return Group(*parts)


def each_table(plans: Sequence[UnitPlan], cost_unit: str, lang: Lang = "vi") -> Table:
    """One row per unit: its rank, the objective, and the cheapest plan's cost and result."""
    table = Table(title=w("each", lang))
    for key, right in (
        ("rank", True),
        ("unit", False),
        ("total", True),
        ("target", True),
        ("cost", True),
        ("new_total", True),
        ("new_rank", True),
        ("changes", True),
        ("optimal", False),
    ):
        table.add_column(
            w(key, lang) if key != "target" else w("goal", lang),
            justify=("right" if right else "left"),
        )
    for row in plans:
        plan = row.plan
        goal = f"≤ {row.target_rank}" if row.target_rank is not None else ""
        if plan is None:
            table.add_row(
                f"{row.rank}/{row.of}",
                row.unit,
                fmt(row.total),
                goal,
                "–",
                "–",
                "–",
                "–",
                w("no_plan", lang),
            )
            continue
        table.add_row(
            f"{row.rank}/{row.of}",
            row.unit,
            fmt(row.total),
            goal,
            money(plan.total_cost),
            fmt(plan.new_total),
            str(plan.new_rank),
            str(len(plan.steps)),
            w("yes" if plan.proven_optimal else "no", lang),
        )
    table.caption = f"{w('cost_unit', lang)}: {cost_unit}"
    return table
