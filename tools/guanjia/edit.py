"""Round-trip editing of a signoff block: every byte outside the block stays as it was.

The block (``approved:`` with ``by``, ``date``, ``digest``) is replaced where it stands or
appended at the end; comments, key order, quoting, BOM and line ends elsewhere are untouched.
The result is read back with the strict loader before anything is written.
"""

from __future__ import annotations

import re
from datetime import date

from .errors import GuanjiaError
from .load import load_bytes


def set_signoff(raw: bytes, step: str, by: str, day: date, digest: str, shown: str = "") -> bytes:
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    trailing = lines[-1] == ""
    if trailing:
        lines.pop()
    block = [f"{step}:", f"  by: {by}", f"  date: {day.isoformat()}", f"  digest: {digest}"]
    start = next((i for i, line in enumerate(lines) if re.match(rf"{step}:(\s|$)", line)), None)
    if start is None:
        while lines and lines[-1].strip() == "" and not trailing:
            lines.pop()
        lines += block
    else:
        end = start + 1
        while end < len(lines) and (lines[end][:1] in (" ", "\t") or lines[end].strip() == ""):
            end += 1
        while end - 1 > start and lines[end - 1].strip() == "":
            end -= 1  # keep blank lines after the block where they were
        lines[start:end] = block
    out = newline.join(lines) + newline
    result = (b"\xef\xbb\xbf" if bom else b"") + out.encode("utf-8")
    _check(raw, result, step, {"by": by, "date": day.isoformat(), "digest": digest}, shown)
    return result


def insert_lines(raw: bytes, inserts: list[tuple[int, str]]) -> bytes:
    """Insert each text as a new line after 1-based line ``n``; nothing else changes (BOM, line ends kept)."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    for n, line in sorted(inserts, reverse=True):
        lines.insert(n, line)
    return (b"\xef\xbb\xbf" if bom else b"") + newline.join(lines).encode("utf-8")


def _check(before: bytes, after: bytes, step: str, block: dict, shown: str) -> None:
    old, new = load_bytes(before, shown), load_bytes(after, shown)
    if not (old.ok and new.ok and isinstance(new.data, dict)):
        raise GuanjiaError(f"{shown}：写入签字后文件无法读取，已放弃修改（原文件未改动）。")
    rest_old = {k: v for k, v in old.data.items() if k != step}
    rest_new = {k: v for k, v in new.data.items() if k != step}
    if new.data.get(step) != block or rest_old != rest_new:
        raise GuanjiaError(f"{shown}：签字块的位置不寻常（例如 {step}: 写在了流式 {{ }} 中），无法安全修改；原文件未改动。"
                           f"请把 {step}: 改成普通的多行写法后再试。")
