"""Two cores: reading ahead and the rules run side by side, and nothing they find differs from one core."""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
import weakref
from datetime import date
from pathlib import Path

import pytest

from guanjia import readahead, rules
from guanjia.archive import build
from guanjia.load import load_file
from guanjia.parallel import available, side_by_side

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

two_cores = pytest.mark.skipif(not available(), reason="needs Linux, two cores and no other thread")

TODAY = date(2026, 12, 2)  # the rules' "today": signoffs dated later are pre-signed


@two_cores
def test_second_runs_in_another_process():
    here, there = side_by_side(os.getpid, os.getpid)
    assert here == os.getpid() != there


def test_a_failing_child_is_redone_here():
    parent = os.getpid()

    def there():
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return "done here"

    assert side_by_side(lambda: 1, there) == (1, "done here")


@two_cores
def test_works_when_children_are_reaped_for_us():
    """Started by a process that ignores SIGCHLD: the child is gone before we wait for it."""
    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert side_by_side(lambda: 1, lambda: [2, 3]) == (1, [2, 3])
    finally:
        signal.signal(signal.SIGCHLD, before)


def test_a_failed_fork_runs_both_here(monkeypatch):
    def no_fork():
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)  # what the kernel says when the process table is full
    opened = len(os.listdir("/proc/self/fd"))
    assert side_by_side(os.getpid, os.getpid) == (os.getpid(), os.getpid())
    assert len(os.listdir("/proc/self/fd")) == opened  # the pipe was closed


@two_cores
def test_an_error_here_stops_the_child(tmp_path):
    started = tmp_path / "child"

    def slow():
        started.write_text(str(os.getpid()))
        time.sleep(30)

    def fail():
        while not started.exists():
            time.sleep(0.01)
        raise ValueError("here")

    began = time.monotonic()
    with pytest.raises(ValueError):
        side_by_side(fail, slow)
    assert time.monotonic() - began < 10  # not waiting for the child's 30 s
    with pytest.raises(ProcessLookupError):
        os.kill(int(started.read_text()), 0)  # killed and reaped


def test_no_fork_while_other_threads_run():
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert side_by_side(os.getpid, os.getpid) == (os.getpid(), os.getpid())
    finally:
        stop.set()
        worker.join()


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A project large enough to be read on two cores, with bad files of several kinds in it."""
    root = generate(tmp_path_factory.mktemp("big") / "p", 90)
    folders = sorted(p for p in (root / "records").glob("*/*") if p.is_dir())
    (folders[3] / "proposal.yaml").write_bytes("theme: 植树\n".encode("gbk") + "主题: 中文\n".encode("gbk"))
    with (folders[10] / "record.yaml").open("a", encoding="utf-8") as f:
        f.write("held:\n  date: 2026-03-01\n")  # a duplicate key at the end
    (folders[20] / "notice.yaml").unlink()
    (folders[20] / "notice.yaml").symlink_to(folders[21] / "notice.yaml")
    (folders[30] / "readiness.yaml").unlink()
    os.mkfifo(folders[30] / "readiness.yaml")  # opening it would wait for a writer forever
    (folders[40] / "evaluation.yaml").write_text("goals: [一，二]\n", encoding="utf-8")
    return root


def test_reading_ahead_finds_what_one_core_finds(big, monkeypatch):
    ahead = readahead.read_ahead(big / "records", "records")
    assert len(ahead) > readahead.ENOUGH_TO_SHARE
    for shown, doc in list(ahead.items())[::37]:
        alone = load_file(doc.path, shown)
        assert (doc.data, doc.text, doc.findings, doc.notes) == (alone.data, alone.text, alone.findings, alone.notes)
    assert not any(doc.path.is_symlink() or not doc.path.is_file() for doc in ahead.values())

    two = build(big)
    found_two = sorted(two.findings + rules.run(two, TODAY), key=repr)
    monkeypatch.setattr(readahead, "ENOUGH_TO_SHARE", 10**9)  # one core: the walk reads every file itself
    monkeypatch.setattr(rules, "side_by_side", lambda here, there: (here(), there()))
    one = build(big)
    found_one = sorted(one.findings + rules.run(one, TODAY), key=repr)
    assert found_two == found_one
    assert {f.code for f in found_one} >= {"GJ-L001", "GJ-L003", "GJ-A025", "GJ-L014"}
    assert two.files == one.files
    assert [a.proposal for a in two.activities()] == [a.proposal for a in one.activities()]


def test_reading_leaves_the_cycle_collector_as_it_was(big):
    """A long-running ``mkdocs serve`` builds again and again: nothing may stay frozen or switched off."""

    class Loop:
        pass

    loop = Loop()
    loop.me = loop
    seen = weakref.ref(loop)
    del loop
    assert gc.isenabled()
    build(big)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.collect()
    assert seen() is None  # a cycle dropped before the build is still collected
