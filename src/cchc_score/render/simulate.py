"""The simulator's report: standing, opportunities, the plan, the frontier, alternatives, odds."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cchc_score.i18n import C_, N_, Lang, amount, code_label, number, one_language, percent, t, tc
from cchc_score.simulate.batch import UnitPlan
from cchc_score.simulate.models import FIXED_STATUSES, Opportunity, Plan, PlanStep, Simulation
from cchc_score.simulate.options import SUBSTANTIATE

from .charts import frontier_chart, odds_chart, probability
from .common import plain, value_text
from .layout import Responsive, stacked

#: Words looked up by key (columns listed in loops, statuses, yes/no).
WORDS: dict[str, str] = {
    "leaf": N_("Leaf"),
    "criterion": N_("Criterion"),
    "change": N_("Change"),
    "gain": N_("Total gain"),
    "rank_alone": N_("Rank alone"),
    "cost": N_("Cost"),
    "per_cost": N_("Gain / cost"),
    "leaf_gain": N_("Leaf gain"),
    "after": N_("Total after"),
    "rank_after": N_("Rank after"),
    "rank": N_("Rank"),
    "unit": N_("Unit"),
    "total": N_("Total"),
    "new_total": N_("New total"),
    "new_rank": N_("New rank"),
    "changes": N_("Changes"),
    "optimal": N_("Proven optimal"),
    "yes": N_("yes"),
    "no": N_("no"),
    "current": N_("current"),
    "expected": N_("expected (current + expected change)"),
    "locked": N_("locked by the cost table"),
    "not_priced": N_("not priced by the cost table"),
    "survey": C_("held", "survey"),
    "bonus": N_("bonus/penalty"),
}
#: What each plan aims at.
OBJECTIVES: dict[str, str] = {
    "target_rank": N_("cheapest to the target rank"),
    "target_band": N_("cheapest to the target band"),
    "budget": N_("best rank within the budget"),
    "frontier": N_("cheapest for the rank"),
    "alternative": N_("alternative"),
}


def w(key: str, lang: Lang) -> str:
    if key == "survey":  # a leaf held fixed because a survey scores it
        return tc("held", WORDS[key], lang)
    return t(WORDS[key], lang)


def change_text(from_value: str | None, to_value: str, to_label: str, short: bool = False) -> str:
    """``from → to`` in words: the value reached when it is short, else its label; the start
    in full (the table wraps it)."""
    target = to_value if len(to_value) <= 20 else to_label
    if not short and to_label not in (to_value, target):
        target += f" ({to_label})"
    if short:
        return target
    return f"{from_value if from_value is not None else '–'} → {target}"


def values(step: PlanStep, lang: Lang) -> tuple[str, str]:
    """A step's evidence value before ("–" when none) and after, figures localised."""
    before, after = step.values(lang)
    return value_text(before or "–", lang), value_text(after, lang)


def _claim(step: PlanStep, lang: Lang) -> str:
    """Proving a claim the appraisers cut: the appraised points → the claimed points."""
    return (
        f"{t('appraised', lang)} {number(step.from_points, lang)} → {t('claimed', lang)}"
        f" {number(step.to_points, lang)} {t('pts', lang)}"
    )


def step_change(step: PlanStep, lang: Lang) -> str:
    """A plan step's change in words. Proving a claim the appraisers cut reads as the
    appraised points → the claimed points, since the evidence value itself does not change."""
    if step.to_label_vi != SUBSTANTIATE[0]:
        return change_text(*values(step, lang), step.to_label.get(lang))
    return f"{_claim(step, lang)} ({step.to_label.get(lang)})"


def short_change(step: PlanStep, lang: Lang) -> str:
    """``leaf → value`` for a list of changes (``leaf: appraised X → claimed Y pts`` for a
    claim proved, as in the plan table)."""
    if step.to_label_vi == SUBSTANTIATE[0]:
        return f"{step.leaf_id}: {_claim(step, lang)}"
    reached = change_text(None, values(step, lang)[1], step.to_label.get(lang), True)
    return f"{step.leaf_id} → {reached}"


