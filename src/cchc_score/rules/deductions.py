"""A group of deduction criteria (nhóm tiêu chí điểm trừ): each a named fault with its points,
the unit's faults listed one by one with their fact and evidence, the sum bounded by a floor.

Sets such as Gia Lai's (a group of ten deduction criteria) and Hanoi's 2025 bonus/penalty
content deduct points per fault; the leaf's maximum (0 for deductions alone) is the cap.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import Field

from cchc_score.decimal_utils import to_decimal
from cchc_score.errors import RuleError, msg
from cchc_score.i18n import Label, t

from .base import Lang, Outcome, Rule, RuleParams, pts


class Deduction(RuleParams):
    """One deduction criterion: what the fault is and the points each occurrence takes."""

    key: str = Field(min_length=1)
    label_vi: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    #: Points taken per occurrence (a positive number).
    points: Decimal = Field(gt=0)
    #: Occurrences counted at most (None: no limit; the floor still holds).
    max_times: int | None = Field(default=None, ge=1)

    @property
    def label(self) -> Label:
        return Label(self.label_vi, self.label_en)


class DeductionsParams(RuleParams):
    #: The lowest the group can go (0 or below).
    floor: Decimal = Field(le=0)
    items: tuple[Deduction, ...] = Field(min_length=1)


class DeductionsRule(Rule):
    kind = "deductions"
    label_vi = "Nhóm tiêu chí điểm trừ"
    label_en = "Deduction criteria"
    Params = DeductionsParams
    params: DeductionsParams
    signed = True

    def check_params(self) -> None:
        keys = [item.key for item in self.params.items]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise RuleError(msg("rule 'deductions': duplicate item key {key!r}", key=dupes[0]))
        self._by_key = {item.key: item for item in self.params.items}

    @property
    def min_points(self) -> Decimal:
        return self.params.floor

    def check(self, value: Any) -> list[dict[str, Any]]:
        """A list of faults, each ``{item, count (1), fact, evidence}``; [] or "none": none."""
        if value in ("none", "không") or value == []:
            return []
        if not isinstance(value, list | tuple):
            raise self._expected(value)
        out = []
        for entry in value:
            if not isinstance(entry, Mapping) or entry.get("item") not in self._by_key:
                raise self._expected(entry)
            count = to_decimal(entry.get("count", 1))
            if count is None or count < 1 or count != count.to_integral_value():
                raise self.bad_value(entry, "count: số nguyên ≥ 1", "count: a whole number ≥ 1")
            unknown = set(entry) - {"item", "count", "fact", "evidence"}
            if unknown:
                raise self.bad_value(
                    entry,
                    "chỉ các khóa item, count, fact, evidence",
                    "only the keys item, count, fact, evidence",
                )
            out.append(
                {
                    "item": entry["item"],
                    "count": int(count),
                    "fact": str(entry.get("fact") or ""),
                    "evidence": str(entry.get("evidence") or ""),
                }
            )
        return out

    def _expected(self, value: Any) -> Exception:
        keys = ", ".join(self._by_key)
        return self.bad_value(
            value,
            f"danh sách lỗi {{item, count, fact, evidence}}, item là một trong: {keys}",
            f"a list of faults {{item, count, fact, evidence}}, item one of: {keys}",
        )

    def taken(self, entry: Mapping[str, Any]) -> Decimal:
        """Points one listed fault takes (a positive number), its occurrences capped."""
        item = self._by_key[entry["item"]]
        times = int(entry["count"])
        if item.max_times is not None:
            times = min(times, item.max_times)
        return item.points * times

    def points(self, value: Any) -> Decimal:
        total = -sum((self.taken(e) for e in value), Decimal(0))
        return Decimal(min(max(total, self.params.floor), self.max_points))

    def explain(self, lang: Lang = "vi") -> str:
        items = "; ".join(
            t("{label}: −{points} each", lang, label=i.label.get(lang), points=pts(i.points, lang))
            for i in self.params.items
        )
        return t(
            "Deductions, at least {floor}: {items}",
            lang,
            floor=_minus(self.params.floor, lang),
            items=items,
        )

    def describe(self, value: Any, lang: Lang = "vi") -> str:
        """Each fault one by one: its criterion, fact, points and evidence."""
        if not value:
            return t("no deduction", lang)
        parts = []
        for entry in value:
            item = self._by_key[entry["item"]]
            taken = self.taken(entry)
            how = f"−{pts(taken, lang)}"
            if entry["count"] > 1:
                how = f"{entry['count']} × −{pts(item.points, lang)} = {how}"
            text = f"{item.label.get(lang)}: {entry['fact'] or '…'} ({how}"
            if entry["evidence"]:
                text += f"; {t('evidence', lang)}: {entry['evidence']}"
            parts.append(text + ")")
        total = self.points(value)
        floor_note = ""
        if total == self.params.floor and -sum(self.taken(e) for e in value) < total:
            floor_note = " " + t("(floor {floor})", lang, floor=_minus(self.params.floor, lang))
        return "; ".join(parts) + f" → {_minus(total, lang)}{floor_note}"

    def outcomes(self, value: Any | None) -> list[Outcome]:
        # The one improvement is to have no fault to deduct (the simulator prices it).
        current = self.score(value)
        if current >= 0:
            return []
        return [Outcome([], Decimal(0), t("no deduction", "vi"), t("no deduction", "en"))]


def _minus(points: Decimal, lang: Lang) -> str:
    """Points taken with the minus sign the faults' own amounts show ('−2', '0')."""
    return f"−{pts(-points, lang)}" if points < 0 else pts(points, lang)
