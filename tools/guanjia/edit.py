"""Round-trip editing of signoff blocks: every byte outside the block stays as it was.

A block (``approved:`` with ``by``, ``date``, ``digest``) is replaced where it stands or added:
at the end of the file for a document's step, at the end of its entry for a late note, a change
decision or an amendment. Comments, key order, quoting, BOM and line ends elsewhere are untouched.
The result is read back with the strict loader, and must differ from the original in that block
alone, before anything is written.
"""

from __future__ import annotations

import json
import re
from datetime import date

from .errors import GuanjiaError
from .load import load_bytes


def _split(raw: bytes) -> tuple[bool, str, list[str]]:
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    return bom, newline, text.split(newline)


def _join(bom: bool, newline: str, lines: list[str]) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + newline.join(lines).encode("utf-8")


def _block(name: str, values: dict, indent: int) -> list[str]:
    pad = " " * indent
    return [f"{pad}{name}:"] + [f"{pad}  {k}: {v}" for k, v in values.items()]


def signoff_values(by: str, day: date, digest: str, paper: str | None = None) -> dict:
    """The lines of a signoff block; a paper signature also names its scan (quoted: any file name is safe)."""
    values = {"by": by, "date": day.isoformat(), "digest": digest}
    if paper is not None:
        values["paper"] = json.dumps(paper, ensure_ascii=False)
    return values


def set_signoff(raw: bytes, step: str, by: str, day: date, digest: str, shown: str = "", paper: str | None = None) -> bytes:
    """Write a document's step block (``approved:`` at the top level)."""
    values = signoff_values(by, day, digest, paper)
    bom, newline, lines = _split(raw)
    trailing = lines[-1] == ""
    if trailing:
        lines.pop()
    block = _block(step, values, 0)
    start = next((i for i, line in enumerate(lines) if re.match(rf"{step}:(\s|$)", line)), None)
    if start is None:
        while lines and lines[-1].strip() == "" and not trailing:
            lines.pop()
        lines += block
    else:
        end = _end_of(lines, start, 1)
        lines[start:end] = block
    result = _join(bom, newline, lines + [""])
    _check(raw, result, (step,), _plain(values), shown)
    return result


def set_entry_signoff(raw: bytes, entry: tuple, field: str, values: dict, shown: str = "") -> bytes:
    """Write the signoff ``field`` of a list entry (``("changes", 1)`` → its ``decided:``)."""
    before = load_bytes(raw, shown)
    bom, newline, lines = _split(raw)
    pos = before.pos(entry + (field,))
    if field in _at(before.data, entry):  # replace it where it stands
        start = pos.key_line - 1
        indent = pos.key_column - 1
        lines[start:_end_of(lines, start, indent + 1)] = _block(field, values, indent)
    else:  # add it after the entry's last line, at the entry's indentation
        start = before.pos(entry)
        indent = start.column - 1
        end = _end_of(lines, start.line - 1, indent)
        lines[end:end] = _block(field, values, indent)
    result = _join(bom, newline, lines)
    _check(raw, result, entry + (field,), _plain(values), shown)
    return result


def add_late(raw: bytes, step: str, reason: str, values: dict, shown: str = "") -> bytes:
    """Append a signed late note ``{step, reason, approved}`` to the document's ``late:`` list."""
    before = load_bytes(raw, shown)
    bom, newline, lines = _split(raw)
    trailing = lines[-1] == ""
    if trailing:
        lines.pop()
    entries = before.data.get("late") if isinstance(before.data, dict) else None
    if entries:
        first = before.pos(("late", 0))
        indent = first.column - 1  # the keys of an entry; its dash two columns before
        end = _end_of(lines, before.pos(("late",)).key_line - 1, indent - 1, dash=indent - 2)
    else:
        if "late" in (before.data or {}):
            start = before.pos(("late",)).key_line - 1
            lines[start:_end_of(lines, start, 1)] = []
        while lines and lines[-1].strip() == "":
            lines.pop()
        lines.append("late:")
        end, indent = len(lines), 4
    entry = [f"{' ' * (indent - 2)}- step: {step}", f"{' ' * indent}reason: {json.dumps(reason, ensure_ascii=False)}",
             *_block("approved", values, indent)]
    lines[end:end] = entry
    result = _join(bom, newline, lines + [""])
    index = len(entries or [])
    _check(raw, result, ("late", index), {"step": step, "reason": reason, "approved": _plain(values)}, shown,
           added=True)
    return result


def _plain(values: dict) -> dict:
    """The values as the loader reads them back (a quoted scalar is its text)."""
    return {k: json.loads(v) if isinstance(v, str) and v.startswith('"') else v for k, v in values.items()}


def _end_of(lines: list[str], start: int, indent: int, dash: int | None = None) -> int:
    """The index after the last line of the block starting at ``start``: lines indented at least ``indent``,
    or list items at column ``dash`` (blank lines and comments inside it included, trailing ones left outside)."""
    end = start + 1
    last = start
    while end < len(lines):
        line = lines[end]
        stripped = line.strip()
        depth = len(line) - len(line.lstrip(" "))
        item = dash is not None and depth == dash and (stripped == "-" or stripped.startswith("- "))
        if stripped and (depth < indent and not item or line[:1] == "\t"):
            break
        if stripped and not stripped.startswith("#"):
            last = end
        end += 1
    return last + 1


def _at(data, key: tuple):
    for part in key:
        data = data[part]
    return data


def insert_lines(raw: bytes, inserts: list[tuple[int, str]]) -> bytes:
    """Insert each text as a new line after 1-based line ``n``; nothing else changes (BOM, line ends kept)."""
    bom, newline, lines = _split(raw)
    for n, line in sorted(inserts, reverse=True):
        lines.insert(n, line)
    return _join(bom, newline, lines)


def _check(before: bytes, after: bytes, key: tuple, value, shown: str, added: bool = False) -> None:
    """``after`` reads back, and differs from ``before`` only at ``key`` (set to ``value``)."""
    old, new = load_bytes(before, shown), load_bytes(after, shown)
    if not (old.ok and new.ok and isinstance(new.data, dict)):
        raise GuanjiaError(f"{shown}：写入签字后文件无法读取，已放弃修改（原文件未改动）。")
    expected = json.loads(json.dumps(old.data))
    if added and not expected.get(key[0]):
        expected[key[0]] = []  # a list written anew (``late: []`` or no ``late:`` at all)
    parent = expected
    for part in key[:-1]:
        parent = parent[part]
    if added:
        parent.append(value)
    else:
        parent[key[-1]] = value
    if new.data != expected:
        raise GuanjiaError(f"{shown}：签字块的位置不寻常（例如写在了流式 {{ }} 或 [ ] 中），无法安全修改；原文件未改动。"
                           f"请把 {key[0]}: 改成普通的多行写法后再试。")
