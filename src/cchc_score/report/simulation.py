"""What the simulate and story pages show of a Simulation, in the report's words and numbers."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cchc_score.i18n import Lang
from cchc_score.peers_year import peers_note
from cchc_score.simulate.figures import cost_difference, cost_places, step_gains
from cchc_score.simulate.sentences import assumptions_text, budget_note, tie_note

from . import charts
from .words import number, percent, word

if TYPE_CHECKING:
    from cchc_score.simulate.models import Opportunity, Plan, PlanStep, Simulation


def step_change(step: PlanStep, lang: Lang) -> str:
    """A step's change in words: ``from → to (label)``; a claim proved reads as the appraised
    points → the claimed points."""
    before, after = step.values(lang)
    label = step.to_label.get(lang)
    if step.action == "explanation":
        return f"{number(step.from_points, lang)} → {number(step.to_points, lang)} ({label})"
    shown = after if len(after) <= 24 else label
    if label not in (after, shown):
        shown += f" ({label})"
    return f"{before or '–'} → {shown}"


def short_change(step: PlanStep, lang: Lang) -> str:
    """``leaf → value`` for a list of changes."""
    after = step.values(lang)[1]
    return f"{step.leaf_id} → {after if len(after) <= 24 else step.to_label.get(lang)}"


def cheapest_opportunities(sim: Simulation, limit: int | None = 15) -> list[Opportunity]:
    """Of a leaf's outcomes reaching the same rank, only the cheapest (as the terminal)."""
    cheapest: dict[tuple[str, int], Opportunity] = {}
    for opp in sim.opportunities:
        seen = cheapest.get((opp.leaf_id, opp.rank))
        if seen is None or (opp.cost, -opp.gain) < (seen.cost, -seen.gain):
            cheapest[(opp.leaf_id, opp.rank)] = opp
    return [o for o in sim.opportunities if cheapest[(o.leaf_id, o.rank)] is o][:limit]


def odds_rows(sim: Simulation, lang: Lang) -> list[tuple[str, str]]:
    """(which plan, P(rank ≤ target)) now and with each plan the odds were computed for."""
    if sim.odds is None:
        return []
    rows = [(word("now", lang), percent(sim.odds.now, lang))]
    current = {f"rank {f.rank}" for f in sim.frontier if not f.plan.steps}
    for name, p in sim.odds.plans.items():
        if name in current:
            continue
        kind, _, n = name.partition(" ")
        if kind == "plan" and sim.plan is not None:
            label = f"{word('plan', lang)} ({word('new_rank', lang).lower()} {sim.plan.new_rank})"
        elif kind == "alternative":
            label = word("alternative", lang, i=n)
        elif kind == "rank":
            label = f"{word('frontier', lang)}: {word('rank', lang).lower()} {n}"
        else:
            label = name
        rows.append((label, percent(p, lang)))
    return rows


def plan_facts(plan: Plan, lang: Lang, places: int = 2) -> list[tuple[str, str, str | None]]:
    """The plan's totals as summary rows (the cost to ``places``, as every cost of the page)."""
    return [
        (word("total_cost", lang), number(plan.total_cost, lang, places), None),
        (
            word("new_total", lang),
            f"{number(plan.total_before, lang)} → {number(plan.new_total, lang)}",
            None,
        ),
        (word("new_rank", lang), f"{plan.rank_before} → {plan.new_rank}", None),
        (word("optimal", lang), word("yes" if plan.proven_optimal else "no", lang), None),
    ]


def held_rows(sim: Simulation, lang: Lang) -> list[tuple[str, str]]:
    """The leaves no plan may change, by reason: (reason, ids)."""
    groups: dict[str, list[str]] = {}
    for note in sim.fixed_leaves:
        groups.setdefault(note.status, []).append(note.leaf_id)
    keys = {"survey": "survey_leaf"}
    return [
        (word(keys.get(status, status), lang), ", ".join(ids)) for status, ids in groups.items()
    ]


def simulation_context(sim: Simulation, lang: Lang, limit: int | None = 15) -> dict[str, Any]:
    """The values the simulate template (and the story's "way back") needs."""
    places = cost_places(sim)

    def signed_cost(value: Decimal) -> str:
        text = number(abs(value), lang, places)
        return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text

    return {
        "cost_unit": sim.cost_unit.get(lang),
        "peers_note": peers_note(sim.peers_year, lang) if sim.peers_year is not None else None,
        "cost": lambda value: number(value, lang, places),
        "signed_cost": signed_cost,
        "step_gains": step_gains,
        "tie_note": lambda plan: tie_note(plan, lang),
        "budget_note": budget_note(sim, lang),
        "assumptions": assumptions_text(sim.odds, lang) if sim.odds is not None else "",
        "opportunities": cheapest_opportunities(sim, limit),
        "plan_facts": plan_facts(sim.plan, lang, places) if sim.plan is not None else [],
        "step_change": lambda step: step_change(step, lang),
        "changes": lambda steps: ", ".join(short_change(s, lang) for s in steps) or "–",
        "frontier": sorted(sim.frontier, key=lambda p: p.rank),
        "frontier_chart": (
            charts.frontier_chart(sim.frontier, sim.cost_unit.get(lang), lang, places)
            if len(sim.frontier) > 1
            else None
        ),
        "alternatives": [(alt, cost_difference(alt, sim.plan)) for alt in sim.alternatives],
        "odds_rows": odds_rows(sim, lang),
        "held": held_rows(sim, lang),
        "odds_svg": (
            charts.odds_chart(sim.odds, lang)
            if sim.odds is not None and sim.odds.distribution_now
            else None
        ),
    }
