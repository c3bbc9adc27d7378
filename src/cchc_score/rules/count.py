"""Count threshold: the maximum when at least the required number is reached, else 0."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from cchc_score.decimal_utils import to_decimal
from cchc_score.errors import RuleError, msg
from cchc_score.i18n import t

from .base import Lang, Outcome, Rule, RuleParams, pts


class CountParams(RuleParams):
    required: int = Field(ge=1)
    #: How many there can be at most (e.g. 4 reports a year); None when open-ended.
    of: int | None = Field(default=None, ge=1)
    item_vi: str = "mục"
    item_en: str = "items"


class CountRule(Rule):
    kind = "count"
    label_vi = "Theo số lượng"
    label_en = "Count threshold"
    Params = CountParams
    params: CountParams

    def check_params(self) -> None:
        if self.params.of is not None and self.params.required > self.params.of:
            raise RuleError(
                msg(
                    "rule 'count': required {required} is more than of {of}",
                    required=self.params.required,
                    of=self.params.of,
                )
            )

    def check(self, value: Any) -> int:
        number = to_decimal(value)
        top = self.params.of
        if (
            number is None
            or number != number.to_integral_value()
            or number < 0
            or (top is not None and number > top)
        ):
            upper = f" ≤ {top}" if top is not None else ""
            raise self.bad_value(value, f"số nguyên ≥ 0{upper}", f"a whole number ≥ 0{upper}")
        return int(number)

    def points(self, value: Any) -> Decimal:
        return self.max_points if value >= self.params.required else Decimal(0)

    def explain(self, lang: Lang = "vi") -> str:
        p = self.params
        of = f"/{p.of}" if p.of is not None else ""
        item = p.item_vi if lang == "vi" else p.item_en
        return t(
            "At least {n}{of} {item}: {points} pts; fewer: 0",
            lang,
            n=p.required,
            of=of,
            item=item,
            points=pts(self.max_points, lang),
        )

    def outcomes(self, value: Any | None) -> list[Outcome]:
        if self.score(value) >= self.max_points:
            return []
        p = self.params
        return [
            Outcome(
                p.required,
                self.max_points,
                f"đủ {p.required} {p.item_vi}",
                f"{p.required} {p.item_en}",
            )
        ]
