"""The simulate report's tables of other plans: the least cost of each rank, the alternatives
to the chosen plan (set against it), and the odds of each plan."""

from __future__ import annotations

from decimal import Decimal

from rich.table import Table

from cchc_score.i18n import Lang, number, t, tc
from cchc_score.simulate.figures import cost_difference, cost_places
from cchc_score.simulate.models import Simulation
from cchc_score.simulate.sentences import budget_note

from .charts import probability
from .layout import stacked
from .simulate_words import money, short_change


def frontier_table(sim: Simulation, lang: Lang = "vi") -> Table:
    """For each reachable rank, its least cost and the changes that reach it."""
    table = Table(title=tc("simulate", "Least cost of each rank", lang))
    table.add_column(t("Rank", lang), justify="right")
    table.add_column(t("Cost", lang), justify="right", no_wrap=True)
    table.add_column(t("Total", lang), justify="right", no_wrap=True)
    table.add_column(t("Changes", lang))
    places = cost_places(sim)
    for point in sim.frontier:
        changes = ", ".join(short_change(s, lang) for s in point.plan.steps)
        cost = money(point.min_cost, places, lang)
        table.add_row(str(point.rank), cost, number(point.total, lang), changes or "–")
    return table


def signed_cost(value: Decimal, places: int, lang: Lang) -> str:
    """A cost difference with its sign: ``+1,50``, ``−4,56``, ``0``."""
    text = money(abs(value), places, lang)
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text


def alternatives_table(sim: Simulation, lang: Lang = "vi") -> Table:
    """Other plans meeting what the chosen plan meets, each set against it: its cost, what it
    costs more (+) or less (−) than the chosen plan, its new total and rank, its changes."""
    table = Table(title=f"{t('Alternative', lang)} ({t('rank ≤ {k}', lang).format(k='…')})")
    table.add_column("#", justify="right")
    table.add_column(t("Cost", lang), justify="right", no_wrap=True)
    table.add_column(t("vs the chosen plan", lang), justify="right", no_wrap=True)
    table.add_column(t("New total", lang), justify="right", no_wrap=True)
    table.add_column(t("New rank", lang), justify="right")
    table.add_column(t("Changes", lang))
    places = cost_places(sim)
    for i, alt in enumerate(sim.alternatives, start=1):
        table.add_row(
            str(i),
            money(alt.total_cost, places, lang),
            signed_cost(cost_difference(alt, sim.plan), places, lang),
            number(alt.new_total, lang),
            str(alt.new_rank),
            ", ".join(short_change(s, lang) for s in alt.steps),
        )
    if sim.plan is not None:
        table.title = (
            f"{t('Alternative', lang)} ({t('rank ≤ {k}', lang).format(k=sim.plan.new_rank)})"
        )
        table.caption = budget_note(sim, lang)
    return table


def alternatives_stacked(sim: Simulation, lang: Lang = "vi") -> Table:
    """:func:`alternatives_table` for a narrow terminal: one block per alternative."""
    wide = alternatives_table(sim, lang)
    places = cost_places(sim)
    rows = []
    for i, alt in enumerate(sim.alternatives, start=1):
        cost = money(alt.total_cost, places, lang)
        difference = signed_cost(cost_difference(alt, sim.plan), places, lang)
        facts = [
            (
                t("New total", lang),
                f"{number(alt.new_total, lang)} · {t('Rank', lang)} {alt.new_rank}",
            ),
            (t("Changes", lang), ", ".join(short_change(s, lang) for s in alt.steps)),
        ]
        head = f"{cost} {sim.cost_unit.get(lang)} ({difference} {t('vs the chosen plan', lang)})"
        rows.append((str(i), head, facts))
    caption = str(wide.caption) if wide.caption is not None else None
    return stacked(str(wide.title), ("#", t("Cost", lang)), rows, caption)


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
        cost = f"{money(point.min_cost, cost_places(sim), lang)} {sim.cost_unit.get(lang)}"
        return t("cheapest plan reaching rank {r} ({cost})", lang).format(r=point.rank, cost=cost)
    return name
