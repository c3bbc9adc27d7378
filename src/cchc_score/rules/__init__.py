"""Built-in rule kinds, registered through the same hook as a third-party plug-in's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cchc_score.hookspecs import hookimpl

from .base import Lang, Outcome, Rule, RuleParams
from .binary import BinaryRule
from .bonus import BonusPenaltyRule
from .count import CountRule
from .deductions import DeductionsRule
from .levels import LevelsRule
from .manual import ManualRule
from .proportional import ProportionalRule
from .survey import SurveyRule
from .threshold import ThresholdRule

BUILTIN_RULES: tuple[type[Rule], ...] = (
    BinaryRule,
    LevelsRule,
    ThresholdRule,
    ProportionalRule,
    CountRule,
    SurveyRule,
    BonusPenaltyRule,
    DeductionsRule,
    ManualRule,
)


@hookimpl
def register_rule_kinds(register: Callable[[type[Any]], None]) -> None:
    for rule in BUILTIN_RULES:
        register(rule)


def builtin_rule_kinds() -> dict[str, type[Rule]]:
    """The built-in kinds by name, for code that builds sets without a plug-in manager."""
    return {rule.kind: rule for rule in BUILTIN_RULES}


__all__ = [
    "BUILTIN_RULES",
    "BinaryRule",
    "BonusPenaltyRule",
    "CountRule",
    "DeductionsRule",
    "Lang",
    "LevelsRule",
    "ManualRule",
    "Outcome",
    "ProportionalRule",
    "Rule",
    "RuleParams",
    "SurveyRule",
    "ThresholdRule",
    "builtin_rule_kinds",
]
