"""The approval chain in a real git repository, with real people and real SSH signatures.

Four identities (director, manager, GM, butler) each sign on their own machine, i.e. with
their own ``user.email``; the GM signs commits with an SSH key made by ssh-keygen here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, Run

BASE = REPO / "tests" / "examples" / "base"
PROPOSAL = "records/2026/2026-03-12-zhishujie/proposal.yaml"
PEOPLE = {  # roster id → (e-mail, role)
    "chen-jing": ("chenjing@huasheng-wy.example", "director"),
    "wang-li": ("wangli@huasheng-wy.example", "manager"),
    "zhao-guoqiang": ("zhaoguoqiang@huasheng-wy.example", "gm"),
    "liu-yang": ("liuyang@huasheng-wy.example", "butler"),
}


class Repo:
    def __init__(self, root: Path, keys: Path):
        self.root, self.keys = root, keys

    def git(self, *args: str, day: str = "2026-02-20", who: str = "chen-jing") -> str:
        email = PEOPLE[who][0]
        stamp = f"{day}T10:00:00+08:00"
        env = {**os.environ, "GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": who,
               "GIT_COMMITTER_EMAIL": email, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        proc = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, env=env)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def guanjia(self, *args: str, day: str, who: str, key: Path | None = None) -> Run:
        """Run guanjia as ``who`` on ``day``: their git identity, their clock, their signing key."""
        self.git("config", "user.email", PEOPLE[who][0])
        if key:
            self.git("config", "user.signingkey", str(key))
            self.git("config", "commit.gpgsign", "true")
        else:
            self.git("config", "--unset-all", "commit.gpgsign") if self._has("commit.gpgsign") else None
        stamp = f"{day}T10:00:00+08:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": who,
               "GIT_COMMITTER_NAME": who, "GIT_COMMITTER_EMAIL": PEOPLE[who][0]}
        proc = subprocess.run([sys.executable, "-m", "guanjia", *args], cwd=self.root, capture_output=True,
                              text=True, env=env)
        return Run(proc.returncode, proc.stdout, proc.stderr)

    def _has(self, name: str) -> bool:
        return subprocess.run(["git", "config", name], cwd=self.root, capture_output=True).returncode == 0

    def sign(self, role: str, who: str, day: str, key: Path | None = None, by: str | None = None) -> Run:
        args = ["approve", PROPOSAL, "--as", role, "--today", day, "--commit"] + (["--by", by] if by else [])
        return self.guanjia(*args, day=day, who=who, key=key)

    def codes(self, command: str = "approvals") -> list[str]:
        """Error codes; ``approvals`` looks at what came after the initial commit (as CI does for a pull request)."""
        extra = ("--base", self.initial) if command == "approvals" else ()
        run = self.guanjia(command, *extra, "--format", "json", day="2026-03-10", who="liu-yang")
        assert "Traceback" not in run.err, run
        return sorted(f["code"] for f in run.json()["findings"] if f["severity"] == "error")


def keygen(folder: Path, name: str) -> tuple[Path, str]:
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key, (folder / f"{name}.pub").read_text().split(" comment")[0].strip()


@pytest.fixture
def repo(tmp_path) -> Repo:
    keys = tmp_path / "keys"
    keys.mkdir()
    gm_key, gm_pub = keygen(keys, "gm")
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    roster = root / "records/roster.yaml"
    text = roster.read_text(encoding="utf-8")
    key_line = " ".join(gm_pub.split()[:2])
    roster.write_text(text.replace("    login: zhao-guoqiang\n", f"    login: zhao-guoqiang\n    signing_key: {key_line}\n"),
                      encoding="utf-8")
    proposal = root / PROPOSAL
    body = proposal.read_text(encoding="utf-8")
    proposal.write_text(body[: body.index("\nprepared:\n") + 1], encoding="utf-8")  # unsigned draft
    r = Repo(root, keys)
    r.git("init", "-q", "-b", "main")
    r.git("config", "gpg.format", "ssh")
    r.git("add", "-A")
    r.git("commit", "-q", "-m", "项目初始化", day="2026-01-02", who="wang-li")
    r.gm_key = gm_key
    r.initial = r.git("rev-parse", "HEAD").strip()
    return r


def chain(r: Repo, gm_day: str = "2026-03-02", gm_key: Path | None = None) -> None:
    assert r.sign("director", "chen-jing", "2026-02-20").code == 0
    assert r.sign("manager", "wang-li", "2026-02-27").code == 0
    run = r.sign("gm", "zhao-guoqiang", gm_day, key=gm_key or r.gm_key)
    assert run.code == 0, run


def test_genuine_chain_passes(repo):
    chain(repo)
    assert repo.codes("approvals") == []
    assert [c for c in repo.codes("validate") if c.startswith("GJ-C")] == []
    log = repo.git("log", "--format=%ae %s")
    assert "zhaoguoqiang@huasheng-wy.example 批准" in log


def test_forged_approval(repo):
    """The director writes the GM's approval into the file and commits it."""
    assert repo.sign("director", "chen-jing", "2026-02-20").code == 0
    assert repo.sign("manager", "wang-li", "2026-02-27").code == 0
    assert repo.sign("gm", "chen-jing", "2026-03-02", by="zhao-guoqiang").code == 0
    assert "GJ-C010" in repo.codes()


