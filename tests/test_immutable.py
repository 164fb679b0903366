"""The permanent archive: archived activities cannot be edited or deleted, except by a signed amendment."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import copy_demo, guanjia

RECORD = "records/2026/2026-03-12-zhishujie/record.yaml"
AMEND = "records/2026/2026-03-12-zhishujie/amendments.yaml"


def git(root, *args):
    proc = subprocess.run(["git", "-c", "user.name=IT", "-c", "user.email=it@example.com", *args], cwd=root,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def repo(tmp_path):
    root = copy_demo(tmp_path)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "基线")
    return root


def check(root):
    run = guanjia("--root", str(root), "archive-check", "--base", "main", "--format", "json")
    assert "Traceback" not in run.err, run
    return run.code, sorted((f["code"], f["path"]) for f in run.json()["findings"])


def amend(root, files, by="wang-li", reason="更正参加户数笔误"):
    text = (root / AMEND).read_text(encoding="utf-8") if (root / AMEND).exists() else "amendments:\n"
    text += (f"  - date: 2026-12-01\n    reason: {reason}\n    files: [{', '.join(files)}]\n"
             f"    approved:\n      by: {by}\n      date: 2026-12-01\n")
    (root / AMEND).write_text(text, encoding="utf-8")


def test_untouched_archive_passes(repo):
    assert check(repo) == (0, [])


def test_editing_an_archived_record_fails(repo):
    path = repo / RECORD
    path.write_text(path.read_text(encoding="utf-8").replace("households: 46", "households: 64"), encoding="utf-8")
    assert check(repo) == (1, [("GJ-I001", RECORD)])


def test_deleting_an_archived_activity_fails(repo):
    shutil.rmtree(repo / "records/2026/2026-03-12-zhishujie")
    assert check(repo) == (1, [("GJ-I002", "records/2026/2026-03-12-zhishujie")])


def test_deleting_an_archived_photo_fails(repo):
    (repo / "records/2026/2026-03-12-zhishujie/attachments/合影.png").unlink()
    assert check(repo) == (1, [("GJ-I002", "records/2026/2026-03-12-zhishujie/attachments/合影.png")])


def test_amendment_signed_by_the_manager_passes(repo):
    path = repo / RECORD
    path.write_text(path.read_text(encoding="utf-8").replace("households: 46", "households: 47"), encoding="utf-8")
    amend(repo, ["record.yaml"])
    assert check(repo) == (0, [])
    result = guanjia("--root", str(repo), "validate", "--format", "json").json()
    mine = [f["code"] for f in result["findings"] if f["path"] == AMEND]
    assert mine == []  # 王丽 is the manager: the amendment itself is in order


def test_amendment_by_someone_else_is_refused_by_validate(repo):
    amend(repo, ["record.yaml"], by="liu-yang")
    result = guanjia("--root", str(repo), "validate", "--format", "json").json()
    assert [f["code"] for f in result["findings"] if f["path"] == AMEND] == ["GJ-A006"]


def test_amendments_are_append_only(repo):
    amend(repo, ["record.yaml"])
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "更正")
    # the amendment is now part of the base (main)
    text = (repo / AMEND).read_text(encoding="utf-8")
    (repo / AMEND).write_text(text.replace("更正参加户数笔误", "随便改改"), encoding="utf-8")
    assert check(repo) == (1, [("GJ-I003", AMEND)])
