"""The site in a real browser: Debian's Chromium, headless, driven by Playwright, at phone and desktop widths,
on paper (Chromium's own PDF) and opened from files.

Every page loads without a console error, a failed request or a request to another host.
Screenshots (and the longest form as a PDF) are kept in test-artifacts/browser/ for a person to look at.
"""

from __future__ import annotations

import functools
import io
import threading
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from conftest import REPO, copy_demo
from test_site import build
from test_thumbs import big_photo

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts" / "browser"
PHOTO = "records/2026/2026-03-12-zhishujie/attachments/合影.png"
PAGES = {  # one of every kind of page the site has
    "home": "index.html",
    "plans": "plan/index.html",
    "plan": "plan/2026.html",
    "calendars": "calendar/index.html",
    "calendar": "calendar/2026-03.html",
    "stats": "stats.html",
    "activity": "activities/2026-03-12-zhishujie.html",
    "activity-full": "activities/2026-05-31-liuyi.html",  # late steps excused, notice, readiness, photos, B56
    "activity-planned": "activities/2026-kuanian.html",
    "activity-cancelled": "activities/2026-dianying.html",
    "text": "activities/2026-03-12-zhishujie/attachments/社区公众号报道.txt.html",
    "print-b54": "print/2026-05-31-liuyi-b54.html",  # the demo's longest form
    "print-b55": "print/2026-05-31-liuyi-b55.html",
    "print-b56": "print/2026-05-31-liuyi-b56.html",
    "print-notice": "print/2026-03-12-zhishujie-notice.html",
    "procedure": "procedure.html",
    "not-found": "404.html",
}
WIDTHS = {"phone": 390, "desktop": 1280}

# What a reader cannot get at: the page scrolling sideways, text sticking out of the page with no scrolling
# box around it, a table column squeezed to a character per line, a badge cut or spilling out of its cell.
LAYOUT = """() => {
  const found = [], root = document.documentElement, width = root.clientWidth;
  const scroller = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    if (["auto", "scroll"].includes(getComputedStyle(p).overflowX)) return p; } return null; };
  const name = (el) => el.tagName.toLowerCase() + "." + el.className + " “" + el.innerText.trim().slice(0, 24) + "”";
  if (root.scrollWidth > width + 1) found.push("the page scrolls sideways: " + root.scrollWidth + " > " + width);
  for (const el of document.querySelectorAll(".md-content *")) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 1 || box.left < -1) && !scroller(el)) found.push("outside the page: " + name(el));
  }
  for (const cell of document.querySelectorAll(".gj td, .gj th")) {
    const text = cell.innerText.trim();
    if (!cell.offsetParent || [...text].length < 2) continue;
    const style = getComputedStyle(cell), em = parseFloat(style.fontSize);
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (inner < Math.min([...text].length, 3) * em - 1) found.push("squeezed column (" + inner + "px): " + name(cell));
  }
  for (const badge of document.querySelectorAll(".gj .gj-badge")) {
    if (!badge.offsetParent) continue;
    const box = badge.getBoundingClientRect(), cell = badge.closest("td, th");
    const room = cell ? cell.getBoundingClientRect() : {left: 0, right: width};
    if (badge.scrollWidth > badge.clientWidth + 1 || box.left < room.left - 1 || box.right > room.right + 1)
      found.push("badge cut: " + name(badge));
  }
  return found;
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The demo site, built once for this module, with one photo as large as a phone's (so it has a thumbnail)."""
    base = tmp_path_factory.mktemp("browser")
    project = copy_demo(base)
    big_photo(project / PHOTO)
    site = base / "site"
    run = build(project, site, XDG_CACHE_HOME=str(base / "cache"))
    assert run.returncode == 0, run.stderr
    return site


@pytest.fixture(scope="module")
def server(built):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built)))
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


