"""Named pipes, sockets and devices are refused at once and never opened: opening a FIFO for reading waits forever.

Every place guanjia reads gets a real FIFO (os.mkfifo): the settings, the roster, a year's plan and
changes, each activity document, an attachment that is hashed, privacy-checked or published, the
amendments archive-check compares. The real CLI runs in a subprocess with a generous cap, so a hang
fails the test instead of stopping the suite; no test depends on how fast the machine is.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys

import pytest

from conftest import REPO, guanjia
from signers import make_repo
from test_site import site_config

CAP = 60  # seconds: far more than any of these takes; only a hang reaches it
BASE = REPO / "tests" / "examples" / "base"
ACT = "records/2026/2026-03-12-zhishujie"
RECORD, PROPOSAL = f"{ACT}/record.yaml", f"{ACT}/proposal.yaml"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def fifo(root, rel: str) -> None:
    path = root / rel
    if path.exists():
        path.unlink()
    os.mkfifo(path)


def run(root, *args: str):
    done = guanjia("--root", str(root), *args, "--format", "json", timeout=CAP)
    assert "Traceback" not in done.err, done
    return done


def where(done) -> list[tuple[str, str, int, int]]:
    return [(f["code"], f["path"], f["line"], f["column"]) for f in done.json()["findings"]]


DOCUMENTS = ["guanjia.yml", "records/roster.yaml", "records/2026/plan.yaml", "records/2026/changes.yaml",
             PROPOSAL, f"{ACT}/notice.yaml", f"{ACT}/readiness.yaml", RECORD, f"{ACT}/evaluation.yaml",
             f"{ACT}/amendments.yaml"]


@pytest.mark.parametrize("rel", DOCUMENTS)
def test_a_document_that_is_a_pipe(root, rel):
    fifo(root, rel)
    done = run(root, "validate")
    assert done.code == 1, done
    assert ("GJ-L015", rel, 0, 0) in where(done), done


@pytest.mark.parametrize(("rel", "entry"), [
    (f"{ACT}/attachments/合影.png", (RECORD, 30, 11)),  # a photo: hashed, published as it is
    (f"{ACT}/attachments/社区公众号报道.txt", (RECORD, 34, 11)),  # a text: privacy-checked, published as a page
    (f"{ACT}/attachments/绿源苗木场-种植指导方案.txt", (PROPOSAL, 44, 11)),  # an external party's proposal
])
def test_an_attachment_that_is_a_pipe(root, rel, entry):
    fifo(root, rel)
    for command in ("validate", "verify"):
        done = run(root, command)
        assert done.code == 1, done
        assert ("GJ-L015", *entry) in where(done), done
        assert not [f for f in where(done) if f[1] == rel]  # judged once, where the document names it
    assert run(root, "verify").json()["summary"]["attachments"]["failed"] == 1


def test_a_pipe_lying_in_attachments(root):
    fifo(root, f"{ACT}/attachments/管道")
    done = run(root, "validate")
    assert ("GJ-L015", f"{ACT}/attachments/管道", 0, 0) in where(done), done


def test_a_record_that_is_a_pipe_is_not_verified_as_good(root):
    fifo(root, RECORD)
    done = run(root, "verify")
    assert done.code == 1, done
    assert ("GJ-V004", RECORD, 0, 0) in where(done)
    assert done.json()["summary"]["attachments"]["unread_documents"] == 1


def test_commands_that_only_read_stop_cleanly(root):
    fifo(root, "records/2026/plan.yaml")
    for command in ("status", "deadlines"):
        done = guanjia("--root", str(root), command, timeout=CAP)
        assert done.code == 2 and "plan.yaml" in done.err, done


def test_settings_linked_to_a_device(root):
    (root / "guanjia.yml").unlink()
    (root / "guanjia.yml").symlink_to(os.devnull)
    done = run(root, "validate")
    assert ("GJ-L015", "guanjia.yml", 0, 0) in where(done), done
    assert "设备文件" in done.out


def test_a_socket_lying_in_attachments(root, monkeypatch):
    monkeypatch.chdir(root / ACT / "attachments")  # a socket's path must be short: bind it here by its name
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("套接字")
        done = run(root, "validate")
    assert ("GJ-L015", f"{ACT}/attachments/套接字", 0, 0) in where(done), done
    assert "套接字（socket）" in done.out


def test_the_site_is_not_built_over_a_pipe(root, tmp_path):
    fifo(root, f"{ACT}/attachments/社区公众号报道.txt")
    config = site_config(root, tmp_path / "site")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
                          capture_output=True, text=True, timeout=CAP, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode != 0 and "GJ-L015" in done.stderr, done.stderr
    assert not (tmp_path / "site" / "activities").exists()


def test_archive_check_over_pipes(tmp_path):
    """An archived activity: a pipe where an attachment was, and where amendments.yaml would be."""
    r = make_repo(tmp_path, unsigned=())
    fifo(r.root, f"{ACT}/attachments/合影.png")
    fifo(r.root, f"{ACT}/amendments.yaml")
    done = guanjia("--root", str(r.root), "archive-check", "--base", r.initial, "--format", "json", timeout=CAP)
    assert done.code == 1, done
    assert ("GJ-I001", f"{ACT}/attachments/合影.png", 0, 0) in where(done)
    assert ("GJ-L015", f"{ACT}/amendments.yaml", 0, 0) in where(done)
