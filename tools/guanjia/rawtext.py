"""Bytes → text before any YAML is read: the encoding, and a guard against deep bracket nesting."""

from __future__ import annotations

from typing import NamedTuple

from .findings import Finding

MAX_DEPTH = 32


class Undecodable(NamedTuple):
    """Why bytes are not text, and where (1-based): ``why`` is utf16, utf16-broken, nul, gbk or other."""

    why: str
    line: int
    column: int


def to_text(raw: bytes, utf16: bool = False) -> str | Undecodable:
    """UTF-8 (with or without BOM, any line ends) → text with "\\n" line ends; with ``utf16``, also UTF-16
    with a BOM (what Windows Notepad calls “Unicode”). Anything else, or a NUL, is ``Undecodable``."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        if not utf16:
            return Undecodable("utf16", 1, 1)
        codec = "utf-16-le" if raw.startswith(b"\xff\xfe") else "utf-16-be"
        try:
            text = raw[2:].decode(codec)
        except UnicodeDecodeError as exc:
            before = raw[2:2 + exc.start].decode(codec)
            return Undecodable("utf16-broken", *_text_position(before, len(before)))
        nul = text.find("\x00")
        if nul >= 0:
            return Undecodable("nul", *_text_position(text, nul))
        return _lines(text)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        return Undecodable("nul", *_byte_position(raw, nul))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            raw.decode("gb18030")
            why = "gbk"
        except UnicodeDecodeError:
            why = "other"
        return Undecodable(why, *_byte_position(raw, exc.start))
    return _lines(text)


def decode(raw: bytes, shown: str) -> tuple[str | None, Finding | None]:
    """A YAML file's bytes → text (UTF-8 only: files in the repository are edited and compared as UTF-8)."""
    text = to_text(raw)
    if isinstance(text, str):
        return text, None
    why, line, col = text
    if why == "utf16":
        return None, Finding(shown, 1, 1, "GJ-L001", "文件是 UTF-16 编码，guanjia 只读 UTF-8。",
                             "用记事本或 VS Code“另存为”，编码选 UTF-8。")
    if why == "nul":
        return None, Finding(shown, line, col, "GJ-L010", "文件中有 NUL 字节，这不是文本文件（可能是二进制文件或损坏）。",
                             "确认选对了文件；YAML 文件应是纯文本。")
    return None, Finding(shown, line, col, "GJ-L001", f"文件{LOOKS[why]}，第 {line} 行起无法按 UTF-8 读取。",
                         "用记事本或 VS Code“另存为”，编码选 UTF-8，再提交。")


LOOKS = {"gbk": "看起来是 GBK/GB18030 编码（Windows 记事本的“ANSI”）", "other": "不是 UTF-8 编码"}


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column of ``offset`` in decoded text."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    prefix = raw[line_start:offset].decode("utf-8", errors="replace")
    return raw.count(b"\n", 0, offset) + 1, len(prefix) + 1


def flow_too_deep(text: str) -> tuple[int, int] | None:
    """Where flow brackets first nest deeper than MAX_DEPTH, or None.

    libyaml's scanner is quadratic on deep flow nesting (100,000 ``[`` take a minute),
    so this cheap scan runs before it. Quotes and comments are skipped; an odd bracket
    in plain text only adds one level, far from the cap.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None  # not enough brackets to nest that deep: skip the character scan
    depth = line = col = 0
    quote = ""
    prev = "\n"
    for ch in text:
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
            if quote == "#":
                quote = ""
        elif quote:
            if ch == quote and quote != "#":
                quote = ""
        elif ch in "\"'" and prev in " \t\n[{,:":
            quote = ch
        elif ch == "#" and prev in " \t\n":
            quote = "#"
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line + 1, col
        elif ch in "]}":
            depth = max(depth - 1, 0)
        prev = ch
    return None
