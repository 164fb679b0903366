"""Bytes → text before any YAML is read: the encoding, and a guard against deep bracket nesting."""

from __future__ import annotations

from .findings import Finding

MAX_DEPTH = 32


def decode(raw: bytes, shown: str) -> tuple[str | None, Finding | None]:
    """UTF-8 (with or without BOM, any line ends) → text; anything else → a finding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Finding(shown, 1, 1, "GJ-L001", "文件是 UTF-16 编码，guanjia 只读 UTF-8。",
                             "用记事本或 VS Code“另存为”，编码选 UTF-8。")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(raw, nul)
        return None, Finding(shown, line, col, "GJ-L010", "文件中有 NUL 字节，这不是文本文件（可能是二进制文件或损坏）。",
                             "确认选对了文件；YAML 文件应是纯文本。")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        try:
            raw.decode("gb18030")
            looks = "看起来是 GBK/GB18030 编码（Windows 记事本的“ANSI”）"
        except UnicodeDecodeError:
            looks = "不是 UTF-8 编码"
        return None, Finding(shown, line, col, "GJ-L001", f"文件{looks}，第 {line} 行起无法按 UTF-8 读取。",
                             "用记事本或 VS Code“另存为”，编码选 UTF-8，再提交。")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


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
