"""The Di Linh story in a real headless Chromium: the 2021 league table (Di Linh 8th of 12),
Di Linh's what-if editor, 1.3.3 to 4 quarters, the cheapest plan to 3rd (the cost
`cchc-score simulate` prints), the improved assessment downloaded and scored.

Skipped with the reason when no browser is installed; a failure instead when
CCHC_SCORE_REQUIRE_BROWSER=1 (CI)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cchc_score.app import open_context, score_path
from cchc_score.cli import main
from cchc_score.i18n import number as num

from .conftest import EXAMPLES
from .serve_browser import chromium, missing_reason, required, serving

DI_LINH = EXAMPLES / "di_linh"
OWN = DI_LINH / "2021" / "di_linh.yaml"

_why = missing_reason()
if _why is not None:
    if required():
        pytest.fail(f"browser tests required but cannot run: {_why}", pytrace=False)
    pytest.skip(f"browser tests skipped: {_why}", allow_module_level=True)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serving([DI_LINH]) as url:
        yield url


def wait_for(driver: Any, css: str, text: str | None = None, timeout: float = 15) -> Any:
    """The element once present (and, if ``text`` is given, once its text contains it)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, timeout)
    if text is not None:
        wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))
    return wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def type_into(driver: Any, css: str, value: str) -> None:
    from selenium.webdriver.common.keys import Keys

    field = wait_for(driver, css)
    field.clear()
    field.send_keys(value, Keys.TAB)  # leaving the field fires its change event


def cli_plan_cost() -> Decimal:
    """The total cost `cchc-score simulate ... --target-rank 3` prints."""
    got = CliRunner().invoke(
        main,
        [
            "simulate",
            str(OWN),
            "--peers",
            str(OWN.parent),
            "--costs",
            str(DI_LINH / "costs.yaml"),
            "--target-rank",
            "3",
        ],
        env={"COLUMNS": "200"},
    )
    assert got.exit_code == 0, got.output
    found = re.search(r"Tổng chi phí: ([0-9.,]+)", got.output)  # a decimal comma in Vietnamese
    assert found is not None, got.output
    return Decimal(found.group(1).replace(".", "").replace(",", "."))


def test_di_linh_story_in_the_browser(base_url: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with chromium(downloads=tmp_path) as driver:
        # The 2021 league table: Di Linh 8th of 12.
        driver.get(base_url + "/")
        block = wait_for(driver, "#block-district-2021")
        rows = block.find_elements(By.CSS_SELECTOR, "tbody tr")
        assert len(rows) == 12
        di_linh = block.find_element(By.CSS_SELECTOR, 'tr[data-unit="di_linh"]')
        assert di_linh.find_element(By.CSS_SELECTOR, ".rank").text == "8"
        # htmx as loaded evaluates nothing taken from the page, and its eval helper is inert.
        config = "return [htmx.config.allowEval, htmx.config.allowScriptTags, htmx._('1+1')]"
        assert driver.execute_script(config) == [False, False, None]

        # Open Di Linh, then its what-if editor.
        di_linh.find_element(By.TAG_NAME, "a").click()
        wait_for(driver, "#open-whatif").click()
        assert wait_for(driver, "#rank-now").text == "8"
        assert wait_for(driver, "#sum-total").text == "83,27"

        # 1.3.3 to 4 quarters: the total moves at once, the leaf is highlighted; one more
        # change (3.5) and the rank moves too.
        type_into(driver, "#v-1_3_3", "4")
        wait_for(driver, "#sum-total", "84,27")
        assert "changed" in wait_for(driver, "#pts-1_3_3").get_attribute("class")
        Select(wait_for(driver, "#v-3_5")).select_by_value("plan_and_proposal")
        wait_for(driver, "#rank-now", "6")
        assert wait_for(driver, "#sum-total").text == "83,27 → 85,27"

        # The cheapest plan to 3rd: rank 3, and the cost simulate prints.
        type_into(driver, "input[name=target_rank]", "3")
        driver.find_element(By.ID, "plan-rank").click()
        cost = wait_for(driver, "#plan-cost")
        assert cost.text == num(cli_plan_cost(), "vi")
        assert wait_for(driver, "#rank-now").text == "3"
        assert driver.find_element(By.CSS_SELECTOR, "svg.frontier rect.target")

        # Download the improved assessment, then score it.
        driver.find_element(By.ID, "download-yaml").click()
        file = tmp_path / "di_linh_whatif.yaml"
        deadline = time.monotonic() + 15
        while not file.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert file.is_file(), list(tmp_path.iterdir())
        scored = score_path(open_context(), file).result
        assert num(scored.total, "vi") == wait_for(driver, "#sum-total").text.split("→")[-1].strip()


def test_english_and_phone_width(base_url: str) -> None:
    from selenium.webdriver.common.by import By

    with chromium(width=390, height=844) as driver:
        driver.get(base_url + "/whatif/2021/di_linh.yaml")
        wait_for(driver, "#lang-toggle").click()
        wait_for(driver, "#sum-total", "83.27")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390  # nothing wider than the phone: no sideways scrolling
        assert driver.find_element(By.ID, "plan-rank").is_displayed()
