"""A real headless Chromium renders and prints the Di Linh score and simulate pages.

The facts read from the rendered page (its DOM after layout) and from the text of the printed
PDF are the JSON output's. Without Chromium (or ``pdftotext`` for the PDF's text) these tests
skip and say why; with ``CCHC_SCORE_REQUIRE_BROWSER=1`` (CI) a missing tool fails them instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_score.cli import main
from cchc_score.report.pdf import browser_command, find_browser
from cchc_score.report.words import number

from .conftest import EXAMPLES

DI_LINH = EXAMPLES / "di_linh"
UNIT = str(DI_LINH / "2021" / "di_linh.yaml")
SCORE = ("score", UNIT)
SIMULATE = (
    "simulate",
    UNIT,
    "--peers",
    str(DI_LINH / "2021"),
    "--costs",
    str(DI_LINH / "costs.yaml"),
    "--target-rank",
    "3",
    "--peer-sd",
    "1.5",
)


def need(tool: str | None, what: str) -> str:
    """The tool's path, or skip (fail when CCHC_SCORE_REQUIRE_BROWSER=1) naming what is missing."""
    if tool is not None:
        return tool
    reason = (
        f"{what} not found on PATH: install it (Debian: apt-get install chromium poppler-utils)"
    )
    if os.environ.get("CCHC_SCORE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"CCHC_SCORE_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def facts(args: tuple[str, ...]) -> dict[str, str]:
    """Total, index, band (and rank when the JSON has one) as the Vietnamese page writes them."""
    data = json.loads(cli(*args, "--json"))
    out = {
        "total": number(Decimal(str(data["total"])), "vi"),
        "index": number(Decimal(str(data["index"])), "vi"),
        "band": data["band"]["label_vi"],
    }
    if "rank" in data:
        out["rank"] = f"{data['rank']} / {data['peers'] + 1}"
    return out


def dump_dom(browser: str, page: Path) -> str:
    """The page's DOM after Chromium has loaded and laid it out."""
    with tempfile.TemporaryDirectory() as profile:
        command = browser_command(browser, page, Path(profile) / "unused.pdf", Path(profile))
        command = [c for c in command if not c.startswith("--print-to-pdf")]
        command.insert(-1, "--dump-dom")
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


@pytest.mark.parametrize("args", [SCORE, SIMULATE], ids=["score", "simulate"])
def test_chromium_renders_the_facts_of_the_json(tmp_path: Path, args: tuple[str, ...]) -> None:
    browser = need(find_browser(), "Chromium")
    page = tmp_path / "report.html"
    cli(*args, "--export", str(page))
    dom = dump_dom(browser, page)
    for name, value in facts(args).items():
        assert f'data-fact="{name}">{value}' in dom, name


@pytest.mark.parametrize("args", [SCORE, SIMULATE], ids=["score", "simulate"])
def test_the_printed_pdf_states_the_facts_on_a4_with_unit_and_year_on_each_page(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    need(find_browser(), "Chromium")
    pdftotext = need(shutil.which("pdftotext"), "pdftotext (poppler-utils)")
    pdf = tmp_path / "report.pdf"
    cli(*args, "--export", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")[:-1] or [text]
    words = " ".join(text.split())
    for name, value in facts(args).items():
        assert value in words, name  # searchable text, not a picture of it
    first = " ".join(pages[0].split())
    assert "Tóm tắt" in first and facts(args)["total"] in first  # the summary comes first
    assert all("Huyện Di Linh · 2021" in p for p in pages), "running header on every page"
    info = subprocess.run(
        [pdftotext.replace("pdftotext", "pdfinfo"), str(pdf)], capture_output=True, text=True
    ).stdout
    assert "A4" in info or not info
