"""Nothing is ever half-written: every command that writes a file fails whole, in Chinese, leaving the original.

The failures are real: a process file-size limit (RLIMIT_FSIZE, what a full disk or a quota does to a
write), a kill in the middle of a write, a target that is a folder, a folder that does not exist.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from guanjia.atomic import write_atomic, write_tree
from guanjia.errors import GuanjiaError

BASE = REPO / "tests" / "examples" / "base"
ACT = "records/2026/2026-03-12-zhishujie"


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    proposal = root / ACT / "proposal.yaml"
    body = proposal.read_text(encoding="utf-8")
    proposal.write_text(body[: body.index("\nprepared:\n") + 1], encoding="utf-8")  # unsigned
    record = root / ACT / "record.yaml"
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    record.write_text("".join(line for line in lines if "sha256:" not in line), encoding="utf-8")  # hashes to fill
    return root


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None): what a failed write must leave exactly as it was."""
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(root.rglob("*"))}


def limited(args: list[str], cwd: Path, limit: int, killed: bool = False) -> subprocess.CompletedProcess:
    """Run the CLI with files capped at ``limit`` bytes. Python ignores SIGXFSZ, so the write fails; with
    ``killed`` the signal is restored and the kernel kills the process in the middle of the write."""

    def cap():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    start = ("import signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_DFL) if sys.argv.pop(1) == 'kill' else None;"
             "from guanjia.cli import main; main(prog_name='guanjia')")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-c", start, "kill" if killed else "fail", *args], cwd=cwd,
                          capture_output=True, text=True, preexec_fn=cap, env=env, timeout=120)


COMMANDS = {
    "approve": ["approve", f"{ACT}/proposal.yaml", "--as", "director", "--by", "chen-jing", "--today", "2026-02-20"],
    "verify --fill": ["verify", "--fill"],
    "new": ["new", "plan", "--year", "2027"],
    "codeowners": ["codeowners", "--today", "2026-03-01"],
    "schema": ["schema"],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_failed_write_leaves_every_file_as_it_was(tmp_path, name):
    root = project(tmp_path)
    if name == "schema":
        (root / "schemas").mkdir(exist_ok=True)
        (root / "schemas" / "plan.schema.json").write_text("{}", encoding="utf-8")  # out of date: to be written
    before = snapshot(root)
    run = limited(["--root", str(root), *COMMANDS[name][0:1], *COMMANDS[name][1:]], root, 100)
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert "文件超过了系统允许的大小" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert snapshot(root) == before  # nothing changed, no temporary file left behind


def test_init_fails_whole(tmp_path):
    run = limited(["init", str(tmp_path / "estate"), "--project", "新苑"], tmp_path, 100)
    assert run.returncode == 2 and "没有留下写了一半的文件" in run.stderr, run.stderr
    assert list(tmp_path.iterdir()) == []


def test_killed_in_the_middle_of_a_write_the_original_is_intact(tmp_path):
    root = project(tmp_path)
    before = (root / ACT / "proposal.yaml").read_bytes()
    run = limited(COMMANDS["approve"], root, 100, killed=True)
    assert run.returncode == -signal.SIGXFSZ
    assert (root / ACT / "proposal.yaml").read_bytes() == before
    leftovers = [p.name for p in (root / ACT).iterdir() if p.name.endswith(".tmp")]
    assert all(name.startswith(".") for name in leftovers)  # hidden: the archive walk and git (.gitignore) skip it


def test_a_folder_in_the_way(tmp_path):
    target = tmp_path / "proposal.yaml"
    target.mkdir()
    (target / "inside").write_text("x", encoding="utf-8")
    with pytest.raises(GuanjiaError, match="原文件没有改动"):
        write_atomic(target, "new")
    assert [p.name for p in tmp_path.iterdir()] == ["proposal.yaml"] and (target / "inside").exists()


def test_a_missing_folder(tmp_path):
    with pytest.raises(GuanjiaError, match="目录不存在"):
        write_atomic(tmp_path / "nowhere" / "plan.yaml", "year: 2027\n")


def test_mode_and_content_kept(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "新\n")
    assert path.read_text(encoding="utf-8") == "新\n" and (path.stat().st_mode & 0o777) == 0o640


def test_write_tree_refuses_nothing_half_done(tmp_path):
    write_tree(tmp_path / "estate", {"a/b.txt": "1", "c.txt": "2"})
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "estate/a/b.txt", "estate/c.txt"]
