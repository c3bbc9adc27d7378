"""Install a distribution into a folder of its own and run the CLI against it, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def pip_install(source: Path, target: Path) -> Path:
    """``pip install SOURCE --target TARGET`` offline, building with the hatchling at hand."""
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"),
            *("--no-build-isolation", "--no-index", "--target", str(target), str(source)),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def cli(target: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``cchc-score ARGS --lang en`` with TARGET first on the import path."""
    env = {**os.environ, "PYTHONPATH": str(target), "COLUMNS": "200"}
    env.pop("CCHC_SCORE_DISABLE_PLUGINS", None)
    return subprocess.run(
        [sys.executable, "-m", "cchc_score", *args, "--lang", "en"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
