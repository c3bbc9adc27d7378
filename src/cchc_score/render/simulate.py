"""The simulator's report: standing, opportunities, the plan, the frontier, alternatives, odds."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cchc_score.i18n import Lang, amount, code_label, number, one_language, percent, t
from cchc_score.peers_year import peers_note
from cchc_score.simulate.batch import UnitPlan
from cchc_score.simulate.figures import cost_places, places_for, step_gains
from cchc_score.simulate.models import FIXED_STATUSES, Opportunity, Plan, Simulation
from cchc_score.simulate.sentences import assumptions_text, tie_note

from .charts import frontier_chart, odds_chart
from .common import plain
from .layout import Responsive, stacked
from .simulate_choices import alternatives_stacked, alternatives_table, frontier_table, odds_table
from .simulate_words import OBJECTIVES, money, step_change, w


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
    rank = f"{sim.rank} {t('of', lang)} {sim.peers + 1}"
    if sim.peers_year is not None:  # a draft against another year's results: said every time
        rank += f" — {peers_note(sim.peers_year, lang)}"
    grid.add_row(t("Rank", lang), rank)
    grid.add_row(t("Ties", lang), code_label("tie_policy", sim.tie_policy, lang))
    grid.add_row(t("Cost unit", lang), sim.cost_unit.get(lang))
    return Panel(grid, title=t("Improvement simulation", lang), expand=False)


#: Single improvements a report lists unless asked for all (``--all``).
LIMIT = 15


def opportunities_table(sim: Simulation, lang: Lang = "vi", limit: int | None = LIMIT) -> Table:
    """Single improvements: best rank gain first, then the most points per cost; ``limit``
    None lists them all.

    Of a leaf's outcomes reaching the same rank only the cheapest is shown (a proportional leaf
    has one outcome per step); the JSON keeps them all.
    """
    table = Table(title=t("Single improvements", lang))
    shown = _shown_opportunities(sim)
    places = cost_places(sim)
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
            money(opp.cost, places, lang),
            number(opp.gain_per_cost, lang, 3) if opp.gain_per_cost is not None else "∞",
        )
    table.caption = _more(len(shown), limit, lang)
    return table


def _more(shown: int, limit: int | None, lang: Lang) -> str | None:
    """The caption under a list cut at ``limit``: how many more, and how to see them."""
    hidden = 0 if limit is None else shown - limit
    if hidden <= 0:
        return None
    return t("and {n} more improvements (--all lists every one)", lang).format(n=hidden)


def _shown_opportunities(sim: Simulation) -> list[Opportunity]:
    """Of a leaf's outcomes reaching the same rank, the cheapest only."""
    cheapest: dict[tuple[str, int], Opportunity] = {}
    for opp in sim.opportunities:
        seen = cheapest.get((opp.leaf_id, opp.rank))
        if seen is None or (opp.cost, -opp.gain) < (seen.cost, -seen.gain):
            cheapest[(opp.leaf_id, opp.rank)] = opp
    return [o for o in sim.opportunities if cheapest[(o.leaf_id, o.rank)] is o]


def opportunities_stacked(sim: Simulation, lang: Lang = "vi", limit: int | None = LIMIT) -> Table:
    """:func:`opportunities_table` for a narrow terminal: one block per improvement."""
    shown = _shown_opportunities(sim)
    places = cost_places(sim)
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
            (w("cost", lang), f"{money(opp.cost, places, lang)} · {w('per_cost', lang)} {per}"),
        ]
        rows.append((opp.leaf_id, opp.label.get(lang), facts))
    caption = _more(len(shown), limit, lang)
    headings = (w("leaf", lang), w("criterion", lang))
    return stacked(t("Single improvements", lang), headings, rows, caption)


def plan_stacked(plan: Plan, sim: Simulation, lang: Lang = "vi", title: str | None = None) -> Table:
    """:func:`plan_table` for a narrow terminal: one block per step, the same caption."""
    wide = plan_table(plan, sim, lang, title)
    places = cost_places(sim)
    rows = []
    for i, (step, gain) in enumerate(zip(plan.steps, step_gains(plan), strict=True), start=1):
        facts = [
            (w("change", lang), step_change(step, lang)),
            (w("leaf_gain", lang), f"+{number(gain, lang)}"),
            (w("cost", lang), money(step.cost, places, lang)),
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
    places = cost_places(sim)
    for i, (step, gain) in enumerate(zip(plan.steps, step_gains(plan), strict=True), start=1):
        table.add_row(
            str(i),
            step.leaf_id,
            plain(step.label.get(lang)),
            step_change(step, lang),
            f"+{number(gain, lang)}",
            money(step.cost, places, lang),
            number(step.total_after, lang),
            str(step.rank_after),
        )
    if not plan.steps:
        table.add_row("", "", t("No change needed", lang), "", "", "", "", "")
    optimal = w("yes" if plan.proven_optimal else "no", lang)
    table.caption = (
        f"{t('Total cost', lang)}: {money(plan.total_cost, places, lang)}"
        f" {sim.cost_unit.get(lang)} · "
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
    tie = tie_note(plan, lang)
    if tie:
        table.caption += "\n" + tie
    if plan.notes:
        table.caption += "\n" + "\n".join(one_language(n, lang) for n in plan.notes)
    return table


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


def simulation_report(
    sim: Simulation, lang: Lang = "vi", limit: int | None = LIMIT
) -> RenderableType:
    """The whole report; ``limit``: the single improvements listed (None: every one)."""
    parts: list[RenderableType] = [summary_panel(sim, lang)]
    if sim.opportunities:
        wide = opportunities_table(sim, lang, limit)
        parts.append(Responsive(wide, opportunities_stacked(sim, lang, limit)))
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
        unit = sim.cost_unit.get(lang)
        parts.append(frontier_chart(sim.frontier, unit, lang, places=cost_places(sim)))
    if sim.alternatives:
        parts.append(Responsive(alternatives_table(sim, lang), alternatives_stacked(sim, lang)))
    if sim.odds is not None:
        parts.append(odds_table(sim, lang))
        parts.append(Text(assumptions_text(sim.odds, lang), style="dim"))
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
    places = places_for(r.plan.total_cost for r in plans if r.plan is not None)
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
            money(plan.total_cost, places, lang),
            number(plan.new_total, lang),
            str(plan.new_rank),
            str(len(plan.steps)),
            w("yes" if plan.proven_optimal else "no", lang),
        )
    table.caption = f"{t('Cost unit', lang)}: {cost_unit}"
    return table
