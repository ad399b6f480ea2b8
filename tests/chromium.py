"""One headless Chromium shared by the browser tests, driven through Selenium, with waits
that end when a condition holds (never after a fixed time)."""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import (
    JavascriptException,
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement

FLAGS = (
    "--headless=new",
    "--no-sandbox",  # root in a container
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--window-size=1400,1400",
)
WAIT_S = 30.0  # the longest any condition is waited for: a busy machine, not a slow page
POLL_S = 0.05
PASSING = (NoSuchElementException, StaleElementReferenceException, JavascriptException)
DRAWN = """
const plot = document.querySelector('#timeline .js-plotly-plot');
if (!plot || !plot.data) return -1;
return plot.data.filter(t => t.customdata).reduce((n, t) => n + t.customdata.length, 0);
"""


class Browser:
    """A page in headless Chromium: go, find, click, type, and wait for what must appear."""

    def __init__(self, driver: webdriver.Chrome, downloads: Path):
        self.driver = driver
        self.downloads = downloads

    @classmethod
    def start(cls, downloads: Path) -> Browser:
        options = webdriver.ChromeOptions()
        for flag in FLAGS:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        options.add_experimental_option(
            "prefs", {"download.default_directory": str(downloads), "download.prompt": False}
        )
        driver = webdriver.Chrome(options=options)
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        return cls(driver, downloads)

    def quit(self) -> None:
        self.driver.quit()

    def reset(self) -> None:
        """A blank page, no console messages and no downloads left from an earlier test."""
        self.driver.get("about:blank")
        self.console()
        shutil.rmtree(self.downloads, ignore_errors=True)
        self.downloads.mkdir(parents=True, exist_ok=True)

    # --- looking --------------------------------------------------------------------------

    def go(self, address: str) -> None:
        self.driver.get(address)

    def find(self, selector: str) -> WebElement:
        """The first element ``selector`` matches, once there is one."""
        self.wait(lambda: self.finds(selector), f"an element {selector}")
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def finds(self, selector: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def text(self, selector: str) -> str:
        """The text of the first match ('' when there is none yet)."""
        found = self.finds(selector)
        return found[0].text if found else ""

    def value(self, selector: str) -> str:
        return self.find(selector).get_attribute("value") or ""

    def script(self, code: str, *args):
        return self.driver.execute_script(code, *args)

    def drawn(self) -> int:
        """How many event marks the timeline has drawn (-1 before it exists)."""
        return self.script(DRAWN)

    def console(self) -> list[dict]:
        """The browser console's messages since last asked."""
        return self.driver.get_log("browser")

    def errors(self) -> list[dict]:
        return [entry for entry in self.console() if entry["level"] == "SEVERE"]

    # --- acting ---------------------------------------------------------------------------

    def click(self, selector: str, index: int = 0) -> None:
        self.wait(lambda: len(self.finds(selector)) > index, f"{index + 1} of {selector}")
        self.finds(selector)[index].click()

    @contextlib.contextmanager
    def holding(self, *patterns: str) -> Iterator[None]:
        """Requests for addresses matching ``patterns`` ("*plotly.min*") wait while inside,
        and go on when it ends: the page as a slow network shows it before a script comes."""
        patterns_ = [{"urlPattern": pattern} for pattern in patterns]
        self.driver.execute_cdp_cmd("Fetch.enable", {"patterns": patterns_})
        try:
            yield
        finally:
            self.driver.execute_cdp_cmd("Fetch.disable", {})

    def type(self, selector: str, text: str, replace: bool = False) -> None:
        box = self.find(selector)
        if replace:  # as a person does: the page's own handlers see the box emptied
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys(Keys.BACKSPACE)
        box.send_keys(text)

    # --- waiting --------------------------------------------------------------------------

    def wait(self, condition: Callable[[], object], what: str | Callable[[], str], timeout=WAIT_S):
        """The first true value of ``condition``; AssertionError naming ``what`` if none
        comes within ``timeout`` seconds. Elements replaced while looked at are looked at
        again."""
        end = time.monotonic() + timeout
        while True:
            try:
                result = condition()
            except PASSING:
                result = None
            if result:
                return result
            if time.monotonic() > end:
                wanted = what if isinstance(what, str) else what()
                raise AssertionError(f"waited {timeout:.0f} s for {wanted}; {self.state()}")
            time.sleep(POLL_S)

    def state(self) -> str:
        """Where the page is and what it shows, for a message about a wait that failed."""
        try:
            shown = " ".join(self.script("return document.body.innerText").split())
            errors = [entry["message"] for entry in self.errors()]
            address = self.driver.current_url
        except WebDriverException as error:  # a page that cannot say is reported as such
            return f"the page could not be read ({error!r})"
        return f"at {address}, showing {shown[:400]!r}, console errors: {errors}"

    def wait_text(self, selector: str, text: str, timeout: float = WAIT_S) -> None:
        self.wait(
            lambda: self.text(selector) == text,
            lambda: f"{selector} to read {text!r} (it reads {self.text(selector)!r})",
            timeout,
        )

    def wait_contains(self, selector: str, text: str, timeout: float = WAIT_S) -> None:
        self.wait(
            lambda: text in self.text(selector),
            lambda: f"{selector} to contain {text!r} (it reads {self.text(selector)!r})",
            timeout,
        )

    def wait_drawn(self, count: int | None = None, timeout: float = WAIT_S) -> int:
        """Wait until the timeline shows marks (``count`` of them, if given)."""
        ok = (lambda n: n > 0) if count is None else (lambda n: n == count)
        self.wait(lambda: ok(self.drawn()), lambda: self._drawn_state(count), timeout)
        return self.drawn()

    def _drawn_state(self, count: int | None) -> str:
        drawn, shown, address = self.drawn(), self.text("#count"), self.driver.current_url
        return f"{count or 'any'} marks drawn (drawn: {drawn}, count: {shown!r}, at {address})"
