"""Names every staff PC can hold: files Windows or macOS cannot check out are refused, with where they are.

Real files in a copy of tests/examples/base (the bad names are made here, never committed: this
repository must itself check out on Windows). A file a record or proposal names is judged at its
entry in the YAML (file, line, column); a file lying in attachments/ unnamed, at its own path.
"""

from __future__ import annotations

import json
import shutil
import unicodedata

import pytest

from conftest import REPO, invoke
from guanjia.names import path_problem, problem, twin_key, twins, visible

BASE = REPO / "tests" / "examples" / "base"
ACT = "records/2026/2026-03-12-zhishujie"
RECORD, PROPOSAL = f"{ACT}/record.yaml", f"{ACT}/proposal.yaml"
PHOTO_LINE, EXTERNAL_LINE = 30, 44  # "path: attachments/合影.png", "file: attachments/绿源苗木场-种植指导方案.txt"
NFC, NFD = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")

BAD_NAMES = ["照片?.png", "会议:纪要.txt", "星*.jpg", "<合影>.png", "竖线|.png", '引号".png', "制表\t符.png",
             "换\n行.png", "回\r车.png", "响铃\x07.png", "删除\x7f.png", "CON.png", "nul.txt", "com1", "LPT9.jpg",
             "CON .png", "COM¹.png", "conin$.txt", "Aux.tar.gz", "结尾空格 ", "结尾句点."]


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def findings(root) -> list[tuple[str, str, int, int]]:
    run = invoke("--root", str(root), "validate", "--format", "json")
    assert run.code in (0, 1), run
    return [(f["code"], f["path"], f["line"], f["column"]) for f in run.json()["findings"]]


