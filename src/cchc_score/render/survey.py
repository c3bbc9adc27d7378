"""The survey as run: each respondent group's part of a survey leaf, and the no-survey rescale."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from cchc_score.i18n import Lang, number, percent, t
from cchc_score.model.result import Result

from .common import plain


def survey_groups_table(result: Result, lang: Lang = "vi") -> Table | None:
    """One row per survey leaf and respondent group: respondents, answers, points, weight;
    None when no leaf was answered per group."""
    if not result.survey_groups:
        return None
    table = Table(title=t("Survey by respondent group", lang))
    table.add_column(t("Id", lang), no_wrap=True)
    table.add_column(t("Respondent group", lang), ratio=1)
    table.add_column(t("Respondents", lang), justify="right", no_wrap=True)
    table.add_column(t("Answers", lang))
    table.add_column(t("Points", lang), justify="right", no_wrap=True)
    table.add_column(t("Weight", lang), justify="right", no_wrap=True)
    for node in result.walk():
        groups = result.survey_groups.get(node.id)
        if not groups:
            continue
        table.add_row(
            Text(node.id, style="bold"),
            plain(node.label.get(lang), "bold"),
            "",
            "",
            f"{number(node.final_points, lang)}/{number(node.max_points, lang)}",
            "",
        )
        for group in groups:
            answers = ", ".join(
                f"{a} {percent(s, lang, places=1, spaced=False)}"
                for a, s in (group.distribution or {}).items()
            )
            table.add_row(
                "",
                plain("  " + group.label.get(lang)),
                str(group.respondents) if group.respondents is not None else "",
                answers,
                number(group.points, lang),
                percent(group.share * 100, lang, places=1, spaced=False),
            )
    return table


def rescale_note(result: Result, lang: Lang = "vi") -> str | None:
    """What the total is when no survey was run and the set rescales, in words; else None."""
    if result.rescaled_from is None:
        return None
    return t(
        "No survey was run: the appraised points ({points} of {most}) are rescaled to"
        " {scale} points",
        lang,
        points=number(result.rescaled_points, lang),
        most=number(result.rescaled_from, lang),
        scale=number(result.total_max, lang),
    )
