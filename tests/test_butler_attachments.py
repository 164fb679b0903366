"""The butler's path through attachments, as the butler's page (roles/butler.md) tells it: files into attachments/, each listed
with its kind (in English or in the Chinese word a butler types), hashes filled by ``guanjia verify --fill``,
then the signoff. Slips on the way get answers a butler can act on. Real files, the real CLI."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, invoke
from guanjia.archive import build
from guanjia.attachments import locate, of
from guanjia.models import Settings

BASE = REPO / "tests" / "examples" / "base"
ACT = "records/2026/2026-03-12-zhishujie"
RECORD = f"{ACT}/record.yaml"


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(BASE, tmp_path / "p")
    return tmp_path / "p"


def rewrite(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def findings(root: Path, command: str = "validate") -> list[dict]:
    run = invoke("--root", str(root), command, "--format", "json")
    assert run.code in (0, 1) and "Traceback" not in run.out + run.err, run
    return run.json()["findings"]


def where(found: list[dict]) -> list[tuple]:
    return [(f["code"], f["path"], f["line"], f["column"]) for f in found]


def test_the_butler_path_in_the_role_page(root):
    """butler.md, 记录表 第 3–4 步: copy the files, list them, verify --fill, validate, sign."""
    from guanjia.site.handbook import pages

    guide = dict(pages(Settings()))["roles/butler.md"]
    for step in ("guanjia verify --fill", "kind: 照片", "kind: 录音", "kind: 视频", "kind: 报道",
                 "guanjia approve records/2026/2026-12-24-shengdan/record.yaml --as butler"):
        assert step in guide, step
    (root / ACT / "evaluation.yaml").unlink()  # the record is being made: no evaluation yet
    folder = root / ACT / "attachments"
    (folder / "致辞录音.m4a").write_bytes(b"\x00\x00\x00\x20ftypM4A recording")
    (folder / "种树.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 video")
    (folder / "街道公众号报道.txt").write_text("翠湖花园举办亲子植树活动，46 户家庭参加。\n", encoding="utf-8")
    rewrite(root, RECORD, "    caption: 翠湖花园公众号推文原文\n",
            "    caption: 翠湖花园公众号推文原文\n  - kind: 录音\n    path: attachments/致辞录音.m4a\n    caption: 致辞\n"
            "  - kind: 视频\n    path: attachments/种树.mp4\n  - kind: 报道\n    path: attachments/街道公众号报道.txt\n")
    found = findings(root)
    assert sorted(f["code"] for f in found) == ["GJ-C002", "GJ-V001", "GJ-V001", "GJ-V001"], found
    run = invoke("--root", str(root), "verify", "--fill")
    assert run.code == 0 and f"已写入 SHA-256：{RECORD}" in run.err, run
    assert "附件：核对了 6 个，6 个一致" in run.out, run
    assert [f["code"] for f in findings(root)] == ["GJ-C002"]  # the record changed: the butler signs again
    run = invoke("--root", str(root), "approve", str(root / RECORD), "--as", "butler", "--by", "liu-yang",
                 "--today", "2026-03-13")
    assert run.code == 0, run
    assert findings(root) == []
    text = (root / RECORD).read_text(encoding="utf-8")
    assert "  - kind: 录音\n    path: attachments/致辞录音.m4a\n    sha256: " in text  # as typed, with its hash


@pytest.mark.parametrize(("english", "typed"), [
    ("photo", "照片"), ("photo", "相片"), ("photo", "Photo"), ("photo", "ｐｈｏｔｏ"), ("press", "媒体报道"), ("press", "报道"),
    ("press", "新闻稿"),
])
def test_a_kind_in_the_words_people_type_keeps_every_signoff(root, english, typed):
    """照片 and photo say the same: one digest, so a record written either way keeps its signoffs."""
    rewrite(root, RECORD, f"  - kind: {english}\n", f"  - kind: {typed}\n")
    assert findings(root) == []
    [record] = [a.record for a in build(root).activities()]
    assert english in [a.kind for a in record.attachments]


def test_the_demo_in_chinese_kinds_keeps_its_findings(demo):
    before = findings(demo)
    for path in demo.glob("records/*/*/record.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"kind: (photo|press|audio|video)", lambda m: "kind: " + {
            "photo": "照片", "press": "媒体报道", "audio": "录音", "video": "视频"}[m.group(1)], text), encoding="utf-8")
    assert "kind: 照片" in (demo / "records/2026/2026-05-31-liuyi/record.yaml").read_text(encoding="utf-8")
    assert findings(demo) == before


def test_an_unknown_kind_lists_the_words(root):
    rewrite(root, RECORD, "  - kind: photo\n", "  - kind: 相机\n")
    [finding] = findings(root)
    assert where([finding]) == [("GJ-S004", RECORD, 29, 11)]
    assert "“相机”不是附件类别" in finding["message"] and "photo（照片、相片" in finding["message"], finding


def test_an_empty_kind_is_not_written(root):
    rewrite(root, RECORD, "  - kind: photo\n", "  - kind:\n")
    assert [f["code"] for f in findings(root)] == ["GJ-S007"]


@pytest.mark.parametrize(("written", "on_disk"), [("合影.PNG", "合影.png"), ("合影.png", "合影.PNG")])
def test_a_photo_whose_extension_differs_in_case_names_the_real_file(root, written, on_disk):
    photos = root / ACT / "attachments"
    (photos / "合影.png").rename(photos / on_disk)
    rewrite(root, RECORD, "path: attachments/合影.png", f"path: attachments/{written}")
    for command in ("validate", "verify"):
        [finding] = [f for f in findings(root, command) if f["code"] != "GJ-C002"]
        assert where([finding]) == [("GJ-A011", RECORD, 30, 11)], (command, finding)
        assert f"与磁盘上的文件名“attachments/{on_disk}”只差大小写" in finding["message"], finding
        assert f"改成 attachments/{on_disk}" in finding["hint"] and "备份" not in finding["hint"], finding


def test_the_listing_decides_not_a_lookup_that_ignores_case(root):
    """On Windows and Mac, opening 合影.PNG finds 合影.png: the record must still be corrected, or the server
    and the site will not find it. Here a second name for the same file makes the lookup succeed the same way."""
    rewrite(root, RECORD, "path: attachments/合影.png", "path: attachments/合影.PNG")
    archive = build(root)  # lists the folder: only 合影.png is there
    os.link(root / ACT / "attachments/合影.png", root / ACT / "attachments/合影.PNG")  # now a lookup succeeds
    [entry] = [e for e in of(next(iter(archive.activities()))) if e.path == "attachments/合影.PNG"]
    located = locate(entry)
    assert (located.file, located.code) == (None, "GJ-A011") and "attachments/合影.png" in located.message


def test_restore_from_backup_only_for_an_archived_activity(root):
    (root / ACT / "attachments/社区公众号报道.txt").unlink()
    [finding] = findings(root, "verify")
    assert where([finding]) == [("GJ-V003", RECORD, 34, 11)]
    assert "已经归档" in finding["hint"] and "从备份找回" in finding["hint"], finding
    (root / ACT / "evaluation.yaml").unlink()  # not archived: the record is still being prepared
    [finding] = findings(root, "verify")
    assert where([finding]) == [("GJ-V003", RECORD, 34, 11)]
    assert "备份" not in finding["hint"] and "放进 attachments/" in finding["hint"], finding
