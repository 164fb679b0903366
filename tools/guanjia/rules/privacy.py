"""Resident privacy: no phone number, ID number or household address in anything the site publishes.

Records about owners are personal information (names, phone numbers, room numbers, ID numbers); the
published documents must only carry counts and summaries. Every text field of the published documents and
every text attachment is checked (what counts is in ``personal``); a text attachment that cannot be read as
text is refused, since it could not be checked. The roster is staff data and is never published, so it is
not scanned here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import attachments
from ..archive import Archive
from ..findings import Finding
from ..load import Document
from ..rawtext import LOOKS
from ..textfile import MAX_TEXT_BYTES, Refused, is_text, read_text
from .links import at
from .personal import hits, masked, suspect

SIGNOFFS = {"prepared", "reviewed", "approved", "decided"}  # staff ids, dates and digests: not resident data
_ESCAPES = re.compile(r"\\[xuU_t \n]")  # in a double-quoted YAML string
_DIGESTS = re.compile(r"sha256: ?\"?[0-9a-f]{64}(?![0-9A-Za-z])")
SAVE_AS = "用记事本打开，“另存为”，编码选 UTF-8，再提交。"


def _walk(value, key=()):
    """(key path, text) of every string in the data, without recursion."""
    stack = [(key, value)]
    while stack:
        key, value = stack.pop()
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, dict):
            stack.extend((key + (k,), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((key + (i,), v) for i, v in enumerate(value))


def _suspect(doc: Document) -> bool:
    """Whether anything in the document might be personal data, judged on its text as a whole.

    The YAML text holds every value as written (signed digests, all hex, are taken out first: they are
    most of the digits); a value folded over lines is covered by the cheap test, which takes a line break
    as a separator. Escapes that could write a digit or a separator (``\\u0031``, ``\\x31``, ``\\t``, ``\\_``,
    an escaped space or line break) are not: such a text is read value by value.
    """
    return _ESCAPES.search(doc.text) is not None or suspect(_DIGESTS.sub("", doc.text))


def scan(doc: Document) -> list[Finding]:
    found: list[Finding] = []
    if not _suspect(doc):
        return found
    for key, text in _walk(doc.data):
        if SIGNOFFS.intersection(key):
            continue
        found_here = hits(text)
        if not found_here:
            continue
        field = ".".join(str(k) for k in key)
        value = at(doc, key, "GJ-P001", "", "删掉个人信息：参加情况只写户数和人数，意见只写归纳后的内容。")
        cursor, misses = (value.line - 1, value.column - 1), 0
        for hit in found_here:
            match = text[hit.start:hit.end]
            finding = replace(value, message=f"“{field}”中有业主的{hit.kind}（{masked(match)}）：会发布到网站上，不允许。")
            where = _find(doc.lines, match, cursor) if misses < 3 else None
            if where is None:  # written otherwise in the file (folded over lines, escaped): point at the value
                misses += 1
            else:
                cursor = (where[0], where[1] + 1)
                finding = replace(finding, line=where[0] + 1, column=where[1] + 1)
            found.append(finding)
    return found


def _find(lines: list[str], match: str, cursor: tuple[int, int]) -> tuple[int, int] | None:
    """Where ``match`` is next written from ``cursor`` (line and column, 0-based), also inside a multi-line
    block of text. Each hit of a value is looked for after the one before, so the same number twice is
    found twice, and a file with thousands of numbers is read once."""
    line, col = cursor
    for i in range(max(line, 0), len(lines)):
        at_col = lines[i].find(match, col if i == line else 0)
        if at_col >= 0:
            return i, at_col
    return None


def scan_text(text: str, shown: str) -> list[Finding]:
    """A text attachment: each hit at its line and column (characters, 1-based), counted on from the last."""
    found = []
    line, line_start, pos = 1, 0, 0
    for hit in hits(text):
        line += text.count("\n", pos, hit.start)
        line_start = text.rfind("\n", pos, hit.start) + 1 or line_start
        pos = hit.start
        found.append(Finding(shown, line, hit.start - line_start + 1, "GJ-P001",
                             f"附件中有业主的{hit.kind}（{masked(text[hit.start:hit.end])}）：附件会发布到网站上，不允许。",
                             "删掉或遮盖个人信息后再归档（例如写成“一位业主”）。"))
    return found


def refused(why: Refused, shown: str) -> Finding:
    """Why a text attachment is not published (and so blocks the site)."""
    unchecked = "无法检查其中有没有业主的个人信息，网站不会发布它"
    if why.why == "size":
        return Finding(shown, 0, 0, "GJ-P003", f"文字附件太大（超过文字附件的上限 {MAX_TEXT_BYTES:,} 字节）：{unchecked}。",
                       "文字附件只放正文（例如公众号推文原文）；删去与活动无关的内容，或拆成几个文件。")
    if why.why == "unreadable":
        return Finding(shown, 0, 0, "GJ-P002", f"无法读取这个文字附件：{unchecked}。", "请 IT 检查文件权限。")
    if why.why == "nul":
        return Finding(shown, why.line, why.column, "GJ-P002",
                       f"文字附件中有 NUL 字节，这不是文本文件（可能是二进制文件或改错了扩展名）：{unchecked}。",
                       "确认选对了文件；文字附件应是纯文本。" + SAVE_AS)
    looks = "是 UTF-16 编码，但内容不完整（文件可能损坏）" if why.why == "utf16-broken" else LOOKS[why.why]
    return Finding(shown, why.line, why.column, "GJ-P002",
                   f"文字附件{looks}，第 {why.line} 行起无法读取：{unchecked}。", SAVE_AS)


def check_attachments(archive: Archive) -> list[Finding]:
    """The text attachments, read as the site reads them (``textfile.read_text``), each file once."""
    found = []
    checked: set[str] = set()
    for entry in attachments.every(archive):
        if not entry.path or not is_text(entry.path) or entry.shown in checked:
            continue
        checked.add(entry.shown)
        file = attachments.locate(entry).file
        text = read_text(file) if file is not None else None
        if isinstance(text, str):
            found += scan_text(text, entry.shown)
        elif text is not None:
            found.append(refused(text, entry.shown))
    return found


def check_documents(archive: Archive) -> list[Finding]:
    """Every published document (the roster is staff data and is not published)."""
    found = []
    for year in archive.years.values():
        for doc in (year.plan_doc, year.changes_doc):
            if doc is not None and doc.ok:
                found += scan(doc)
        for activity in year.activities:
            for doc in activity.docs.values():
                if doc.ok:
                    found += scan(doc)
    return found
