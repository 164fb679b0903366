"""A hostile-input corpus, run through ``guanjia validate`` as a user would.

Each case breaks one file of the small valid project in tests/examples/base. Every case must
end with exit 1 and a finding with its code at the expected line: never a crash, never a
traceback, with memory capped at 1 GiB and a generous cap against hangs (30 s: a quadratic
blow-up takes minutes; how fast a normal file is read is measured in bench/, not here).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

BASE = REPO / "tests" / "examples" / "base"
ACT = "records/2026/2026-03-12-zhishujie"
P, R, PLAN = f"{ACT}/proposal.yaml", f"{ACT}/record.yaml", "records/2026/plan.yaml"
TEXT = {name: (BASE / name).read_text(encoding="utf-8") for name in (P, R, PLAN)}


def line_of(name: str, needle: str) -> int:
    return next(i for i, line in enumerate(TEXT[name].splitlines(), 1) if needle in line)


def sub(name: str, old: str, new: str) -> bytes:
    assert old in TEXT[name], old
    return TEXT[name].replace(old, new, 1).encode("utf-8")


THEME = line_of(P, "theme:")
PLACE = line_of(P, "place:")
START = line_of(P, "start:")
TOTAL = next(i for i, line in enumerate(TEXT[P].splitlines(), 1) if line.startswith("  total:"))
PHOTO = line_of(R, "path: attachments/合影.png")
BILLION = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))

# (name, file, bytes, code, line)
CASES = [
    # encodings
    ("gbk", P, TEXT[P].encode("gbk"), "GJ-L001", 2),  # line 1 is ASCII; line 2 is the first GBK byte
    ("gb18030", P, TEXT[P].replace("春风", "𠀀春风", 1).encode("gb18030"), "GJ-L001", 2),
    ("utf16-le-bom", P, TEXT[P].encode("utf-16-le").join([b"\xff\xfe", b""]), "GJ-L001", 1),
    ("utf16-be-bom", P, b"\xfe\xff" + TEXT[P].encode("utf-16-be"), "GJ-L001", 1),
    ("utf8-bom-dup-key", P, b"\xef\xbb\xbf" + sub(P, "place:", "theme: 重复\nplace:"), "GJ-L003", PLACE),
    ("crlf-tab-indent", P, sub(P, "  date: 2026-03-12", "\tdate: 2026-03-12").replace(b"\n", b"\r\n"), "GJ-L012",
     START - 1),
    ("mixed-line-ends", P, sub(P, "place:", "place：").replace(b"\n", b"\r", 2).replace(b"\n  total", b"\r\n  total"),
     "GJ-L012", PLACE),
    ("nul-byte", P, sub(P, "place:", "pl\x00ace:"), "GJ-L010", PLACE),
    ("binary-png", P, (BASE / ACT / "attachments" / "合影.png").read_bytes(), "GJ-L010", 3),
    ("binary-junk", P, bytes(range(128, 256)) * 8, "GJ-L001", 1),
    ("lone-surrogate", P, sub(P, "place:", "place: x").replace(b"place: x", b"place: \xed\xa0\x80"), "GJ-L001",
     PLACE),
    ("control-character", P, sub(P, "小区北侧绿地", "小区\x07北侧绿地"), "GJ-L013", PLACE),
    # input-method slips
    ("fullwidth-colon", P, sub(P, "place:", "place："), "GJ-L012", PLACE),
    ("fullwidth-comma-flow", P, sub(P, "[报名登记, 现场签到和分组", "[报名登记，现场签到和分组"), "GJ-L014",
     line_of(P, "[报名登记")),
    ("fullwidth-space-indent", P, sub(P, "  date: 2026-03-12", "\u3000\u3000date: 2026-03-12"), "GJ-L012", START - 1),
    ("fullwidth-dash", P, sub(P, "  - department: 管家部\n    tasks", "  － department: 管家部\n    tasks"), "GJ-L012",
     line_of(P, "tasks: [报名登记") - 1),
    ("fullwidth-digits", P, sub(P, "  total: 2800", "  total: ２８００"), "GJ-S013", TOTAL),
    ("fullwidth-brackets-list", P, sub(P, "[报名登记, 现场签到和分组, 主持和讲解, 意见调查]", "【报名登记、主持】"), "GJ-S005",
     line_of(P, "[报名登记")),
    ("fullwidth-key", P, sub(P, "place:", "ｐｌａｃｅ:"), "GJ-S002", PLACE),
    ("zero-width-in-key", P, sub(P, "place:", "\u200bplace:"), "GJ-S002", PLACE),
    ("nbsp-indent", P, sub(P, "  date: 2026-03-12", "\u00a0 date: 2026-03-12"), "GJ-L012", START - 1),
    # YAML 1.1 traps: the model types every value
    ("sexagesimal-time", P, sub(P, 'start: "09:00"', "start: 09:00:00"), "GJ-S012", START),
    ("short-date", P, sub(P, "  date: 2026-03-12", "  date: 2026-3-12"), "GJ-S010", START - 1),
    ("chinese-date", P, sub(P, "  date: 2026-03-12", "  date: 2026年3月12日"), "GJ-S010", START - 1),
    ("hex-money", P, sub(P, "  total: 2800", "  total: 0xAF0"), "GJ-S013", TOTAL),
    ("underscore-money", P, sub(P, "  total: 2800", "  total: 2_800"), "GJ-S013", TOTAL),
    ("hex-year", PLAN, TEXT[PLAN].replace("year: 2026", "year: 0x7EA").encode(), "GJ-S005", 3),
    ("on-is-not-true", P, sub(P, "plan_item: zhishujie", "plan_item: on"), "GJ-A001", 3),
    # duplicate keys at every level
    ("dup-top", P, sub(P, "form:", "place: 重复\nform:"), "GJ-L003", PLACE + 1),
    ("dup-nested", P, sub(P, '  start: "09:00"', '  start: "09:00"\n  date: 2026-03-13'), "GJ-L003", START + 1),
    ("dup-in-list-item", P, sub(P, "    task: 确定种植区域", "    task: 重复\n    task: 确定种植区域"), "GJ-L003",
     line_of(P, "task: 确定种植区域") + 1),
    ("dup-deep", P, sub(P, "      amount: 1900", "      amount: 1900\n      amount: 1800"), "GJ-L003",
     line_of(P, "amount: 1900") + 1),
    # anchors, aliases, merge keys, alias bombs
    ("anchor", P, sub(P, "place:", "place: &p 小区\nplace2:"), "GJ-L004", PLACE),
    ("alias", P, sub(P, "form:", "form: *f\nformx:"), "GJ-L004", THEME + 1),
    ("merge-key", P, sub(P, "when:", "when:\n  <<: {date: 2026-03-12}"), "GJ-L004", START - 1),
    ("billion-laughs", P, BILLION.encode(), "GJ-L004", 1),
    # nesting and size
    ("deep-flow-100k", P, b"theme: " + b"[" * 100_000, "GJ-L008", 1),
    ("deep-block-100k", P, b"- " * 100_000 + b"x\n", "GJ-L008", 1),
    ("deep-indent", P, "".join(" " * i + f"k{i}:\n" for i in range(200)).encode(), "GJ-L008", 33),
    ("fifty-megabytes", P, None, "GJ-L007", 0),
    # tags
    ("python-object", P, sub(P, "place: ", "place: !!python/object/apply:os.system "), "GJ-L005", PLACE),
    ("binary-tag", P, sub(P, "place: ", "place: !!binary "), "GJ-L005", PLACE),
    ("custom-tag", P, sub(P, "place: ", "place: !include "), "GJ-L005", PLACE),
    ("explicit-str-tag", P, sub(P, "  total: 2800", "  total: !!int 2800"), "GJ-L005", TOTAL),
    # empty and odd roots
    ("empty", P, b"", "GJ-L009", 1),
    ("comments-only", P, "# 只有注释\n# 还没写\n".encode(), "GJ-L009", 1),
    ("bare-document-marker", P, b"---\n", "GJ-L009", 1),
    ("several-documents", P, TEXT[P].encode() + b"---\ntheme: x\n", "GJ-L006", len(TEXT[P].splitlines()) + 1),
    ("record-is-a-list", R, b"- held: 2026-03-12\n- place: x\n", "GJ-L009", 1),
    ("record-is-text", R, "就是一段话\n".encode(), "GJ-L009", 1),
    # attachment paths
    ("traversal", R, TEXT[R].replace("attachments/合影.png", "../../../etc/passwd").encode(), "GJ-A012", PHOTO),
    ("absolute", R, TEXT[R].replace("attachments/合影.png", "/etc/passwd").encode(), "GJ-A012", PHOTO),
    ("windows-absolute", R, TEXT[R].replace("attachments/合影.png", "C:/Users/管家/合影.png").encode(), "GJ-A012", PHOTO),
    ("backslashes", R, TEXT[R].replace("attachments/合影.png", "attachments\\\\合影.png").encode(), "GJ-A012", PHOTO),
    ("reserved-con", R, TEXT[R].replace("attachments/合影.png", "attachments/CON.png").encode(), "GJ-A012", PHOTO),
    ("reserved-aux", R, TEXT[R].replace("attachments/合影.png", "attachments/aux").encode(), "GJ-A012", PHOTO),
    ("trailing-dot", R, TEXT[R].replace("attachments/合影.png", "attachments/合影.").encode(), "GJ-A012", PHOTO),
    ("symlink-out", R, TEXT[R].replace("attachments/合影.png", "attachments/link.png").encode(), "GJ-A012", PHOTO),
    ("forbidden-char", R, TEXT[R].replace("attachments/合影.png", "attachments/合影?.png").encode(), "GJ-A012", PHOTO),
    ("escaped-line-break", R, TEXT[R].replace("attachments/合影.png", '"attachments/合\\n影.png"').encode(), "GJ-A012",
     PHOTO),
    ("reserved-superscript", R, TEXT[R].replace("attachments/合影.png", "attachments/COM¹.png").encode(), "GJ-A012", PHOTO),
    ("case-twin-path", P, sub(P, "file: attachments/绿源苗木场-种植指导方案.txt", "file: attachments/合影.PNG"), "GJ-A024",
     line_of(P, "file: attachments/")),
    ("encoded-traversal", R, TEXT[R].replace("attachments/合影.png", "attachments/%2e%2e/合影.png").encode(),
     "GJ-A011", PHOTO),
]


def _limit():
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def project(tmp_path: Path, name: str, rel: str, content: bytes | None) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    target = root / rel
    if content is None:  # 50 MB, written sparsely without holding it in memory
        with target.open("wb") as fh:
            fh.write(b"theme: ")
            fh.seek(50 * 1024 * 1024)
            fh.write(b"x\n")
    else:
        target.write_bytes(content)
    if name == "symlink-out":
        (root / ACT / "attachments" / "link.png").symlink_to("/etc/hostname")
    return root


def test_corpus_is_large_enough():
    assert len(CASES) >= 50
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("name", "rel", "content", "code", "line"), CASES, ids=[c[0] for c in CASES])
def test_hostile_input(tmp_path, name, rel, content, code, line):
    root = project(tmp_path, name, rel, content)
    proc = subprocess.run([sys.executable, "-m", "guanjia", "--root", str(root), "validate", "--format", "json"],
                          capture_output=True, text=True, timeout=30, preexec_fn=_limit,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stdout + proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    shown = rel if name != "symlink-out" else R
    hits = [(f["code"], f["line"]) for f in findings if f["path"] == shown]
    assert (code, line) in hits, hits
