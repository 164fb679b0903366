"""``guanjia serve`` for real: a preview server on a free loopback port, fetched over HTTP and in Chromium.

A record error shows on the pages (file, line, column, message, hint) instead of leaving the browser on an
old build; fixing the file brings the site back without a restart. ``guanjia build`` still stops at the error.
Each server runs in its own process group, killed at the end of its test whatever happens, and its port
is free again afterwards.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import REPO, copy_demo, guanjia

PROPOSAL = "records/2026/2026-03-12-zhishujie/proposal.yaml"
ACTIVITY = "activities/2026-03-12-zhishujie.html"
CAP = 120  # seconds: a cap against hanging, not a measure of speed


@pytest.fixture
def project(tmp_path) -> Path:
    root = copy_demo(tmp_path)
    shutil.copy(REPO / "mkdocs.yml", root)
    shutil.copytree(REPO / "docs", root / "docs")
    return root


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_free(port: int) -> bool:
    """Nothing listens there, and a new server could (connections of the old one may linger in TIME_WAIT)."""
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", port)) == 0:
            return False
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@contextmanager
def serving(root: Path, log: Path) -> Iterator[str]:
    """``guanjia serve`` (which becomes ``mkdocs serve``) in a process group of its own."""
    port = _free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "guanjia", "--root", str(root), "serve", "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if _group_alive(proc.pid):
                os.killpg(proc.pid, sig)
            end = time.monotonic() + 10
            while _group_alive(proc.pid) and time.monotonic() < end:
                proc.poll()  # reap the leader, so that the group can empty
                time.sleep(0.1)
        proc.wait(timeout=10)
        assert not _group_alive(proc.pid)
        end = time.monotonic() + 10
        while not _port_free(port) and time.monotonic() < end:
            time.sleep(0.1)
        assert _port_free(port)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(url: str, test, log: Path) -> tuple[int, str]:
    end = time.monotonic() + CAP
    seen: tuple = ()
    while time.monotonic() < end:
        try:
            seen = fetch(url)
        except OSError:  # not listening yet
            time.sleep(0.3)
            continue
        if test(*seen):
            return seen
        time.sleep(0.3)
    raise AssertionError(f"{url}: gave up after {CAP} s; last answer {seen[:1]}\n{log.read_text(errors='replace')}")


def rewrite(root: Path, old: str, new: str) -> None:
    path = root / PROPOSAL
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def has_problems(status: int, body: str) -> bool:
    return "gj-problems" in body


def test_serve_shows_a_record_error_and_recovers_when_it_is_fixed(project, tmp_path):
    rewrite(project, '  start: "09:00"', "  start: “09:00”")
    log = tmp_path / "serve.log"
    with serving(project, log) as url:
        status, home = wait_for(url + "index.html", has_problems, log)
        assert status == 200
        for text in ("记录有 1 个错误", PROPOSAL, "第 9 行第 10 列", "GJ-S012", "两边是中文引号", "请去掉它"):
            assert text in home, text
        status, page = fetch(url + ACTIVITY)  # an archive page is not built meanwhile: the findings are there
        assert status == 404 and "GJ-S012" in page and "/livereload/" in page
        status, page = fetch(url + "procedure.html")  # so are they on a hand-written page
        assert status == 200 and "GJ-S012" in page
        status, page = fetch(url + "plan/index.html")  # and on each page of the nav
        assert status == 200 and "GJ-S012" in page

        rewrite(project, "  start: “09:00”", '  start: "09:00"')
        status, page = wait_for(url + ACTIVITY, lambda status, body: status == 200, log)
        assert "gj-problems" not in page and "春风植绿" in page
        assert not has_problems(*fetch(url + "index.html"))

        rewrite(project, "  total: 2800", "  total: 2900")  # and again: the findings come back
        status, home = wait_for(url + "index.html", has_problems, log)
        assert "GJ-S021" in home and "明细合计为 2800 元" in home


def test_serve_rebuilds_when_the_settings_change(project, tmp_path):
    """``guanjia serve`` watches the records and settings: a change shows up without a restart."""
    log = tmp_path / "serve.log"
    with serving(project, log) as url:
        wait_for(url + "plan/2026.html", lambda status, body: "跨年迎新音乐会" in body, log)
        settings = project / "guanjia.yml"
        settings.write_text(settings.read_text(encoding="utf-8").replace("project: 翠湖花园", "project: 翠湖花园二期"),
                            encoding="utf-8")
        wait_for(url + "index.html", lambda status, body: "翠湖花园二期 · 客户活动" in body, log)


def test_build_still_stops_at_a_record_error(project):
    rewrite(project, '  start: "09:00"', "  start: “09:00”")
    run = guanjia("--root", str(project), "build", timeout=CAP)
    assert run.code != 0, run
    assert f"{PROPOSAL}:9:10 GJ-S012" in run.out + run.err, run
    assert not (project / "site" / "index.html").exists()


def test_the_page_in_the_browser_follows_the_files(project, tmp_path):
    """Chromium on an activity page: the record breaks, the page shows why by itself; fixed, the page is back."""
    playwright = pytest.importorskip("playwright.sync_api")
    log = tmp_path / "serve.log"
    with serving(project, log) as url, playwright.sync_playwright() as p:
        wait_for(url + ACTIVITY, lambda status, body: status == 200, log)
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(url + ACTIVITY)
            page.wait_for_selector("text=春风植绿", timeout=CAP * 1000)
            rewrite(project, "  total: 2800", "  total: 2900")
            page.wait_for_selector(".gj-problems >> text=GJ-S021", timeout=CAP * 1000)  # reloaded by itself
            rewrite(project, "  total: 2900", "  total: 2800")
            page.wait_for_selector("h1 >> text=春风植绿", timeout=CAP * 1000)  # the 404 page reloads itself too
            assert page.locator(".gj-problems").count() == 0
        finally:
            browser.close()


def test_stopping_serve_leaves_no_server_behind(project, tmp_path):
    """Stopping the ``guanjia serve`` process itself (not its group) stops MkDocs and frees the port."""
    import signal

    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "guanjia", "--root", str(project), "serve", "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{port}/index.html", lambda status, body: status == 200, log)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
    end = time.monotonic() + 10
    while not _port_free(port) and time.monotonic() < end:
        time.sleep(0.1)
    assert _port_free(port), log.read_text(errors="replace")
