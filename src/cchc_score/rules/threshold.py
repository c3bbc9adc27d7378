"""Threshold bands on a number, with explicit inclusive and exclusive edges."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator

from cchc_score.decimal_utils import to_decimal
from cchc_score.errors import RuleError, msg
from cchc_score.i18n import Label, exact, t

from .base import Lang, Outcome, Rule, RuleParams, pts


class Band(RuleParams):
    """One band. ``min``/``max`` are inclusive edges, ``min_exclusive``/``max_exclusive`` not."""

    min: Decimal | None = None
    min_exclusive: Decimal | None = None
    max: Decimal | None = None
    max_exclusive: Decimal | None = None
    points: Decimal = Field(ge=0)

    @model_validator(mode="after")
    def _one_edge_each_side(self) -> Band:
        if self.min is not None and self.min_exclusive is not None:
            raise ValueError(msg("give either min or min_exclusive, not both"))
        if self.max is not None and self.max_exclusive is not None:
            raise ValueError(msg("give either max or max_exclusive, not both"))
        lo, hi = self.low, self.high
        if (
            lo is not None
            and hi is not None
            and (lo > hi or (lo == hi and not (self.min is not None and self.max is not None)))
        ):
            raise ValueError(
                msg("empty band: lower edge {lo} is not below upper edge {hi}", lo=lo, hi=hi)
            )
        return self

    @property
    def low(self) -> Decimal | None:
        return self.min if self.min is not None else self.min_exclusive

    @property
    def high(self) -> Decimal | None:
        return self.max if self.max is not None else self.max_exclusive

    def contains(self, x: Decimal) -> bool:
        if self.min is not None and x < self.min:
            return False
        if self.min_exclusive is not None and x <= self.min_exclusive:
            return False
        if self.max is not None and x > self.max:
            return False
        return not (self.max_exclusive is not None and x >= self.max_exclusive)

    def words(self, unit: str, lang: Lang) -> str:
        parts = []
        if self.min is not None:
            parts.append(f"≥ {exact(self.min, lang)}{unit}")
        if self.min_exclusive is not None:
            parts.append(f"> {exact(self.min_exclusive, lang)}{unit}")
        if self.max is not None:
            parts.append(f"≤ {exact(self.max, lang)}{unit}")
        if self.max_exclusive is not None:
            parts.append(f"< {exact(self.max_exclusive, lang)}{unit}")
        return t(" and ", lang).join(parts) or t("any value", lang)


class ThresholdParams(RuleParams):
    bands: tuple[Band, ...] = Field(min_length=1)
    unit: str = "%"
    min_value: Decimal | None = Decimal(0)
    max_value: Decimal | None = None
    higher_is_better: bool = True
    #: Smallest step of the measured value, used to find the first value inside a band.
    resolution: Decimal = Field(default=Decimal("0.01"), gt=0)
    measure_vi: str = "Giá trị"
    measure_en: str = "Value"


def _sort_key(band: Band) -> tuple[int, Decimal, int]:
    low = band.low
    if low is None:
        return (0, Decimal(0), 0)
    return (1, low, 0 if band.min is not None else 1)


class ThresholdRule(Rule):
    kind = "threshold"
    label_vi = "Theo ngưỡng"
    label_en = "Threshold bands"
    Params = ThresholdParams
    params: ThresholdParams

    def check_params(self) -> None:
        p = self.params
        bands = sorted(p.bands, key=_sort_key)
        for band in bands:
            if band.points > self.max_points:
                raise RuleError(
                    msg(
                        "rule 'threshold': a band gives {points} points, above the maximum {most}",
                        points=band.points,
                        most=self.max_points,
                    )
                )
        first, last = bands[0], bands[-1]
        if first.low is not None and (p.min_value is None or not first.contains(p.min_value)):
            raise RuleError(
                msg("rule 'threshold': values below {edge} fall in no band", edge=first.low)
            )
        if last.high is not None and (p.max_value is None or not last.contains(p.max_value)):
            raise RuleError(
                msg("rule 'threshold': values above {edge} fall in no band", edge=last.high)
            )
        for a, b in itertools.pairwise(bands):
            if a.high is None or b.low is None or a.high != b.low:
                raise RuleError(
                    msg(
                        "rule 'threshold': bands must meet edge to edge; gap or overlap between"
                        " {a} and {b}",
                        a=Label(a.words(p.unit, "vi"), a.words(p.unit, "en")),
                        b=Label(b.words(p.unit, "vi"), b.words(p.unit, "en")),
                    )
                )
            if (a.max is not None) == (b.min is not None):
                raise RuleError(
                    msg(
                        "rule 'threshold': at {edge}{unit} exactly one of the two touching bands"
                        " must include the edge",
                        edge=a.high,
                        unit=p.unit,
                    )
                )
            worse, better = (a, b) if p.higher_is_better else (b, a)
            if better.points < worse.points:
                raise RuleError(
                    msg(
                        "rule 'threshold': points must not fall as the value gets better"
                        " (higher is better)"
                    )
                    if p.higher_is_better
                    else msg(
                        "rule 'threshold': points must not fall as the value gets better"
                        " (lower is better)"
                    )
                )
        self._bands = bands

    def check(self, value: Any) -> Decimal:
        p = self.params
        number = to_decimal(value)
        if number is None:
            raise self.bad_value(value, f"một số ({p.unit})", f"a number ({p.unit})")
        if (p.min_value is not None and number < p.min_value) or (
            p.max_value is not None and number > p.max_value
        ):
            low = p.min_value if p.min_value is not None else "-∞"
            high = p.max_value if p.max_value is not None else "∞"
            raise self.bad_value(
                value, f"số trong khoảng [{low}, {high}]", f"a number in [{low}, {high}]"
            )
        return number

    def band_of(self, number: Decimal) -> Band:
        for band in self._bands:
            if band.contains(number):
                return band
        raise AssertionError("bands were checked to cover the range")  # pragma: no cover

    def points(self, value: Any) -> Decimal:
        return self.band_of(value).points

    def explain(self, lang: Lang = "vi") -> str:
        p = self.params
        measure = p.measure_vi if lang == "vi" else p.measure_en
        order = sorted(self._bands, key=lambda b: -b.points)
        bands = "; ".join(
            t(
                "{range}: {points} pts",
                lang,
                range=b.words(p.unit, lang),
                points=pts(b.points, lang),
            )
            for b in order
        )
        return f"{measure} {bands}"

    def _entry(self, band: Band) -> Decimal:
        """The value inside ``band`` nearest the worse end: the least effort to reach it."""
        p = self.params
        if p.higher_is_better:
            if band.min is not None:
                return band.min
            if band.min_exclusive is not None:
                return band.min_exclusive + p.resolution
            return p.min_value if p.min_value is not None else band.high or Decimal(0)
        if band.max is not None:
            return band.max
        if band.max_exclusive is not None:
            return band.max_exclusive - p.resolution
        return p.max_value if p.max_value is not None else band.low or Decimal(0)

    def outcomes(self, value: Any | None) -> list[Outcome]:
        current = self.score(value)
        found: dict[Decimal, Outcome] = {}
        for band in self._bands:
            if band.points <= current:
                continue
            entry = self._entry(band)
            if not band.contains(entry):
                continue
            outcome = Outcome(
                entry,
                band.points,
                band.words(self.params.unit, "vi"),
                band.words(self.params.unit, "en"),
            )
            previous = found.get(band.points)
            if previous is None or self._closer(entry, previous.value, value):
                found[band.points] = outcome
        return [found[k] for k in sorted(found)]

    def _closer(self, a: Decimal, b: Decimal, value: Any | None) -> bool:
        if value is None:
            return a < b if self.params.higher_is_better else a > b
        here = self.check(value)
        return abs(a - here) < abs(b - here)

    def describe(self, value: Any, lang: Lang = "vi") -> str:
        return f"{self.check(value)}{self.params.unit}"
