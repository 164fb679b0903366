"""Reading files safely: only regular files are ever opened for reading.

Opening a named pipe (FIFO) for reading waits for a writer, forever; a socket cannot be opened at
all; opening a device may do anything (a watchdog device reboots the machine when closed). A git
repository can hold a symbolic link to any of them, so every file guanjia reads (settings, roster,
plans, documents, attachments) is read through here: its type is looked up before it is opened,
then it is opened without waiting (``O_NONBLOCK``) and the open descriptor is checked once more,
so a file swapped in between is refused too.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from .findings import Finding

_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
          | getattr(os, "O_CLOEXEC", 0))
_KINDS = ((stat.S_ISDIR, "目录"), (stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISSOCK, "套接字（socket）"),
          (stat.S_ISCHR, "设备文件"), (stat.S_ISBLK, "设备文件"), (stat.S_ISLNK, "符号链接"))
DIRECTORY = "目录"


class NotRegular(OSError):
    """The path is there but is not a regular file; ``kind`` says what it is (in Chinese)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def kind_of(mode: int) -> str | None:
    """None for a regular file; otherwise what it is, in Chinese (e.g. "命名管道（FIFO）")."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "特殊文件")


def entry_kind(entry: os.DirEntry) -> str | None:
    """What a directory listing's entry is, like ``kind_of`` (links are not followed; the type is free from most listings)."""
    if entry.is_symlink():
        return "符号链接"
    if entry.is_dir(follow_symlinks=False):
        return DIRECTORY
    if entry.is_file(follow_symlinks=False):
        return None
    try:
        return kind_of(entry.stat(follow_symlinks=False).st_mode)
    except OSError:  # gone since it was listed
        return "特殊文件"


def open_regular(path: Path | str) -> BinaryIO:
    """``path`` opened for reading in binary; ``NotRegular`` when it is not a regular file (never waits)."""
    kind = kind_of(os.stat(path).st_mode)
    if kind:
        raise NotRegular(kind)
    fd = os.open(path, _FLAGS)
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind:
            raise NotRegular(kind)
        return os.fdopen(fd, "rb")  # O_NONBLOCK changes nothing for a regular file: it is left on
    except BaseException:
        os.close(fd)
        raise


def read_capped(path: Path | str, cap: int) -> bytes:
    """The file's bytes, at most ``cap + 1`` of them (more than ``cap`` means: too big)."""
    with open_regular(path) as file:
        size = os.fstat(file.fileno()).st_size
        if size > cap:
            return file.read(cap + 1)
        raw = file.read(size + 1)  # what it says it has, and one byte more (a buffer of the cap is slow)
        if len(raw) > size:  # it grew meanwhile, or its size is not known: read on, up to the cap
            raw += file.read(cap + 1 - len(raw))
        return raw


def read_bytes(path: Path | str) -> bytes:
    """The whole of a regular file."""
    with open_regular(path) as file:
        return file.read()


def sha256_of(path: Path | str) -> str:
    digest = hashlib.sha256()
    with open_regular(path) as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def refused(shown: str, kind: str, line: int = 0, column: int = 0, what: str = "") -> Finding:
    """The finding for something guanjia will not open: it is not a regular file."""
    name = what or shown.rsplit("/", 1)[-1]
    return Finding(shown, line, column, "GJ-L015", f"“{name}”是{kind}，不是普通文件；guanjia 不会打开它。",
                   "档案里只能放普通文件（打开命名管道会一直等下去，设备文件更不能读）：删掉它，换成真正的文件。")
