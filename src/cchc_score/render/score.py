"""The score breakdown of one unit: a tree table and a summary panel."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cchc_score.decimal_utils import fmt
from cchc_score.i18n import Lang, flag, t
from cchc_score.model.result import NodeResult, Result

from .charts import area_chart
from .common import bar


def breakdown_table(result: Result, lang: Lang = "vi") -> Table:
    """Every node with points / max, a bar, points lost, the self-score and flags."""
    table = Table(title=f"{t('breakdown', lang)} — {result.unit} ({result.year})", show_lines=False)
    table.add_column(t("id", lang), no_wrap=True)
    table.add_column(t("criterion", lang), ratio=1)
    table.add_column(t("points", lang), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column(t("lost", lang), justify="right", no_wrap=True)
    table.add_column(t("self", lang), justify="right", no_wrap=True)
    table.add_column(t("flags", lang))
    for root in result.nodes:
        _rows(table, root, 0, lang)
    return table


def _rows(table: Table, node: NodeResult, depth: int, lang: Lang) -> None:
    style = "bold" if depth == 0 else ""
    label = node.label(lang)
    value = node.value_en if lang == "en" and node.value_en is not None else node.value
    if value is not None:
        label += f"  [{value}]"
    flags = ", ".join(flag(f, lang) for f in node.flags)
    if node.appraisal_reason:
        flags = "; ".join(p for p in (flags, f"{t('reason', lang)}: {node.appraisal_reason}") if p)
    table.add_row(
        Text("  " * depth + node.id, style=style),
        Text(label, style=style),
        f"{fmt(node.final_points)}/{fmt(node.max_points)}",
        bar(node.final_points, node.max_points),
        fmt(node.lost) if node.lost else "",
        fmt(node.self_points) if node.self_points is not None else "",
        Text(flags, style="yellow"),
    )
    for child in node.children:
        _rows(table, child, depth + 1, lang)


def summary_panel(result: Result, lang: Lang = "vi") -> Panel:
    """Total, index, band and the two parts of the score."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    if result.band is None:
        band = t("no_band", lang)
    else:
        band = result.band.label_vi if lang == "vi" else result.band.label_en
    rows = [
        (t("unit", lang), f"{result.unit} · {t('block', lang)} {result.block} · {result.year}"),
        (t("set", lang), f"{result.criteria_set} {result.set_version}"),
        (t("total", lang), f"{fmt(result.total)} / {fmt(result.total_max)}"),
        (t("index", lang), f"{fmt(result.index)} %"),
        (t("band", lang), band),
        (t("appraisal_part", lang), fmt(result.appraisal_total)),
        (t("survey_part", lang), fmt(result.survey_total)),
    ]
    if result.self_total is not None:
        rows.append((t("self_total", lang), fmt(result.self_total)))
    if result.flag_counts:
        rows.append(
            (
                t("flags", lang),
                ", ".join(f"{flag(k, lang)}: {v}" for k, v in result.flag_counts.items()),
            )
        )
    for key, value in rows:
        grid.add_row(key, value)
    return Panel(grid, title=t("summary", lang), expand=False)


def score_report(result: Result, lang: Lang = "vi") -> RenderableType:
    return Group(
        breakdown_table(result, lang), area_chart(result, lang), summary_panel(result, lang)
    )
