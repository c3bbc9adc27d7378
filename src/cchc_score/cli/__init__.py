"""The ``cchc-score`` command. The only place that prints and exits."""

from __future__ import annotations

from .app import main

__all__ = ["main"]
