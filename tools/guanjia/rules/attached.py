"""Attached files: each file a record or proposal names is a regular file inside its activity folder, under
a name every staff PC can hold, listed once, with its SHA-256; and whatever lies in attachments/ can be
checked out on Windows and Mac computers.

A problem with a file a document names is reported at that entry (file, line, column); a problem with
a file no document names, at the file's own path.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict

from ..archive import Activity, Archive
from ..attachments import Entry, locate, of
from ..files import DIRECTORY, refused
from ..findings import Finding
from ..names import bad_name, problem, twin_key, twin_message, twins, visible
from .links import at


def check(archive: Archive) -> list[Finding]:
    found: list[Finding] = []
    for activity in archive.activities():
        entries = list(of(activity))
        found += _named(entries)
        found += _on_disk(activity, {posixpath.normpath(e.path): e for e in reversed(entries) if e.path})
    return found


def _named(entries: list[Entry]) -> list[Finding]:
    found = []
    listed: set[tuple] = set()
    first: dict[str, Entry] = {}
    for e in entries:
        where = posixpath.normpath(e.path) if e.path else e.url
        if (e.doc.shown, where) in listed:
            found.append(at(e.doc, e.key, "GJ-A029", f"附件“{e.name}”列了两次。",
                            "每个文件只列一次；多张照片请分别列出各自的文件。"))
            continue
        listed.add((e.doc.shown, where))
        if e.sha256 is None:
            found.append(at(e.doc, e.key, "GJ-V001", f"附件“{e.name}”没有记录 SHA-256。",
                            "运行 guanjia verify --fill 填写（仓库外的文件按下载后的文件计算）；填写后需要重新签字。"))
        if not e.path:
            continue
        located = locate(e)
        if located.file is None:
            found.append(at(e.doc, e.key + (e.field,), located.code, located.message, located.hint))
        twin = first.setdefault(twin_key(where), e)
        if posixpath.normpath(twin.path) != where:
            found.append(at(e.doc, e.key + (e.field,), "GJ-A024", *twin_message(twin.path, e.path)))
    return found


def _on_disk(activity: Activity, named: dict[str, Entry]) -> list[Finding]:
    """What lies under attachments/: names, kinds and twins (those a document names are judged at their entry)."""
    found = []
    inside = {folder for path in named for folder in _folders_to(path)}
    folders: dict[str, list[str]] = defaultdict(list)
    for path, kind in activity.files.items():
        folders[posixpath.dirname(path)].append(posixpath.basename(path))
        if path in named or path in inside:
            continue
        shown = f"{activity.shown}/{path}"
        why = problem(posixpath.basename(path))
        if why:
            found.append(bad_name(shown, posixpath.basename(path), why))
        if kind == "符号链接":
            found.append(Finding(shown, 0, 0, "GJ-A025", f"“{visible(posixpath.basename(path))}”是符号链接；"
                                 "档案里只能放真实的文件和目录。", "把链接指向的内容复制进来，再删除链接。"))
        elif kind not in (None, DIRECTORY):
            found.append(refused(shown, kind, what=visible(posixpath.basename(path))))
    for folder, names in folders.items():
        for a, b in twins(sorted(names)):
            path_a, path_b = f"{folder}/{a}", f"{folder}/{b}"
            if path_a in named and path_b in named:
                continue  # both named: reported at the second entry already
            entry = named.get(path_b) or named.get(path_a)
            message, hint = twin_message(a, b)
            found.append(at(entry.doc, entry.key + (entry.field,), "GJ-A024", message, hint) if entry else
                         Finding(f"{activity.shown}/{path_b}", 0, 0, "GJ-A024", message, hint))
    return found


def _folders_to(path: str) -> list[str]:
    """``attachments/sub/x.png`` → ``attachments``, ``attachments/sub``."""
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]
