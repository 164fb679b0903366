"""The permanent archive: archived activities change only by a signed amendment, and a correct one ends green.

A real git repository; the activity 2026-03-12-zhishujie is archived (its evaluation is approved) in
the initial commit, which plays the base branch of a pull request.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from types import SimpleNamespace

import pytest

from conftest import invoke
from signers import ACT, BASE, make_repo

RECORD = f"{ACT}/record.yaml"
AMEND = f"{ACT}/amendments.yaml"
PHOTO = f"{ACT}/attachments/合影.png"


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path, unsigned=())


def archive_check(r):
    run = invoke("--root", str(r.root), "archive-check", "--base", r.initial, "--format", "json")
    assert run.code in (0, 1), run
    return run.code, sorted((f["code"], f["path"]) for f in run.json()["findings"])


def errors(r, command, *args):
    return [(f["code"], f["path"]) for f in r.findings(command, *args) if f["severity"] == "error"]


def correct_households(r, households="47"):
    path = r.root / RECORD
    path.write_text(path.read_text(encoding="utf-8").replace("households: 46", f"households: {households}"),
                    encoding="utf-8")


def write_amendment(r, files=("record.yaml",), reason="更正参加户数笔误", day="2026-12-01", append=False):
    path = r.root / AMEND
    text = path.read_text(encoding="utf-8") if append and path.exists() else "amendments:\n"
    text += f"  - date: {day}\n    reason: {reason}\n    files: [{', '.join(files)}]\n"
    path.write_text(text, encoding="utf-8")


def sign(r, who="wang-li", day="2026-12-01", *extra):
    run = r.sign(AMEND, "manager", who, day, *extra)
    assert run.code == 0, run
    return run


def test_untouched_archive_passes(repo):
    assert archive_check(repo) == (0, [])


def test_correcting_a_record_ends_green_everywhere(repo):
    """The whole flow: edit, write the amendment, the manager signs it with guanjia; every check passes."""
    correct_households(repo)
    write_amendment(repo)
    repo.commit("更正参加户数", "liu-yang", "2026-12-01")
    assert archive_check(repo)[0] == 1  # not signed yet: the edit is not covered
    assert ("GJ-C006", AMEND) in [(f["code"], f["path"]) for f in repo.findings("validate")]
    run = sign(repo)
    assert "更正（第 1 条）" in run.out
    assert archive_check(repo) == (0, [])
    assert errors(repo, "validate") == []  # no stale signoff on the corrected record, no false late note
    assert [f for f in repo.findings("validate") if f["code"].startswith("GJ-D")] == []
    assert errors(repo, "approvals", "--base", repo.initial) == []
    again = repo.sign(AMEND, "manager", "wang-li", "2026-12-01")
    assert again.code == 0 and "已经签过" in again.out and "已经提交过" in again.out, again


def test_a_change_after_the_manager_signed_is_caught(repo):
    correct_households(repo)
    write_amendment(repo)
    sign(repo)
    path = repo.root / RECORD  # 47 → 74 after the signature: the amendment no longer covers it
    path.write_text(path.read_text(encoding="utf-8").replace("households: 47", "households: 74"), encoding="utf-8")
    assert ("GJ-C002", AMEND) in errors(repo, "validate")


def test_the_amendment_must_name_every_changed_file(repo):
    correct_households(repo)
    (repo.root / PHOTO).unlink()
    write_amendment(repo)
    sign(repo)
    assert archive_check(repo) == (1, [("GJ-I002", PHOTO)])


def test_deleting_a_photo_by_amendment_passes(repo):
    (repo.root / PHOTO).unlink()
    record = repo.root / RECORD
    lines = record.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if "合影.png" in line) - 1
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - ") or not lines[i].startswith(" "))
    record.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
    write_amendment(repo, ("record.yaml", "attachments/合影.png"), "照片中能认出业主家门牌，删除")
    sign(repo)
    assert archive_check(repo) == (0, [])
    assert errors(repo, "validate") == []


def test_editing_an_archived_record_fails(repo):
    correct_households(repo)
    assert archive_check(repo) == (1, [("GJ-I001", RECORD)])


def test_adding_a_file_to_an_archived_activity_fails(repo):
    (repo.root / ACT / "attachments/补拍.png").write_bytes(b"\x89PNG\r\n")
    assert archive_check(repo) == (1, [("GJ-I001", f"{ACT}/attachments/补拍.png")])


def test_deleting_an_archived_activity_fails(repo):
    shutil.rmtree(repo.root / ACT)
    assert archive_check(repo) == (1, [("GJ-I002", ACT)])


def test_amendment_signed_by_a_butler_is_refused(repo):
    correct_households(repo)
    write_amendment(repo)
    refused = repo.sign(AMEND, "butler", "liu-yang", "2026-12-01")
    assert refused.code == 2 and "管家部经理" in refused.err
    forged = repo.sign(AMEND, "manager", "liu-yang", "2026-12-01", "--by", "wang-li")
    assert forged.code == 0
    assert ("GJ-C010", AMEND) in errors(repo, "approvals", "--base", repo.initial)


def test_amendments_are_append_only(repo):
    correct_households(repo)
    write_amendment(repo)
    sign(repo)
    repo.commit("更正参加户数", "wang-li", "2026-12-01")
    base = repo.head()
    text = (repo.root / AMEND).read_text(encoding="utf-8")
    (repo.root / AMEND).write_text(text.replace("更正参加户数笔误", "随便改改"), encoding="utf-8")
    run = invoke("--root", str(repo.root), "archive-check", "--base", base, "--format", "json")
    assert [(f["code"], f["path"]) for f in run.json()["findings"]] == [("GJ-I003", AMEND)]


def test_one_amendment_per_change(repo):
    correct_households(repo)
    write_amendment(repo)
    write_amendment(repo, ("evaluation.yaml",), "补充改进建议", append=True)
    sign(repo)
    assert ("GJ-I005", AMEND) in archive_check(repo)[1]


def test_no_amendment_before_the_archive(tmp_path):
    """An activity whose evaluation is not approved is corrected by signing again, not by amendment."""
    r = make_repo(tmp_path, unsigned=(f"{ACT}/evaluation.yaml",))
    correct_households(r)
    write_amendment(r)
    refused = r.sign(AMEND, "manager", "wang-li", "2026-12-01")
    assert refused.code == 2 and "还没有归档" in refused.err, refused
    assert ("GJ-I004", AMEND) in errors(r, "validate")
    assert ("GJ-I004", AMEND) in archive_check(r)[1]


ODD_NAMES = ["换行\n合影.png", '引号"合影.png', "制表\t合影.png", "反斜杠\\合影.png", "空 格.png", "中文名.png",
             "结尾换行\n", "C:冒号.png"]


@pytest.mark.parametrize("name", ODD_NAMES, ids=[repr(n) for n in ODD_NAMES])
def test_names_git_would_quote_are_covered(tmp_path, name):
    """git quotes these names (core.quotepath on, the default); read NUL-separated they are the real names."""
    rel = f"{ACT}/attachments/{name}"
    r = make_repo(tmp_path, unsigned=(), files={rel: b"original"})
    r.git("config", "core.quotepath", "true")
    assert rel in r.git("ls-tree", "-r", "-z", "--name-only", "HEAD").split("\0")  # committed under its real name
    assert archive_check(r) == (0, [])
    (r.root / rel).write_bytes(b"changed")
    assert archive_check(r) == (1, [("GJ-I001", rel)])
    (r.root / rel).unlink()
    assert archive_check(r) == (1, [("GJ-I002", rel)])


def test_a_project_in_a_subfolder_of_its_repository(tmp_path):
    """The repository holds the project in a folder of its own (here one a pathspec would read as a pattern)."""
    top = tmp_path / "repo"
    project = top / "物业 项目[1]"
    shutil.copytree(BASE, project)
    (project / ACT / "attachments" / "换行\n.png").write_bytes(b"original")
    env = {"GIT_AUTHOR_NAME": "wang-li", "GIT_AUTHOR_EMAIL": "wangli@huasheng-wy.example", "GIT_COMMITTER_NAME": "wang-li",
           "GIT_COMMITTER_EMAIL": "wangli@huasheng-wy.example"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "commit.gpgsign=false", "commit", "-qm", "初始化"]):
        subprocess.run(["git", *args], cwd=top, check=True, capture_output=True, env={**os.environ, **env})

    def check():
        run = invoke("--root", str(project), "archive-check", "--base", "HEAD", "--format", "json")
        return run.code, sorted((f["code"], f["path"]) for f in run.json()["findings"])

    assert check() == (0, [])
    correct_households(SimpleNamespace(root=project))
    (project / ACT / "attachments" / "换行\n.png").unlink()
    assert check() == (1, [("GJ-I001", RECORD), ("GJ-I002", f"{ACT}/attachments/换行\n.png")])


def test_a_link_added_to_an_archived_activity(repo):
    (repo.root / ACT / "attachments/链接.png").symlink_to("/etc/hostname")  # points outside the repository
    assert archive_check(repo) == (1, [("GJ-I001", f"{ACT}/attachments/链接.png")])
