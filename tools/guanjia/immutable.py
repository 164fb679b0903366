"""The permanent archive (保存期限：永久): once an activity's evaluation is approved, its files are fixed.

A pull request is compared with its base. Every file of an activity archived at the base
must still be there, byte for byte, unless a new entry in the activity's amendments.yaml
(reason, files, the manager's signoff) names it; earlier amendments may not be edited;
an archived activity may never be deleted.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict

from .archive import Archive
from .findings import Finding
from .history import Git
from .load import load_bytes


def _archived_at(git: Git, base: str, records: str) -> dict[str, list[str]]:
    """Activity folder → its files, for every activity whose evaluation was approved at ``base``."""
    names = (git.run("-c", "core.quotepath=off", "ls-tree", "-r", "--name-only", base, "--", records, check=False)
             or "").splitlines()
    folders: dict[str, list[str]] = defaultdict(list)
    for name in names:
        parts = name[len(records) + 1:].split("/")
        if len(parts) >= 3:  # <year>/<activity>/<file…>
            folders[f"{records}/{parts[0]}/{parts[1]}"].append(name)
    archived = {}
    for folder, files in folders.items():
        doc = load_bytes(git.show(base, f"{folder}/evaluation.yaml") or b"", "evaluation.yaml")
        if doc.ok and isinstance(doc.data, dict) and isinstance(doc.data.get("approved"), dict):
            archived[folder] = files
    return archived


def _entries(raw: bytes | None) -> list:
    doc = load_bytes(raw or b"", "amendments.yaml")
    data = doc.data if doc.ok and isinstance(doc.data, dict) else {}
    entries = data.get("amendments")
    return entries if isinstance(entries, list) else []


def check(archive: Archive, base: str) -> list[Finding]:
    git = Git(archive.root, archive.settings.timezone)
    records = git.rel(archive.root / "records")
    found = []
    for folder, files in sorted(_archived_at(git, base, records).items()):
        here = git.top / folder
        shown = posixpath.relpath(folder, posixpath.dirname(records)) if records != "records" else folder
        if not here.is_dir():
            found.append(Finding(shown, 0, 0, "GJ-I002", "已归档的活动被删除了：档案永久保存，不能删除。",
                                 "恢复这个活动目录（git checkout 基线分支 -- 目录）。"))
            continue
        amendments = f"{folder}/amendments.yaml"
        before = _entries(git.show(base, amendments))
        now_path = git.top / amendments
        now = _entries(now_path.read_bytes() if now_path.is_file() else None)
        if now[: len(before)] != before:
            found.append(Finding(f"{shown}/amendments.yaml", 0, 0, "GJ-I003",
                                 "已有的更正记录被改动或删除了：更正记录只能在末尾追加。", "恢复原有条目，新的更正写在最后。"))
        covered = {f for entry in now[len(before):] if isinstance(entry, dict)
                   for f in (entry.get("files") or []) if isinstance(f, str)}
        for name in files:
            inside = name[len(folder) + 1:]
            if inside == "amendments.yaml":
                continue
            path = git.top / name
            where = f"{shown}/{inside}"
            if not path.is_file():
                if inside not in covered:
                    found.append(Finding(where, 0, 0, "GJ-I002", "已归档活动的文件被删除了。",
                                         "恢复这个文件；确需删除（例如含有个人信息的照片），在 amendments.yaml 中写明并由管家部经理签字。"))
            elif path.read_bytes() != git.show(base, name) and inside not in covered:
                found.append(Finding(where, 0, 0, "GJ-I001", "已归档活动的文件被改动了，但没有更正记录。",
                                     "撤销改动；确需更正，在本活动的 amendments.yaml 末尾追加一条（日期、原因、文件、管家部经理签字）。"))
    return found
