"""Strict YAML loading: bytes → text → plain data with source positions.

Never raises for a bad file: a bad file becomes findings with file, line and column.
Every scalar comes out as ``str`` (or ``None`` for an empty plain value): types come
from the models, never from YAML 1.1 guessing (``9:30``, ``no``, ``0301`` stay text).
The tree is built from libyaml's event stream, not its composer, so size and nesting
depth are capped before anything is composed (libyaml's recursive composer can crash
on very deep nesting), and anchors, aliases, tags and extra documents are refused at
the first event that carries them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

from .files import DIRECTORY, NotRegular, read_capped, refused
from .findings import Finding
from .imehints import structural_slips, syntax_message
from .rawtext import MAX_DEPTH, decode, flow_too_deep

try:  # libyaml's parser alone (no constructor or resolver, which are never used): fast, positions in characters
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = yaml.SafeLoader

MAX_BYTES = 1_000_000
_NULLS = {"", "~", "null", "Null", "NULL"}
_Scalar, _MappingEnd, _SequenceEnd = yaml.ScalarEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent

Key = tuple  # a path into the data: ("budget", "items", 2, "amount")


class Pos(NamedTuple):
    """Where a value (and, for mapping entries, its key) starts. 1-based."""

    line: int
    column: int
    key_line: int = 0
    key_column: int = 0


@dataclass
class Document:
    """A loaded file: its data, its text, and where each part of it stands."""

    path: Path
    shown: str  # path as shown to users
    data: object = None
    positions: dict[Key, tuple] | None = None  # Pos fields as plain tuples; worked out when first asked for
    text: str = ""  # line ends normalised to "\n"
    findings: list[Finding] = field(default_factory=list)  # the file could not be read: no data
    notes: list[Finding] = field(default_factory=list)  # read, but something in it is surely a slip
    _lines: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def lines(self) -> list[str]:
        """The text's lines, split when first asked for."""
        if self._lines is None:
            self._lines = self.text.split("\n") if self.text else []
        return self._lines

    def pos(self, key: Key) -> Pos:
        """The position of ``key`` or of its nearest ancestor that has one.

        Positions are only needed for findings, and most files have none: so the first call reads
        the text a second time, recording where every part starts.
        """
        if self.positions is None:
            self.positions = {}
            try:
                _Builder(Document(self.path, self.shown), self.positions).build(self.text)
            except (_Stop, _Retry, yaml.YAMLError):  # pragma: no cover - the text was read once already
                pass
        key = tuple(key)
        while key not in self.positions and key:
            key = key[:-1]
        return Pos(*self.positions.get(key, (1, 1)))


class _Stop(Exception):
    def __init__(self, finding: Finding):
        self.finding = finding


class _Retry(Exception):
    """A duplicate key found without positions: read again with them, to say where the first one is."""


def load_file(path: Path, shown: str | None = None) -> Document:
    """Read one YAML file strictly. Problems end up in ``Document.findings``."""
    shown = shown or path.as_posix()
    doc = Document(path=path, shown=shown)
    try:
        raw = read_capped(path, MAX_BYTES)
    except NotRegular as exc:
        if exc.kind == DIRECTORY:
            doc.findings.append(Finding(shown, 0, 0, "GJ-L000", "这是一个目录，不是文件。", "删掉或改名这个目录。"))
        else:
            doc.findings.append(refused(shown, exc.kind))
        return doc
    except PermissionError:
        doc.findings.append(Finding(shown, 0, 0, "GJ-L000", "没有读取这个文件的权限。", "请 IT 检查文件权限。"))
        return doc
    except OSError as exc:
        doc.findings.append(Finding(shown, 0, 0, "GJ-L000", "无法读取这个文件。", f"（技术信息：{exc.strerror or exc}）"))
        return doc
    if len(raw) > MAX_BYTES:
        size = max(len(raw), _size(path))
        doc.findings.append(Finding(shown, 0, 0, "GJ-L007", f"文件太大（{size:,} 字节，上限 {MAX_BYTES:,}）。",
                                    "一份记录不应这么大；照片、录像等请放进 attachments/ 目录，在记录里只写路径。"))
        return doc
    return load_bytes(raw, shown, path)


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def load_bytes(raw: bytes, shown: str, path: Path | None = None) -> Document:
    doc = Document(path=path or Path(shown), shown=shown)
    if len(raw) > MAX_BYTES:
        doc.findings.append(Finding(shown, 0, 0, "GJ-L007", f"文件太大（{len(raw):,} 字节，上限 {MAX_BYTES:,}）。"))
        return doc
    text, problem = decode(raw, shown)
    if problem:
        doc.findings.append(problem)
        return doc
    doc.text = text
    too_deep = flow_too_deep(text)
    if too_deep:
        doc.findings.append(Finding(shown, *too_deep, "GJ-L008", f"括号嵌套太深（超过 {MAX_DEPTH} 层）。",
                                    "检查方括号“[ ]”和花括号“{ }”是否成对。"))
        return doc
    try:
        try:
            doc.data = _Builder(doc).build(text)
        except _Retry:
            doc.notes.clear()
            doc.positions = {}
            doc.data = _Builder(doc, doc.positions).build(text)
    except _Stop as stop:
        doc.findings.append(stop.finding)
        doc.data = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote or bracket: point where it opens
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message, hint = syntax_message(exc.problem or "", exc.context or "")
        code = "GJ-L008" if "nesting depth" in (exc.problem or "") else "GJ-L002"
        found = structural_slips(doc.lines, line - 1)
        if found:  # the IME slip is the cause: point at it, not at where libyaml gave up
            slip = found[0]
            line, col, code = slip.line, slip.column, "GJ-L012"
            message = f"这里是{slip.what}，YAML 读不懂这一行。"
            hint = f"请{slip.instead}。" + "".join(f"另外，{s.text}。" for s in found[1:])
        doc.findings.append(Finding(shown, line, col, code, message, hint))
    except yaml.reader.ReaderError as exc:  # control characters
        offset = exc.position  # libyaml counts UTF-8 bytes; the pure-Python reader counts characters
        if _Parser is not yaml.SafeLoader:
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        before = text[:offset]
        line, col = before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
        doc.findings.append(Finding(shown, line, col, "GJ-L013", f"这里有不可见的控制字符 U+{exc.character:04X}。",
                                    "删掉它；从网页、微信或 Word 粘贴的文字常带这种字符，可先粘贴到记事本再复制。"))
    except yaml.YAMLError as exc:  # pragma: no cover - every libyaml error is one of the above
        doc.findings.append(Finding(shown, 0, 0, "GJ-L002", f"YAML 无法读取：{exc}"))
    return doc


