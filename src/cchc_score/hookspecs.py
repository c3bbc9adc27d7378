"""Plug-in hook specifications. A plug-in implements any of these with ``@hookimpl``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pluggy

PROJECT = "cchc_score"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_rule_kinds(register: Callable[[type[Any]], None]) -> None:
    """Register rule kinds: call ``register(RuleSubclass)`` once per kind.

    The class subclasses :class:`cchc_score.rules.Rule` and names itself with ``kind``.
    """


@hookspec
def register_criteria_sets(register: Callable[[Any], None]) -> None:
    """Register criteria sets: call ``register(x)`` with a pack YAML/JSON path, a folder of them,
    a mapping, or a :class:`cchc_score.CriteriaSet`.
    """
