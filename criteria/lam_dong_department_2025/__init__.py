"""Lâm Đồng PAR index of departments (2025), reconstructed: the pack registers itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from cchc_score.hookspecs import hookimpl


@hookimpl
def register_criteria_sets(register: Callable[[Any], None]) -> None:
    register(Path(__file__).with_name("pack.yaml"))
