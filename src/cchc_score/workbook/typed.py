"""What a typed cell means: levels by their labels, blocks by their names, figures as staff
type them; shared by the workbook's writer (its drop-downs) and its reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from cchc_score.decimal_utils import to_decimal
from cchc_score.errors import CchcScoreError, Msg, msg
from cchc_score.formats.xlsx import Worksheet, blank, read_flow, read_text, typed_figure
from cchc_score.i18n import CODES, code_label
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import normalize_value
from cchc_score.rules import Rule
from cchc_score.rules.count import CountRule
from cchc_score.rules.levels import LevelsRule
from cchc_score.rules.manual import ManualRule
from cchc_score.rules.proportional import ProportionalRule
from cchc_score.rules.threshold import ThresholdRule

#: Heads of the hidden lists' columns holding the block drop-down: labels, and their codes.
BLOCK_LABELS = "blocks"
BLOCK_CODES = "block codes"


def block_choices(cset: CriteriaSet, given: str | None) -> dict[str, str]:
    """Block code -> the label its drop-down shows: the set's own block first, then the blocks
    its bands name, the usual ones, and a block given that is none of these."""
    codes = [cset.unit_type, *(b for b in cset.bands if b != "*"), *CODES["block"]]
    out: dict[str, str] = {}
    for code in codes:
        if code != "*" and code not in out:
            out[code] = code_label("block", code, "vi")
    named = {label.casefold() for label in out.values()}
    if given is not None and given not in out and given.casefold() not in named:
        out[given] = given  # a block of the unit's own, listed as it is
    labels = list(out.values())
    # A label two codes share would not say which: those codes are listed as they are.
    return {c: (lb if labels.count(lb) == 1 else c) for c, lb in out.items()}


def block_reader(ws: Worksheet | None) -> Callable[[Any], Any]:
    """The block cell: a label of the drop-down (or its code) read as the block's code;
    a workbook without the list (an older one) is read as typed."""
    heads = {}
    if ws is not None:
        heads = {ws.cell(row=1, column=c).value: c for c in range(1, ws.max_column + 1)}
    if ws is None or BLOCK_LABELS not in heads or BLOCK_CODES not in heads:
        return read_text
    choices: dict[str, str] = {}
    shown_labels: list[str] = []
    for row in range(2, ws.max_row + 1):
        label = read_text(ws.cell(row=row, column=heads[BLOCK_LABELS]).value)
        code = read_text(ws.cell(row=row, column=heads[BLOCK_CODES]).value)
        if label is None or code is None:
            continue
        shown_labels.append(label)
        choices[label.casefold()] = choices[code.casefold()] = code

    def read(raw: Any) -> str | None:
        text = read_text(raw)
        if text is None:
            return None
        code = choices.get(text.casefold())
        if code is None:
            listed = ", ".join(repr(label) for label in shown_labels)
            raise ValueError(msg("one of the blocks listed: {blocks}", blocks=listed))
        return code

    return read


def level_labels(rule: Rule) -> dict[str, str] | None:
    """Key -> the text shown for each level of a levels rule: its Vietnamese label, or the key
    itself when labels repeat or collide with another level's key. (A comma in a label is
    fine: the drop-down's list is a range of the hidden lists sheet, not a comma list.)"""
    if not isinstance(rule, LevelsRule):
        return None
    keys = [level.key for level in rule.params.levels]
    labels = [level.label_vi.strip() for level in rule.params.levels]
    clash = set(labels) & set(keys) - {k for k, lb in zip(keys, labels, strict=True) if k == lb}
    if len(set(labels)) != len(labels) or clash or not all(labels):
        return {key: key for key in keys}
    return dict(zip(keys, labels, strict=True))


def value_range(rule: Rule) -> tuple[Any, Any] | None:
    """(low, high or None) of a numeric rule's evidence value; None for other kinds."""
    if isinstance(rule, ThresholdRule):
        low = rule.params.min_value
        return (low if low is not None else -(10**12)), rule.params.max_value
    if isinstance(rule, ProportionalRule):
        return 0, rule.params.scale
    if isinstance(rule, CountRule):
        return 0, rule.params.of
    if isinstance(rule, ManualRule):
        return 0, rule.max_points
    return None


def evidence_value(raw: Any, rule: Rule | None) -> Any:
    """A value cell as evidence: the level key for a level's label, YAML text for structured
    values, exact numbers; checked against the rule when the workbook carries it."""
    if blank(raw):
        return None
    value: Any
    if isinstance(raw, bool):
        value = raw
    elif isinstance(raw, dt.datetime | dt.date):
        raise ValueError(msg("a value for the rule, not a date"))
    elif isinstance(raw, int | float | Decimal):
        value = to_decimal(raw)
    else:
        text = str(raw).strip()
        value = read_flow(text) if text[:1] in "{[" else text
        labels = level_labels(rule) if rule is not None else None
        if labels is not None and isinstance(value, str):
            value = level_key(value, labels)
        elif isinstance(value, str) and (rule is None or value_range(rule) is not None):
            # A figure typed as text, as staff write it: 35,2% / 35.2% / 1,5.
            figure = typed_figure(value) if rule is not None or "%" in value else None
            value = figure if figure is not None else value
    if rule is not None:
        try:
            rule.check(normalize_value(value))
        except CchcScoreError as exc:
            labels = level_labels(rule)
            if labels is not None:
                # In the words the drop-down showed, not the levels' internal keys.
                listed = ", ".join(repr(label) for label in labels.values())
                raise ValueError(msg("one of the levels: {levels}", levels=listed)) from None
            raise ValueError(expected_words(exc.message)) from None
    return value


def level_key(text: str, labels: Mapping[str, str]) -> str:
    """The level a typed text names: its key or its label, exactly, else ignoring case."""
    if text in labels:
        return text
    by_label = {label: key for key, label in labels.items()}
    if text in by_label:
        return by_label[text]
    folded = {
        **{label.casefold(): key for key, label in labels.items()},
        **{key.casefold(): key for key in labels},
    }
    return folded.get(text.casefold(), text)


def expected_words(message: str) -> str | Msg:
    """The 'expected …' part of a rule's message about a bad value (in both languages when
    the rule gave its words in both)."""
    said = message.params.get("expected") if isinstance(message, Msg) else None
    if said is not None:
        # Not extracted for the catalogue: the words are the rule's own, already bilingual.
        return Msg("{expected}", expected=said)
    _, sep, rest = message.partition("expected ")
    return rest if sep else message
