"""The editor's leaves: each leaf's evidence on file, the outcomes it can still reach (from its
rule), and the values typed or picked in a page, read and checked by the leaf's rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from cchc_score.errors import CchcScoreError, msg
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import AssessmentFile
from cchc_score.model.result import Result
from cchc_score.rules import Rule

InputKind = Literal["levels", "check", "number", "fixed"]


class EditError(CchcScoreError):
    """A value typed into the editor that the leaf's rule does not accept."""

    code = "invalid_edit"


@dataclass(frozen=True)
class Choice:
    """A value a leaf can take, in words, with its points."""

    value: str
    label_vi: str
    label_en: str
    points: Decimal

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi


@dataclass(frozen=True)
class LeafRow:
    """One leaf in the editor: its evidence on file, what it can still reach, the value tried."""

    id: str
    label_vi: str
    label_en: str
    max_points: Decimal
    input: InputKind
    original_text: str
    original_words_vi: str
    original_words_en: str
    original_points: Decimal
    reach: tuple[Choice, ...]
    levels: tuple[Choice, ...] = ()
    #: The appraisers scored the leaf below its evidence: proving the claim is an edit too.
    adjusted: bool = False
    claimed_points: Decimal | None = None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi

    def original_words(self, lang: str) -> str:
        return self.original_words_en if lang == "en" else self.original_words_vi


def value_text(value: Any) -> str:
    """An evidence value as the editor's form carries it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _input_kind(rule: Rule, source: str) -> InputKind:
    if source == "survey" or rule.kind in {"bonus", "survey"}:
        return "fixed"
    if rule.kind == "levels":
        return "levels"
    if rule.kind == "binary":
        return "check"
    return "number"


def leaf_rows(
    cset: CriteriaSet, rules: Mapping[str, Rule], doc: AssessmentFile, result: Result
) -> list[LeafRow]:
    """Every leaf of the set with its evidence on file and the outcomes it can still reach."""
    scored = {n.id: n for n in result.walk()}
    rows = []
    for node in cset.leaves():
        rule = rules[node.id]
        evidence = doc.leaves.get(node.id)
        value = evidence.value if evidence is not None else None
        kind = _input_kind(rule, node.source)
        reach: tuple[Choice, ...] = ()
        levels: tuple[Choice, ...] = ()
        if kind != "fixed":
            try:
                outcomes = rule.outcomes(value)
            except CchcScoreError:
                outcomes = []
            reach = tuple(
                Choice(value_text(o.value), o.label_vi, o.label_en, o.points) for o in outcomes
            )
        if kind == "levels":
            levels = tuple(
                Choice(level.key, level.label_vi, level.label_en, level.points)
                for level in rule.params.levels
            )
        done = scored[node.id]
        rows.append(
            LeafRow(
                id=node.id,
                label_vi=node.label_vi,
                label_en=node.label_en,
                max_points=node.max_points,
                input=kind,
                original_text=_original_text(rule, kind, value),
                original_words_vi=done.value or "–",
                original_words_en=done.value_en or done.value or "–",
                original_points=done.final_points,
                reach=reach,
                levels=levels,
                adjusted=done.appraisal_round is not None,
                claimed_points=done.evidence_points,
            )
        )
    return rows


def _original_text(rule: Rule, kind: InputKind, value: Any) -> str:
    """The file's value as the form carries it: a done/not-done leaf as ``true``/``false``
    whatever spelling the file used (``1``, ``có``), so an untouched box is no edit."""
    if kind != "check":
        return value_text(value)
    try:
        return value_text(value is not None and bool(rule.check(value)))
    except CchcScoreError:
        return value_text(value)


def parse_value(rule: Rule, leaf_id: str, text: str) -> Any:
    """A value typed or picked in the editor, checked by the leaf's rule (decimal commas
    accepted); an EditError names the leaf and the value."""
    text = text.strip()
    value: Any = text
    if rule.kind == "binary":
        value = text.lower() in {"true", "1", "on", "yes"}
    elif rule.kind != "levels":
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise EditError(
                msg("leaf {leaf}: {text!r} is not a number", leaf=leaf_id, text=text)
            ) from None
        if not value.is_finite():
            raise EditError(msg("leaf {leaf}: {text!r} is not a number", leaf=leaf_id, text=text))
    try:
        rule.score(value)
    except CchcScoreError as exc:
        raise EditError(msg("leaf {leaf}: {problem}", leaf=leaf_id, problem=exc.message)) from None
    return value


def edits_of(
    cset: CriteriaSet, rules: Mapping[str, Rule], rows: Sequence[LeafRow], form: Mapping[str, str]
) -> dict[str, Any]:
    """The leaves whose submitted value differs from the file's, or whose claim is proved
    (``prove.<id>``: the appraisers' adjustment dropped), with their checked values."""
    out: dict[str, Any] = {}
    for row in rows:
        text = form.get(f"v.{row.id}")
        if row.input == "fixed" or text is None:
            continue
        if row.adjusted and form.get(f"prove.{row.id}"):
            out[row.id] = parse_value(rules[row.id], row.id, text or row.original_text)
            continue
        if text.strip() == row.original_text:
            continue
        value = parse_value(rules[row.id], row.id, text)
        if value_text(value) != row.original_text and not (
            row.input == "number" and row.original_text and _same_number(value, row.original_text)
        ):
            out[row.id] = value
    return out


def _same_number(value: Any, text: str) -> bool:
    try:
        return bool(Decimal(text) == value)
    except InvalidOperation:
        return False
