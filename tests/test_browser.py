"""The site in a real browser: Debian's Chromium, headless, driven by Playwright, at phone and desktop widths.

Every page loads without a console error, a failed request or a request to another host.
Screenshots are kept in test-artifacts/browser/ for a person to look at.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import sync_playwright

from conftest import REPO
from test_site import build

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts" / "browser"
PAGES = {
    "home": "index.html",
    "calendar": "calendar/2026-03.html",
    "activity": "activities/2026-03-12-zhishujie.html",
    "print-b54": "print/2026-03-12-zhishujie-b54.html",
}
WIDTHS = {"phone": 390, "desktop": 1280}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = tmp_path_factory.mktemp("browser") / "site"
    run = build(REPO, site)
    assert run.returncode == 0, run.stderr
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def open_page(browser, server: str, path: str, width: int, media: str = "screen"):
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    trouble: list[str] = []
    page.on("console", lambda m: trouble.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: trouble.append(f"page error: {exc}"))
    page.on("requestfailed", lambda r: trouble.append(f"failed: {r.url} {r.failure}"))
    page.on("request", lambda r: trouble.append(f"external: {r.url}") if not r.url.startswith(server)
            and not r.url.startswith(("data:", "blob:")) else None)
    page.emulate_media(media=media)
    page.goto(server + path, wait_until="networkidle")
    return context, page, trouble


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_clean(browser, server, name, width):
    media = "print" if name.startswith("print") else "screen"
    context, page, trouble = open_page(browser, server, PAGES[name], WIDTHS[width], media)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    assert trouble == []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{name} scrolls sideways at {WIDTHS[width]}px"
    context.close()


def test_calendar_is_a_grid_on_desktop_and_a_list_on_a_phone(browser, server):
    for width, grid, listing in ((1280, True, False), (390, False, True)):
        context, page, trouble = open_page(browser, server, PAGES["calendar"], width)
        assert page.locator("table.gj-month").is_visible() is grid
        assert page.locator(".gj-month-list").is_visible() is listing
        page.get_by_role("link", name="春风植绿·亲子植树").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("activities/2026-03-12-zhishujie.html")
        assert page.get_by_role("heading", name="春风植绿·亲子植树").is_visible()
        assert trouble == []
        context.close()


def test_activity_page_shows_the_photo(browser, server):
    context, page, trouble = open_page(browser, server, PAGES["activity"], 1280)
    image = page.locator(".gj-gallery img").first
    image.scroll_into_view_if_needed()  # the gallery loads lazily
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert trouble == []
    context.close()


def test_chinese_search_finds_an_activity(browser, server):
    context, page, trouble = open_page(browser, server, "index.html", 1280)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("旧衣捐赠")  # typed as one word: the index is segmented by jieba, the query still matches
    page.keyboard.press("End")  # Material reads the query on keyup, which an IME's commit also sends
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert "旧衣" in page.locator(".md-search-result").inner_text()
    assert trouble == []
    context.close()
