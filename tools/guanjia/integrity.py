"""Attachment integrity: every attached file is recorded with its SHA-256, and the files still match.

``check`` reads every file under the activity folders that a record or proposal names and
compares it with the recorded hash; ``fill`` writes missing hashes into the YAML, one line
each, touching nothing else (the document must then be signed again: its content changed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .archive import Activity, Archive
from .atomic import write_atomic
from .edit import insert_lines
from .errors import GuanjiaError
from .findings import Finding
from .load import Document, load_bytes
from .rules.links import at


@dataclass
class Entry:
    activity: Activity
    doc: Document
    key: tuple  # the entry in the document, e.g. ("attachments", 2)
    field: str  # "path" or "file"
    path: str | None
    url: str | None
    sha256: str | None


def entries(archive: Archive) -> Iterator[Entry]:
    for activity in archive.activities():
        if activity.record:
            for i, a in enumerate(activity.record.attachments):
                yield Entry(activity, activity.docs["record"], ("attachments", i), "path", a.path, a.url, a.sha256)
        if activity.proposal:
            for i, x in enumerate(activity.proposal.external_proposals):
                if x.file:
                    yield Entry(activity, activity.docs["proposal"], ("external_proposals", i), "file", x.file, None,
                                x.sha256)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file(entry: Entry) -> Path | None:
    target = entry.activity.folder / entry.path
    try:
        inside = target.resolve().is_relative_to(entry.activity.folder.resolve())
        return target if inside and target.is_file() and not target.is_symlink() else None
    except (OSError, RuntimeError):
        return None


def check(archive: Archive) -> tuple[list[Finding], int, int]:
    """Findings, files that match, and files kept outside the repository (hash recorded, not checkable here)."""
    found, good, outside = [], 0, 0
    for entry in entries(archive):
        if entry.url:
            outside += 1
            continue
        target = _file(entry)
        if target is None:
            found.append(at(entry.doc, entry.key + (entry.field,), "GJ-V003", f"附件“{entry.path}”不见了。",
                            "档案永久保存：请从备份找回这个文件，原样放回。"))
        elif entry.sha256 is None:
            found.append(at(entry.doc, entry.key, "GJ-V001", f"附件“{entry.path}”没有记录 SHA-256。",
                            "运行 guanjia verify --fill 填写；填写后需要重新签字。"))
        elif sha256_of(target) != entry.sha256:
            found.append(at(entry.doc, entry.key + ("sha256",), "GJ-V002",
                            f"附件“{entry.path}”的内容与记录的 SHA-256 不符：文件被改动或替换过。",
                            "找回原来的文件；确需更换时，按更正程序写更正说明并由管家部经理签字。"))
        else:
            good += 1
    return found, good, outside


def fill(archive: Archive) -> list[str]:
    """Write the SHA-256 of every attached file that has none. Returns the files changed."""
    plan: dict[Path, tuple[Document, list[tuple[int, str]]]] = {}
    for entry in entries(archive):
        target = None if entry.url or entry.sha256 else _file(entry)
        if target is None:
            continue
        pos = entry.doc.pos(entry.key + (entry.field,))
        line = entry.doc.lines[pos.key_line - 1]
        if "{" in line:
            raise GuanjiaError(f"{entry.doc.shown} 第 {pos.key_line} 行的附件写在 {{ }} 里，请改成多行写法后再运行。")
        plan.setdefault(entry.doc.path, (entry.doc, []))[1].append(
            (pos.key_line, " " * (pos.key_column - 1) + f"sha256: {sha256_of(target)}"))
    for path, (doc, inserts) in plan.items():
        raw = path.read_bytes()
        new = insert_lines(raw, inserts)
        before, after = load_bytes(raw, doc.shown), load_bytes(new, doc.shown)
        if not after.ok or _without_hashes(after.data) != _without_hashes(before.data):
            raise GuanjiaError(f"{doc.shown}：填写 SHA-256 后文件结构会改变，已放弃（原文件未改动）。")
        write_atomic(path, new)
    return [doc.shown for doc, _ in plan.values()]


def _without_hashes(value):
    if isinstance(value, dict):
        return {k: _without_hashes(v) for k, v in value.items() if k != "sha256"}
    if isinstance(value, list):
        return [_without_hashes(v) for v in value]
    return value
