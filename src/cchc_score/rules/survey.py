"""Survey rule: a weighted answer distribution, e.g. A 100 %, B 60 %, C 20 %, D 0 %."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import Field

from cchc_score.decimal_utils import to_decimal
from cchc_score.errors import RuleError, msg
from cchc_score.i18n import t

from .base import Lang, Outcome, Rule, RuleParams, pts

DEFAULT_WEIGHTS = {"A": Decimal(100), "B": Decimal(60), "C": Decimal(20), "D": Decimal(0)}


class SurveyParams(RuleParams):
    #: Percent of the leaf's maximum each answer earns.
    weights: dict[str, Decimal] = Field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    #: Share of the other answers moved to the best one between two simulated outcomes (%).
    step: Decimal = Field(default=Decimal(10), gt=0, le=100)


class SurveyRule(Rule):
    kind = "survey"
    label_vi = "Điều tra xã hội học"
    label_en = "Sociological survey"
    Params = SurveyParams
    params: SurveyParams

    def check_params(self) -> None:
        weights = self.params.weights
        if not weights:
            raise RuleError(msg("rule 'survey': weights must name at least one answer"))
        for answer, weight in weights.items():
            if weight < 0 or weight > 100:
                raise RuleError(
                    msg(
                        "rule 'survey': weight of answer {answer!r} is {weight}, not in [0, 100]",
                        answer=answer,
                        weight=weight,
                    )
                )
        self._best = max(weights, key=lambda a: weights[a])

    def check(self, value: Any) -> dict[str, Decimal]:
        """A distribution: answer → count or share (any scale; it is normalised)."""
        answers = ", ".join(self.params.weights)
        expected = (f"phân bố câu trả lời ({answers})", f"an answer distribution ({answers})")
        if not isinstance(value, Mapping) or not value:
            raise self.bad_value(value, *expected)
        out: dict[str, Decimal] = {}
        for answer, amount in value.items():
            number = to_decimal(amount)
            if str(answer) not in self.params.weights or number is None or number < 0:
                raise self.bad_value({answer: amount}, *expected)
            out[str(answer)] = number
        if sum(out.values()) <= 0:
            raise self.bad_value(value, *expected)
        return out

    def points(self, value: Any) -> Decimal:
        total = sum(value.values(), Decimal(0))
        weighted = sum((n * self.params.weights[a] for a, n in value.items()), Decimal(0))
        return self.max_points * weighted / (total * 100)

    def explain(self, lang: Lang = "vi") -> str:
        weights = ", ".join(f"{a} {pts(w, lang)}%" for a, w in self.params.weights.items())
        return t(
            "Σ share of answers × weight ({weights}) × {points} pts",
            lang,
            weights=weights,
            points=pts(self.max_points, lang),
        )

    def outcomes(self, value: Any | None) -> list[Outcome]:
        if value is None:
            base = {a: Decimal(0) for a in self.params.weights}
            base[min(self.params.weights, key=lambda a: self.params.weights[a])] = Decimal(1)
        else:
            base = self.check(value)
        total = sum(base.values(), Decimal(0))
        shares = {a: n / total for a, n in base.items()}
        current = self.points(shares)
        out: dict[Decimal, Outcome] = {}
        moved = self.params.step
        while moved <= 100:
            f = moved / 100
            dist = {a: s * (1 - f) for a, s in shares.items() if a != self._best}
            dist[self._best] = shares.get(self._best, Decimal(0)) + f * (
                1 - shares.get(self._best, Decimal(0))
            )
            gain = self.points(dist)
            if gain > current and gain not in out:
                out[gain] = Outcome(
                    dist,
                    gain,
                    f"chuyển {moved}% câu trả lời khác sang {self._best}",
                    f"move {moved}% of other answers to {self._best}",
                )
            moved += self.params.step
        return [out[k] for k in sorted(out)]

    def describe(self, value: Any, lang: Lang = "vi") -> str:
        dist = self.check(value)
        total = sum(dist.values(), Decimal(0))
        return ", ".join(f"{a} {pts(n * 100 / total)}%" for a, n in dist.items())
