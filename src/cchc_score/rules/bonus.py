"""Bonus / penalty: signed points, bounded below by a floor and above by the leaf maximum."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import Field

from cchc_score.decimal_utils import to_decimal
from cchc_score.i18n import t

from .base import Lang, Outcome, Rule, RuleParams, pts


class BonusPenaltyParams(RuleParams):
    #: The lowest the leaf can go (a penalty cap), 0 or below.
    floor: Decimal = Field(default=Decimal(0), le=0)
    #: Step between the outcomes the simulator considers.
    step: Decimal = Field(default=Decimal("0.25"), gt=0)


class BonusPenaltyRule(Rule):
    kind = "bonus_penalty"
    label_vi = "Điểm thưởng / điểm trừ"
    label_en = "Bonus / penalty"
    Params = BonusPenaltyParams
    params: BonusPenaltyParams
    signed = True

    @property
    def min_points(self) -> Decimal:
        return self.params.floor

    def check(self, value: Any) -> Decimal:
        """A signed number, or a list of items each with signed ``points``: their sum."""
        if isinstance(value, list | tuple):
            total = Decimal(0)
            for item in value:
                raw = item.get("points") if isinstance(item, Mapping) else item
                number = to_decimal(raw)
                if number is None:
                    raise self.bad_value(item, "số điểm có dấu", "signed points")
                total += number
            return total
        number = to_decimal(value)
        if number is None:
            raise self.bad_value(value, "số điểm có dấu", "signed points")
        return number

    def points(self, value: Any) -> Decimal:
        return Decimal(min(max(value, self.params.floor), self.max_points))

    def explain(self, lang: Lang = "vi") -> str:
        return t(
            "Signed points; at most +{top}, at least {floor}",
            lang,
            top=pts(self.max_points, lang),
            floor=pts(self.params.floor, lang),
        )

    def outcomes(self, value: Any | None) -> list[Outcome]:
        current = self.score(value)
        out = []
        k = Decimal(1)
        target = self.params.floor
        while target < self.max_points:
            target = min(self.params.floor + k * self.params.step, self.max_points)
            if target > current:
                label = f"{target:+}"
                out.append(Outcome(target, target, label, label))
            k += 1
        return out
