"""An example third-party plug-in: one criteria set and one rule kind, through the two hooks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from cchc_score import hookimpl

from .rules import PerItemRule


@hookimpl
def register_rule_kinds(register: Callable[[type[Any]], None]) -> None:
    register(PerItemRule)


@hookimpl
def register_criteria_sets(register: Callable[[Any], None]) -> None:
    register(Path(__file__).with_name("pack.yaml"))
