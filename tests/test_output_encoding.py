"""Reports in Vietnamese on a stream that cannot encode Vietnamese (a redirect on a Windows
console in a legacy code page) are written with replacements instead of crashing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_vietnamese_report_on_an_ascii_stdout_is_written_with_replacements() -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "cchc_score",
            "score",
            str(ROOT / "examples/minimal/assessment.yaml"),
            "--set",
            str(ROOT / "examples/minimal/criteria.yaml"),
        ],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "100"},
    )
    assert run.returncode == 0, run.stderr.decode("ascii", "replace")
    out = run.stdout.decode("ascii")  # nothing but ASCII reached the stream
    assert "Huy?n M?u" in out
    assert b"UnicodeEncodeError" not in run.stderr
