"""File names every staff PC can hold: the archive must open on Windows and Mac computers as well.

Windows refuses the characters ``< > : " / \\ | ? *``, control characters, its reserved device names
(``CON``, ``NUL``, ``COM1``… also with an extension, ``CON.png``) and names ending in a space or a dot;
macOS refuses ``:``. A checkout that meets such a name fails or leaves the file out. Windows and macOS
also treat two names that differ only by case (``合影.PNG``, ``合影.png``) or only by Unicode
normalisation (``café`` written as one character or as ``e`` plus an accent) as the same file: a
checkout keeps one of the two *twins* and the other is silently lost.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

from .findings import Finding

_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            *(f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³")}
MAX_PATH = 200  # characters of a path written in a document; the clone's own folder comes on top on Windows
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """``text`` with control characters written out (``\\n``, ``\\x01``), for messages and paths shown."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda m: _ESCAPES.get(m.group(), f"\\x{ord(m.group()):02x}"), text)


def problem(name: str) -> str:
    """Why one file or folder name cannot be checked out on Windows or macOS ("" when it can)."""
    bad = _BAD.search(name)
    if bad:
        char = bad.group()
        if char < " " or char == "\x7f":
            return f"含有控制字符 U+{ord(char):04X}"
        return f"含有 Windows{'和 macOS' if char == ':' else ''} 不允许的字符“{char}”"
    if name.endswith((" ", ".")):
        return "以空格或句点结尾（Windows 会去掉它们）"
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    if stem in RESERVED:
        return f"是 Windows 的保留名（{stem}）"
    return ""


def path_problem(text: str) -> str:
    """Why a path written in a document cannot name a file inside the activity folder ("" when it can)."""
    if "\\" in text:
        return "用了反斜杠“\\”，请用“/”"
    if len(text) > MAX_PATH:
        return f"太长（超过 {MAX_PATH} 个字符）"
    if text.startswith("/") or re.match(r"[A-Za-z]:", text):  # also Windows drives (C:) and UNC paths (//server)
        return "是绝对路径，请写相对于活动目录的路径"
    parts = [part for part in text.split("/") if part not in ("", ".")]
    if ".." in parts:
        return "含有“..”，不能指向活动目录之外"
    for part in parts:
        why = problem(part)
        if why:
            return f"中的“{visible(part)}”{why}，Windows 或 Mac 电脑上无法保存这个文件"
    return ""


def twin_key(name: str) -> str:
    """What Windows and macOS see of a name: case and Unicode normalisation folded away."""
    if name.isascii():
        return name.lower()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).lower())


def how_twins_differ(a: str, b: str) -> str:
    if unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b):
        return "只是 Unicode 写法不同（同一个字，一个是合成字符、一个是字母加附加符号）"
    return "只差大小写" if a.lower() == b.lower() else "只差大小写和 Unicode 写法"


def twins(names: list[str]) -> list[tuple[str, str]]:
    """(first, other) for each name that is the twin of an earlier one (in the order given)."""
    first: dict[str, str] = {}
    found = []
    for name in names:
        key = twin_key(name)
        if key in first:
            found.append((first[key], name))
        else:
            first[key] = name
    return found


def twin_message(a: str, b: str) -> tuple[str, str]:
    """Message and hint for two names that one Windows or Mac folder cannot hold side by side."""
    return (f"“{visible(a)}”和“{visible(b)}”{how_twins_differ(a, b)}：在 Windows 和 Mac 电脑上它们是同一个文件，"
            "检出时一个会覆盖另一个。", "给其中一个改名，使两个名字明显不同（记录里写的路径一并改正）。")


def bad_name(shown: str, name: str, why: str) -> Finding:
    """A file or folder on disk whose name a Windows or Mac checkout cannot hold."""
    return Finding(shown, 0, 0, "GJ-A013", f"名字“{visible(name)}”{why}：Windows 或 Mac 电脑上无法检出它。",
                   "改名：不用 < > : \" / \\ | ? * 和控制字符，不以空格或句点结尾，不用 CON、NUL、COM1 这类名字。")


def listing_findings(folder: str, names: list[str]) -> list[Finding]:
    """Bad names and twins among the entries of one folder (``folder`` as shown, names in listing order)."""
    found = [bad_name(posixpath.join(folder, name), name, why) for name in names if (why := problem(name))]
    found += [Finding(posixpath.join(folder, b), 0, 0, "GJ-A024", *twin_message(a, b)) for a, b in twins(names)]
    return found
