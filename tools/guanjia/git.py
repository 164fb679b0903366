"""The one wrapper around the git command: history, file versions, signatures.

Every command that lists paths is read NUL-separated (``-z``): git would otherwise quote a name
(Chinese with ``core.quotepath`` on, spaces, quotes, tabs, newlines, backslashes). Commands run at the
top of the work tree with literal pathspecs, so a project kept in a subfolder of its repository is
seen whole, and a folder named ``[1]`` or ``*`` means just that folder."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .errors import GuanjiaError

_OID = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")
NULL_OID = re.compile(r"0+")


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str  # e-mail, lower case
    day: date  # the author date, in the project's zone: the day the signer made the commit
    name: str = ""


@dataclass(frozen=True)
class Change:
    """One file changed by a commit (against its first parent): blob ids before and after (None: absent)."""

    path: str
    old: str | None
    new: str | None


class Git:
    def __init__(self, root: Path, zone: str):
        self.root, self.zone = root, ZoneInfo(zone)
        self.top = root  # until git says where the top is
        top = self.run_bytes("rev-parse", "--show-toplevel", check=False)
        if top is None:
            raise GuanjiaError(f"{root} 不在 git 仓库中，无法核对签字的提交记录。")
        self.top = Path(os.fsdecode(top.rstrip(b"\n")))

    def run(self, *args: str, check: bool = True, stdin: bytes | None = None) -> str | None:
        out = self.run_bytes(*args, check=check, stdin=stdin)
        return None if out is None else out.decode("utf-8", "replace")

    def run_bytes(self, *args: str, check: bool = True, stdin: bytes | None = None) -> bytes | None:
        try:
            proc = subprocess.run(["git", "--literal-pathspecs", "-c", "core.quotepath=off", *args], cwd=self.top,
                                  capture_output=True, input=stdin)
        except FileNotFoundError:
            raise GuanjiaError("找不到 git 命令，请先安装 git。") from None
        if proc.returncode != 0:
            if check:
                raise GuanjiaError(f"git {args[0]} 失败：{proc.stderr.decode('utf-8', 'replace').strip()}")
            return None
        return proc.stdout

    def rel(self, path: Path) -> str:
        """``path`` from the top of the work tree; a symbolic link is named, not followed."""
        return (path.parent.resolve() / path.name).relative_to(self.top.resolve()).as_posix()

    def names(self, commit: str, under: str) -> list[str]:
        """Every file under the folder ``under`` (from the top) in ``commit``, read NUL-separated."""
        out = self.run_bytes("ls-tree", "-r", "-z", "--full-tree", "--name-only", commit, "--", under) or b""
        return [os.fsdecode(name) for name in out.split(b"\x00") if name]

    def commit_of(self, ref: str) -> str:
        """The commit ``ref`` names; a ref that does not exist is a usage error (exit 2), never "all history"."""
        sha = self.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}", check=False)
        if not sha:
            raise GuanjiaError(f"找不到提交“{ref}”：请检查分支名（拉取请求里一般是 origin/main），"
                               "并确认已取回它（git fetch origin）。")
        return sha.strip()

    def head(self) -> str | None:
        sha = self.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
        return sha.strip() if sha else None

    def graph(self, *tips: str) -> list[tuple[str, tuple[str, ...]]]:
        """Every commit reachable from ``tips``, parents before children: (sha, parents).

        A shallow clone (CI's default on some hosts) would make its oldest commit look as if it had
        written everything in it: that is refused, not reported as forgeries."""
        if (self.run("rev-parse", "--is-shallow-repository", check=False) or "").strip() == "true":
            raise GuanjiaError("这是一个浅克隆（只取回了最近的几次提交），无法核对签字是谁写入的。"
                               "请取回完整历史：git fetch --unshallow；在 CI 里设置 fetch-depth: 0（GitHub）"
                               "或 GIT_DEPTH: 0（GitLab）。")
        out = self.run("rev-list", "--topo-order", "--reverse", "--parents", *tips, "--")
        return [(line.split()[0], tuple(line.split()[1:])) for line in out.splitlines() if line.strip()]

    def changes(self, tips: tuple[str, ...], under: str) -> dict[str, list[Change]]:
        """For each commit reachable from ``tips``, the files under ``under`` it changed against its first
        parent (merges included, renames and copies seen as plain deletions and additions)."""
        out = self.run_bytes("log", "--format=%x00%H", "--raw", "-z", "--no-renames", "--no-abbrev",
                             "--diff-merges=first-parent", "--full-history", *tips, "--", under)
        found: dict[str, list[Change]] = {}
        current = None
        tokens = iter(out.split(b"\x00"))
        for token in tokens:
            text = token.decode("utf-8", "replace").strip("\n")
            if text.startswith(":"):
                meta = text[1:].split()
                path = os.fsdecode(next(tokens))
                old, new = (None if NULL_OID.fullmatch(meta[i]) else meta[i] for i in (2, 3))
                found.setdefault(current, []).append(Change(path, old, new))
            elif _OID.fullmatch(text):
                current = text
        return found

    def blobs(self, oids: list[str]) -> dict[str, bytes]:
        """The content of each blob, read by one ``git cat-file --batch``."""
        if not oids:
            return {}
        out = self.run_bytes("cat-file", "--batch", stdin="".join(f"{o}\n" for o in oids).encode())
        found, at = {}, 0
        for oid in oids:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) == 3:
                size = int(header[2])
                found[oid] = out[at: at + size]
                at += size + 1
        return found

    def info(self, shas: list[str]) -> dict[str, Commit]:
        if not shas:
            return {}
        out = self.run("log", "--no-walk=unsorted", "--format=%H%x1f%ae%x1f%aI%x1f%an%x00", *shas, "--")
        found = {}
        for record in out.split("\x00"):
            if record.strip():
                sha, email, when, name = record.strip("\n").split("\x1f")
                found[sha] = Commit(sha, email.lower(), datetime.fromisoformat(when).astimezone(self.zone).date(), name)
        return found

    def show(self, commit: str, path: str) -> bytes | None:
        return self.run_bytes("show", f"{commit}:{path}", check=False)

    def signer(self, sha: str, allowed: Path) -> str | None:
        """The principal (e-mail) whose allowed SSH key made a good signature on ``sha``, or None."""
        proc = subprocess.run(["git", "-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={allowed}",
                               "verify-commit", "--raw", sha], cwd=self.root, capture_output=True, text=True)
        for line in (proc.stderr + proc.stdout).splitlines():
            if proc.returncode == 0 and line.startswith('Good "git" signature for '):
                return line.removeprefix('Good "git" signature for ').split(" with ")[0].strip().lower()
        return None
