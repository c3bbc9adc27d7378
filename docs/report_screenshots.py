"""Regenerate docs/img/report-*.png: one screenshot of each HTML report, as a reader sees it.

Run from the repository's root, with Chromium installed (Debian: ``apt-get install chromium``):

    .venv/bin/python docs/report_screenshots.py

Each report is exported with ``cchc-score ... --export FILE.html`` from the shipped examples and
photographed by headless Chromium at 1280 pixels wide. When ``pngquant`` is on PATH, the PNGs
are reduced to 256 colours, which keeps them a fraction of the size.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
DI_LINH = ROOT / "examples" / "di_linh"
CLI = [sys.executable, "-m", "cchc_score"]
#: name: (command line, window height): the top of each page, where its summary and first chart
#: or table are.
REPORTS: dict[str, tuple[list[str], int]] = {
    "score": (["score", str(DI_LINH / "2021" / "di_linh.yaml")], 1500),
    "show": (["show", "lam_dong_district_2021"], 1100),
    "rank": (["rank", str(DI_LINH / "2021")], 1100),
    "compare": (
        [
            "compare",
            str(DI_LINH / "2020" / "di_linh.yaml"),
            str(DI_LINH / "2021" / "di_linh.yaml"),
            "--peers",
        ],
        1300,
    ),
    "simulate": (
        [
            "simulate",
            str(DI_LINH / "2021" / "di_linh.yaml"),
            "--peers",
            str(DI_LINH / "2021"),
            "--costs",
            str(DI_LINH / "costs.yaml"),
            "--target-rank",
            "3",
            "--peer-sd",
            "1.5",
        ],
        1900,
    ),
    "story": (["demo"], 1700),
}


def main() -> int:
    from cchc_score.report.pdf import find_browser

    browser = find_browser()
    if browser is None:
        print("screenshots: Chromium not found on PATH", file=sys.stderr)
        return 2
    IMG.mkdir(parents=True, exist_ok=True)
    pngquant = shutil.which("pngquant")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (args, height) in REPORTS.items():
            page = Path(tmp) / f"{name}.html"
            subprocess.run([*CLI, *args, "--export", str(page)], check=True, capture_output=True)
            png = IMG / f"report-{name}.png"
            subprocess.run(
                [
                    browser,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--hide-scrollbars",
                    f"--user-data-dir={Path(tmp) / 'profile'}",
                    f"--window-size=1280,{height}",
                    f"--screenshot={png}",
                    page.as_uri(),
                ],
                check=True,
                capture_output=True,
            )
            if pngquant is not None:
                subprocess.run(
                    [pngquant, "--force", "--skip-if-larger", "--output", str(png), str(png)],
                    check=False,  # pngquant declines when it cannot keep the quality: keep the PNG
                )
            print(f"{png.relative_to(ROOT)}: {png.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
