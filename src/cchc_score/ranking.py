"""Ranks within a block, ties, bands."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

RankingTie = Literal["shared", "dense"]


def rank_position(own: Decimal, others: Iterable[Decimal], ties: RankingTie = "shared") -> int:
    """Rank of a unit scoring ``own`` among units scoring ``others`` (higher is better).

    ``shared``: units with equal scores share a rank and the next rank is skipped (1, 2, 2, 4);
    ``dense``: equal scores share a rank and none is skipped (1, 2, 2, 3).
    """
    if ties == "dense":
        return 1 + len({o for o in others if o > own})
    return 1 + sum(1 for o in others if o > own)
