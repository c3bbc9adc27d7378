"""A real server on a free local port and a headless Chromium (system browser and driver),
for the browser tests and the screenshot script."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
REQUIRE = "CCHC_SCORE_REQUIRE_BROWSER"


def browser_paths() -> tuple[str, str] | None:
    """The system browser and its driver, or None."""
    driver = shutil.which("chromedriver")
    browser = next((p for p in map(shutil.which, CHROMIUM) if p), None)
    return (browser, driver) if browser and driver else None


def missing_reason() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    if browser_paths() is None:
        return (
            "no Chromium and chromedriver on PATH (apt-get install chromium chromium-driver);"
            f" set {REQUIRE}=1 to make this a failure"
        )
    return None


@contextmanager
def serving(folders: Sequence[Path]) -> Iterator[str]:
    """``cchc-score serve FOLDERS`` on 127.0.0.1 and a free port; yields its base URL."""
    import uvicorn

    from cchc_score.web import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(folders), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def chromium(width: int = 1280, height: int = 900, downloads: Path | None = None) -> Iterator[Any]:
    """A headless Chromium through Selenium, with the system browser and driver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = browser_paths()
    assert found is not None
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(arg)
    options.add_argument(f"--window-size={width},{height}")
    if downloads is not None:
        options.add_experimental_option(
            "prefs",
            {"download.default_directory": str(downloads), "download.prompt_for_download": False},
        )
    driver = webdriver.Chrome(service=Service(found[1]), options=options)
    # A headless window is at least 500 px wide: a phone's width is emulated instead.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    try:
        yield driver
    finally:
        driver.quit()


def required() -> bool:
    return os.environ.get(REQUIRE) == "1"
