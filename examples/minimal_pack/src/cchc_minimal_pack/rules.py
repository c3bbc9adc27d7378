"""A rule kind the built-in ones lack: a fixed number of points per item, up to the maximum."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from cchc_score import Outcome, Rule, RuleParams
from cchc_score.decimal_utils import to_decimal
from cchc_score.errors import RuleError


class PerItemParams(RuleParams):
    #: Points each item earns, e.g. 0.25 per commune inspected.
    points_each: Decimal = Field(gt=0)
    item_vi: str = "mục"
    item_en: str = "items"


class PerItemRule(Rule):
    """``points_each`` per item counted, never more than the leaf's maximum."""

    kind = "per_item"
    label_vi = "Tính điểm theo từng mục"
    label_en = "Points per item"
    Params = PerItemParams
    params: PerItemParams

    def check_params(self) -> None:
        if self.params.points_each > self.max_points:
            raise RuleError(
                f"rule 'per_item': points_each {self.params.points_each} is above the maximum"
                f" {self.max_points}"
            )

    def check(self, value: Any) -> int:
        number = to_decimal(value)
        if number is None or number < 0 or number != number.to_integral_value():
            raise self.bad_value(value, "số nguyên ≥ 0", "a whole number ≥ 0")
        return int(number)

    def points(self, value: Any) -> Decimal:
        return min(self.params.points_each * int(value), self.max_points)

    def explain(self, lang: str = "vi") -> str:
        p = self.params
        if lang == "vi":
            return f"{p.points_each} điểm mỗi {p.item_vi}, tối đa {self.max_points} điểm"
        return f"{p.points_each} pts per {p.item_en}, at most {self.max_points} pts"

    def outcomes(self, value: Any | None) -> list[Outcome]:
        count = self.check(value) if value is not None else 0
        out = []
        while self.points(count) < self.max_points:
            count += 1
            gain = self.points(count)
            out.append(
                Outcome(
                    count, gain, f"{count} {self.params.item_vi}", f"{count} {self.params.item_en}"
                )
            )
        return out