def summary_panel(sim: Simulation, lang: Lang = "vi") -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    band = "–" if sim.band is None else sim.band.label.get(lang)
    block = sim.block if lang == "en" else code_label("block", sim.block, lang)
    index = percent(sim.index, lang)
    grid.add_row(t("Unit", lang), plain(f"{sim.unit} · {block} · {sim.year}"))
    grid.add_row(t("Total", lang), f"{number(sim.total, lang)} · {t('Index', lang)} {index}")
    grid.add_row(t("Band", lang), band)
    grid.add_row(t("Rank", lang), f"{sim.rank} {t('of', lang)} {sim.peers + 1}")
    grid.add_row(t("Ties", lang), code_label("tie_policy", sim.tie_policy, lang))
    grid.add_row(t("Cost unit", lang), sim.cost_unit.get(lang))
    return Panel(grid, title=t("Improvement simulation", lang), expand=False)


def opportunities_table(sim: Simulation, lang: Lang = "vi", limit: int = 15) -> Table:
    """Single improvements: best rank gain first, then the most points per cost.

    Of a leaf's outcomes reaching the same rank only the cheapest is shown (a proportional leaf
    has one outcome per step); the JSON keeps them all.
    """
    table = Table(title=t("Single improvements", lang))
    shown = _shown_opportunities(sim)
    for key in ("leaf", "criterion", "change"):
        table.add_column(w(key, lang))
    for key in ("gain", "rank_alone", "cost", "per_cost"):
        table.add_column(w(key, lang), justify="right", no_wrap=True)
    for opp in shown[:limit]:
        table.add_row(
            opp.leaf_id,
            plain(opp.label.get(lang)),
            f"{number(opp.from_points, lang)} → {number(opp.to_points, lang)}"
            f" ({opp.to_label.get(lang)})" + "".join(f" + {leaf}" for leaf in opp.prerequisites),
            f"+{number(opp.gain, lang)}",
            f"{opp.rank} ({opp.rank_gain:+d})" if opp.rank_gain else str(opp.rank),
            amount(opp.cost, lang),
            number(opp.gain_per_cost, lang, 3) if opp.gain_per_cost is not None else "∞",
        )
    hidden = len(shown) - limit
    if hidden > 0:
        table.caption = t("and {n} more improvements", lang).format(n=hidden)
    return table


def _shown_opportunities(sim: Simulation) -> list[Opportunity]:
    """Of a leaf's outcomes reaching the same rank, the cheapest only."""
    cheapest: dict[tuple[str, int], Opportunity] = {}
    for opp in sim.opportunities:
        seen = cheapest.get((opp.leaf_id, opp.rank))
        if seen is None or (opp.cost, -opp.gain) < (seen.cost, -seen.gain):
            cheapest[(opp.leaf_id, opp.rank)] = opp
    return [o for o in sim.opportunities if cheapest[(o.leaf_id, o.rank)] is o]


def opportunities_stacked(sim: Simulation, lang: Lang = "vi", limit: int = 15) -> Table:
    """:func:`opportunities_table` for a narrow terminal: one block per improvement."""
    shown = _shown_opportunities(sim)
    rows = []
    for opp in shown[:limit]:
        change = f"{number(opp.from_points, lang)} → {number(opp.to_points, lang)}"
        change += f" ({opp.to_label.get(lang)})"
        change += "".join(f" + {leaf}" for leaf in opp.prerequisites)
        rank = f"{opp.rank} ({opp.rank_gain:+d})" if opp.rank_gain else str(opp.rank)
        per = number(opp.gain_per_cost, lang, 3) if opp.gain_per_cost is not None else "∞"
        facts = [
            (w("change", lang), change),
            (w("gain", lang), f"+{number(opp.gain, lang)}"),
            (w("rank_alone", lang), rank),
            (w("cost", lang), f"{amount(opp.cost, lang)} · {w('per_cost', lang)} {per}"),
        ]
        rows.append((opp.leaf_id, opp.label.get(lang), facts))
    hidden = len(shown) - limit
    caption = t("and {n} more improvements", lang).format(n=hidden) if hidden > 0 else None
    headings = (w("leaf", lang), w("criterion", lang))
    return stacked(t("Single improvements", lang), headings, rows, caption)