def test_stale_after_edit(repo):
    chain(repo)
    path = repo.root / PROPOSAL
    path.write_text(path.read_text(encoding="utf-8").replace("place: 小区北侧绿地", "place: 小区南侧绿地"),
                    encoding="utf-8")
    repo.git("commit", "-qam", "改地点", day="2026-03-03", who="chen-jing")
    assert repo.codes("validate") == ["GJ-C002", "GJ-C002", "GJ-C002"]


def test_out_of_order(repo):
    assert repo.sign("director", "chen-jing", "2026-02-20").code == 0
    refused = repo.sign("gm", "zhao-guoqiang", "2026-03-02", key=repo.gm_key)
    assert refused.code == 2 and "复核" in refused.err
    # written by hand, without the re-check: the chain is out of order
    from guanjia.edit import set_signoff

    path = repo.root / PROPOSAL
    digest = next(line.split()[-1] for line in path.read_text(encoding="utf-8").splitlines() if "digest:" in line)
    from datetime import date

    path.write_bytes(set_signoff(path.read_bytes(), "approved", "zhao-guoqiang", date(2026, 3, 2), digest))
    assert "GJ-C003" in repo.codes("validate")


def test_wrong_role(repo):
    refused = repo.sign("gm", "wang-li", "2026-03-02")
    assert refused.code == 2 and "不是项目总经理" in refused.err
    assert repo.sign("director", "chen-jing", "2026-02-20").code == 0
    assert repo.sign("manager", "wang-li", "2026-02-27").code == 0
    from datetime import date

    from guanjia.edit import set_signoff

    path = repo.root / PROPOSAL
    digest = next(line.split()[-1] for line in path.read_text(encoding="utf-8").splitlines() if "digest:" in line)
    path.write_bytes(set_signoff(path.read_bytes(), "approved", "liu-yang", date(2026, 3, 2), digest))
    assert "GJ-A006" in repo.codes("validate")


def test_not_in_role_on_that_date(repo):
    """孙浩 became a butler on 16 March: a record he signs on 13 March is refused."""
    refused = repo.guanjia("approve", "records/2026/2026-03-12-zhishujie/record.yaml", "--as", "butler",
                           "--by", "sun-hao", "--today", "2026-03-13", day="2026-03-13", who="liu-yang")
    assert refused.code == 2 and "2026-03-13 不是管家" in refused.err
    record = repo.root / "records/2026/2026-03-12-zhishujie/record.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("by: liu-yang", "by: sun-hao"), encoding="utf-8")
    codes = repo.codes("validate")
    assert "GJ-A028" in codes and "GJ-A006" not in codes


def test_signed_with_the_wrong_key(repo):
    other, _ = keygen(repo.keys, "someone-else")
    chain(repo, gm_key=other)
    assert repo.codes() == ["GJ-C011"]


def test_unsigned_when_a_key_is_registered(repo):
    assert repo.sign("director", "chen-jing", "2026-02-20").code == 0
    assert repo.sign("manager", "wang-li", "2026-02-27").code == 0
    repo.git("config", "commit.gpgsign", "false")
    assert repo.guanjia("approve", PROPOSAL, "--as", "gm", "--today", "2026-03-02", "--commit", day="2026-03-02",
                        who="zhao-guoqiang").code == 0
    assert repo.codes() == ["GJ-C011"]


def test_backdated(repo):
    """The GM signs on 4 March but writes 2 March."""
    assert repo.sign("director", "chen-jing", "2026-02-20").code == 0
    assert repo.sign("manager", "wang-li", "2026-02-27").code == 0
    run = repo.guanjia("approve", PROPOSAL, "--as", "gm", "--today", "2026-03-02", "--commit", day="2026-03-04",
                       who="zhao-guoqiang", key=repo.gm_key)
    assert run.code == 0, run
    assert repo.codes() == ["GJ-C012"]


def test_only_new_signoffs_are_checked_against_a_base(repo):
    assert repo.sign("director", "chen-jing", "2026-02-20").code == 0
    assert repo.sign("manager", "wang-li", "2026-02-27").code == 0
    base = repo.git("rev-parse", "HEAD").strip()
    assert repo.sign("gm", "chen-jing", "2026-03-02", by="zhao-guoqiang").code == 0  # forged, after base
    run = repo.guanjia("approvals", "--base", base, "--format", "json", day="2026-03-10", who="liu-yang")
    lines = (repo.root / PROPOSAL).read_text(encoding="utf-8").splitlines()
    by_line = next(i for i, line in enumerate(lines, 1) if line == "approved:") + 1
    assert {(f["code"], f["line"]) for f in run.json()["findings"]} == {("GJ-C010", by_line), ("GJ-C011", by_line)}
