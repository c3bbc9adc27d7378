"""Levels rule: one of a few named levels, e.g. on time / late / not issued."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from cchc_score.errors import RuleError, msg
from cchc_score.i18n import Label, t

from .base import Lang, Outcome, Rule, RuleParams, pts


class Level(RuleParams):
    key: str = Field(min_length=1)
    points: Decimal = Field(ge=0)
    label_vi: str
    label_en: str

    @property
    def label(self) -> Label:
        """The level's name in Vietnamese and English."""
        return Label(self.label_vi, self.label_en)


class LevelsParams(RuleParams):
    levels: tuple[Level, ...] = Field(min_length=2)


class LevelsRule(Rule):
    kind = "levels"
    label_vi = "Theo mức"
    label_en = "Levels"
    Params = LevelsParams
    params: LevelsParams

    def check_params(self) -> None:
        keys = [level.key for level in self.params.levels]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise RuleError(msg("rule 'levels': duplicate level key {key!r}", key=dupes[0]))
        for level in self.params.levels:
            if level.points > self.max_points:
                raise RuleError(
                    msg(
                        "rule 'levels': level {key!r} gives {points} points,"
                        " above the maximum {most}",
                        key=level.key,
                        points=level.points,
                        most=self.max_points,
                    )
                )
        self._by_key = {level.key: level for level in self.params.levels}

    def check(self, value: Any) -> str:
        key = str(value).strip() if isinstance(value, str | int | Decimal) else None
        if key is not None and not isinstance(value, bool) and key in self._by_key:
            return key
        keys = ", ".join(self._by_key)
        raise self.bad_value(value, f"một trong: {keys}", f"one of: {keys}")

    def points(self, value: Any) -> Decimal:
        return self._by_key[value].points

    def explain(self, lang: Lang = "vi") -> str:
        parts = [
            t(
                "{range}: {points} pts",
                lang,
                range=level.label.get(lang),
                points=pts(level.points, lang),
            )
            for level in sorted(self.params.levels, key=lambda lv: -lv.points)
        ]
        return "; ".join(parts)

    def outcomes(self, value: Any | None) -> list[Outcome]:
        current = self.score(value)
        best: dict[Decimal, Level] = {}
        for level in self.params.levels:
            if level.points > current and level.points not in best:
                best[level.points] = level
        return [
            Outcome(level.key, level.points, level.label_vi, level.label_en)
            for _, level in sorted(best.items())
        ]

    def describe(self, value: Any, lang: Lang = "vi") -> str:
        level = self._by_key[self.check(value)]
        return level.label.get(lang)
