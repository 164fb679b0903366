"""Signoffs verified against git history: the commit that added a signoff must be its signer's.

For each signoff, walk the file's history (following renames) to the first commit whose
version of the file holds that exact signoff (person, date, digest). That commit's author
must be one of the person's git identities in the roster; where the roster lists the
person's SSH signing key, the commit must carry a good signature by that key; and the
signoff's date must be the commit's date in China time (neither backdated nor post-dated).
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .archive import Archive
from .errors import GuanjiaError
from .findings import Finding, Severity
from .load import Document, load_bytes
from .rules.links import at
from .signing import STEP_ZH, steps_of


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str  # e-mail
    day: date  # committer date, in the project's zone
    path: str  # the file's path at that commit


class Git:
    def __init__(self, root: Path, zone: str):
        self.root, self.zone = root, ZoneInfo(zone)
        top = self.run("rev-parse", "--show-toplevel", check=False)
        if top is None:
            raise GuanjiaError(f"{root} 不在 git 仓库中，无法核对签字的提交记录。")
        self.top = Path(top.strip())

    def run(self, *args: str, check: bool = True, extra: tuple[str, ...] = ()) -> str | None:
        proc = subprocess.run(["git", *extra, *args], cwd=self.root, capture_output=True)
        if proc.returncode != 0:
            if check:
                raise GuanjiaError(f"git {args[0]} 失败：{proc.stderr.decode('utf-8', 'replace').strip()}")
            return None
        return proc.stdout.decode("utf-8", "replace")

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.top.resolve()).as_posix()

    def history(self, path: Path) -> list[Commit]:
        """Commits that touched ``path``, oldest first, following renames."""
        out = self.run("-c", "core.quotepath=off", "log", "--follow", "--reverse", "--format=%x00%H%x1f%ae%x1f%cI", "--name-only", "--",
                       self.rel(path))
        commits = []
        for chunk in out.split("\x00")[1:]:
            head, _, names = chunk.partition("\n")
            sha, author, when = head.split("\x1f")
            name = next((n for n in names.splitlines() if n.strip()), self.rel(path))
            day = datetime.fromisoformat(when).astimezone(self.zone).date()
            commits.append(Commit(sha, author.lower(), day, name))
        return commits

    def show(self, commit: str, path: str) -> bytes | None:
        proc = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=self.top, capture_output=True)
        return proc.stdout if proc.returncode == 0 else None

    def signer(self, sha: str, allowed: Path) -> str | None:
        """The principal (e-mail) whose allowed SSH key made a good signature on ``sha``, or None."""
        proc = subprocess.run(["git", "-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={allowed}",
                               "verify-commit", "--raw", sha], cwd=self.root, capture_output=True, text=True)
        for line in (proc.stderr + proc.stdout).splitlines():
            if proc.returncode == 0 and line.startswith('Good "git" signature for '):
                return line.removeprefix('Good "git" signature for ').split(" with ")[0].strip().lower()
        return None


def signoff_in(raw: bytes | None, step: str) -> dict | None:
    if raw is None:
        return None
    doc = load_bytes(raw, "")
    data = doc.data if doc.ok and isinstance(doc.data, dict) else {}
    block = data.get(step)
    return block if isinstance(block, dict) else None


def _same(block: dict | None, signoff) -> bool:
    return bool(block) and (block.get("by"), block.get("date"), block.get("digest")) == (
        signoff.by, signoff.date.isoformat(), signoff.digest)


def documents(archive: Archive):
    for year in archive.years.values():
        if year.plan:
            yield "plan", year.plan_doc, year.plan
        for activity in year.activities:
            for kind, doc in activity.docs.items():
                if getattr(activity, kind) is not None:
                    yield kind, doc, getattr(activity, kind)


def new_signoffs(archive: Archive, git: Git, base: str | None):
    """(kind, doc, step, signoff) for every signoff not already present, identical, at ``base``."""
    for kind, doc, instance in documents(archive):
        for step in steps_of(kind):
            signoff = getattr(instance, step, None)
            if signoff is None:
                continue
            if base and _same(signoff_in(git.show(base, git.rel(doc.path)), step), signoff):
                continue
            yield kind, doc, step, signoff


def check(archive: Archive, base: str | None = None) -> list[Finding]:
    git = Git(archive.root, archive.settings.timezone)
    people = archive.roster.people if archive.roster else []
    found: list[Finding] = []
    with tempfile.TemporaryDirectory() as tmp:
        allowed = Path(tmp) / "allowed_signers"
        allowed.write_text("".join(f'{email} namespaces="git" {p.signing_key}\n' for p in people if p.signing_key
                                   for email in p.emails), encoding="utf-8")
        histories: dict[Path, list[Commit]] = {}
        for _kind, doc, step, signoff in new_signoffs(archive, git, base):
            person = archive.roster.get(signoff.by) if archive.roster else None
            if person is None:
                continue  # GJ-A005 already says so
            commits = histories.setdefault(doc.path, git.history(doc.path))
            commit = next((c for c in commits if _same(signoff_in(git.show(c.sha, c.path), step), signoff)), None)
            found += _judge(doc, step, signoff, person, commit, git, allowed)
    return found


def _judge(doc: Document, step: str, signoff, person, commit: Commit | None, git: Git, allowed: Path) -> list[Finding]:
    name = f"“{STEP_ZH[step]}”签字（{person.name}，{signoff.date}）"
    if commit is None:
        return [at(doc, (step,), "GJ-C014", f"{name}还没有提交到 git，无法核对是谁写入的。",
                   "签字要由本人提交（guanjia approve --commit）。", Severity.WARNING, on_key=True)]
    found = []
    emails = [e.lower() for e in person.emails]
    if commit.author not in emails:
        found.append(at(doc, (step, "by"), "GJ-C010",
                        f"{name}是由 {commit.author} 在提交 {commit.sha[:10]} 中写入的，不是{person.name}本人。",
                        f"签字必须由本人提交；花名册中{person.name}的邮箱：{'、'.join(emails) or '（无）'}。"))
    if person.signing_key and git.signer(commit.sha, allowed) not in emails:
        found.append(at(doc, (step, "by"), "GJ-C011",
                        f"{name}所在的提交 {commit.sha[:10]} 没有{person.name}的 SSH 签名（未签名或用了别的密钥）。",
                        "花名册登记了此人的签名公钥，签字提交必须用它签名（git commit -S）。"))
    if signoff.date < commit.day:
        found.append(at(doc, (step, "date"), "GJ-C012",
                        f"{name}的日期早于写入它的提交日期 {commit.day}：签字倒签了日期。", "签字日期就是实际签字（提交）的日期。"))
    elif signoff.date > commit.day:
        found.append(at(doc, (step, "date"), "GJ-C013",
                        f"{name}的日期晚于写入它的提交日期 {commit.day}：不能预先签上以后的日期。"))
    return found