class _Builder:
    """Builds dicts/lists/str from the event stream; given a ``positions`` dict, also records where each part is."""

    def __init__(self, doc: Document, positions: dict | None = None):
        self.doc = doc
        self.positions = positions
        self.get = None

    def stop(self, mark, code: str, message: str, hint: str = "") -> None:
        raise _Stop(Finding(self.doc.shown, mark.line + 1, mark.column + 1, code, message, hint))

    def build(self, text: str):
        parser = _Parser(text)  # events straight from libyaml, without yaml.parse's generator around them
        self.get = parser.get_event
        try:
            return self._document()
        finally:
            parser.dispose()

    def _document(self):
        self.get()  # StreamStart
        first = self.get()
        if isinstance(first, yaml.StreamEndEvent):
            return None
        root = self.node(self.get(), (), 1)
        self.get()  # DocumentEnd
        extra = self.get()
        if isinstance(extra, yaml.DocumentStartEvent):
            self.stop(extra.start_mark, "GJ-L006", "一个文件里只能有一份文档，这里出现了第二份（“---”）。",
                      "把第二份内容移到单独的文件，或删掉多余的“---”。")
        return root

    def node(self, event, key: Key | None, depth: int, kmark=None):
        positions = self.positions
        if type(event) is _Scalar and event.anchor is None and (event.tag is None or event.implicit != (False, False)):
            if positions is not None:  # the common case first: a plain, untagged scalar
                positions[key] = _where(event.start_mark, kmark)
            value = event.value
            return None if value in _NULLS and event.style in ("", None) else value
        mark = event.start_mark
        if depth > MAX_DEPTH:
            self.stop(mark, "GJ-L008", f"嵌套层次太深（超过 {MAX_DEPTH} 层）。", "检查缩进是否一层层越缩越深。")
        if isinstance(event, yaml.AliasEvent):
            self.stop(mark, "GJ-L004", f"不允许使用别名“*{event.anchor}”。", "把要重复的内容直接写出来。")
        if event.anchor is not None:
            self.stop(mark, "GJ-L004", f"不允许使用锚点“&{event.anchor}”。", "把要重复的内容直接写出来。")
        tag = (event.tag or "").replace("tag:yaml.org,2002:", "!!") or None
        if tag is not None and (not event.implicit or event.implicit == (False, False)):
            self.stop(mark, "GJ-L005", f"不允许使用标签“{tag}”。", "删掉以“!”开头的标签，只写值本身。")
        if positions is not None:
            positions[key] = _where(mark, kmark)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while True:
                ev = self.get()
                if type(ev) is _SequenceEnd:
                    return items
                if event.flow_style and isinstance(ev, yaml.ScalarEvent) and ev.style in ("", None) and "，" in ev.value:
                    at = ev.start_mark.column + ev.value.index("，") + 1
                    self.doc.notes.append(Finding(self.doc.shown, ev.start_mark.line + 1, at, "GJ-L014",
                                                  "方括号列表里用了中文逗号“，”：前后几项会被当成一项。",
                                                  "分隔列表项请用英文逗号“,”；如果这一项本身就含有“，”，请用英文引号括起来。"))
                items.append(self.node(ev, None if positions is None else key + (len(items),), depth + 1))
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(key, depth)
        self.stop(mark, "GJ-L002", "无法识别的 YAML 结构。")  # pragma: no cover

    def mapping(self, key: Key, depth: int) -> dict:
        out: dict = {}
        get, positions = self.get, self.positions
        while True:
            ev = get()
            if type(ev) is _MappingEnd:
                return out
            if type(ev) is not _Scalar or ev.anchor is not None or (ev.tag is not None and ev.implicit == (False, False)):
                if isinstance(ev, yaml.AliasEvent | yaml.ScalarEvent):
                    self.node(ev, key, depth + 1)  # reports the alias, anchor or tag
                self.stop(ev.start_mark, "GJ-L011", "键必须是普通文字，不能是列表或映射。",
                          "检查这一行开头是否多了“-”、“[”或“{”。")
            name = ev.value
            kmark = ev.start_mark
            if name == "<<" and ev.style in ("", None):
                self.stop(kmark, "GJ-L004", "不允许使用合并键“<<”。", "把要合并的内容直接写出来。")
            if name in out:
                if positions is None:
                    raise _Retry
                first = positions[key + (name,)]
                self.stop(kmark, "GJ-L003", f"键“{name}”重复出现（第一次在第 {first[2]} 行）。",
                          "同一层里每个键只能写一次；删掉或合并重复的那一行。")
            out[name] = self.node(get(), None if positions is None else key + (name,), depth + 1, kmark)


def _where(mark, kmark) -> tuple[int, int, int, int]:
    if kmark is None:
        return mark.line + 1, mark.column + 1, 0, 0
    return mark.line + 1, mark.column + 1, kmark.line + 1, kmark.column + 1
