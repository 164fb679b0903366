"""Two cores: reading ahead and the rules run side by side, and nothing they find differs from one core."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from guanjia import readahead, rules
from guanjia.archive import build
from guanjia.load import load_file
from guanjia.parallel import _cores, side_by_side

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

two_cores = pytest.mark.skipif(not hasattr(os, "fork") or _cores() < 2, reason="needs fork and two cores")


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
    found_two = sorted(two.findings + rules.run(two), key=repr)
    monkeypatch.setattr(readahead, "ENOUGH_TO_SHARE", 10**9)  # one core: the walk reads every file itself
    monkeypatch.setattr(rules, "side_by_side", lambda here, there: (here(), there()))
    one = build(big)
    found_one = sorted(one.findings + rules.run(one), key=repr)
    assert found_two == found_one
    assert {f.code for f in found_one} >= {"GJ-L001", "GJ-L003", "GJ-A025", "GJ-L014"}
    assert two.files == one.files
    assert [a.proposal for a in two.activities()] == [a.proposal for a in one.activities()]
