"""The ``cchc-score`` command. The only place that prints and exits.

Each command parses its options, calls the application layer (:mod:`cchc_score.app`), renders
the answer and exits; the command list is :data:`main.COMMANDS`.
"""

from __future__ import annotations

from .main import main

__all__ = ["main"]
