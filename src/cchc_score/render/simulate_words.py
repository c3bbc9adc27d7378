"""The simulate report's words and small texts: column names, what a plan aims at, a step's
change in words, a cost in the report's precision."""

from __future__ import annotations

from decimal import Decimal

from cchc_score.i18n import C_, N_, Lang, number, t, tc
from cchc_score.simulate.models import PlanStep

from .common import value_text

#: Words looked up by key (columns listed in loops, statuses, yes/no).
WORDS: dict[str, str] = {
    "leaf": N_("Leaf"),
    "criterion": N_("Criterion"),
    "change": N_("Change"),
    "gain": N_("Points gained"),
    "rank_alone": N_("Rank alone"),
    "cost": N_("Cost"),
    "per_cost": N_("Gain / cost"),
    "leaf_gain": N_("Points gained"),
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


def money(value: Decimal, places: int, lang: Lang) -> str:
    """A cost with the precision every cost of the report has (see ``figures.cost_places``)."""
    return number(value, lang, places)


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
    if step.action != "explanation":
        return change_text(*values(step, lang), step.to_label.get(lang))
    return f"{_claim(step, lang)} ({step.to_label.get(lang)})"


def short_change(step: PlanStep, lang: Lang) -> str:
    """``leaf → value`` for a list of changes (``leaf: appraised X → claimed Y pts`` for a
    claim proved, as in the plan table)."""
    if step.action == "explanation":
        return f"{step.leaf_id}: {_claim(step, lang)}"
    reached = change_text(None, values(step, lang)[1], step.to_label.get(lang), True)
    return f"{step.leaf_id} → {reached}"
