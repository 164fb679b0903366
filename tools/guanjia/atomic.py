"""Writing a file whole or not at all: a temporary file beside it, flushed to disk, renamed over it.

On any failure (disk full, no permission, a file size limit, an interrupt) the original stays as it
was, the temporary file is removed, and the user reads why in Chinese.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

from .errors import GuanjiaError

_WHY = {errno.ENOSPC: "磁盘已满", errno.EDQUOT: "磁盘配额已用完", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
        errno.EROFS: "文件系统是只读的", errno.EFBIG: "文件超过了系统允许的大小", errno.ENOENT: "目录不存在",
        errno.ENAMETOOLONG: "文件名太长"}


def why(exc: OSError) -> str:
    return _WHY.get(exc.errno, exc.strerror or str(exc))


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace (or create) ``path`` with ``data`` (text is written as UTF-8 with "\\n" line ends)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = path.parent
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise GuanjiaError(f"无法读取 {path} 的属性：{why(exc)}。文件没有改动。") from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise GuanjiaError(f"无法在 {folder} 中写文件：{why(exc)}。原文件没有改动。") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise GuanjiaError(f"写入 {path} 失败：{why(exc)}。原文件没有改动。") from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows a directory to be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_new(path: Path, data: bytes | str) -> None:
    """``write_atomic``, creating the missing folders on the way, and removing them again if it fails."""
    made = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GuanjiaError(f"无法建立目录 {path.parent}：{why(exc)}。") from None
    try:
        write_atomic(path, data)
    except BaseException:
        for folder in made:  # innermost first: no empty folder is left behind
            try:
                folder.rmdir()
            except OSError:
                break
        raise


def write_tree(directory: Path, files: dict[str, str]) -> None:
    """Create ``directory`` (absent or empty) holding ``files`` (relative path → text), all or nothing:
    the tree is written beside it under a temporary name, then renamed into place."""
    directory = directory.absolute()
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=".tmp", dir=directory.parent))
    except OSError as exc:
        raise GuanjiaError(f"无法在 {directory.parent} 中建立目录：{why(exc)}。") from None
    try:
        os.chmod(staging, 0o777 & ~_umask())
        for rel, text in files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(text.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
        if directory.is_dir():
            directory.rmdir()  # empty (checked by the caller): the rename replaces it
        os.rename(staging, directory)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise GuanjiaError(f"无法建立 {directory}：{why(exc)}。没有留下写了一半的文件。") from None
        raise


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
