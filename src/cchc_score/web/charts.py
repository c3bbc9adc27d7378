"""Charts as inline SVG built from data (no script, no library): the cost-per-rank frontier."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cchc_score.simulate import FrontierPoint

ROW = 22
LABEL = 44
VALUE = 80


@dataclass(frozen=True)
class Bar:
    rank: int
    cost: Decimal
    y: int
    width: float
    target: bool


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    bars: list[Bar]


def frontier_chart(
    frontier: tuple[FrontierPoint, ...], target: int | None, width: int = 560
) -> BarChart:
    """Horizontal bars, best rank on top: the least cost of each reachable rank."""
    points = sorted(frontier, key=lambda p: p.rank)
    top = max((p.min_cost for p in points), default=Decimal(0)) or Decimal(1)
    room = width - LABEL - VALUE
    bars = [
        Bar(p.rank, p.min_cost, i * ROW, float(p.min_cost / top) * room, p.rank == target)
        for i, p in enumerate(points)
    ]
    return BarChart(width, max(1, len(bars)) * ROW, LABEL, bars)
