"""Screenshots of the workspace for docs/workspace.md, made in a headless Chromium over the Di
Linh example (the same server and browser as the browser tests). Run from the repository root:

    python docs/workspace_screenshots.py

Writes docs/img/workspace-*.png at 1280 px (a desktop) and 390 px (a phone).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.serve_browser import chromium, missing_reason, serving  # noqa: E402

OUT = ROOT / "docs" / "img"
DI_LINH = ROOT / "examples" / "di_linh"
EDITOR = "/whatif/2021/di_linh.yaml"


def settle(driver: object, css: str, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))
    time.sleep(0.3)  # htmx's settle transition


def edit_and_plan(driver, base: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(base + EDITOR)
    field = driver.find_element(By.ID, "v-1_3_3")
    field.clear()
    field.send_keys("4", Keys.TAB)
    settle(driver, "#sum-total", "84,27")
    driver.execute_script("window.scrollTo(0, 0)")  # the figures bar stays on top


def main() -> None:
    why = missing_reason()
    if why is not None:
        raise SystemExit(f"cannot make screenshots: {why}")
    from selenium.webdriver.common.by import By

    OUT.mkdir(exist_ok=True)
    with serving([DI_LINH]) as base:
        with chromium(1280, 800) as driver:
            driver.get(base + "/")
            driver.save_screenshot(str(OUT / "workspace-league.png"))
            edit_and_plan(driver, base)
            driver.execute_script(
                "document.getElementById('row-1_3_3').scrollIntoView({block: 'center'})"
            )
            driver.save_screenshot(str(OUT / "workspace-edit.png"))
            driver.execute_script("window.scrollTo(0, 0)")  # the figures bar stays on top
            driver.find_element(By.ID, "plan-rank").click()
            settle(driver, "#rank-now", "3")
            driver.execute_script("document.getElementById('plan').scrollIntoView()")
            driver.save_screenshot(str(OUT / "workspace-plan.png"))
        with chromium(390, 844) as driver:
            edit_and_plan(driver, base)
            driver.find_element(By.ID, "plan-rank").click()
            settle(driver, "#rank-now", "3")
            driver.save_screenshot(str(OUT / "workspace-phone.png"))
    for png in sorted(OUT.glob("workspace-*.png")):
        print(png.relative_to(ROOT))


if __name__ == "__main__":
    main()
