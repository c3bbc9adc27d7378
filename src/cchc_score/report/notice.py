"""The notice of an appraisal round's result as a standalone HTML page (and its deductions as
an SVG table)."""

from __future__ import annotations

from functools import partial

from cchc_score.i18n import Lang, t
from cchc_score.notice import Notice, date_text, given_text, title

from .pages import Page, render
from .svg import table
from .words import number


def notice_words(round_no: int, lang: Lang) -> dict[str, str]:
    """The page's own words, from the catalogue."""
    return {
        "set": t("Criteria set", lang),
        "unit": t("Unit", lang),
        "round": t("Appraisal round", lang),
        "date": t("Date", lang),
        "deadline": t("Explanation deadline", lang),
        "self_total": t("Self-assessed total", lang),
        "appraised": t("Appraised part after round {round}", lang, round=round_no),
        "difference": t("Difference", lang),
        "deductions": t("Deductions", lang),
        "to_explain": t("Leaves to explain", lang),
        "deductions_title": t("Deductions, round {round}", lang, round=round_no),
        "claimed": t("Claimed", lang),
        "round_points": t("Round {round}", lang, round=round_no),
        "cut": t("Cut", lang),
        "explain": t("Explain", lang),
        "yes": t("yes", lang),
        "no_deduction": t("No deduction", lang),
        "explain_title": t("Leaves to explain", lang),
        "note": t("Appraisers' note", lang),
        "given": t("Explanation given", lang),
        "none_to_explain": t("No leaf to explain", lang),
    }


def notice_page(notice: Notice, lang: Lang = "vi") -> Page:
    """The notice: the summary (unit, year, round, deadline, totals self-assessed against the
    round), every deduction with its reason, the leaves to explain."""
    heading = f"{title(notice, lang)} — {notice.unit} ({notice.year})"
    html = render(
        "notice.html",
        lang,
        title=heading,
        running=f"{notice.unit} · {notice.year}",
        notice=notice,
        words=notice_words(notice.round, lang),
        date=partial(date_text, lang=lang),
        given=partial(given_text, lang=lang),
    )
    words = notice_words(notice.round, lang)
    rows = [
        [
            leaf.leaf_id,
            leaf.label.get(lang),
            number(leaf.claimed, lang),
            number(leaf.points, lang),
            "−" + number(leaf.cut, lang),
            leaf.reason_text(lang),
        ]
        for leaf in notice.deductions
    ]
    headers = [
        t("Id", lang),
        t("Criterion", lang),
        words["claimed"],
        words["round_points"],
        words["cut"],
        t("Reason", lang),
    ]
    svg = table(heading, headers, rows, [False, False, True, True, True, False])
    return Page(heading, lang, html, str(svg))