def watch(page, base: str) -> list[str]:
    """What goes wrong on ``page`` from now on: console errors, failed requests, requests to another host."""
    trouble: list[str] = []
    page.on("console", lambda m: trouble.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: trouble.append(f"page error: {exc}"))
    page.on("requestfailed", lambda r: trouble.append(f"failed: {r.url} {r.failure}"))
    page.on("request", lambda r: trouble.append(f"external: {r.url}") if not r.url.startswith(base)
            and not r.url.startswith(("data:", "blob:")) else None)
    return trouble


def open_page(browser, base: str, path: str, width: int = 1280, clock: datetime | None = None, **options):
    """``path`` of the site at ``base`` (http://… or file://…/), with what went wrong collected in ``trouble``."""
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1, **options)
    page = context.new_page()
    if clock:
        page.clock.set_fixed_time(clock)
    trouble = watch(page, base)
    page.goto(base + quote(path), wait_until="networkidle")
    return context, page, trouble


@pytest.fixture(scope="module", params=WIDTHS)
def tab(request, browser, server):
    """One tab at a phone's or a desktop's width, for the pages one after another (a new tab is slow)."""
    context = browser.new_context(viewport={"width": WIDTHS[request.param], "height": 900}, device_scale_factor=1)
    page = context.new_page()
    yield request.param, page, watch(page, server)
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_every_kind_of_page_reads_on_a_phone_and_a_desktop(tab, server, name):
    width, page, trouble = tab
    trouble.clear()
    page.goto(server + quote(PAGES[name]), wait_until="networkidle")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    assert trouble == []
    assert page.evaluate(LAYOUT) == [], f"{name} at {WIDTHS[width]}px"


def test_not_found_page_is_chinese(browser, server):
    context, page, trouble = open_page(browser, server, PAGES["not-found"])
    assert page.get_by_role("heading", name="找不到这个页面").is_visible()
    assert "Not found" not in page.content() and trouble == []
    page.get_by_role("link", name="回到首页").click()
    page.wait_for_load_state("networkidle")
    assert page.url == server + "index.html"
    context.close()


def test_every_form_prints_on_one_a4_page(browser, server, built):
    """Chromium's own PDF of each printable form and notice of the demo: one A4 page, all of it on that page."""
    last_line = {"b54": "批准（项目总经理）", "b55": "填写（管家）", "b56": "批准（项目总经理）", "notice": "物业服务中心"}
    forms = sorted((built / "print").glob("*.html"))
    assert len(forms) >= 30
    context = browser.new_context()
    page = context.new_page()
    for form in forms:
        page.goto(server + "print/" + quote(form.name), wait_until="load")
        pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
        pages = PdfReader(io.BytesIO(pdf)).pages
        assert len(pages) == 1, f"{form.name} prints on {len(pages)} pages"
        width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
        assert (round(width), round(height)) == (595, 842), form.name  # A4 in points
        text = "".join(pages[0].extract_text().split())
        assert last_line[form.stem.rsplit("-", 1)[1]] in text, form.name
        fit = float(page.evaluate("getComputedStyle(document.querySelector('.gj-form, .gj-poster'))"
                                  ".getPropertyValue('--gj-fit')"))
        assert fit > 0.6, f"{form.name} shrunk to {fit}"  # it fitted, not only the smallest print allowed
        if form.name == PAGES["print-b54"].split("/")[1]:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            (ARTIFACTS / "print-longest.pdf").write_bytes(pdf)
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


def test_a_large_photo_is_shown_as_a_thumbnail_linking_the_original(browser, server, built):
    context, page, trouble = open_page(browser, server, PAGES["activity"], 390)
    image = page.locator(".gj-gallery img").first
    image.scroll_into_view_if_needed()  # the gallery loads lazily
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert max(image.evaluate("img => [img.naturalWidth, img.naturalHeight]")) <= 720
    assert image.get_attribute("src").startswith("../thumbs/")
    original = page.locator(".gj-gallery a").first.get_attribute("href")
    assert original == "2026-03-12-zhishujie/attachments/%E5%90%88%E5%BD%B1.png"
    assert (built / "activities/2026-03-12-zhishujie/attachments/合影.png").stat().st_size > 4_000_000
    assert "原图" in page.locator(".gj-gallery figcaption").first.inner_text()
    assert trouble == []
    context.close()


