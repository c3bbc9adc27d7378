"""A year-over-year comparison: summary, the changes per node (what cost the most first), rank."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cchc_score.compare import crossing_text
from cchc_score.decimal_utils import quantize
from cchc_score.i18n import N_, Lang, amount, code_label, nt, number, t, tc
from cchc_score.model.comparison import Comparison, NodeChange, RankChange, direction_of
from cchc_score.render.common import block_text, plain

UNCHANGED = N_("unchanged")
NO_EFFECT = N_("no effect on the rank")
MOVES_HALF = {"down": N_("down {size} places"), "up": N_("up {size} places")}
STATUSES = {
    "new": N_("new"),
    "removed": N_("removed"),
    "max_changed": N_("maximum changed"),
    "rule_changed": N_("rule changed"),
}


def change_status(status: str, lang: Lang) -> str:
    """How a node's definition changed between the years ("" when it did not)."""
    msgid = STATUSES.get(status)
    return "" if msgid is None else t(msgid, lang)


def signed(value: Decimal | None, lang: Lang, places: int = 2) -> Text:
    """A change with its sign, red when negative, green when positive."""
    if value is None:
        return Text("")
    shown = number(value, lang, places)
    if quantize(value, places) == 0:
        return Text(number(Decimal(0), lang, places), style="dim")
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
        f"{number(cmp.total_before, lang)}/{number(cmp.total_max_before, lang)} → "
        f"{number(cmp.total_after, lang)}/{number(cmp.total_max_after, lang)}  "
    ) + signed(cmp.total_difference, lang)
    index = Text(f"{number(cmp.index_before, lang)} → {number(cmp.index_after, lang)}  ") + signed(
        cmp.index_difference, lang
    )
    leaf_sum = cmp.method_effect + cmp.performance_effect
    rows: list[tuple[str, Text | str]] = [
        (t("Unit", lang), plain(f"{cmp.unit} · {block_text(cmp.block, lang)}")),
        (t("Year", lang), f"{cmp.year_old} → {cmp.year_new}"),
        (t("Criteria set", lang), sets),
        (t("Total", lang), total),
        (t("Index", lang), index),
        (t("Sum of the leaves' changes", lang), signed(leaf_sum, lang)),
    ]
    if not cmp.same_method:
        rows.append((f"  {t('Method', lang)}", signed(cmp.method_effect, lang)))
        rows.append((f"  {t('Performance', lang)}", signed(cmp.performance_effect, lang)))
    rows.append((t("Rounding and caps", lang), signed(cmp.rounding_and_caps, lang, 4)))
    for key, value in rows:
        grid.add_row(key, value)
    return Panel(grid, title=t("Year-over-year comparison", lang), expand=False)


def changes_table(cmp: Comparison, lang: Lang = "vi", show_all: bool = False) -> Table:
    """Each area, criterion and leaf that changed, what cost the most first within each level."""
    table = Table(
        title=plain(
            f"{t('Year-over-year comparison', lang)} — {cmp.unit} {cmp.year_old} → {cmp.year_new}"
        )
    )
    table.add_column(t("Id", lang), no_wrap=True)
    table.add_column(t("Area / criterion", lang), ratio=1)
    table.add_column(f"{t('Before', lang)} ({cmp.year_old})", justify="right", no_wrap=True)
    table.add_column(f"{t('After', lang)} ({cmp.year_new})", justify="right", no_wrap=True)
    table.add_column(tc("comparison", "Change", lang), justify="right", no_wrap=True)
    if not cmp.same_method:
        table.add_column(t("Method", lang), justify="right", no_wrap=True)
        table.add_column(t("Performance", lang), justify="right", no_wrap=True)
        table.add_column(tc("comparison", "Status", lang))
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
        return "–" if value is None else f"{number(value, lang)}/{number(maximum, lang)}"

    cells: list[Text | str] = [
        Text("  " * node.level + node.id, style=style),
        plain(node.label.get(lang), style),
        points(node.before, node.max_before),
        points(node.after, node.max_after),
        signed(node.difference, lang),
    ]
    if not same:
        cells += [
            signed(node.method, lang),
            signed(node.performance, lang),
            change_status(node.status, lang),
        ]
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
        (t("Rank", lang), move),
        (t("The unit's own change", lang), moved(rc.own_effect, lang, NO_EFFECT)),
        (t("The other units' change", lang), moved(rc.others_effect, lang, NO_EFFECT)),
        (t("Rank had only the unit changed (new index, others' old)", lang), f"{rc.rank_own_only}"),
        (
            t("Rank had only the others changed (old index, others' new)", lang),
            f"{rc.rank_others_only}",
        ),
    ]
    if rc.overtaken_by:
        rows.append((t("Overtaken by", lang), plain(", ".join(rc.overtaken_by))))
    if rc.overtook:
        rows.append((t("Overtook", lang), plain(", ".join(rc.overtook))))
    if rc.peers_mean_index_change is not None:
        rows.append(
            (
                t("Others' mean index change", lang),
                signed(rc.peers_mean_index_change, lang)
                + Text(f" ({t('Index', lang).lower()} {cmp.unit}: ")
                + signed(cmp.index_difference, lang)
                + Text(")"),
            )
        )
    policy = code_label("tie_policy", rc.tie_policy_new, lang)
    if rc.tie_policy_old != rc.tie_policy_new:
        policy = f"{code_label('tie_policy', rc.tie_policy_old, lang)} → {policy}"
    rows.append((t("Tie policy", lang), policy))
    for key, value in rows:
        grid.add_row(key, value)
    return Panel(grid, title=t("Rank change", lang), expand=False)


def moved(places_lost: int | Decimal, lang: Lang, zero: str = UNCHANGED) -> str:
    """A rank move in words, no sign to misread: "giảm 2 bậc" / "down 2 places", "tăng 1 bậc" /
    "up 1 place", "giữ nguyên" / "unchanged" (or the msgid ``zero``). Halves come from
    averaging two orders of change.
    """
    direction = direction_of(places_lost)
    if direction == "unchanged":
        return t(zero, lang)
    size = abs(Decimal(places_lost))
    if size != size.to_integral_value():
        return t(MOVES_HALF[direction], lang, size=amount(size, lang))
    if direction == "down":
        return nt("down {n} place", "down {n} places", int(size), lang)
    return nt("up {n} place", "up {n} places", int(size), lang)


def compare_report(cmp: Comparison, lang: Lang = "vi", show_all: bool = False) -> RenderableType:
    parts: list[RenderableType] = [summary_panel(cmp, lang)]
    if cmp.crossing is not None:
        parts.append(plain(crossing_text(cmp, lang), style="yellow"))
    parts.append(changes_table(cmp, lang, show_all))
    if cmp.rank is not None:
        parts.append(rank_panel(cmp.rank, cmp, lang))
    return Group(*parts)
