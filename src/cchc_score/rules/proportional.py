"""Proportional rule: points = ratio × maximum, with an optional floor and a full-marks level."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from cchc_score.decimal_utils import to_decimal
from cchc_score.errors import RuleError, msg
from cchc_score.i18n import exact, t

from .base import Lang, Outcome, Rule, RuleParams, pts


class ProportionalParams(RuleParams):
    #: The value that means 100 %: 100 when the evidence is a percentage, 1 for a ratio.
    scale: Decimal = Field(default=Decimal(100), gt=0)
    unit: str = "%"
    #: Below this value the leaf scores 0.
    floor: Decimal | None = Field(default=None, ge=0)
    #: At or above this value the leaf scores its maximum (default: the scale).
    full_at: Decimal | None = Field(default=None, gt=0)
    #: Step between the outcomes the simulator considers, in the value's unit.
    step: Decimal | None = Field(default=None, gt=0)
    measure_vi: str = "Tỷ lệ"
    measure_en: str = "Rate"


class ProportionalRule(Rule):
    kind = "proportional"
    label_vi = "Tỷ lệ thuận"
    label_en = "Proportional"
    Params = ProportionalParams
    params: ProportionalParams

    def check_params(self) -> None:
        p = self.params
        self._full = p.full_at if p.full_at is not None else p.scale
        if self._full > p.scale:
            raise RuleError(
                msg(
                    "rule 'proportional': full_at {full} is above the scale {scale}",
                    full=self._full,
                    scale=p.scale,
                )
            )
        if p.floor is not None and p.floor > self._full:
            raise RuleError(
                msg(
                    "rule 'proportional': floor {floor} is above full_at {full}",
                    floor=p.floor,
                    full=self._full,
                )
            )
        self._step = p.step if p.step is not None else p.scale / 100

    def check(self, value: Any) -> Decimal:
        p = self.params
        number = to_decimal(value)
        if number is None or number < 0 or number > p.scale:
            raise self.bad_value(
                value, f"số trong khoảng [0, {p.scale}]", f"a number in [0, {p.scale}]"
            )
        return number

    def points(self, value: Any) -> Decimal:
        p = self.params
        if p.floor is not None and value < p.floor:
            return Decimal(0)
        if value >= self._full:
            return self.max_points
        return Decimal(self.max_points * value / self._full)

    def explain(self, lang: Lang = "vi") -> str:
        p = self.params
        measure = p.measure_vi if lang == "vi" else p.measure_en
        text = t(
            "{measure} × {points} pts (full marks at {full})",
            lang,
            measure=measure,
            points=pts(self.max_points, lang),
            full=f"{exact(self._full, lang)}{p.unit}",
        )
        if p.floor is not None:
            text += t("; below {floor}: 0", lang, floor=f"{exact(p.floor, lang)}{p.unit}")
        return text

    def outcomes(self, value: Any | None) -> list[Outcome]:
        here = self.check(value) if value is not None else Decimal(0)
        current = self.points(here)
        candidates: set[Decimal] = {self._full}
        if self.params.floor is not None and here < self.params.floor:
            candidates.add(self.params.floor)
        k = (here / self._step).to_integral_value(rounding="ROUND_FLOOR") + 1
        while k * self._step < self._full:
            candidates.add(k * self._step)
            k += 1
        out = []
        for target in sorted(candidates):
            gain = self.points(target)
            if gain > current:
                label = f"{target}{self.params.unit}"
                out.append(Outcome(target, gain, label, label))
        return out

    def describe(self, value: Any, lang: Lang = "vi") -> str:
        return f"{self.check(value)}{self.params.unit}"