def plan_stacked(plan: Plan, sim: Simulation, lang: Lang = "vi", title: str | None = None) -> Table:
    """:func:`plan_table` for a narrow terminal: one block per step, the same caption."""
    wide = plan_table(plan, sim, lang, title)
    rows = []
    for i, step in enumerate(plan.steps, start=1):
        facts = [
            (w("change", lang), step_change(step, lang)),
            (w("leaf_gain", lang), f"+{number(step.gain, lang)}"),
            (w("cost", lang), amount(step.cost, lang)),
            (
                w("after", lang),
                f"{number(step.total_after, lang)} · {t('Rank', lang)} {step.rank_after}",
            ),
        ]
        rows.append((f"{i}. {step.leaf_id}", step.label.get(lang), facts))
    if not plan.steps:
        rows.append(("", t("No change needed", lang), []))
    heading = str(wide.title) if wide.title is not None else ""
    caption = str(wide.caption) if wide.caption is not None else None
    return stacked(heading, ("#", w("criterion", lang)), rows, caption)


def plan_view(
    plan: Plan, sim: Simulation, lang: Lang = "vi", title: str | None = None
) -> Responsive:
    """The plan as a table where the terminal is wide enough, stacked where it is not."""
    return Responsive(plan_table(plan, sim, lang, title), plan_stacked(plan, sim, lang, title))


def plan_table(plan: Plan, sim: Simulation, lang: Lang = "vi", title: str | None = None) -> Table:
    """A plan's steps in order, each with its gain, its cost and the standing after it."""
    heading = title or f"{t('Plan', lang)}: {t(OBJECTIVES[plan.objective], lang)}"
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
            plain(step.label.get(lang)),
            step_change(step, lang),
            f"+{number(step.gain, lang)}",
            amount(step.cost, lang),
            number(step.total_after, lang),
            str(step.rank_after),
        )
    if not plan.steps:
        table.add_row("", "", t("No change needed", lang), "", "", "", "", "")
    optimal = w("yes" if plan.proven_optimal else "no", lang)
    table.caption = (
        f"{t('Total cost', lang)}: {amount(plan.total_cost, lang)} {sim.cost_unit.get(lang)} · "
        f"{t('New total', lang)}: {number(plan.total_before, lang)} →"
        f" {number(plan.new_total, lang)} · "
        f"{t('New rank', lang)}: {plan.rank_before} → {plan.new_rank} · "
        f"{t('Proven optimal', lang)}: {optimal}"
    )
    if plan.target_index is not None:
        margin = (
            t(" + a margin of {m} index points", lang).format(m=amount(plan.margin, lang))
            if plan.margin
            else ""
        )
        table.caption += "\n" + t(
            "Planned against the other units' {what} indexes{margin}: needs an index ≥ {index}",
            lang,
        ).format(what=w(plan.against, lang), margin=margin, index=number(plan.target_index, lang))
    if plan.notes:
        table.caption += "\n" + "\n".join(one_language(n, lang) for n in plan.notes)
    return table


def frontier_table(sim: Simulation, lang: Lang = "vi") -> Table:
    """For each reachable rank, its least cost and the changes that reach it."""
    table = Table(title=tc("simulate", "Least cost of each rank", lang))
    table.add_column(t("Rank", lang), justify="right")
    table.add_column(t("Cost", lang), justify="right", no_wrap=True)
    table.add_column(t("Total", lang), justify="right", no_wrap=True)
    table.add_column(t("Changes", lang))
    for point in sim.frontier:
        changes = ", ".join(short_change(s, lang) for s in point.plan.steps)
        table.add_row(
            str(point.rank), amount(point.min_cost, lang), number(point.total, lang), changes or "–"
        )
    return table


def alternatives_table(sim: Simulation, lang: Lang = "vi") -> Table:
    table = Table(title=f"{t('Alternative', lang)} ({t('rank ≤ {k}', lang).format(k='…')})")
    table.add_column("#", justify="right")
    table.add_column(t("Cost", lang), justify="right", no_wrap=True)
    table.add_column(t("above the minimum", lang), justify="right", no_wrap=True)
    table.add_column(t("New rank", lang), justify="right")
    table.add_column(t("Changes", lang))
    base = sim.plan.total_cost if sim.plan is not None else Decimal(0)
    for i, alt in enumerate(sim.alternatives, start=1):
        table.add_row(
            str(i),
            amount(alt.total_cost, lang),
            f"+{amount(alt.total_cost - base, lang)}",
            str(alt.new_rank),
            ", ".join(short_change(s, lang) for s in alt.steps),
        )
    if sim.plan is not None:
        table.title = (
            f"{t('Alternative', lang)} ({t('rank ≤ {k}', lang).format(k=sim.plan.new_rank)})"
        )
    return table


