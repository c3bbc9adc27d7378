"""The notice of an appraisal round's result as a workbook: the summary, the deductions with
their reasons, the leaves to explain by the deadline; and a leaf's appraisal history for the
self-assessment form."""

from __future__ import annotations

from collections.abc import Sequence

from cchc_score.formats.xlsx import Workbook
from cchc_score.i18n import Lang, code_label, t
from cchc_score.model.result import NodeResult
from cchc_score.notice import Notice, date_text, document_text, given_text, title

from .sheets import POINTS, Column, key_values, new_book, write_table


def notice_book(notice: Notice, lang: Lang = "vi") -> Workbook:
    """Three sheets: the notice's summary, every deduction, the leaves to explain."""
    wb = new_book()
    round_no = notice.round
    key_values(
        wb,
        t("Notice", lang),
        [
            (title(notice, lang), None, None),
            (t("Unit", lang), notice.unit, None),
            (t("Block", lang), code_label("block", notice.block, lang), None),
            (t("Year", lang), notice.year, None),
            (t("Criteria set", lang), f"{notice.criteria_set} {notice.set_version}", None),
            (t("Appraisal round", lang), notice.round, None),
            (t("Appraised by", lang), notice.by, None),
            (t("Date", lang), date_text(notice.date, lang), None),
            (t("Explanation deadline", lang), date_text(notice.explanation_deadline, lang), None),
            (t("Self-assessed total", lang), notice.self_total, POINTS),
            (
                t("Appraised part after round {round}", lang, round=round_no),
                notice.appraised_total,
                POINTS,
            ),
            (t("Difference", lang), notice.difference, POINTS),
            (t("Survey part", lang), notice.survey_total, POINTS),
            (t("Total", lang), notice.total, POINTS),
            (t("Index", lang), notice.index, POINTS),
            (t("Deductions", lang), len(notice.deductions), None),
            (t("Points cut", lang), notice.cut_total, POINTS),
            (t("Leaves to explain", lang), len(notice.to_explain), None),
        ],
    )
    write_table(
        wb,
        t("Deductions", lang),
        [
            Column(t("Id", lang)),
            Column(t("Criterion", lang), width=40),
            Column(t("Claimed", lang), POINTS),
            Column(t("Round {round}", lang, round=round_no), POINTS),
            Column(t("Cut", lang), POINTS),
            Column(t("Reason", lang), width=50),
            Column(t("Explanation required", lang)),
        ],
        [
            [
                leaf.leaf_id,
                leaf.label.get(lang),
                leaf.claimed,
                leaf.points,
                leaf.cut,
                leaf.reason_text(lang),
                t("yes", lang) if leaf.explanation_required else None,
            ]
            for leaf in notice.deductions
        ],
    )
    write_table(
        wb,
        t("Leaves to explain", lang),
        [
            Column(t("Id", lang)),
            Column(t("Criterion", lang), width=40),
            Column(t("Points", lang), POINTS),
            Column(t("Max", lang), POINTS),
            Column(t("Appraisers' note", lang), width=50),
            Column(t("Explanation deadline", lang)),
            Column(t("Explanation given", lang), width=40),
        ],
        [
            [
                leaf.leaf_id,
                leaf.label.get(lang),
                leaf.points,
                leaf.max_points,
                leaf.reason,
                date_text(notice.explanation_deadline, lang),
                given_text(leaf, lang),
            ]
            for leaf in notice.to_explain
        ],
    )
    return wb


def history_sheet(wb: Workbook, leaves: Sequence[NodeResult], lang: Lang = "vi") -> None:
    """One row per leaf and appraisal round: the score, the appraisers' note, the flag, the
    unit's explanation and supplementary documents (the last round of a leaf decides)."""
    rows = [
        [
            node.id,
            node.label.get(lang),
            node.self_points,
            step.round,
            step.score,
            step.reason,
            t("yes", lang) if step.explanation_required else None,
            step.explanation,
            "; ".join(document_text(d, lang) for d in step.supplementary) or None,
        ]
        for node in leaves
        for step in node.appraisal_history
    ]
    write_table(
        wb,
        t("Appraisal rounds", lang),
        [
            Column(t("Id", lang)),
            Column(t("Criterion", lang), width=40),
            Column(t("Self", lang), POINTS),
            Column(t("Appraisal round", lang)),
            Column(t("Score", lang), POINTS),
            Column(t("Reason", lang), width=44),
            Column(t("Explanation required", lang)),
            Column(t("Unit's explanation", lang), width=44),
            Column(t("Supplementary documents", lang), width=44),
        ],
        rows,
    )