def search(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    page.keyboard.press("End")  # Material reads the query on keyup, which an IME's commit also sends
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    return [a.get_attribute("href").split("?")[0] for a in page.locator(".md-search-result__item > a").all()]


def test_chinese_search_finds_an_activity(browser, server):
    context, page, trouble = open_page(browser, server, "index.html")
    search(page, "旧衣捐赠")  # typed as one word: the index is segmented by jieba, the query still matches
    assert "旧衣" in page.locator(".md-search-result").inner_text()
    assert trouble == []
    context.close()


def test_search_works_from_files(browser, built):
    """Opened as files (a file share, a USB stick): no server, no worker, no fetch, and search still answers."""
    base = built.as_uri() + "/"
    context, page, trouble = open_page(browser, base, "index.html", 390)
    page.locator("label.md-header__button[for=__search]").click()
    found = search(page, "旧衣捐赠")
    assert found[0] == base + "activities/2026-12-12-juanyi.html"
    assert trouble == []
    context.close()


@pytest.mark.parametrize(("query", "activity"), [("重阳", "2026-10-18-chongyang"), ("义诊", "2026-06-13-yizhen"),
                                                 ("消防", "2026-11-22-xiaofang"), ("市场", "2026-04-18-tiaozao")])
def test_search_lists_the_activity_first(browser, server, query, activity):
    """Above pages that merely use a similar word, its attachments and its printable forms."""
    context, page, trouble = open_page(browser, server, "index.html")
    found = search(page, query)
    assert found[0] == f"{server}activities/{activity}.html", found[:3]
    assert not any("/print/" in href for href in found)
    context.close()


def test_days_left_are_true_on_the_day_the_page_is_read(browser, server):
    """The site is built as of 1 December; the fire drill's evaluation is due for approval on 7 December. The
    reader's browser is in New York: the days are counted in China's time all the same."""
    context = browser.new_context(viewport={"width": 390, "height": 900}, timezone_id="America/New_York")
    page = context.new_page()
    trouble = watch(page, server)
    for now, shown, today in (("2026-12-01T09:00:00+08:00", "还有 6 天", "2026-12-01"),
                              ("2026-12-03T23:30:00+08:00", "还有 4 天", "2026-12-03"),
                              ("2026-12-07T00:10:00+08:00", "今天到期", "2026-12-07"),
                              ("2026-12-08T16:30:00+00:00", "逾期 2 天", "2026-12-09")):
        page.clock.set_fixed_time(datetime.fromisoformat(now))
        page.goto(server + "index.html", wait_until="load")
        due = page.locator("[data-gj-due='2026-12-07']")
        assert due.inner_text() == shown, now
        assert ("gj-late" in due.get_attribute("class")) is shown.startswith("逾期")
        note = page.locator(".gj-recount").inner_text()
        y, m, d = (int(part) for part in today.split("-"))
        assert note == ("剩余天数按这一天计算。" if today == "2026-12-01" else
                        f"剩余天数按今天（{y}年{m}月{d}日）计算，办理情况以数据截至日为准。"), now
        page.goto(server + "calendar/2026-12.html", wait_until="load")
        assert page.locator("td.gj-today").get_attribute("data-gj-date") == today, now
    assert trouble == []
    context.close()


def test_without_scripts_the_page_counts_from_the_data_day(browser, server):
    context, page, trouble = open_page(browser, server, "index.html", 390, clock=datetime.fromisoformat(
        "2026-12-05T09:00:00+08:00"), java_script_enabled=False)
    assert page.locator("[data-gj-due='2026-12-07']").inner_text() == "还有 6 天"
    assert "数据截至 2026年12月1日（北京时间）。剩余天数按这一天计算。" in page.locator(".gj-asof").inner_text()
    context.close()
