"""Signoffs verified against git history: the commit that introduced a signoff must be its signer's.

A signoff is known by what it says (the kind of document, the block, who, the date, the digest),
not by the file that holds it, so copies, renamed folders, merges, rebases and squashes cannot hide
where it came from. Walking every commit oldest first, the number of times each signoff occurs in
the tree is carried over from the first parent and changed by that commit's diff; a commit
*introduces* a signoff when its tree holds it and no parent's tree does. The signoff stands when one
of the commits that introduced it is the signer's own: authored with one of their e-mails, signed
with their SSH key where the roster has one, on the signoff's date (China time). A committed
signoff that cannot be attributed so is an error; "not committed yet" is only a warning, and only
for what the working tree has that HEAD does not.

Authority comes from the base: with ``base`` (a pull request's target), only signoffs the base does
not hold are checked, and the roster at the base judges them (people, roles, e-mails, keys), so a
pull request cannot use the grants it adds itself.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from .archive import Archive
from .clock import today_in
from .errors import GuanjiaError
from .findings import Finding, Severity
from .git import Commit, Git
from .load import load_bytes
from .models import Roster, Settings
from .rules.links import at, signer
from .signoffs import Signed, every, kind_of, raw_idents
from .validate import parse


def authority(archive: Archive, git: Git, base: str | None) -> Roster:
    """The roster that judges the signoffs: the base's, or the working tree's when there is no base."""
    if base is None:
        if archive.roster is None:
            raise GuanjiaError("花名册 records/roster.yaml 有错误，无法核对签字；先运行 guanjia validate 改正。")
        return archive.roster
    path = git.rel(archive.root / "records" / "roster.yaml")
    raw = git.show(base, path)
    roster, _ = parse(load_bytes(raw, path), Roster) if raw is not None else (None, None)
    if roster is None:
        raise GuanjiaError(f"基线 {base} 上的花名册 {path} 不存在或有错误：签字要按基线上的花名册核对。")
    return roster


def base_settings(archive: Archive, git: Git, base: str) -> Settings:
    """guanjia.yml at the base (its defaults where the base has none): the rules a pull request is judged by."""
    path = git.rel(archive.root / "guanjia.yml")
    raw = git.show(base, path)
    settings, _ = parse(load_bytes(raw, path), Settings) if raw is not None else (Settings(), None)
    if settings is None:
        raise GuanjiaError(f"基线 {base} 上的设置 {path} 有错误：签字要按基线上的设置核对。")
    return settings


def counts(git: Git, tips: tuple[str, ...], under: str, wanted: set[tuple]) -> tuple[dict[str, Counter], list]:
    """How often each wanted signoff occurs in each commit's tree; and the commit graph, oldest first.

    Only files that may hold a wanted signoff are read: those with its digest or signer in their bytes,
    or with an escape (``\\``) that could spell them otherwise."""
    graph = git.graph(*tips)
    changes = git.changes(tips, under)
    tokens = {(ident[-1] or ident[2]).removeprefix("sha256:").encode() for ident in wanted}
    blobs = {c.old for cs in changes.values() for c in cs if c.old} | {c.new for cs in changes.values() for c in cs if c.new}
    content = git.blobs(sorted(blobs))
    relevant = {oid for oid, raw in content.items() if b"\\" in raw or any(token in raw for token in tokens)}
    parsed: dict[tuple[str, str], list[tuple]] = {}

    def idents(oid: str, kind: str, path: str) -> list[tuple]:
        if (oid, kind) not in parsed:
            parsed[oid, kind] = [i for i in raw_idents(kind, load_bytes(content[oid], path).data) if i in wanted]
        return parsed[oid, kind]

    tally: dict[str, Counter] = {}
    for sha, parents in graph:
        now = Counter(tally[parents[0]]) if parents else Counter()
        for change in changes.get(sha, []):
            kind = kind_of(change.path[len(under) + 1:])
            for oid, sign in ((change.old, -1), (change.new, 1)):
                if kind and oid in relevant:
                    for ident in idents(oid, kind, change.path):
                        now[ident] += sign
        tally[sha] = +now
    return tally, graph


def events(graph: list, tally: dict[str, Counter], ident: tuple, outside: set[str]) -> tuple[list[str], list[str]]:
    """The commits (not in ``outside``: the base's history) that introduced ``ident`` (their tree holds it, no
    parent's does) and those that copied it (their tree holds it more often than any parent's)."""
    introduced, copied = [], []
    for sha, parents in graph:
        n = tally[sha][ident]
        if n and sha not in outside:
            before = max((tally[p][ident] for p in parents), default=0)
            (introduced if before == 0 else copied if n > before else []).append(sha)
    return introduced, copied


def check(archive: Archive, today: date | None, base: str | None = None) -> tuple[list[Finding], list[Signed], Roster]:
    """Findings about who put each signoff into history, the signoffs that were checked, and the roster
    that judged them. With ``base``, its roster and settings judge (time zone, adoption date)."""
    git = Git(archive.root, archive.settings.timezone)
    base_sha = git.commit_of(base) if base is not None else None
    settings = base_settings(archive, git, base) if base is not None else archive.settings
    git = Git(archive.root, settings.timezone)
    today = today or today_in(settings.timezone)
    roster = authority(archive, git, base)
    head = git.head()
    signed = list(every(archive))
    tips = tuple(t for t in (head, base_sha) if t)
    tally, graph = counts(git, tips, git.rel(archive.root / "records"), {s.ident for s in signed}) if tips else ({}, [])
    at_head = tally.get(head, Counter())
    if base_sha:  # new, or copied once more, since the base
        signed = [s for s in signed if not tally[base_sha][s.ident] or at_head[s.ident] > tally[base_sha][s.ident]]
    shared = set(git.run("rev-list", base_sha, "--").split()) if base_sha else set()
    trail = {ident: events(graph, tally, ident, shared) for ident in {s.ident for s in signed}}
    commits = git.info(sorted({sha for shas in trail.values() for group in shas for sha in group}))
    found: list[Finding] = []
    with tempfile.TemporaryDirectory() as tmp:
        allowed = Path(tmp) / "allowed_signers"
        allowed.write_text("".join(f'{email} namespaces="git" {p.signing_key}\n' for p in roster.people
                                   if p.signing_key for email in p.emails), encoding="utf-8")
        for s in signed:
            introduced, copied = trail[s.ident]
            extra = at_head[s.ident] > (tally[base_sha][s.ident] if base_sha else 1)
            inherited = bool(base_sha and tally[base_sha][s.ident])  # the base has it: only its new copies matter
            found += _judge(s, roster, [commits[sha] for sha in introduced], [commits[sha] for sha in copied if extra],
                            at_head[s.ident] > 0, git, allowed, today, base is not None, settings.adopted, inherited)
    return found, signed, roster


def _judge(s: Signed, roster: Roster, introducers: list[Commit], copies: list[Commit], committed: bool, git: Git,
           allowed: Path, today: date, from_base: bool, adopted: date | None = None, inherited: bool = False
           ) -> list[Finding]:
    doc, signoff = s.doc, s.signoff
    person = roster.get(signoff.by)
    found = []
    if signoff.date > today:
        found.append(at(doc, s.key + ("date",), "GJ-C015",
                        f"“{s.name}”签字的日期 {signoff.date} 晚于今天（{today}）：不能预先签字。"))
    if person is None:
        if from_base:
            found.append(at(doc, s.key + ("by",), "GJ-C016", f"基线上的花名册里没有“{signoff.by}”：新加入花名册的人，"
                            "要等花名册的改动合并以后，才能在另一个拉取请求里签字。"))
        return found  # otherwise GJ-A005 already says so
    name = f"“{s.name}”签字（{person.name}，{signoff.date}）"
    if from_base:
        found += [Finding(f.path, f.line, f.column, "GJ-C016", "按基线上的花名册：" + f.message, f.hint)
                  for f in signer(roster, s.doc, s.key, s.signoff, s.roles)]
    if signoff.paper is not None:  # signed on paper before guanjia: judged by rules.paper, with the base's adopted date
        if from_base and (adopted is None or signoff.date >= adopted):
            found.append(at(doc, s.key + ("paper",), "GJ-C017",
                            f"{name}是纸质签字，但按基线上的 guanjia.yml，" + (
                                "还没有开始使用 guanjia 的日期 adopted。" if adopted is None else
                                f"它不早于开始使用 guanjia 的日期 {adopted}。"),
                            "纸质签字只用于开始使用 guanjia 之前的档案；改动 adopted 要先单独经项目总经理批准合并。"))
        return found
    if not committed:
        return found + [at(doc, s.key, "GJ-C014", f"{name}还没有提交到 git，无法核对是谁写入的。",
                           "签字要由本人提交（guanjia approve … --commit）。", Severity.WARNING, on_key=True)]
    verdicts = [_attribute(s, person, name, c, git, allowed) for c in introducers]
    if not verdicts and not inherited:  # it came back through the base's own history, where it had been taken out
        found.append(at(doc, s.key + ("by",), "GJ-C019", f"{name}在基线上已经被删除（撤回），这个拉取请求又把它带了回来。",
                        "撤回的签字不能恢复；要签，由本人重新用 guanjia approve 签字。"))
    elif verdicts and all(verdicts):
        found += verdicts[0]
    for copy in copies:
        if _attribute(s, person, name, copy, git, allowed):
            found.append(at(doc, s.key + ("by",), "GJ-C018",
                            f"{name}在提交 {copy.sha[:10]} 中被 {copy.author} 复制了一份：一个签字只对它签的那一份文件有效。",
                            "复制文件（例如往年的策划表）时删掉原来的签字，由本人重新签。"))
    return found


def _attribute(s: Signed, person, name: str, commit: Commit, git: Git, allowed: Path) -> list[Finding]:
    """What is wrong with ``commit`` as the signer's own act of signing (nothing: it is theirs)."""
    doc, signoff = s.doc, s.signoff
    emails = [e.lower() for e in person.emails]
    found = []
    if commit.author not in emails:
        found.append(at(doc, s.key + ("by",), "GJ-C010",
                        f"{name}是由 {commit.author} 在提交 {commit.sha[:10]} 中写入的，不是{person.name}本人。",
                        f"签字必须由本人提交；花名册中{person.name}的邮箱：{'、'.join(emails) or '（无）'}。"
                        "合并拉取请求时只能用“合并提交”，不能压缩（squash）或变基（rebase）。"))
    if person.signing_key and git.signer(commit.sha, allowed) not in emails:
        found.append(at(doc, s.key + ("by",), "GJ-C011",
                        f"{name}所在的提交 {commit.sha[:10]} 没有{person.name}的 SSH 签名（未签名或用了别的密钥）。",
                        "花名册登记了此人的签名公钥，签字提交必须用它签名（git commit -S）；变基会去掉签名。"))
    if signoff.date < commit.day:
        found.append(at(doc, s.key + ("date",), "GJ-C012",
                        f"{name}的日期早于写入它的提交日期 {commit.day}：签字倒签了日期。", "签字日期就是实际签字（提交）的日期。"))
    elif signoff.date > commit.day:
        found.append(at(doc, s.key + ("date",), "GJ-C013",
                        f"{name}的日期晚于写入它的提交日期 {commit.day}：不能预先签上以后的日期。"))
    return found


AUTHORITY = ("records/roster.yaml", "guanjia.yml")  # who may sign, and the rules they sign under


def authority_changes(archive: Archive, base: str) -> list[str]:
    """Which of the files that grant authority this change makes differ from the base."""
    git = Git(archive.root, archive.settings.timezone)
    changed = []
    for name in AUTHORITY:
        path = archive.root / name
        now = path.read_bytes() if path.is_file() else None
        if now != git.show(git.commit_of(base), git.rel(path)):
            changed.append(name)
    return changed
