"""The docs site in a real browser: headless Chromium driven through Selenium.

Served on loopback by `http.server` (an ephemeral port) and also opened straight from
disk (`file://`), the site must search, navigate, draw its lineage and switch SQL tabs
with nothing fetched from anywhere else.

Needs Debian's `chromium` and `chromium-driver` and the `selenium` package; without
them the tests are skipped locally, and fail when SEMVIEW_REQUIRE_ENGINES=1 (CI).
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner

import semview
from semview.cli import main

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_SECONDS = 15
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1000")


def _unavailable(reason: str) -> None:
    if os.environ.get("SEMVIEW_REQUIRE_ENGINES") == "1":
        pytest.fail(f"{reason}\n(SEMVIEW_REQUIRE_ENGINES=1: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    result = CliRunner().invoke(main, ["docs", str(REPO), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The site over HTTP on 127.0.0.1, port chosen by the OS; stopped after the module."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # keep pytest's output readable
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    """A fresh headless Chromium (its own profile folder) per test."""
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError as exc:
        _unavailable(f"selenium is not installed ({exc}): pip install selenium")
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            _unavailable(f"{path} not found: apt-get install -y {package}")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # with the driver's path too, Selenium never looks for a download
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    try:
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    except WebDriverException as exc:
        _unavailable(f"headless Chromium did not start: {exc.msg}")
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(tmp_path / "profile", ignore_errors=True)


def _wait(driver, condition, message: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_SECONDS).until(condition, message)


def _results(driver) -> list:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "#search-results li.result")


def _visible_sql(driver) -> tuple[str, str]:
    """(dialect, text) of the one SQL panel on screen."""
    from selenium.webdriver.common.by import By

    shown = [p for p in driver.find_elements(By.CSS_SELECTOR, '#sql [role="tabpanel"]') if p.is_displayed()]
    assert len(shown) == 1, f"{len(shown)} SQL panels visible"
    code = shown[0].find_element(By.CSS_SELECTOR, "code.sql")
    return shown[0].get_attribute("data-dialect"), code.get_property("textContent")


def _resources_are_local(driver, origin: str) -> None:
    """Every stylesheet, script and image comes from `origin`, and the stylesheet is applied."""
    urls = driver.execute_script(
        "return [...document.querySelectorAll('link[href], script[src], img[src], image, use')]"
        ".map(e => e.href || e.src || '').concat("
        "performance.getEntriesByType('resource').map(e => e.name))")
    assert any(u.endswith("assets/site.css") for u in urls) and any(u.endswith("assets/site.js") for u in urls)
    for url in urls:
        assert str(url).startswith(origin), f"loaded from elsewhere: {url}"
    position = driver.execute_script("return getComputedStyle(document.querySelector('header.top')).position")
    assert position == "sticky", "assets/site.css was not applied"


def test_search_metric_lineage_and_sql_tabs_over_http(browser, server: str) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{server}/index.html")
    assert "Metric catalog" in driver.title
    _resources_are_local(driver, server)

    box = driver.find_element(By.ID, "search")
    box.send_keys("AveFactorFerq")
    _wait(driver, lambda d: len(_results(d)) > 0, "no search results for AveFactorFerq")
    first = _results(driver)[0]
    assert first.get_attribute("data-type") == "metric"
    link = first.find_element(By.TAG_NAME, "a")
    assert link.text == "AveFactorFerq"
    link.click()
    _wait(driver, lambda d: d.current_url.endswith("/metrics/AveFactorFerq.html"), "did not open the metric page")
    assert driver.find_element(By.TAG_NAME, "h1").text == "AveFactorFerq"

    svg = driver.find_element(By.CSS_SELECTOR, "#lineage svg.lineage")
    nodes = svg.find_elements(By.CSS_SELECTOR, "g.node")
    ids = {n.get_attribute("data-id") for n in nodes}
    assert len(nodes) >= 5 and "metric:AveFactorFerq" in ids and "view:CustomerPotentialAnalyticsView" in ids
    assert len(svg.find_elements(By.CSS_SELECTOR, "path.edge")) >= 4
    rect = svg.find_element(By.CSS_SELECTOR, 'g.node[data-id="metric:AveFactorFerq"] rect')
    assert rect.size["width"] > 50 and rect.size["height"] > 10  # drawn, not just present in the markup

    # On to the view through the "Used by" list, as a reader would.
    driver.find_element(By.CSS_SELECTOR, '#used-by a[href$="views/CustomerPotentialAnalyticsView.html"]').click()
    _wait(driver, lambda d: d.current_url.endswith("/views/CustomerPotentialAnalyticsView.html"),
          "did not open the view page")
    expected = {d: {v.name: v.sql for v in semview.compile_project(REPO, dialect=d)}
                ["CustomerPotentialAnalyticsView"] for d in ("duckdb", "postgres")}
    dialect, text = _visible_sql(driver)
    assert (dialect, text) == ("duckdb", expected["duckdb"])
    tab = driver.find_element(By.CSS_SELECTOR, '#sql [role="tab"][data-dialect="postgres"]')
    tab.click()
    _wait(driver, lambda d: _visible_sql(d)[0] == "postgres", "the postgres tab did not show")
    dialect, text = _visible_sql(driver)
    assert text == expected["postgres"] and text != expected["duckdb"]
    assert tab.get_attribute("aria-selected") == "true"

    copy = driver.find_element(By.CSS_SELECTOR, '#sql-postgres button.copy')
    copy.click()
    _wait(driver, lambda d: copy.text != "Copy", "the copy button did not react")
    _resources_are_local(driver, server)


def test_index_opened_from_disk_searches_offline(browser, site: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    index = (site / "index.html").as_uri()
    driver.get(index)
    box = driver.find_element(By.ID, "search")
    box.send_keys("basket size")
    _wait(driver, lambda d: len(_results(d)) >= 3, "no offline search results for 'basket size'")
    types = {r.get_attribute("data-type") for r in _results(driver)}
    assert {"metric", "column"} <= types
    status = driver.find_element(By.ID, "search-status").text
    assert "match" in status
    target = next(r for r in _results(driver) if r.get_attribute("data-type") == "metric")
    name = target.find_element(By.TAG_NAME, "a").text
    target.find_element(By.TAG_NAME, "a").click()
    _wait(driver, lambda d: d.current_url.startswith("file://") and "/metrics/" in d.current_url,
          "did not open a metric page from disk")
    assert driver.find_element(By.TAG_NAME, "h1").text == name
    assert driver.find_elements(By.CSS_SELECTOR, "#lineage svg.lineage g.node")
    _resources_are_local(driver, "file://")

    # The header's search box of any page hands its query to the index.
    query = driver.find_element(By.CSS_SELECTOR, "header .search-form input[name=q]")
    query.send_keys("LIFETIME_VALUE\n")
    _wait(driver, lambda d: d.current_url.startswith(index) and len(_results(d)) > 0, "header search failed")
    assert driver.find_element(By.ID, "search").get_property("value") == "LIFETIME_VALUE"
    assert _results(driver)[0].find_element(By.TAG_NAME, "a").text == "LIFETIME_VALUE"
