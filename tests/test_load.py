"""The strict loader: every scalar is text, YAML's traps are errors with positions."""

from __future__ import annotations

import pytest

from guanjia.load import MAX_BYTES, load_bytes


def load(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(raw, "x.yaml")


def only(doc):
    assert len(doc.findings) == 1, doc.findings
    f = doc.findings[0]
    return f.code, f.line, f.column


def test_scalars_stay_text():
    doc = load("a: 9:30\nb: no\nc: 0301\nd: 2026-03-01\ne: 1e3\nf: ~\ng:\nh: ''\ni: [yes, off]\n")
    assert doc.ok
    assert doc.data == {"a": "9:30", "b": "no", "c": "0301", "d": "2026-03-01", "e": "1e3", "f": None,
                        "g": None, "h": "", "i": ["yes", "off"]}


def test_positions_are_one_based_characters():
    doc = load("主题: 植树\nitems:\n  - name: 树苗\n")
    assert (doc.pos(("主题",)).line, doc.pos(("主题",)).column) == (1, 5)
    assert (doc.pos(("主题",)).key_line, doc.pos(("主题",)).key_column) == (1, 1)
    assert (doc.pos(("items", 0, "name")).line, doc.pos(("items", 0, "name")).column) == (3, 11)


def test_positions_are_worked_out_only_when_asked_for():
    doc = load("a: 1\nb:\n  - c: 2\n")
    assert doc.positions is None  # most files have no finding: no positions recorded while reading
    assert doc.pos(("b", 0, "c"))[:2] == (3, 8)
    assert doc.pos(("b", 0, "nope")) == doc.pos(("b", 0))  # the nearest part that exists
    assert doc.positions is not None


def test_duplicate_key_names_the_first_and_keeps_one_note():
    doc = load("tags: [亲子，公益]\nb:\n  c: 1\n  d: 2\n  c: 3\n")
    assert only(doc) == ("GJ-L003", 5, 3)
    assert "第一次在第 3 行" in doc.findings[0].message
    assert [n.code for n in doc.notes] == ["GJ-L014"]  # the second reading does not repeat it


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbfa: 1\r\nb: 2\r\n", b"a: 1\rb: 2\r"], ids=["bom-crlf", "cr"])
def test_bom_and_line_ends(raw):
    doc = load(raw)
    assert doc.ok and doc.data == {"a": "1", "b": "2"}


@pytest.mark.parametrize(("text", "expected"), [
    ("a: 1\nb:\n  c: 1\n  c: 2\n", ("GJ-L003", 4, 3)),
    ("a: &x 1\nb: *x\n", ("GJ-L004", 1, 4)),
    ("a: [1]\nb: *x\n", ("GJ-L004", 2, 4)),
    ("<<: {a: 1}\n", ("GJ-L004", 1, 1)),
    ("a: !!python/object:os.system x\n", ("GJ-L005", 1, 4)),
    ("a: !custom x\n", ("GJ-L005", 1, 4)),
    ("a: 1\n---\nb: 2\n", ("GJ-L006", 2, 1)),
    ("? [a, b]\n: 1\n", ("GJ-L011", 1, 3)),
    ("a: 1\n主题：植树\nb: 2\n", ("GJ-L012", 2, 3)),
    ("a:\n\tb: 1\n", ("GJ-L012", 2, 1)),
    ("a: \"x\n", ("GJ-L002", 1, 4)),
])
def test_refused_constructs(text, expected):
    assert only(load(text)) == expected


def test_alias_bomb_is_refused_before_expansion():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    assert only(load(bomb))[0] == "GJ-L004"


@pytest.mark.parametrize("text", ["[" * 100_000, "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 200)),
                                  "- " * 50_000 + "x\n"], ids=["flow", "block", "dashes"])
def test_deep_nesting_is_a_finding_not_a_crash(text):
    assert only(load(text))[0] == "GJ-L008"


def test_size_is_capped_before_parsing():
    assert only(load(b"a: " + b"x" * MAX_BYTES))[0] == "GJ-L007"


def test_gbk_is_named():
    doc = load("a: 1\n主题: 植树节\n".encode("gbk"))
    code, line, col = only(doc)
    assert (code, line, col) == ("GJ-L001", 2, 1)
    assert "GBK" in doc.findings[0].message


@pytest.mark.parametrize("raw", ["a: 1\n".encode("utf-16"), b"a: 1\x00\n"], ids=["utf16", "nul"])
def test_other_encodings(raw):
    assert only(load(raw))[0] in ("GJ-L001", "GJ-L010")


@pytest.mark.parametrize(("text", "data"), [("", None), ("# 只有注释\n", None), ("- a\n", ["a"])])
def test_empty_and_odd_roots_load(text, data):
    doc = load(text)
    assert doc.ok and doc.data == data