def odds_table(sim: Simulation, lang: Lang = "vi") -> Table:
    """P(rank ≤ target) now and with each plan: the chosen plan, the alternatives and the
    cheapest plan reaching each rank (a plan aiming above the target is safer)."""
    assert sim.odds is not None
    odds = sim.odds
    table = Table(
        title=t("Chance of rank ≤ {k} as the other units move", lang).format(k=odds.target_rank),
        min_width=44,
    )
    table.add_column(t("Plan", lang))
    table.add_column(t("Probability", lang), justify="right")
    table.add_row(t("no change (as now)", lang), probability(odds.now, lang))
    current = {f"rank {f.rank}" for f in sim.frontier if not f.plan.steps}
    for name, p in odds.plans.items():
        if name not in current:  # the plan of no change: the first row already
            table.add_row(_odds_label(name, sim, lang), probability(p, lang))
    return table


def _odds_label(name: str, sim: Simulation, lang: Lang) -> str:
    """What a key of ``RankOdds.plans`` (``plan``, ``alternative 2``, ``rank 3``) stands for."""
    kind, _, number = name.partition(" ")
    if kind == "plan" and sim.plan is not None:
        return t("the chosen plan (rank {r})", lang).format(r=sim.plan.new_rank)
    if kind == "alternative" and number.isdigit() and int(number) <= len(sim.alternatives):
        alt = sim.alternatives[int(number) - 1]
        return t("alternative {i} (rank {r})", lang).format(i=number, r=alt.new_rank)
    point = next((f for f in sim.frontier if f"rank {f.rank}" == name), None)
    if point is not None:
        cost = f"{amount(point.min_cost, lang)} {sim.cost_unit.get(lang)}"
        return t("cheapest plan reaching rank {r} ({cost})", lang).format(r=point.rank, cost=cost)
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
    return Text(
        f"{t('Held fixed, left out of every plan', lang)} — " + "; ".join(parts), style="dim"
    )


def simulation_report(sim: Simulation, lang: Lang = "vi") -> RenderableType:
    parts: list[RenderableType] = [summary_panel(sim, lang)]
    if sim.opportunities:
        parts.append(Responsive(opportunities_table(sim, lang), opportunities_stacked(sim, lang)))
    if sim.plan is not None:
        parts.append(plan_view(sim.plan, sim, lang))
    elif sim.no_plan_reason:
        parts.append(
            Text(f"{t('No plan', lang)}: {one_language(sim.no_plan_reason, lang)}", style="yellow")
        )
    held = fixed_text(sim, lang)
    if held is not None:
        parts.append(held)
    parts.append(frontier_table(sim, lang))
    if len(sim.frontier) > 1:
        parts.append(frontier_chart(sim.frontier, sim.cost_unit.get(lang), lang))
    if sim.alternatives:
        parts.append(alternatives_table(sim, lang))
    if sim.odds is not None:
        parts.append(odds_table(sim, lang))
        if sim.odds.distribution_now:
            parts.append(odds_chart(sim.odds, lang))
    return Group(*parts)


def each_table(plans: Sequence[UnitPlan], cost_unit: str, lang: Lang = "vi") -> Table:
    """One row per unit: its rank, the objective, and the cheapest plan's cost and result."""
    table = Table(title=t("Each unit's cheapest plan", lang))
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
            w(key, lang) if key != "target" else t("Goal", lang),
            justify=("right" if right else "left"),
        )
    for row in plans:
        plan = row.plan
        goal = f"≤ {row.target_rank}" if row.target_rank is not None else ""
        if plan is None:
            table.add_row(
                f"{row.rank}/{row.of}",
                plain(row.unit),
                number(row.total, lang),
                goal,
                "–",
                "–",
                "–",
                "–",
                t("No plan", lang),
            )
            continue
        table.add_row(
            f"{row.rank}/{row.of}",
            plain(row.unit),
            number(row.total, lang),
            goal,
            amount(plan.total_cost, lang),
            number(plan.new_total, lang),
            str(plan.new_rank),
            str(len(plan.steps)),
            w("yes" if plan.proven_optimal else "no", lang),
        )
    table.caption = f"{t('Cost unit', lang)}: {cost_unit}"
    return table
