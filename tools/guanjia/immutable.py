"""The permanent archive (保存期限：永久): once an activity's evaluation is approved, its files are fixed.

A change is compared with its base. Every file of an activity archived at the base must still be
there, byte for byte, unless the one amendment the change appends to the activity's
amendments.yaml names it and the manager has signed that amendment (its digest binds the corrected
files as they are: ``rules.chain`` checks that, ``history`` checks who signed it). Earlier amendments
may not be edited; an archived activity may never be deleted; an activity not archived at the base
takes no amendments (it is corrected by signing again).
"""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from pathlib import Path

from .archive import Archive
from .files import kind_of, read_bytes, refused
from .findings import Finding
from .git import Git
from .load import load_bytes


def _archived_at(git: Git, base: str, records: str) -> dict[str, list[str]]:
    """Activity folder → its files, for every activity whose evaluation was approved at ``base``."""
    folders: dict[str, list[str]] = defaultdict(list)
    for name in git.names(base, records):
        parts = name[len(records) + 1:].split("/")
        if len(parts) >= 3:  # <year>/<activity>/<file…>
            folders[f"{records}/{parts[0]}/{parts[1]}"].append(name)
    archived = {}
    for folder, files in folders.items():
        doc = load_bytes(git.show(base, f"{folder}/evaluation.yaml") or b"", "evaluation.yaml")
        if doc.ok and isinstance(doc.data, dict) and isinstance(doc.data.get("approved"), dict):
            archived[folder] = files
    return archived


def _read(path: Path) -> bytes | None:
    """The file's bytes; None when it is missing or not a regular file (a pipe is never opened)."""
    try:
        return read_bytes(path)
    except OSError:
        return None


def _entries(raw: bytes | None) -> list:
    doc = load_bytes(raw or b"", "amendments.yaml")
    data = doc.data if doc.ok and isinstance(doc.data, dict) else {}
    entries = data.get("amendments")
    return entries if isinstance(entries, list) else []


def check(archive: Archive, base: str) -> list[Finding]:
    git = Git(archive.root, archive.settings.timezone)
    base = git.commit_of(base)
    records = git.rel(archive.root / "records")
    archived = _archived_at(git, base, records)
    found = []
    for path in sorted((archive.root / "records").glob("*/*/amendments.yaml")):
        folder = git.rel(path.parent)
        before = _entries(git.show(base, git.rel(path)))
        if folder not in archived and len(_entries(_read(path))) > len(before):
            found.append(Finding(_shown(folder, records) + "/amendments.yaml", 0, 0, "GJ-I004",
                                 "这个活动在基线上还没有归档，不能用更正记录改动；请直接修改并按程序重新签字。"))
    for folder, files in sorted(archived.items()):
        found += _check_activity(git, base, records, folder, files)
    return found


def _shown(folder: str, records: str) -> str:
    return posixpath.relpath(folder, posixpath.dirname(records)) if records != "records" else folder


def _check_activity(git: Git, base: str, records: str, folder: str, files: list[str]) -> list[Finding]:
    here = git.top / folder
    shown = _shown(folder, records)
    if not here.is_dir():
        return [Finding(shown, 0, 0, "GJ-I002", "已归档的活动被删除了：档案永久保存，不能删除。",
                        "恢复这个活动目录（git checkout 基线分支 -- 目录）。")]
    found = []
    amendments = f"{folder}/amendments.yaml"
    before = _entries(git.show(base, amendments))
    raw = _read(git.top / amendments)
    kind = kind_of(os.lstat(git.top / amendments).st_mode) if raw is None and os.path.lexists(git.top / amendments) else None
    if kind:  # a pipe or a device was never opened: say so rather than read it as "no amendments"
        found.append(refused(f"{shown}/amendments.yaml", kind))
    now = _entries(raw)
    added = now[len(before):]
    if now[: len(before)] != before:
        found.append(Finding(f"{shown}/amendments.yaml", 0, 0, "GJ-I003",
                             "已有的更正记录被改动或删除了：更正记录只能在末尾追加。", "恢复原有条目，新的更正写在最后。"))
    if len(added) > 1:
        found.append(Finding(f"{shown}/amendments.yaml", 0, 0, "GJ-I005", f"一次追加了 {len(added)} 条更正：一次只能追加一条。",
                             "把这次要更正的文件都写进同一条更正的 files 里，由管家部经理签一次字。"))
    covered = {f for entry in added[-1:] if isinstance(entry, dict) and isinstance(entry.get("approved"), dict)
               for f in (entry.get("files") or []) if isinstance(f, str)}
    unsigned = bool(added) and not covered
    present = {p.relative_to(git.top).as_posix() for p in here.rglob("*") if not p.is_dir() or p.is_symlink()}
    for name in sorted(set(files) | present):
        inside = name[len(folder) + 1:]
        if inside == "amendments.yaml" or inside in covered:
            continue
        path = git.top / name
        where = f"{shown}/{inside}"
        hint = ("这条更正还没有管家部经理签字（guanjia approve amendments.yaml --as manager --commit）。" if unsigned else
                "确需更正，在本活动的 amendments.yaml 末尾追加一条（日期、原因、文件），由管家部经理签字。")
        if not os.path.lexists(path):
            found.append(Finding(where, 0, 0, "GJ-I002", "已归档活动的文件被删除了，但没有签了字的更正记录。",
                                 "恢复这个文件；确需删除（例如含有个人信息的照片）：" + hint))
        elif name not in files:
            found.append(Finding(where, 0, 0, "GJ-I001", "已归档的活动里新增了文件，但没有签了字的更正记录。",
                                 "删掉它；确需补充：" + hint))
        elif path.is_symlink() or _read(path) != git.show(base, name):
            found.append(Finding(where, 0, 0, "GJ-I001", "已归档活动的文件被改动了，但没有签了字的更正记录。",
                                 "撤销改动；" + hint))
    return found
