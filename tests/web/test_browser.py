"""A real headless Chromium types a query and gets results through htmx (Debian chromium
and chromium-driver; skipped when they are missing, except under CI)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from live_server import live_server

from indexer.embed.cache import CachedEmbedder
from indexer.store.sqlite import SqliteStore
from kb.app import create_app
from search_api.service import SearchService
from search_api.settings import ApiSettings

pytestmark = pytest.mark.slow

CHROMEDRIVER = "/usr/bin/chromedriver"
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
)


@pytest.fixture(scope="module")
def site(
    field_sqlite_store: SqliteStore,
    embedder: CachedEmbedder,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    settings = ApiSettings(home=tmp_path_factory.mktemp("browser"), rate_limit_per_minute=0)
    app = create_app(settings, SearchService(field_sqlite_store, embedder))
    with live_server(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if shutil.which("chromium") is None or not os.path.exists(CHROMEDRIVER):
        message = "Debian chromium and chromium-driver are not installed (see deb-packages.txt)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_typing_a_query_shows_results_without_reloading(site: str, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    assert isinstance(browser, WebDriver)
    browser.get(site + "/")
    browser.execute_script("window.notReloaded = true")
    box = browser.find_element(By.ID, "q")
    box.send_keys("thu tuc cong bo hop quy", Keys.ENTER)
    wait = WebDriverWait(browser, 30)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "li.hit")))
    assert browser.execute_script("return window.notReloaded") is True  # swapped by htmx
    assert "Kết quả cho:" in browser.find_element(By.ID, "results").text
    assert browser.find_elements(By.CSS_SELECTOR, ".snippet mark")
    wait.until(lambda d: "q=" in d.current_url)
    assert parse_qs(urlsplit(browser.current_url).query)["q"] == ["thu tuc cong bo hop quy"]

    first = browser.find_element(By.CSS_SELECTOR, "li.hit h3 a")
    label = first.text
    first.click()
    wait.until(ec.presence_of_element_located((By.ID, "citation")))
    # "khoản 1, 2 Điều 13 Thông tư 28/2012/TT-BKHCN" opens "Điều 13 Thông tư 28/2012/TT-BKHCN"
    assert (
        browser.find_element(By.ID, "citation").get_attribute("value")
        == (label[label.index("Điều ") :])
    )


def test_pages_and_docs_run_under_the_content_security_policy(site: str, browser: object) -> None:
    """Defect 9: with a CSP allowing no inline script or style, the search (htmx), a
    document page and the Swagger UI still work, and the browser reports no violation."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    assert isinstance(browser, WebDriver)
    wait = WebDriverWait(browser, 30)
    browser.get_log("browser")  # start from an empty log
    browser.get(site + "/")
    browser.find_element(By.ID, "q").send_keys("đo lường", Keys.ENTER)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "li.hit")))
    browser.find_element(By.CSS_SELECTOR, "li.hit p.doc a").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "nav.toc")))
    browser.get(site + "/docs")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".swagger-ui .opblock")))
    violations = [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]
    ]
    assert violations == []


