"""Binary rule: done earns the maximum, not done earns nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cchc_score.i18n import t

from .base import Lang, Outcome, Rule, RuleParams, pts

TRUE_WORDS = {"true", "yes", "y", "done", "co", "có", "đạt", "dat", "x", "1"}
FALSE_WORDS = {"false", "no", "n", "not_done", "khong", "không", "không đạt", "khong dat", "0", ""}


class BinaryParams(RuleParams):
    label_done_vi: str = "Đạt"
    label_done_en: str = "Done"
    label_not_done_vi: str = "Không đạt"
    label_not_done_en: str = "Not done"


class BinaryRule(Rule):
    kind = "binary"
    label_vi = "Đạt / không đạt"
    label_en = "Done / not done"
    Params = BinaryParams
    params: BinaryParams

    def check(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int | Decimal) and value in (0, 1):
            return bool(value)
        if isinstance(value, str):
            word = value.strip().lower()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
        raise self.bad_value(value, "true/false (có/không)", "true or false")

    def points(self, value: Any) -> Decimal:
        return self.max_points if value else Decimal(0)

    def explain(self, lang: Lang = "vi") -> str:
        done = self.params.label_done_vi if lang == "vi" else self.params.label_done_en
        points = pts(self.max_points, lang)
        return t("{done}: {points} pts; otherwise 0", lang, done=done, points=points)

    def outcomes(self, value: Any | None) -> list[Outcome]:
        if value is not None and self.check(value):
            return []
        return [
            Outcome(True, self.max_points, self.params.label_done_vi, self.params.label_done_en)
        ]

    def describe(self, value: Any, lang: Lang = "vi") -> str:
        done = self.check(value)
        if lang == "vi":
            return self.params.label_done_vi if done else self.params.label_not_done_vi
        return self.params.label_done_en if done else self.params.label_not_done_en