def rewrite(root, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_base_names_are_fine(root):
    assert [f for f in findings(root) if f[0] in ("GJ-A012", "GJ-A013", "GJ-A024")] == []


@pytest.mark.parametrize("name", BAD_NAMES, ids=[visible(n) for n in BAD_NAMES])
def test_a_file_lying_in_attachments_with_a_bad_name(root, name):
    (root / ACT / "attachments" / name).write_bytes(b"x")
    assert ("GJ-A013", f"{ACT}/attachments/{name}", 0, 0) in findings(root)


WRITABLE = [n for n in BAD_NAMES if not n.endswith(" ")]  # a path written in YAML loses its trailing spaces


@pytest.mark.parametrize("name", WRITABLE, ids=[visible(n) for n in WRITABLE])
def test_a_named_file_with_a_bad_name_is_found_at_its_entry(root, name):
    (root / ACT / "attachments" / name).write_bytes(b"x")
    quoted = json.dumps(f"attachments/{name}", ensure_ascii=False).replace("\x7f", "\\x7f")  # YAML reads JSON escapes
    rewrite(root, RECORD, "path: attachments/合影.png", f"path: {quoted}")
    found = findings(root)
    assert ("GJ-A012", RECORD, PHOTO_LINE, 11) in found, found
    assert not [f for f in found if f[0] == "GJ-A013"], found  # judged once, where the record names it


def test_a_folder_with_a_bad_name_inside_attachments(root):
    (root / ACT / "attachments" / "第二批?").mkdir()
    (root / ACT / "attachments" / "第二批?" / "合影2.png").write_bytes(b"x")
    found = findings(root)
    assert ("GJ-A013", f"{ACT}/attachments/第二批?", 0, 0) in found
    assert not [f for f in found if f[0] == "GJ-A013" and f[1].endswith("合影2.png")]


def test_bad_names_anywhere_in_records(root):
    (root / "records/2026/说明?.txt").write_bytes(b"x")
    (root / ACT / "备注:1.txt").write_bytes(b"x")
    found = findings(root)
    assert ("GJ-A013", "records/2026/说明?.txt", 0, 0) in found
    assert ("GJ-A013", f"{ACT}/备注:1.txt", 0, 0) in found


def test_case_twins_on_disk_are_found_at_the_entry_that_names_one(root):
    shutil.copy(root / ACT / "attachments/合影.png", root / ACT / "attachments/合影.PNG")
    found = findings(root)
    assert ("GJ-A024", RECORD, PHOTO_LINE, 11) in found, found


def test_case_twins_nobody_names(root):
    (root / ACT / "attachments/说明.TXT").write_bytes(b"a")
    (root / ACT / "attachments/说明.txt").write_bytes(b"b")
    assert ("GJ-A024", f"{ACT}/attachments/说明.txt", 0, 0) in findings(root)


def test_normalisation_twins_nobody_names(root):
    (root / ACT / "attachments" / f"{NFC}.txt").write_bytes(b"a")
    (root / ACT / "attachments" / f"{NFD}.txt").write_bytes(b"b")
    found = [f for f in findings(root) if f[0] == "GJ-A024"]
    assert len(found) == 1 and found[0][1] in (f"{ACT}/attachments/{NFC}.txt", f"{ACT}/attachments/{NFD}.txt")
    run = invoke("--root", str(root), "validate")
    assert "只是 Unicode 写法不同" in run.out


def test_twins_in_the_activity_folder(root):
    (root / ACT / "attachments").rename(root / ACT / "Attachments")
    shutil.copytree(root / ACT / "Attachments", root / ACT / "attachments")
    assert ("GJ-A024", f"{ACT}/attachments", 0, 0) in findings(root)


def test_twins_written_in_the_documents(root):
    """The proposal names 合影.PNG, the record 合影.png: one file on Windows, and only one is on this disk."""
    rewrite(root, PROPOSAL, "file: attachments/绿源苗木场-种植指导方案.txt", "file: attachments/合影.PNG")
    found = findings(root)
    assert ("GJ-A024", PROPOSAL, EXTERNAL_LINE, 11) in found, found
    assert ("GJ-A011", PROPOSAL, EXTERNAL_LINE, 11) in found
    run = invoke("--root", str(root), "validate")
    assert "与磁盘上的文件名“attachments/合影.png”只差大小写" in run.out, run


def test_a_path_written_in_another_normalisation_says_which_file_is_there(root):
    (root / ACT / "attachments" / f"{NFC}.txt").write_bytes("活动说明".encode())
    rewrite(root, RECORD, "path: attachments/社区公众号报道.txt", f"path: attachments/{NFD}.txt")
    found = findings(root)
    assert ("GJ-A011", RECORD, 34, 11) in found
    assert f"与磁盘上的文件名“attachments/{NFC}.txt”只是 Unicode 写法不同" in invoke("--root", str(root), "validate").out


def test_a_line_break_in_a_name_stays_on_one_line_of_the_report(root):
    (root / ACT / "attachments" / "换\n行.png").write_bytes(b"x")
    out = invoke("--root", str(root), "validate").out
    assert f"{ACT}/attachments/换\\n行.png: 错误 GJ-A013" in out, out


# ---------------------------------------------------------------- the name rules themselves

@pytest.mark.parametrize("name", BAD_NAMES, ids=[visible(n) for n in BAD_NAMES])
def test_bad_names_have_a_reason(name):
    assert problem(name)


@pytest.mark.parametrize("name", ["合影.png", "CONSOLE.txt", "com10.png", "NULL", "aux-1.png", ".hidden", "a b.png",
                                  "2026-03-12 活动.md", " 前面有空格.png"])
def test_good_names(name):
    assert problem(name) == ""


@pytest.mark.parametrize(("text", "has"), [
    ("C:/Users/管家/合影.png", "绝对路径"), ("//server/share/a.png", "绝对路径"), ("/etc/passwd", "绝对路径"),
    ("attachments/会议:纪要.txt", "不允许的字符“:”"), ("attachments\\合影.png", "反斜杠"), ("../合影.png", ".."),
    ("attachments/CON.png", "保留名"), ("attachments/合影.", "句点"), ("attachments/a\nb.png", "控制字符"),
    ("attachments/" + "长" * 200, "太长"),
])
def test_path_problems(text, has):
    assert has in path_problem(text)


def test_twins_fold_case_and_normalisation_only():
    assert twin_key(NFC) == twin_key(NFD) == twin_key("CAFÉ")
    assert twin_key("straße") != twin_key("STRASSE")  # Windows does not fold ß to ss
    assert twin_key("Ａ.png") != twin_key("A.png")  # full-width letters are other letters
    assert twins(["a.PNG", "a.png", "b.png", "A.png"]) == [("a.PNG", "a.png"), ("a.PNG", "A.png")]
