"""PDF: the HTML page printed by a headless Chromium, when one is installed.

A browser prints the page exactly as its print stylesheet says (A4, margins, the header of long
tables repeated, unit and year at the top of every page), with the system's fonts, so the text
of the PDF is the page's text and can be searched. No Python PDF renderer does that without
heavy native dependencies; without a browser, the user exports .html and prints it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from cchc_score.errors import CchcScoreError, msg

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
#: Seconds a browser may take to print one report before it is given up on.
TIMEOUT = 120
NO_BROWSER = msg(
    "printing to PDF needs Chromium or Google Chrome (none found on PATH): export .html and"
    " print it to PDF from a browser"
)


class PrintError(CchcScoreError):
    """No browser to print with, or the browser failed to print."""

    code = "print_failed"


def find_browser() -> str | None:
    """The first of ``chromium``, ``chromium-browser``, ``google-chrome`` found on PATH."""
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def browser_command(browser: str, page: Path, pdf: Path, profile: Path) -> list[str]:
    """The command printing ``page`` to ``pdf``: headless, no network chatter, a throw-away
    profile, and no browser header or footer (the page prints its own)."""
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--print-to-pdf={pdf}",
        "--no-pdf-header-footer",
        page.as_uri(),
    ]


def print_pdf(html: str, browser: str | None = None, file: str | None = None) -> bytes:
    """``html`` printed to PDF by ``browser`` (default: :func:`find_browser`).

    Raises:
        PrintError: no browser is found, or it prints nothing (its message is kept).
    """
    browser = browser or find_browser()
    if browser is None:
        raise PrintError(NO_BROWSER, file=file, code="no_browser")
    with tempfile.TemporaryDirectory(prefix="cchc-score-pdf-") as tmp:
        folder = Path(tmp)
        page, pdf = folder / "report.html", folder / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = browser_command(browser, page, pdf, folder / "profile")
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise PrintError(
                msg("{browser} did not print within {seconds} s", browser=browser, seconds=TIMEOUT),
                file=file,
            ) from None
        if not pdf.is_file() or pdf.stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or [msg("no output")])[-1]
            raise PrintError(
                msg("{browser} printed no PDF: {last}", browser=browser, last=last), file=file
            )
        return pdf.read_bytes()
