"""The workspace's words: one table of English msgids, translated through the project's
catalogue (:mod:`cchc_score.i18n`), and the number formats of its pages.

The templates name their words by key (``t('rank')``): the catalogue's extractor reads msgids
from Python only, so the words themselves stay here, marked with ``N_``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cchc_score.errors import say
from cchc_score.i18n import LANGS, N_, Lang, nt, number, one_language, percent, t
from cchc_score.notice import date_text
from cchc_score.render.common import block_text, value_text
from cchc_score.simulate.sentences import tie_note

__all__ = ["LANGS", "OTHER_LANGUAGE", "WORDS", "Lang", "helpers", "num", "pct", "word"]

WORDS: dict[str, str] = {
    "title": N_("CCHC what-if workspace"),
    "league": N_("League tables"),
    "nothing_loaded": N_("No unit loaded: run 'cchc-score serve FOLDER' or upload a file."),
    "id": N_("Id"),
    "year": N_("Year"),
    "rank": N_("Rank"),
    "of": N_("of"),
    "unit": N_("Unit"),
    "index": N_("Index"),
    "total": N_("Total"),
    "band": N_("Band"),
    "bands": N_("Units per band"),
    "points": N_("Points"),
    "max": N_("Max"),
    "evidence": N_("Current evidence"),
    "reach": N_("Can still reach"),
    "lock": N_("Lock"),
    "claimed": N_("claimed"),
    "prove": N_("prove the claim"),
    "criterion": N_("Criterion"),
    "breakdown": N_("Score breakdown"),
    "open_editor": N_("What-if editor"),
    "editor": N_("What-if: try changes, watch the rank"),
    "odds": N_("Odds of holding the rank"),
    "odds_help": N_("P(rank ≤ {rank}) if the other units' indexes move by ±{sd} points"),
    "changes": N_("Changed"),
    "no_changes": N_("No change yet"),
    "reset": N_("Back to the file"),
    "fixed": N_("held fixed"),
    "plan_rank": N_("Cheapest plan to rank"),
    "plan_band": N_("Cheapest plan to band"),
    "plan_budget": N_("Best plan within a budget"),
    "go": N_("Find the plan"),
    "plan": N_("Plan"),
    "plan_cost": N_("Total cost"),
    "proven": N_("proven optimal"),
    "not_proven": N_("not proven optimal"),
    "no_plan": N_("No plan"),
    "plan_note": N_(
        "Plans start from the file as loaded; locked leaves keep the value being tried."
    ),
    "plan_download": N_("Download the plan"),
    "frontier": N_("Least cost of each rank"),
    "cost": N_("Cost"),
    "step": N_("Change made"),
    "download": N_("Download the edited assessment"),
    "report": N_("Report"),
    "appraisal": N_("Appraisal rounds"),
    "notice_round": N_("Notice of appraisal round {round}"),
    "appraised_by": N_("by"),
    "edited_report": N_("Report of the edited assessment"),
    "league_report": N_("League table report"),
    "league_book": N_("League table workbook"),
    "compare_report": N_("Comparison report"),
    "upload": N_("Upload an assessment (xlsx, YAML, JSON)"),
    "upload_go": N_("Upload"),
    "error": N_("Error"),
    "compare": N_("Compare two years"),
    "before": N_("Before"),
    "after": N_("After"),
    "difference": N_("Change"),
    "method": N_("Method"),
    "performance": N_("Performance"),
    "api": N_("API description (OpenAPI JSON)"),
    "skipped": N_("Files skipped"),
    "yes": N_("yes"),
    "not_found": N_("No such unit"),
    "too_large": N_("file too large (at most {limit} kB)"),
    "no_file": N_("no file chosen"),
    "served_only": N_("only files of the folders served can be compared"),
    "no_band": N_("no band"),
}

#: The language toggle names the other language in that language (no translation).
OTHER_LANGUAGE: dict[str, str] = {"vi": "English", "en": "Tiếng Việt"}


def word(key: str, lang: Lang | str, **values: object) -> str:
    """The word ``key`` in ``lang``, with ``values`` filled in."""
    return t(WORDS[key], lang, **values)


def num(value: Decimal | float | int | None, lang: Lang | str, places: int = 2) -> str:
    """A number as the catalogue writes it (vi ``83,27``, en ``83.27``); None is a dash."""
    if value is None:
        return number(None, lang, places)
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return number(exact, lang, places)


def pct(value: float, lang: Lang | str) -> str:
    """A probability (0 to 1) as a percentage with one decimal (vi ``42,5%``)."""
    return percent(Decimal(str(value)) * 100, lang, 1)


def helpers(lang: Lang | str) -> dict[str, Any]:
    """The templates' helpers bound to the page's language: ``t``, ``num``, ``pct``."""
    return {
        "t": lambda key, **values: word(key, lang, **values),
        "num": lambda value, places=2: num(value, lang, places),
        "pct": lambda value: pct(value, lang),
        "units": lambda n: nt("{n} unit", "{n} units", n, lang),
        # Evidence in words as the engine wrote it ("85.5%"): the decimal comma in Vietnamese.
        "evidence": lambda text: value_text(text, "en" if lang == "en" else "vi"),
        # A block by its name in Vietnamese ("Khối UBND cấp huyện"), as the reports name it.
        "block_name": lambda code: block_text(code, "en" if lang == "en" else "vi"),
        "other_language": OTHER_LANGUAGE.get(str(lang), "English"),
        # An error message (kept as a message) in the page's language.
        "one_language": lambda text: one_language(text, lang),
        "said": lambda message: "" if message is None else str(say(message, lang)),
        # A date as the unit reads it (15/03/2022; 2022-03-15 in English).
        "date": lambda value: date_text(value, lang),
        # A plan that only shares its rank: with whom (the reports' sentence).
        "tie_note": lambda plan: tie_note(plan, "en" if lang == "en" else "vi"),
    }
