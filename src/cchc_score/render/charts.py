"""Bar charts for people who would rather look than read: points per area, cost per rank, odds.

Each function returns a renderable (a Table of labelled bars); nothing here prints. They take
the library's models, so any report can use them:

- :func:`area_chart` (a :class:`~cchc_score.model.result.Result`): each area's points against
  its maximum; part of ``cchc-score score``.
- :func:`frontier_chart` (the simulator's ``FrontierPoint`` list): the least cost of reaching
  each rank, as bars, so the "knee" where a rank becomes expensive shows.
- :func:`odds_chart` (the simulator's ``RankOdds``): P(rank = r) now and with the plan, side by
  side. The simulate report shows both under its tables.

Bars are scaled to the largest value shown; the numbers stay printed beside them, so a chart
never replaces the figures, and an exported HTML or SVG report shows the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from cchc_score.i18n import Lang, number, percent, t
from cchc_score.model.result import Result

if TYPE_CHECKING:  # the simulator's models; charts do not need the simulator to import
    from cchc_score.simulate.models import FrontierPoint, RankOdds

FULL = "█"
EMPTY = "░"


def with_sign(value: Decimal, lang: Lang) -> str:
    """Bonus or penalty points with their sign and their own digits (``+0.25``, ``-1.0``)."""
    if lang == "en":
        return f"{value:+}"
    exponent = value.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return ("+" if value >= 0 else "") + number(value, lang, places)


def probability(p: float, lang: Lang) -> str:
    """A probability in percent with one decimal (``12.3%``; ``12,3%`` in Vietnamese)."""
    return percent(Decimal(f"{p * 100:.1f}"), lang, 1, spaced=False)


def cells(value: Decimal, scale: Decimal, width: int) -> int:
    """How many of ``width`` cells ``value`` fills when ``scale`` fills them all."""
    if scale <= 0 or value <= 0:
        return 0
    share = min(value / scale, Decimal(1))
    return int((share * width).to_integral_value(rounding="ROUND_HALF_UP"))


def area_chart(result: Result, lang: Lang = "vi", width: int = 30) -> Table:
    """Each area's points (filled) and points lost (shaded) against its maximum.

    Bars share one scale, the largest area's maximum, so a large area looks large; bonus and
    penalty areas outside the maxima show their signed points without a bar.
    """
    table = Table(title=t("Points per area", lang), show_header=True, box=None, padding=(0, 1))
    table.add_column(t("Area", lang), ratio=1)
    table.add_column("", no_wrap=True)
    table.add_column(t("Points / max", lang), justify="right", no_wrap=True)
    scale = max((n.max_points for n in result.nodes if not n.extra), default=Decimal(0))
    for area in result.nodes:
        label = Text(f"{area.id} ", style="bold")
        label.append(area.label.get(lang))
        if area.extra:
            table.add_row(
                label,
                Text(with_sign(area.final_points, lang), style="cyan"),
                number(area.final_points, lang),
            )
            continue
        filled = cells(area.final_points, scale, width)
        whole = max(cells(area.max_points, scale, width), filled)
        share = area.final_points / area.max_points if area.max_points > 0 else Decimal(0)
        style = (
            "green" if share >= Decimal("0.8") else "yellow" if share >= Decimal("0.5") else "red"
        )
        bar = Text(FULL * filled, style=style) + Text(EMPTY * (whole - filled), style="dim")
        bar.append(" " * (width - whole))
        table.add_row(
            label, bar, f"{number(area.final_points, lang)} / {number(area.max_points, lang)}"
        )
    return table


def frontier_chart(
    points: Sequence[FrontierPoint],
    cost_unit: str,
    lang: Lang = "vi",
    width: int = 40,
    places: int = 2,
) -> Table:
    """The least cost of reaching each rank, best rank first, as bars on one scale; costs to
    ``places`` decimals, as the report's tables print them."""
    table = Table(title=t("Least cost of each rank", lang), box=None, padding=(0, 1))
    table.add_column(t("Rank", lang), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column(f"{t('Cost', lang)} ({cost_unit})", justify="right", no_wrap=True)
    ordered = sorted(points, key=lambda p: p.rank)
    scale = max((p.min_cost for p in ordered), default=Decimal(0))
    for point in ordered:
        filled = cells(point.min_cost, scale, width)
        bar = Text(FULL * filled, style="magenta") + Text(" " * (width - filled))
        table.add_row(str(point.rank), bar, number(point.min_cost, lang, places))
    return table


def odds_chart(odds: RankOdds, lang: Lang = "vi", width: int = 24) -> Table:
    """P(rank = r) now and with the plan, one row per rank, bars on a common 0–100 % scale."""
    table = Table(title=t("Probability of each rank", lang), box=None, padding=(0, 1))
    table.add_column(t("Rank", lang), justify="right", no_wrap=True)
    table.add_column(t("now", lang), no_wrap=True)
    table.add_column("", justify="right", no_wrap=True)
    with_plan = bool(odds.distribution_plan)
    if with_plan:
        table.add_column(t("with the plan", lang), no_wrap=True)
        table.add_column("", justify="right", no_wrap=True)
    ranks = max(len(odds.distribution_now), len(odds.distribution_plan))
    for r in range(ranks):
        row: list[Text | str] = [str(r + 1)]
        series = [(odds.distribution_now, "blue")]
        if with_plan:
            series.append((odds.distribution_plan, "green"))
        for values, style in series:
            p = values[r] if r < len(values) else 0.0
            filled = cells(Decimal(repr(p)), Decimal(1), width)
            mark = "bold" if r + 1 <= odds.target_rank else ""
            row.append(Text(FULL * filled, style=style) + Text(EMPTY * (width - filled), "dim"))
            row.append(Text(probability(p, lang), style=mark))
        table.add_row(*row)
    return table


__all__ = ["area_chart", "cells", "frontier_chart", "odds_chart", "probability"]
