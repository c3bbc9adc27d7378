"""Manual rule: the appraiser gives points within [0, max] and must say why."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from cchc_score.decimal_utils import to_decimal
from cchc_score.i18n import t

from .base import Lang, Outcome, Rule, RuleParams, pts


class ManualParams(RuleParams):
    #: Step between the outcomes the simulator considers.
    step: Decimal = Field(default=Decimal("0.25"), gt=0)


class ManualRule(Rule):
    kind = "manual"
    label_vi = "Hội đồng chấm"
    label_en = "Appraiser's judgement"
    Params = ManualParams
    params: ManualParams
    #: The leaf's note (or the appraisal's reason) must explain the points.
    needs_reason = True

    def check(self, value: Any) -> Decimal:
        number = to_decimal(value)
        if number is None or number < 0 or number > self.max_points:
            raise self.bad_value(
                value, f"số điểm trong [0, {self.max_points}]", f"points in [0, {self.max_points}]"
            )
        return number

    def points(self, value: Any) -> Decimal:
        return Decimal(value)

    def explain(self, lang: Lang = "vi") -> str:
        points = pts(self.max_points, lang)
        return t("Appraisers give 0 to {points} pts, with a reason", lang, points=points)

    def outcomes(self, value: Any | None) -> list[Outcome]:
        current = self.score(value)
        out = []
        k = Decimal(1)
        while True:
            target = min(k * self.params.step, self.max_points)
            if target > current:
                out.append(Outcome(target, target, pts(target), pts(target)))
            if target >= self.max_points:
                return out
            k += 1
