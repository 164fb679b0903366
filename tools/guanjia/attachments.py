"""An activity's attached files: the one walk over what its record and proposal name.

The record lists the media reports, recordings, photos and video (``attachments``), the proposal the
proposals external parties submitted (``external_proposals``). Each entry names a file in the
activity folder (``path`` or ``file``) or one kept outside the repository (``url``), with its SHA-256.
Every check that looks at attached files (the links rule, privacy, ``guanjia verify``, the site)
takes them from ``of`` and opens them only through ``locate``.
"""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .archive import Activity, Archive
from .files import kind_of, refused
from .load import Document
from .models.proposal import ExternalProposal
from .models.record import Attachment
from .names import how_twins_differ, path_problem, twin_key, visible

LISTS = {"record": ("attachments", "path", Attachment), "proposal": ("external_proposals", "file", ExternalProposal)}


@dataclass(frozen=True)
class Entry:
    activity: Activity
    doc: Document
    key: tuple  # the entry in the document, e.g. ("attachments", 2)
    field: str  # "path" or "file"
    path: str | None
    url: str | None
    sha256: str | None

    @property
    def shown(self) -> str:
        """The attached file as shown to users: its path from the project root."""
        return f"{self.activity.shown}/{self.path}"

    @property
    def name(self) -> str:
        return visible(self.path or self.url or "")


def entry(activity: Activity, kind: str, index: int, item) -> Entry | None:
    """The entry for ``item``, the ``index``-th of the list ``kind``'s document keeps (None: it names no file)."""
    name, field, _ = LISTS[kind]
    path, url = getattr(item, field), getattr(item, "url", None)
    if path is None and url is None:
        return None
    return Entry(activity, activity.docs[kind], (name, index), field, path, url, item.sha256)


def of(activity: Activity) -> Iterator[Entry]:
    """The activity's attachment entries, record first, in the order written."""
    for kind, (name, _, _) in LISTS.items():
        typed = getattr(activity, kind)
        for i, item in enumerate(getattr(typed, name) if typed is not None else ()):
            found = entry(activity, kind, i, item)
            if found is not None:
                yield found


def every(archive: Archive) -> Iterator[Entry]:
    for activity in archive.activities():
        yield from of(activity)


@dataclass(frozen=True)
class Located:
    """Where an entry's file is: ``file`` when it is a regular file inside the activity folder; otherwise
    ``code`` (GJ-A012 bad path, GJ-A011 missing or named in another case, GJ-L015 not a regular file) and a
    message and hint; ``missing`` when no file of that name (in any case) is there at all."""

    file: Path | None
    code: str = ""
    message: str = ""
    hint: str = ""
    missing: bool = False


def locate(entry: Entry) -> Located:
    """The file a ``path`` entry names, found without following links and without opening it."""
    return locate_in(entry.activity.folder, entry.path, entry.shown, entry.activity)


def locate_in(folder: Path, text: str, shown: str, activity: Activity | None = None) -> Located:
    """The file ``text`` names inside ``folder`` (an activity's, or a year's for the plan's paper scans)."""
    problem = path_problem(text)
    if problem:
        return Located(None, "GJ-A012", f"附件路径“{visible(text)}”{problem}。",
                       "附件放在本活动目录的 attachments/ 下，路径写成 attachments/文件名。")
    twin = _twin_on_disk(activity, posixpath.normpath(text)) if activity else None
    if twin:  # on Windows and Mac the file opens under this name too; on the server and the site it does not
        return Located(None, "GJ-A011", f"附件“{visible(text)}”与磁盘上的文件名“{visible(twin)}”"
                       f"{how_twins_differ(text, twin)}：在 Windows 和 Mac 电脑上打得开，在服务器和网站上找不到。",
                       f"把记录里的路径改成 {visible(twin)}（与磁盘上的文件名一字不差，包括扩展名的大小写），"
                       "或者把文件改名为记录里写的名字。")
    parts = [part for part in text.split("/") if part not in ("", ".")]
    mode = 0
    try:
        for i in range(len(parts)):  # no "..", no absolute path (checked above): only a link on the way leads outside
            mode = os.lstat(os.path.join(os.fspath(folder), *parts[: i + 1])).st_mode
            if stat.S_ISLNK(mode):
                return Located(None, "GJ-A012", f"附件路径“{visible(text)}”经过符号链接，可能指向活动目录之外。",
                               "附件放在本活动目录的 attachments/ 下（不要用符号链接，放真实的文件）。")
    except (OSError, ValueError):  # missing, name too long
        mode = 0
    kind = kind_of(mode) if mode else None
    if mode and kind is None:
        return Located(folder.joinpath(*parts))
    if kind and not stat.S_ISDIR(mode):
        said = refused(shown, kind, what=visible(text))
        return Located(None, said.code, said.message, said.hint)
    return Located(None, "GJ-A011", f"找不到附件“{visible(text)}”" + ("（这是一个目录）。" if kind else "。"),
                   "检查文件名（区分大小写）和扩展名，确认文件已放进 attachments/ 并已提交。", missing=not kind)


def _twin_on_disk(activity: Activity, path: str) -> str | None:
    """The file under attachments/ that ``path`` names in another case or Unicode normalisation, when no file
    there has exactly that name. The listing decides, not a lookup: on Windows and Mac a lookup finds the
    file whatever the case, and the mistake would show only on the server."""
    if path in activity.files:
        return None
    key = twin_key(path)
    return next((p for p, kind in activity.files.items() if kind is None and twin_key(p) == key), None)
