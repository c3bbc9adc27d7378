"""A year-over-year comparison: summary, the changes per node (what cost the most first), rank."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cchc_score.decimal_utils import fmt
from cchc_score.i18n import Lang, t
from cchc_score.model.comparison import Comparison, NodeChange, RankChange, direction_of


def signed(value: Decimal | None, places: int = 2) -> Text:
    """A change with its sign, red when negative, green when positive."""
    if value is None:
        return Text("")
    shown = fmt(value, places)
    if Decimal(shown) == 0:
        return Text(fmt(Decimal(0), places), style="dim")
    if value > 0:
        return Text("+" + shown, style="green")
    if value < 0:
        return Text(shown, style="red")
    return Text(shown, style="dim")


def summary_panel(cmp: Comparison, lang: Lang = "vi") -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    sets = cmp.set_old if cmp.same_method else f"{cmp.set_old} → {cmp.set_new}"
    total = Text(
        f"{fmt(cmp.total_before)}/{fmt(cmp.total_max_before)} → "
        f"{fmt(cmp.total_after)}/{fmt(cmp.total_max_after)}  "
    ) + signed(cmp.total_difference)
    index = Text(f"{fmt(cmp.index_before)} → {fmt(cmp.index_after)}  ") + signed(
        cmp.index_difference
    )
    leaf_sum = cmp.method_effect + cmp.performance_effect
    rows: list[tuple[str, Text | str]] = [
        (t("unit", lang), f"{cmp.unit} · {t('block', lang)} {cmp.block}"),
        (t("year", lang), f"{cmp.year_old} → {cmp.year_new}"),
        (t("set", lang), sets),
        (t("total", lang), total),
        (t("index", lang), index),
        (t("leaf_sum", lang), signed(leaf_sum)),
    ]
    if not cmp.same_method:
        rows.append((f"  {t('method', lang)}", signed(cmp.method_effect)))
        rows.append((f"  {t('performance', lang)}", signed(cmp.performance_effect)))
    rows.append((t("rounding_and_caps", lang), signed(cmp.rounding_and_caps, 4)))
    for key, value in rows:
        grid.add_row(key, value)
    return Panel(grid, title=t("comparison", lang), expand=False)


def changes_table(cmp: Comparison, lang: Lang = "vi", show_all: bool = False) -> Table:
    """Each area, criterion and leaf that changed, what cost the most first within each level."""
    table = Table(title=f"{t('comparison', lang)} — {cmp.unit} {cmp.year_old} → {cmp.year_new}")
    table.add_column(t("id", lang), no_wrap=True)
    table.add_column(t("criterion", lang), ratio=1)
    table.add_column(f"{t('before', lang)} ({cmp.year_old})", justify="right", no_wrap=True)
    table.add_column(f"{t('after', lang)} ({cmp.year_new})", justify="right", no_wrap=True)
    table.add_column(t("difference", lang), justify="right", no_wrap=True)
    if not cmp.same_method:
        table.add_column(t("method", lang), justify="right", no_wrap=True)
        table.add_column(t("performance", lang), justify="right", no_wrap=True)
        table.add_column(t("change_status", lang))
    for area in cmp.areas:
        _rows(table, area, cmp.same_method, lang, show_all)
    return table


def _changed(node: NodeChange) -> bool:
    return node.difference != 0 or node.status != "same" or node.method != 0


def _rows(table: Table, node: NodeChange, same: bool, lang: Lang, show_all: bool) -> None:
    if not (show_all or _changed(node)):
        return
    style = "bold" if node.level == 0 else ""

    def points(value: Decimal | None, maximum: Decimal | None) -> str:
        return "–" if value is None else f"{fmt(value)}/{fmt(maximum)}"

    cells: list[Text | str] = [
        Text("  " * node.level + node.id, style=style),
        Text(node.label(lang), style=style),
        points(node.before, node.max_before),
        points(node.after, node.max_after),
        signed(node.difference),
    ]
    if not same:
        cells += [signed(node.method), signed(node.performance), t(f"status_{node.status}", lang)]
    table.add_row(*cells)
    for child in node.children:
        _rows(table, child, same, lang, show_all)


def rank_panel(rc: RankChange, cmp: Comparison, lang: Lang = "vi") -> Panel:
    """The rank move, the four ranks behind the split, and who overtook whom."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    move = Text(f"{rc.rank_old}/{rc.of_old} → {rc.rank_new}/{rc.of_new}  ")
    move += Text(
        f"({moved(rc.change, lang)})",
        style="red" if rc.change > 0 else "green" if rc.change < 0 else "dim",
    )
    rows: list[tuple[str, Text | str]] = [
        (t("rank", lang), move),
        (t("own_effect", lang), moved(rc.own_effect, lang, "rank_no_effect")),
        (t("others_effect", lang), moved(rc.others_effect, lang, "rank_no_effect")),
        (t("rank_own_only", lang), f"{rc.rank_own_only}"),
        (t("rank_others_only", lang), f"{rc.rank_others_only}"),
    ]
    if rc.overtaken_by:
        rows.append((t("overtaken_by", lang), ", ".join(rc.overtaken_by)))
    if rc.overtook:
        rows.append((t("overtook", lang), ", ".join(rc.overtook)))
    if rc.peers_mean_index_change is not None:
        rows.append(
            (
                t("peers_mean_change", lang),
                signed(rc.peers_mean_index_change)
                + Text(f" ({t('index', lang).lower()} {cmp.unit}: ")
                + signed(cmp.index_difference)
                + Text(")"),
            )
        )
    policy: str = rc.tie_policy_new
    if rc.tie_policy_old != rc.tie_policy_new:
        policy = f"{rc.tie_policy_old} → {rc.tie_policy_new}"
    rows.append((t("tie_policy", lang), policy))
    for key, value in rows:
        grid.add_row(key, value)
    return Panel(grid, title=t("rank_change", lang), expand=False)


def moved(places_lost: int | Decimal, lang: Lang, zero: str = "rank_unchanged") -> str:
    """A rank move in words, no sign to misread: "tụt 2 bậc" / "down 2 places", "lên 1 bậc" /
    "up 1 place", "giữ nguyên" / "unchanged" (or the words of the key ``zero``). Halves come
    from averaging two orders of change.
    """
    direction = direction_of(places_lost)
    if direction == "unchanged":
        return t(zero, lang)
    size = abs(Decimal(places_lost))
    text = f"{size.normalize():f}" if size != size.to_integral_value() else f"{int(size)}"
    unit = t("place" if size == 1 else "places", lang)
    return f"{t(f'rank_{direction}', lang)} {text} {unit}"


def compare_report(cmp: Comparison, lang: Lang = "vi", show_all: bool = False) -> RenderableType:
    parts: list[RenderableType] = [summary_panel(cmp, lang), changes_table(cmp, lang, show_all)]
    if cmp.rank is not None:
        parts.append(rank_panel(cmp.rank, cmp, lang))
    return Group(*parts)
