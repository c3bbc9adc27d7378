"""What a plan aims for: a target rank, a target band, or the most a budget buys.

Each objective is checked where it is built, so a simulation never receives two objectives, a
rank below 1, a negative budget, or a margin without a target rank.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from cchc_score.decimal_utils import check_magnitude
from cchc_score.errors import CchcScoreError, msg
from cchc_score.validation_words import problem

#: What a target rank is planned against: the peers' figures as given, or as expected (each
#: peer's index plus its expected change).
Against = Literal["current", "expected"]


class SimulationError(CchcScoreError):
    """A simulation asked for something impossible (a rank below 1, a negative budget)."""

    code = "invalid_simulation"


@dataclass(frozen=True)
class TargetRank:
    """Rank ``rank`` or better, at the least cost.

    Args:
        rank: the rank to reach (1 is first).
        margin: index points every peer is raised by while planning: the rank is reached even
            if every peer did that much better.
        against: plan against the peers' indexes as given (``current``) or as expected (each
            peer's index plus its forecast's expected change).
    """

    rank: int
    margin: Decimal = Decimal(0)
    against: Against = "current"

    def __post_init__(self) -> None:
        if self.rank < 1:
            raise SimulationError(msg("target rank {rank} is below 1", rank=self.rank))
        if self.margin < 0:
            raise SimulationError(msg("margin {margin} is negative", margin=self.margin))
        if (why := check_magnitude(self.margin)) is not None:
            raise SimulationError(msg("margin {why}", why=problem(f"{self.margin} {why}")))
        if self.against not in ("current", "expected"):
            raise SimulationError(
                msg("against {against!r}: 'current' or 'expected'", against=self.against)
            )

    @property
    def safer(self) -> bool:
        """Planned against other figures than the peers' as given."""
        return self.against != "current" or self.margin != 0


@dataclass(frozen=True)
class TargetBand:
    """The band with this code (of the unit's block), at the least cost."""

    band: str


@dataclass(frozen=True)
class Budget:
    """The best rank, then the most points, for a cost of at most ``amount``."""

    amount: Decimal

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise SimulationError(msg("budget {amount} is negative", amount=self.amount))
        if (why := check_magnitude(self.amount)) is not None:
            raise SimulationError(msg("budget {why}", why=problem(f"{self.amount} {why}")))


Objective = TargetRank | TargetBand | Budget
