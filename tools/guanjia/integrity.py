"""Attachment integrity: every attached file is recorded with its SHA-256, and the files still match.

``check`` hashes every file a record or proposal names and compares it with the recorded hash. It
never counts as good what it skipped: a record or proposal that cannot be read, and an entry
written wrong (a malformed SHA-256), are errors of their own, and the tally says how many
attachments were checked, matched, failed and could not be checked. ``fill`` writes missing
hashes into the YAML, one line each, touching nothing else (the document must then be signed
again: its content changed).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from .archive import YAMLISH, Activity, Archive
from .atomic import write_atomic
from .attachments import LISTS, Entry, entry, every, locate, of
from .edit import insert_lines
from .errors import GuanjiaError
from .files import NotRegular, read_bytes, refused, sha256_of
from .findings import Finding, Severity
from .load import Document, load_bytes
from .names import visible
from .rules.chain import archived
from .rules.links import at
from .validate import digest_shape

TITLES = {"record": "记录表", "proposal": "策划表"}
_CHECK_FIRST = "先运行 guanjia validate 改正这个文件，再运行 guanjia verify。"


@dataclass
class Tally:
    matched: int = 0
    failed: int = 0  # missing, changed, or not a regular file
    unchecked: int = 0  # no hash recorded, written wrong, or unreadable
    unread: int = 0  # records and proposals that could not be read: how many attachments they list is not known
    outside: int = 0  # kept outside the repository: only the hash is recorded

    @property
    def checked(self) -> int:
        return self.matched + self.failed

    def counts(self) -> dict[str, int]:
        return {"checked": self.checked, "matched": self.matched, "failed": self.failed, "unchecked": self.unchecked,
                "unread_documents": self.unread, "outside": self.outside}

    def summary(self) -> str:
        line = f"附件：核对了 {self.checked} 个，{self.matched} 个一致，{self.failed} 个不一致或缺失，{self.unchecked} 个无法核对"
        if self.unread:
            line += f"；另有 {self.unread} 份记录表或策划表读不出来，其中的附件没有核对"
        if self.outside:
            line += f"；{self.outside} 个仓库外的文件只记录了摘要，未核对"
        return line + "。"


def check(archive: Archive) -> tuple[list[Finding], Tally]:
    """Findings, and how many attachments matched, failed and could not be checked."""
    found: list[Finding] = []
    tally = Tally()
    unread: dict[str, Finding] = {}
    for f in archive.findings:
        if f.severity is Severity.ERROR:
            unread.setdefault(f.path, f)
    for activity in archive.activities():
        for e in of(activity):
            found += _check(e, tally)
        documents = {f"{activity.shown}/{kind}.yaml": kind for kind in LISTS}
        for shown, kind in documents.items():
            if getattr(activity, kind) is None:
                found += _unread(activity, kind, unread.get(shown), tally)
        found += [_not_read(f, "这个文件的名字不对，guanjia 没有读它：如果它是记录表或策划表，其中的附件没有核对。", tally)
                  for shown, f in unread.items()
                  if f.code == "GJ-A015" and shown.rsplit("/", 1)[0] == activity.shown and shown not in documents
                  and shown.lower().endswith(YAMLISH)]
    return found, tally


def _check(e: Entry, tally: Tally) -> list[Finding]:
    if e.url:
        tally.outside += 1
        return []
    located = locate(e)
    if located.file is None:
        tally.failed += 1
        if located.missing:  # an archived file is restored as it was; a record in the making still gets its file
            return [at(e.doc, e.key + (e.field,), "GJ-V003", f"附件“{e.name}”不见了。",
                       "这个活动已经归档，档案永久保存：请从备份找回这个文件，原样放回（文件名一字不差）。"
                       if archived(e.activity) else located.hint + "文件名写错了的，改正记录里的路径。")]
        return [at(e.doc, e.key + (e.field,), located.code, located.message, located.hint)]
    if e.sha256 is None:
        tally.unchecked += 1
        return [at(e.doc, e.key, "GJ-V001", f"附件“{e.name}”没有记录 SHA-256，无法核对。",
                   "运行 guanjia verify --fill 填写；填写后需要重新签字。")]
    try:
        digest = sha256_of(located.file)
    except NotRegular as exc:  # swapped for a pipe or device since it was located
        tally.failed += 1
        pos = e.doc.pos(e.key + (e.field,))
        return [refused(e.doc.shown, exc.kind, pos.line, pos.column, e.name)]
    except OSError as exc:
        tally.unchecked += 1
        return [at(e.doc, e.key + (e.field,), "GJ-V004", f"附件“{e.name}”读不出来，无法核对（{exc.strerror or exc}）。",
                   "请 IT 检查文件权限和磁盘。")]
    if digest != e.sha256:
        tally.failed += 1
        return [at(e.doc, e.key + ("sha256",), "GJ-V002", f"附件“{e.name}”的内容与记录的 SHA-256 不符：文件被改动或替换过。",
                   "找回原来的文件；确需更换时，按更正程序写更正说明并由管家部经理签字。")]
    tally.matched += 1
    return []


def _unread(activity: Activity, kind: str, problem: Finding | None, tally: Tally) -> list[Finding]:
    """A record or proposal without a typed view: check what can be read of its list, say what cannot."""
    doc = activity.docs.get(kind)
    if doc is None:
        return [_not_read(problem, f"{TITLES[kind]}读不出来，其中的附件没有核对。", tally)] if problem else []
    if not doc.ok:
        return [_not_read(doc.findings[0], f"{TITLES[kind]}读不出来，其中的附件没有核对。", tally)]
    name, _, model = LISTS[kind]
    items = doc.data.get(name) if isinstance(doc.data, dict) else None
    if items is None:
        return []  # lists nothing (the document's own errors are for guanjia validate)
    if not isinstance(items, list):
        tally.unread += 1
        return [at(doc, (name,), "GJ-V004", f"{TITLES[kind]}的 {name} 不是列表，其中的附件没有核对。", _CHECK_FIRST)]
    found = []
    for i, raw in enumerate(items):
        try:
            item = model.model_validate(raw)
        except ValidationError as exc:
            tally.unchecked += 1
            found.append(_written_wrong(doc, (name, i), raw, exc.errors(include_url=False)[0]))
            continue
        e = entry(activity, kind, i, item)
        found += _check(e, tally) if e else []
    return found


def _written_wrong(doc: Document, key: tuple, raw, error: dict) -> Finding:
    loc = tuple(error["loc"])
    label = next((raw.get(k) for k in ("path", "file", "url") if isinstance(raw, dict) and isinstance(raw.get(k), str)),
                 f"第 {key[1] + 1} 项")
    if loc == ("sha256",):
        value = str(error.get("input"))
        return at(doc, key + loc, "GJ-V004", f"附件“{visible(label)}”记录的 SHA-256“{visible(value)}”写法不对："
                  f"{digest_shape(str((error.get('ctx') or {}).get('pattern', '')), value)}；无法核对。",
                  "摘要由 guanjia verify --fill 写入，不要手改：从 git 历史找回原来的值（git log -p -- 这个文件）；"
                  "确认文件没有被换过以后，也可以删掉这一行重新运行 guanjia verify --fill（之后需要重新签字）。")
    return at(doc, key + loc, "GJ-V004", f"附件“{visible(label)}”这一项写法不对（{error['msg']}），无法核对。", _CHECK_FIRST)


def _not_read(problem: Finding, message: str, tally: Tally) -> Finding:
    tally.unread += 1
    return Finding(problem.path, problem.line, problem.column, "GJ-V004", f"{message}（{problem.code}：{problem.message}）",
                   _CHECK_FIRST)


def fill(archive: Archive) -> list[str]:
    """Write the SHA-256 of every attached file that has none. Returns the files changed."""
    plan: dict = {}
    for e in every(archive):
        target = None if e.url or e.sha256 else locate(e).file
        if target is None:
            continue
        pos = e.doc.pos(e.key + (e.field,))
        line = e.doc.lines[pos.key_line - 1]
        if "{" in line:
            raise GuanjiaError(f"{e.doc.shown} 第 {pos.key_line} 行的附件写在 {{ }} 里，请改成多行写法后再运行。")
        plan.setdefault(e.doc.path, (e.doc, []))[1].append(
            (pos.key_line, " " * (pos.key_column - 1) + f"sha256: {_read(sha256_of, target, e.shown)}"))
    for path, (doc, inserts) in plan.items():
        raw = _read(read_bytes, path, doc.shown)
        new = insert_lines(raw, inserts)
        before, after = load_bytes(raw, doc.shown), load_bytes(new, doc.shown)
        if not after.ok or _without_hashes(after.data) != _without_hashes(before.data):
            raise GuanjiaError(f"{doc.shown}：填写 SHA-256 后文件结构会改变，已放弃（原文件未改动）。")
        write_atomic(path, new)
    return [doc.shown for doc, _ in plan.values()]


def _read(how, path, shown: str):
    try:
        return how(path)
    except NotRegular as exc:
        raise GuanjiaError(f"{visible(shown)} 是{exc.kind}，不是普通文件；没有写入任何 SHA-256。") from None
    except OSError as exc:
        raise GuanjiaError(f"{visible(shown)} 读不出来（{exc.strerror or exc}）；没有写入任何 SHA-256。") from None


def _without_hashes(value):
    if isinstance(value, dict):
        return {k: _without_hashes(v) for k, v in value.items() if k != "sha256"}
    if isinstance(value, list):
        return [_without_hashes(v) for v in value]
    return value
