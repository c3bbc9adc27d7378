"""Lâm Đồng PAR index of communes, wards and the special zone (2025), reconstructed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from cchc_score.hookspecs import hookimpl


@hookimpl
def register_criteria_sets(register: Callable[[Any], None]) -> None:
    register(Path(__file__).with_name("pack.yaml"))
