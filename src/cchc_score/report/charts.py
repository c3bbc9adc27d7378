"""The reports' charts as inline SVG: points per area, rank over years, cost per rank, odds.

Each function takes the library's models and returns an ``<svg>`` (markup safe to insert in a
page or to save as a file). Every bar carries its figure as text, so the chart never replaces
the numbers and its text can be searched, read aloud or extracted from a PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from markupsafe import Markup

from cchc_score.i18n import Lang
from cchc_score.model.result import Result
from cchc_score.simulate.figures import places_for

from .svg import COLOURS, clip, el, svg, text
from .words import number, percent, word

if TYPE_CHECKING:
    from cchc_score.simulate.models import FrontierPoint, RankOdds
    from cchc_score.story import YearPlace

WIDTH = 680
PAD = 12
BAR = 14


def share_colour(points: Decimal, maximum: Decimal) -> str:
    """Green from 80 % of the maximum, amber from 50 %, red below (as the terminal's bars)."""
    share = points / maximum if maximum > 0 else Decimal(0)
    return COLOURS[
        "good" if share >= Decimal("0.8") else "fair" if share >= Decimal("0.5") else "poor"
    ]


def _length(value: Decimal, scale: Decimal, room: float) -> float:
    if scale <= 0 or value <= 0:
        return 0.0
    return float(min(value / scale, Decimal(1))) * room


def area_chart(result: Result, lang: Lang = "vi") -> Markup:
    """Each area's points (filled) against its maximum (the track), on one scale: the largest
    area's maximum, so a large area looks large. Bonus and penalty areas show signed points."""
    title = f"{word('areas_chart', lang)} — {result.unit} ({result.year})"
    scale = max((n.max_points for n in result.nodes if not n.extra), default=Decimal(0))
    room = WIDTH - 2 * PAD - 120
    parts, facts, y = [], [], 34.0
    parts.append(text(title, PAD, 20, font_size="15", font_weight="bold"))
    for area in result.nodes:
        label = f"{area.id}. {area.label.get(lang)}"
        parts.append(text(clip(label, WIDTH - 2 * PAD), PAD, y + 12))
        figure = (
            f"{number(area.final_points, lang)} / {number(area.max_points, lang)}"
            if not area.extra
            else ("+" if area.final_points > 0 else "") + number(area.final_points, lang)
        )
        facts.append(f"{area.id}: {figure}")
        bar_y = y + 18
        if not area.extra:
            track = _length(area.max_points, scale, room)
            filled = _length(area.final_points, scale, room)
            parts.append(
                el("rect", x=PAD, y=bar_y, width=f"{track:.1f}", height=BAR, fill=COLOURS["track"])
            )
            colour = share_colour(area.final_points, area.max_points)
            parts.append(el("rect", x=PAD, y=bar_y, width=f"{filled:.1f}", height=BAR, fill=colour))
            parts.append(text(figure, PAD + track + 8, bar_y + 11.5, font_weight="bold"))
        else:
            parts.append(text(figure, PAD, bar_y + 11.5, font_weight="bold"))
        y += 42
    return svg(title, WIDTH, y + 4, "".join(parts), "; ".join(facts))


def rank_chart(places: Sequence[YearPlace], lang: Lang = "vi", target_rank: int = 3) -> Markup:
    """The unit's rank each year as a line, rank 1 at the top; a dashed line marks
    ``target_rank``; each point is labelled ``rank/of``."""
    own = [p.standing for p in places]
    title = (
        f"{word('ranks_over_years', lang)} — {own[-1].unit}"
        if own
        else word("ranks_over_years", lang)
    )
    worst = max((s.of for s in own), default=1)
    left, top, height = PAD + 40, 54, 220
    room = WIDTH - left - 40
    inset = 40  # the first and last points' labels stay inside the plot
    step = (room - 2 * inset) / max(len(own) - 1, 1)

    def y_of(rank: int) -> float:
        return top + (rank - 1) * height / max(worst - 1, 1)

    parts = [text(title, PAD, 20, font_size="15", font_weight="bold")]
    for rank in range(1, worst + 1):
        y = y_of(rank)
        parts.append(
            el(
                "line",
                x1=left,
                x2=left + room,
                y1=f"{y:.1f}",
                y2=f"{y:.1f}",
                stroke=COLOURS["grid"],
                stroke_width="0.5",
            )
        )
        parts.append(
            text(
                str(rank),
                left - 8,
                y + 4,
                text_anchor="end",
                fill=COLOURS["muted"],
                font_size="11",
            )
        )
    if 1 <= target_rank <= worst:
        y = y_of(target_rank)
        parts.append(
            el(
                "line",
                x1=left,
                x2=left + room,
                y1=f"{y:.1f}",
                y2=f"{y:.1f}",
                stroke=COLOURS["good"],
                stroke_dasharray="6 4",
            )
        )
    parts.append(text(word("rank", lang), PAD, top - 14, fill=COLOURS["muted"], font_size="11"))
    points = [(left + inset + i * step, y_of(s.rank)) for i, s in enumerate(own)]
    if len(points) > 1:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            el("polyline", points=line, fill="none", stroke=COLOURS["now"], stroke_width="2.5")
        )
    facts = []
    for (x, y), place in zip(points, places, strict=True):
        s = place.standing
        parts.append(el("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r="5", fill=COLOURS["now"]))
        parts.append(text(f"{s.rank}/{s.of}", x, y - 10, text_anchor="middle", font_weight="bold"))
        parts.append(text(str(place.year), x, top + height + 22, text_anchor="middle"))
        facts.append(f"{place.year}: {s.rank}/{s.of}")
    return svg(title, WIDTH, top + height + 34, "".join(parts), "; ".join(facts))


def frontier_chart(
    points: Sequence[FrontierPoint], cost_unit: str, lang: Lang = "vi", places: int | None = None
) -> Markup:
    """The least cost of reaching each rank, best rank first, as bars on one scale; costs to
    ``places`` decimals (by default: whole when every cost is, else two)."""
    title = f"{word('frontier', lang)} ({cost_unit})"
    ordered = sorted(points, key=lambda p: p.rank)
    scale = max((p.min_cost for p in ordered), default=Decimal(0))
    left = PAD + 70
    room = WIDTH - left - 110
    parts, facts, y = [text(title, PAD, 20, font_size="15", font_weight="bold")], [], 34.0
    if places is None:
        places = places_for(p.min_cost for p in ordered)
    for point in ordered:
        cost = number(point.min_cost, lang, places)
        parts.append(
            text(f"{word('rank', lang)} {point.rank}", left - 8, y + 12, text_anchor="end")
        )
        length = _length(point.min_cost, scale, room)
        parts.append(
            el("rect", x=left, y=y + 1, width=f"{length:.1f}", height=BAR, fill=COLOURS["cost"])
        )
        parts.append(text(cost, left + length + 6, y + 12, font_weight="bold"))
        facts.append(f"{point.rank}: {cost}")
        y += 24
    return svg(title, WIDTH, y + 6, "".join(parts), "; ".join(facts))


def odds_chart(odds: RankOdds, lang: Lang = "vi") -> Markup:
    """P(rank = r) now and with the plan, two bars per rank on a common 0–100 % scale; the
    ranks that meet the target are in bold."""
    title = word("odds_chart", lang)
    series = [(word("now", lang), odds.distribution_now, COLOURS["now"])]
    if odds.distribution_plan:
        series.append((word("with_plan", lang), odds.distribution_plan, COLOURS["plan"]))
    ranks = max((len(values) for _, values, _ in series), default=0)
    left = PAD + 70
    room = WIDTH - left - 90
    parts = [text(title, PAD, 20, font_size="15", font_weight="bold")]
    x = left
    for name, _, colour in series:  # the legend
        parts.append(el("rect", x=x, y=30, width=12, height=12, fill=colour))
        parts.append(text(name, x + 16, 40))
        x += 30 + len(name) * 7
    facts, y = [], 54.0
    for r in range(ranks):
        weight = "bold" if r + 1 <= odds.target_rank else None
        parts.append(
            text(
                f"{word('rank', lang)} {r + 1}",
                left - 8,
                y + 14,
                text_anchor="end",
                font_weight=weight,
            )
        )
        shown = []
        for i, (name, values, colour) in enumerate(series):
            p = values[r] if r < len(values) else 0.0
            bar_y = y + i * 11
            length = float(Decimal(repr(p))) * room
            parts.append(el("rect", x=left, y=bar_y, width=f"{length:.1f}", height=10, fill=colour))
            parts.append(
                text(
                    percent(p, lang),
                    left + length + 6,
                    bar_y + 9,
                    font_size="10.5",
                    font_weight=weight,
                )
            )
            shown.append(f"{name} {percent(p, lang)}")
        facts.append(f"{r + 1}: " + ", ".join(shown))
        y += 11 * len(series) + 8
    return svg(title, WIDTH, y + 4, "".join(parts), "; ".join(facts))
