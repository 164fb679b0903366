"""Text attachments: read once, the same way, for the privacy check and for the published page.

A text attachment (``.txt`` is published as a page; ``.md`` and ``.csv`` are kept in the archive) is read
as a regular file only (``files``: never a pipe or a device), up to a cap, and decoded as UTF-8 (with or
without BOM) or as UTF-16 with a BOM (what Windows Notepad calls “Unicode”). What cannot be read that way
is refused with its reason: the privacy gate reports it and the site does not publish it.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import NamedTuple

from .files import NotRegular, read_capped
from .rawtext import to_text

TEXT_ATTACHMENTS = {".txt", ".md", ".csv"}
MAX_TEXT_BYTES = 1_000_000  # some 300,000 Chinese characters: far more than any press text or partner's plan


class Refused(NamedTuple):
    """Why a text attachment is not read: ``size``, ``unreadable`` or a ``rawtext.Undecodable`` reason."""

    why: str
    line: int = 0
    column: int = 0


def is_text(rel: str) -> bool:
    return posixpath.splitext(rel)[1].lower() in TEXT_ATTACHMENTS


def read_text(path: Path) -> str | Refused | None:
    """The attachment's text (line ends ``\\n``), ``Refused``, or None when it is not a regular file (any
    more): ``attachments.locate`` finds the file, and the attachment rule reports what is not one."""
    try:
        raw = read_capped(path, MAX_TEXT_BYTES)
    except (NotRegular, FileNotFoundError):
        return None
    except OSError:  # no permission, a read error
        return Refused("unreadable")
    if len(raw) > MAX_TEXT_BYTES:
        return Refused("size")
    text = to_text(raw, utf16=True)
    return text if isinstance(text, str) else Refused(text.why, text.line, text.column)
