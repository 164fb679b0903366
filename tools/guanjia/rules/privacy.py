"""Resident privacy: no phone or ID number in anything the site publishes.

Records about owners are personal information (names, phone numbers, room numbers, ID
numbers); the published documents must only carry counts and summaries. The roster is
staff data and is never published, so it is not scanned here.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from pathlib import Path

from .. import attachments
from ..archive import Archive
from ..findings import Finding
from ..load import Document
from .links import at

MOBILE = re.compile(r"(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9](?:[ .-]?[0-9]{4}){2}(?![0-9])")
LANDLINE = re.compile(r"(?<![0-9])(?:\(0[0-9]{2,3}\)|0[0-9]{2,3}[ -])[0-9]{3,4}[ -]?[0-9]{4}(?![0-9])")
ID_NUMBER = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")
ROOM = re.compile(r"[0-9]{1,2}\s*(?:栋|幢|号楼|-)\s*[0-9]{1,2}\s*(?:单元|-)\s*[0-9]{3,4}\s*(?:室|号)?|[0-9]{3,4}\s*室")
# cheap test before the real patterns: 7 digits in a row, 3+3 digits around a separator, or a room word;
# dates, times and amounts do not match it. Every branch starts with the digit, so the engine
# can skip ahead to the next digit (four times faster than five separate alternatives).
_D = "[0-9０-９]"
_SUSPECT = re.compile(rf"{_D}(?:{_D}{{6}}|{_D}{{2}}[ .\-)）]{_D}{{3}}|-{_D}{{1,2}}-{_D}{{3}}|{_D}{{2}}\s*室|\s*单元)")
PERSON = re.compile(r"[\u4e00-\u9fff](?:先生|女士|小姐|阿姨|叔叔|大爷|大妈|奶奶|爷爷|老师|师傅|业主)")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_checksum_ok(number: str) -> bool:
    """GB 11643: the 18th character checks the first 17."""
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, matched text) for each phone number, ID number or name-with-room in ``text``.

    Full-width digits count as digits (NFKC), so ``１３８…`` is found like ``138…``.
    """
    if not _SUSPECT.search(text):  # most text has no run of digits and no room words: nothing to find
        return []
    plain = unicodedata.normalize("NFKC", text)
    found = [("手机号码", m.group()) for m in MOBILE.finditer(plain)]
    found += [("固定电话号码", m.group()) for m in LANDLINE.finditer(plain)]
    found += [("身份证号码", m.group()) for m in ID_NUMBER.finditer(plain) if id_checksum_ok(m.group())]
    for room in ROOM.finditer(plain):
        near = plain[max(0, room.start() - 12): room.end() + 12]
        if PERSON.search(near):
            found.append(("姓名和房号", room.group()))
    return [(kind, match if match in text else _original(text, plain, match)) for kind, match in found]


def _original(text: str, plain: str, match: str) -> str:
    """The span of ``text`` that NFKC turned into ``match`` (same length for digits and punctuation)."""
    i = plain.find(match)
    return text[i: i + len(match)] if len(plain) == len(text) else match


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


SIGNOFFS = {"prepared", "reviewed", "approved", "decided"}  # staff ids, dates and digests: not resident data


def _suspect(doc: Document) -> bool:
    """Whether any line outside the signoffs might hold personal data (one regex over the file)."""
    text = "\n".join(line for line in doc.lines if "digest:" not in line and "sha256:" not in line)
    return _SUSPECT.search(text) is not None


def scan(doc: Document) -> list[Finding]:
    found = []
    if not _suspect(doc):
        return found
    for key, text in _walk(doc.data):
        if not _SUSPECT.search(text) or SIGNOFFS.intersection(key):
            continue
        for kind, match in personal_data(text):
            masked = match[:3] + "*" * (len(match) - 5) + match[-2:]
            field = ".".join(str(k) for k in key)
            finding = at(doc, key, "GJ-P001", f"“{field}”中有业主的{kind}（{masked}）：会发布到网站上，不允许。",
                         "删掉个人信息：参加情况只写户数和人数，意见只写归纳后的内容。")
            found.append(_exact(doc, finding, match))
    return found


def _exact(doc: Document, finding: Finding, match: str) -> Finding:
    """Point at the line and column where the number is, also inside a multi-line block of text."""
    from dataclasses import replace

    for i in range(max(finding.line - 1, 0), len(doc.lines)):
        col = doc.lines[i].find(match)
        if col >= 0:
            return replace(finding, line=i + 1, column=col + 1)
    return finding


TEXT_ATTACHMENTS = {".txt", ".md", ".csv"}


def scan_text_file(path: Path, shown: str) -> list[Finding]:
    """A published text attachment, line by line."""
    found = []
    try:
        lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return found
    for n, line in enumerate(lines, 1):
        for kind, match in personal_data(line):
            masked = match[:3] + "*" * max(len(match) - 5, 1) + match[-2:]
            found.append(Finding(shown, n, line.find(match) + 1, "GJ-P001",
                                 f"附件中有业主的{kind}（{masked}）：附件会发布到网站上，不允许。",
                                 "删掉或遮盖个人信息后再归档（例如写成“一位业主”）。"))
    return found


def check_attachments(archive: Archive) -> list[Finding]:
    """The published text attachments."""
    found = []
    for entry in attachments.every(archive):
        if entry.path and posixpath.splitext(entry.path)[1].lower() in TEXT_ATTACHMENTS:
            file = attachments.locate(entry).file
            if file is not None:
                found += scan_text_file(file, entry.shown)
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
