"""Where the shipped examples are: inside the installed package, or beside the source tree."""

from __future__ import annotations

from pathlib import Path


def examples_dir() -> Path:
    """The ``examples`` folder: packaged with a wheel install, the repository's otherwise."""
    packaged = Path(__file__).with_name("_examples")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "examples"