@pytest.fixture(scope="module")
def standards_site(
    standards_sqlite: tuple[SqliteStore, object],
    embedder: CachedEmbedder,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    settings = ApiSettings(home=tmp_path_factory.mktemp("browser-std"), rate_limit_per_minute=0)
    app = create_app(settings, SearchService(standards_sqlite[0], embedder))
    with live_server(app) as url:
        yield url


def test_the_record_page_shows_status_chain_amendments_and_citing_articles(
    standards_site: str, browser: object
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver

    assert isinstance(browser, WebDriver)
    browser.get(standards_site + "/tieu-chuan/qcvn-1-2015-bkhcn")
    status = browser.find_element(By.CSS_SELECTOR, "#status .badge")
    assert status.text == "hết hiệu lực"
    evidence = browser.find_element(By.CSS_SELECTOR, "#status details.evidence")
    assert "QCVN 01:2022/BKHCN thay thế QCVN 1:2015/BKHCN" in evidence.text  # open by default
    versions = browser.find_elements(By.CSS_SELECTOR, "#chain li.version")
    assert [v.find_element(By.TAG_NAME, "a").text for v in versions] == [
        "QCVN 1:2007/BKHCN", "QCVN 1:2009/BKHCN", "QCVN 1:2015/BKHCN", "QCVN 01:2022/BKHCN",
    ]  # fmt: skip
    assert "suy luận" in versions[1].text and "Sửa đổi 1:2017" in versions[2].text
    amendments = browser.find_element(By.ID, "amendments").text
    assert "Sửa đổi 1:2017 QCVN 1:2015/BKHCN" in amendments
    browser.get(standards_site + "/tieu-chuan/qcvn-2-2008-bkhcn")
    citing = browser.find_elements(By.CSS_SELECTOR, "#mentions .mentions li a")
    assert any("Thông tư 23/2009/TT-BKHCN" in a.text for a in citing)
    next(a for a in citing if "23/2009" in a.text).click()
    link = browser.find_element(By.CSS_SELECTOR, "a.std[href='/tieu-chuan/qcvn-2-2008-bkhcn']")
    link.click()  # the number in the article leads back to its record
    assert browser.find_element(By.TAG_NAME, "h1").text == "QCVN 2:2008/BKHCN"


def test_a_product_query_shows_the_applicability_card(standards_site: str, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    assert isinstance(browser, WebDriver)
    browser.get(standards_site + "/")
    browser.find_element(By.ID, "q").send_keys("xăng không chì", Keys.ENTER)
    wait = WebDriverWait(browser, 60)
    card = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".applicability-card")))
    first = card.find_element(By.CSS_SELECTOR, "ol.matches li")
    assert first.text.startswith("QCVN 01:2022/BKHCN") and "còn hiệu lực" in first.text
    assert "2710.12.21" in card.text and "Kiểm tra nhà nước về chất lượng" in card.text
    procedure = card.find_element(By.CSS_SELECTOR, ".procedures li a")
    procedure.click()
    wait.until(ec.presence_of_element_located((By.ID, "citation")))


def _target(browser: object) -> tuple[str, bool]:
    """The id of the element the URL's fragment names, and whether it is in the viewport."""
    from selenium.webdriver.remote.webdriver import WebDriver

    assert isinstance(browser, WebDriver)
    found: list[object] = browser.execute_script(
        "const t = document.querySelector(':target'); if (!t) return ['', false];"
        "const r = t.getBoundingClientRect();"
        "return [t.id, Math.round(r.top) >= 0 && r.top < window.innerHeight];"
    )
    return str(found[0]), bool(found[1])


def test_a_reference_link_opens_the_cited_article_at_its_anchor(site: str, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    assert isinstance(browser, WebDriver)
    browser.get(site + "/van-ban/127-2007-nd-cp/dieu/6")
    link = browser.find_element(
        By.CSS_SELECTOR, "a.ref[href='/van-ban/68-2006-qh11/dieu/17#dieu-17-khoan-1-diem-dd']"
    )
    assert link.text == "điểm đ khoản 1 Điều 17 của Luật Tiêu chuẩn và Quy chuẩn kỹ thuật"
    link.click()
    WebDriverWait(browser, 30).until(ec.url_contains("/van-ban/68-2006-qh11/dieu/17"))
    assert urlsplit(browser.current_url).fragment == "dieu-17-khoan-1-diem-dd"
    assert _target(browser) == ("dieu-17-khoan-1-diem-dd", True)
    assert browser.find_element(By.CSS_SELECTOR, ":target").text.startswith("đ)")


def test_a_clause_range_hit_opens_at_its_first_clause(site: str, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    assert isinstance(browser, WebDriver)
    browser.get(site + "/")
    browser.find_element(By.ID, "q").send_keys("Điều 13 Thông tư 28/2012/TT-BKHCN", Keys.ENTER)
    wait = WebDriverWait(browser, 30)
    first = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "li.hit h3 a")))
    assert first.text == "khoản 1, 2 Điều 13 Thông tư 28/2012/TT-BKHCN"
    first.click()
    wait.until(ec.url_contains("/dieu/13"))
    assert urlsplit(browser.current_url).fragment == "dieu-13-khoan-1"
    assert _target(browser) == ("dieu-13-khoan-1", True)
