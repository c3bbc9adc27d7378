"""The notice of an appraisal round's result for the terminal: the summary, every deduction
with its reason, the leaves to explain and the deadline."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table

from cchc_score.i18n import Lang, number, percent, t
from cchc_score.notice import Notice, date_text, given_text, title

from .common import block_text, plain
from .layout import Responsive, stacked


def notice_summary(notice: Notice, lang: Lang = "vi") -> Panel:
    """Unit, year, round, appraiser, deadline, totals self-assessed against the round."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    unit = f"{notice.unit} · {block_text(notice.block, lang)} · {notice.year}"
    rows: list[tuple[str, str]] = [
        (t("Unit", lang), unit),
        (t("Criteria set", lang), f"{notice.criteria_set} {notice.set_version}"),
        (t("Appraised by", lang), notice.by or "–"),
        (t("Date", lang), date_text(notice.date, lang)),
        (t("Explanation deadline", lang), date_text(notice.explanation_deadline, lang)),
        (t("Self-assessed total", lang), number(notice.self_total, lang)),
        (
            t("Appraised part after round {round}", lang, round=notice.round),
            number(notice.appraised_total, lang),
        ),
    ]
    if notice.difference is not None:
        rows.append((t("Difference", lang), number(notice.difference, lang)))
    rows += [
        (t("Survey part", lang), number(notice.survey_total, lang)),
        (
            t("Total", lang),
            f"{number(notice.total, lang)} / {number(notice.total_max, lang)}"
            f" · {percent(notice.index, lang)}",
        ),
        (t("Deductions", lang), f"{len(notice.deductions)} · −{number(notice.cut_total, lang)}"),
        (t("Leaves to explain", lang), str(len(notice.to_explain))),
    ]
    for key, value in rows:
        grid.add_row(key, plain(value))
    return Panel(grid, title=plain(f"{title(notice, lang)} — {notice.unit}"), expand=False)


def deductions_table(notice: Notice, lang: Lang = "vi") -> Table:
    """Every deduction: the leaf, what was claimed, the points after the round, the cut, why."""
    table = Table(title=t("Deductions, round {round}", lang, round=notice.round), show_lines=True)
    table.add_column(t("Id", lang), no_wrap=True)
    table.add_column(t("Criterion", lang), ratio=2)
    table.add_column(t("Claimed", lang), justify="right", no_wrap=True)
    table.add_column(t("Round {round}", lang, round=notice.round), justify="right", no_wrap=True)
    table.add_column(t("Cut", lang), justify="right", no_wrap=True)
    table.add_column(t("Reason", lang), ratio=3)
    table.add_column(t("Explain", lang), no_wrap=True)
    for leaf in notice.deductions:
        table.add_row(
            leaf.leaf_id,
            plain(leaf.label.get(lang)),
            number(leaf.claimed, lang),
            number(leaf.points, lang),
            "−" + number(leaf.cut, lang),
            plain(leaf.reason_text(lang)),
            t("yes", lang) if leaf.explanation_required else "",
        )
    if not notice.deductions:
        table.add_row("", t("No deduction", lang), "", "", "", "", "")
    return table


def explain_table(notice: Notice, lang: Lang = "vi") -> Table:
    """The leaves the unit must explain, with the appraisers' note and what was given."""
    deadline = date_text(notice.explanation_deadline, lang)
    table = Table(title=t("Leaves to explain (by {date})", lang, date=deadline), show_lines=True)
    table.add_column(t("Id", lang), no_wrap=True)
    table.add_column(t("Criterion", lang), ratio=2)
    table.add_column(t("Points", lang), justify="right", no_wrap=True)
    table.add_column(t("Appraisers' note", lang), ratio=3)
    table.add_column(t("Explanation given", lang), ratio=2)
    for leaf in notice.to_explain:
        table.add_row(
            leaf.leaf_id,
            plain(leaf.label.get(lang)),
            f"{number(leaf.points, lang)}/{number(leaf.max_points, lang)}",
            plain(leaf.reason or ""),
            plain(given_text(leaf, lang)),
        )
    return table


def deductions_stacked(notice: Notice, lang: Lang = "vi") -> Table:
    """The deductions on a narrow terminal: each leaf's figures under its name."""
    rows = [
        (
            leaf.leaf_id,
            leaf.label.get(lang),
            [
                (t("Claimed", lang), number(leaf.claimed, lang)),
                (t("Round {round}", lang, round=notice.round), number(leaf.points, lang)),
                (t("Cut", lang), "−" + number(leaf.cut, lang)),
                (t("Reason", lang), leaf.reason_text(lang)),
                *([(t("Explain", lang), t("yes", lang))] if leaf.explanation_required else []),
            ],
        )
        for leaf in notice.deductions
    ]
    title_ = t("Deductions, round {round}", lang, round=notice.round)
    return stacked(title_, (t("Id", lang), t("Criterion", lang)), rows)


def explain_stacked(notice: Notice, lang: Lang = "vi") -> Table:
    """The leaves to explain on a narrow terminal."""
    deadline = date_text(notice.explanation_deadline, lang)
    rows = [
        (
            leaf.leaf_id,
            leaf.label.get(lang),
            [
                (t("Points", lang), f"{number(leaf.points, lang)}/{number(leaf.max_points, lang)}"),
                (t("Appraisers' note", lang), leaf.reason or ""),
                (t("Explanation given", lang), given_text(leaf, lang)),
            ],
        )
        for leaf in notice.to_explain
    ]
    title_ = t("Leaves to explain (by {date})", lang, date=deadline)
    return stacked(title_, (t("Id", lang), t("Criterion", lang)), rows)


def notice_report(notice: Notice, lang: Lang = "vi") -> RenderableType:
    """The summary, then the deductions and the leaves to explain (stacked when narrow)."""
    parts: list[RenderableType] = [
        notice_summary(notice, lang),
        Responsive(deductions_table(notice, lang), deductions_stacked(notice, lang)),
    ]
    if notice.to_explain:
        parts.append(Responsive(explain_table(notice, lang), explain_stacked(notice, lang)))
    return Group(*parts)
