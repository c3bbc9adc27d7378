"""The score breakdown of one unit: a tree table and a summary panel."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cchc_score.formal import class_heading
from cchc_score.i18n import Lang, flag, number, percent, t
from cchc_score.model.result import NodeResult, Result
from cchc_score.notice import history_text

from .charts import area_chart
from .common import bar, block_text, clean, plain, value_text
from .layout import Responsive
from .survey import rescale_note, survey_groups_table


def breakdown_table(result: Result, lang: Lang = "vi") -> Table:
    """Every node with points / max, a bar, points lost, the self-score and flags."""
    table = Table(
        title=plain(f"{t('Score breakdown', lang)} — {result.unit} ({result.year})"),
        show_lines=False,
        expand=True,  # so the ratios below share the width: the criterion's title first
    )
    table.add_column(t("Id", lang), no_wrap=True)
    table.add_column(t("Area / criterion", lang), ratio=2)
    table.add_column(t("Points", lang), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column(t("Lost", lang), justify="right", no_wrap=True)
    table.add_column(t("Self", lang), justify="right", no_wrap=True)
    table.add_column(t("Flags", lang), ratio=1)
    for root in result.nodes:
        _rows(table, root, 0, lang)
    return table


def breakdown_narrow(result: Result, lang: Lang = "vi") -> Table:
    """:func:`breakdown_table` for a narrow terminal: id, title and points side by side; the
    points not gained, the self-score and the flags on a dim line under the title."""
    table = Table(
        title=plain(f"{t('Score breakdown', lang)} — {result.unit} ({result.year})"),
        expand=True,
    )
    table.add_column(t("Id", lang), no_wrap=True)
    table.add_column(t("Area / criterion", lang), ratio=1)
    table.add_column(t("Points", lang), justify="right", no_wrap=True)
    for root in result.nodes:
        _narrow_rows(table, root, 0, lang)
    return table


def _narrow_rows(table: Table, node: NodeResult, depth: int, lang: Lang) -> None:
    style = "bold" if depth == 0 else ""
    label, flags = _label(node, lang), _flags(node, lang)
    facts = []
    if node.lost:
        facts.append(f"{t('Lost', lang)} {number(node.lost, lang)}")
    # The self-score only where it differs: one more line under every row hides the rest.
    if node.self_points is not None and node.self_points != node.final_points:
        facts.append(f"{t('Self', lang)} {number(node.self_points, lang)}")
    cell = plain(label, style)
    if facts or flags:
        cell.append("\n" + " · ".join(facts), style="dim")
        if flags:
            cell.append((" · " if facts else "") + clean(flags), style="yellow")
    table.add_row(
        Text("  " * depth + node.id, style=style),
        cell,
        f"{number(node.final_points, lang)}/{number(node.max_points, lang)}",
    )
    for child in node.children:
        _narrow_rows(table, child, depth + 1, lang)


def breakdown_view(result: Result, lang: Lang = "vi") -> Responsive:
    """The breakdown as the wide table where the terminal has room, else the narrow one."""
    return Responsive(breakdown_table(result, lang), breakdown_narrow(result, lang), WIDE)


#: Columns the wide breakdown needs to keep the criterion's title readable.
WIDE = 110


def _label(node: NodeResult, lang: Lang) -> str:
    """The node's label, with its evidence value in brackets when it has one."""
    label = node.label.get(lang)
    value = node.value_en if lang == "en" and node.value_en is not None else node.value
    return label + f"  [{value_text(value, lang)}]" if value is not None else label


def _flags(node: NodeResult, lang: Lang) -> str:
    """The node's flags, and the appraisers' reason, in words."""
    flags = ", ".join(flag(f, lang) for f in node.flags)
    if node.appraisal_reason:
        flags = "; ".join(p for p in (flags, f"{t('Reason', lang)}: {node.appraisal_reason}") if p)
    rounds = history_text(node, lang)
    if rounds:
        flags = "; ".join(p for p in (flags, rounds) if p)
    return flags


def _rows(table: Table, node: NodeResult, depth: int, lang: Lang) -> None:
    style = "bold" if depth == 0 else ""
    label, flags = _label(node, lang), _flags(node, lang)
    table.add_row(
        Text("  " * depth + node.id, style=style),
        plain(label, style),
        f"{number(node.final_points, lang)}/{number(node.max_points, lang)}",
        bar(node.final_points, node.max_points),
        number(node.lost, lang) if node.lost else "",
        number(node.self_points, lang) if node.self_points is not None else "",
        plain(flags, "yellow"),
    )
    for child in node.children:
        _rows(table, child, depth + 1, lang)


def summary_panel(result: Result, lang: Lang = "vi") -> Panel:
    """Total, index, band and the two parts of the score."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    band = t("no band", lang) if result.band is None else result.band.label.get(lang)
    rows = [
        (t("Unit", lang), f"{result.unit} · {block_text(result.block, lang)} · {result.year}"),
        (t("Criteria set", lang), f"{result.criteria_set} {result.set_version}"),
        (t("Total", lang), f"{number(result.total, lang)} / {number(result.total_max, lang)}"),
        (t("Index", lang), percent(result.index, lang)),
        (class_heading([result.band] if result.band else [], lang), band),
        (t("Appraised part", lang), number(result.appraisal_total, lang)),
        (t("Survey part", lang), number(result.survey_total, lang)),
    ]
    if result.self_total is not None:
        rows.append((t("Self-assessed total", lang), number(result.self_total, lang)))
    rescaled = rescale_note(result, lang)
    if rescaled is not None:
        rows.append((t("No survey", lang), rescaled))
    if result.flag_counts:
        rows.append(
            (
                t("Flags", lang),
                ", ".join(f"{flag(k, lang)}: {v}" for k, v in result.flag_counts.items()),
            )
        )
    for key, value in rows:
        grid.add_row(key, value)
    return Panel(grid, title=t("Summary", lang), expand=False)


def score_report(result: Result, lang: Lang = "vi") -> RenderableType:
    parts: list[RenderableType] = [breakdown_view(result, lang)]
    groups = survey_groups_table(result, lang)
    if groups is not None:
        parts.append(groups)
    return Group(*parts, area_chart(result, lang), summary_panel(result, lang))
