"""A real git repository with the four people of the demo roster, each signing as themselves.

Each person commits with their own identity and clock (``GIT_AUTHOR_*``/``GIT_COMMITTER_*``), the
GM with an SSH signing key made by ssh-keygen here; guanjia runs in this process (click's runner),
git as a real command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import REPO, Run, invoke

BASE = REPO / "tests" / "examples" / "base"
ACT = "records/2026/2026-03-12-zhishujie"
PROPOSAL = f"{ACT}/proposal.yaml"
PEOPLE = {  # roster id → (e-mail, role)
    "chen-jing": ("chenjing@huasheng-wy.example", "director"),
    "wang-li": ("wangli@huasheng-wy.example", "manager"),
    "zhao-guoqiang": ("zhaoguoqiang@huasheng-wy.example", "gm"),
    "liu-yang": ("liuyang@huasheng-wy.example", "butler"),
}


def keygen(folder: Path, name: str) -> tuple[Path, str]:
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key, " ".join((folder / f"{name}.pub").read_text().split()[:2])


class Repo:
    def __init__(self, root: Path, keys: Path):
        self.root, self.keys = root, keys
        self.gm_key, self.gm_pub = keygen(keys, "gm")

    def env(self, who: str, day: str) -> dict:
        email = PEOPLE[who][0]
        stamp = f"{day}T10:00:00+08:00"
        return {"GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": who,
                "GIT_COMMITTER_EMAIL": email, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}

    def git(self, *args: str, day: str = "2026-02-20", who: str = "chen-jing", check: bool = True) -> str:
        proc = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=self.root, capture_output=True, text=True,
                              env={**os.environ, **self.env(who, day)})
        assert proc.returncode == 0 or not check, proc.stderr
        return proc.stdout

    def guanjia(self, *args: str, day: str, who: str, key: Path | None = None) -> Run:
        """Run guanjia as ``who`` on ``day``: their git identity, their clock, their signing key."""
        self.git("config", "user.email", PEOPLE[who][0])
        self.git("config", "commit.gpgsign", "true" if key else "false")
        if key:
            self.git("config", "user.signingkey", str(key))
        return invoke("--root", str(self.root), *args, env=self.env(who, day))

    def sign(self, path: str, role: str, who: str, day: str, *extra: str, key: Path | None = None) -> Run:
        if role == "gm" and key is None and who == "zhao-guoqiang":
            key = self.gm_key
        return self.guanjia("approve", str(self.root / path), "--as", role, "--today", day, "--commit", *extra, day=day, who=who, key=key)

    def commit(self, message: str, who: str, day: str, key: Path | None = None) -> None:
        self.git("add", "-A", day=day, who=who)
        self.git(*(["-c", f"user.signingkey={key}", "commit", "-S"] if key else ["commit"]), "-qm", message,
                 day=day, who=who)  # ``git()`` turns signing off: each person's key is on their own machine

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def findings(self, *args: str, day: str | None = None) -> list[dict]:
        """What a check reports (as of ``day``; default: today in China)."""
        run = invoke("--root", str(self.root), *args, *(("--today", day) if day else ()), "--format", "json")
        assert run.code in (0, 1), run
        return run.json()["findings"]

    def errors(self, *args: str, day: str | None = None) -> list[str]:
        return sorted(f["code"] for f in self.findings(*args, day=day) if f["severity"] == "error")


def make_repo(tmp_path: Path, unsigned: tuple[str, ...] = (PROPOSAL,), files: dict[str, bytes] | None = None) -> Repo:
    """The base example in git: the GM's key in the roster, ``unsigned`` documents without their signoffs,
    ``files`` (path → content) added before the initial commit."""
    keys = tmp_path / "keys"
    keys.mkdir()
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    for rel, content in (files or {}).items():
        (root / rel).write_bytes(content)
    r = Repo(root, keys)
    roster = root / "records/roster.yaml"
    roster.write_text(roster.read_text(encoding="utf-8").replace(
        "    login: zhao-guoqiang\n", f"    login: zhao-guoqiang\n    signing_key: {r.gm_pub}\n"), encoding="utf-8")
    for rel in unsigned:
        path = root / rel
        body = path.read_text(encoding="utf-8")
        path.write_text(body[: body.index("\nprepared:\n") + 1], encoding="utf-8")
    r.git("init", "-q", "-b", "main")
    r.git("config", "gpg.format", "ssh")
    r.commit("项目初始化", "wang-li", "2026-01-02")
    r.initial = r.head()
    return r
