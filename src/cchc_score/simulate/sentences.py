"""Sentences a report of a simulation says under its tables, in the report's language: a plan
that only ties, why an alternative to a budget plan may cost less, what the odds assume. Every
front end (terminal, HTML page) says them alike."""

from __future__ import annotations

from cchc_score.i18n import Lang, nt, number, t

from .models import Plan, RankOdds, Simulation


def names(units: tuple[str, ...], lang: Lang) -> str:
    """Units in a sentence: ``A``, ``A and B``, ``A, B and C``."""
    shown = list(units)
    if len(shown) < 2:
        return "".join(shown)
    return t("{first} and {last}", lang).format(first=", ".join(shown[:-1]), last=shown[-1])


def tie_note(plan: Plan, lang: Lang) -> str | None:
    """When the plan only ties other units at its new rank: who, and what that means."""
    if not plan.ties_with or not plan.steps:
        return None
    return nt(
        "This plan only ties {units} at rank {rank}: the rank is shared, and any gain of "
        "that unit puts it ahead.",
        "This plan only ties {units} at rank {rank}: the rank is shared, and any gain of "
        "those units puts them ahead.",
        len(plan.ties_with),
        lang,
        units=names(plan.ties_with, lang),
        rank=plan.new_rank,
    )


def budget_note(sim: Simulation, lang: Lang) -> str | None:
    """Under the alternatives to a budget plan: why one may cost less than the plan."""
    if sim.plan is None or sim.plan.objective != "budget":
        return None
    if not any(a.total_cost < sim.plan.total_cost for a in sim.alternatives):
        return None
    return t(
        "The chosen plan buys the most points the budget allows; an alternative costing less "
        "reaches the same rank with fewer points.",
        lang,
    )


def assumptions_text(odds: RankOdds, lang: Lang) -> str:
    """What the odds assume of the other units, read from the odds model: each forecast with
    how many units it is given to."""
    parts = []
    for move in odds.assumptions:
        units = nt("{n} other unit", "{n} other units", move.peers, lang)
        if move.expected_change:
            change = number(move.expected_change, lang)
            moves = t("index expected to move by {change} index points", lang).format(
                change=("+" if move.expected_change > 0 else "") + change
            )
        else:
            moves = t("index expected to stay where it is", lang)
        if move.sd > 0:
            spread = t(
                "give or take {sd} index points (a normal spread: about two in three move by "
                "less than {sd})",
                lang,
            ).format(sd=number(move.sd, lang))
        else:
            spread = t("with no spread", lang)
        parts.append(f"{units}: {moves}, {spread}")
    return t("Assumed: {parts}.", lang).format(parts="; ".join(parts))
