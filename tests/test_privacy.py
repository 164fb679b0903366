"""What the privacy gate counts as a resident's personal data, what it leaves alone, and how text attachments
are read: once, the same way, for the check and for the published page."""

from __future__ import annotations

import os
import re
import shutil
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, guanjia
from guanjia.archive import build
from guanjia.load import load_bytes
from guanjia.rules import privacy
from guanjia.rules.personal import SURNAMES, WORDS, _hits, hits, id_checksum_ok, masked, personal_data, suspect
from guanjia.textfile import MAX_TEXT_BYTES, TEXT_ATTACHMENTS, Refused, read_text

BASE = REPO / "tests" / "examples" / "base"
ACT = "records/2026/2026-03-12-zhishujie"
PRESS = f"{ACT}/attachments/社区公众号报道.txt"
PLAN = f"{ACT}/attachments/绿源苗木场-种植指导方案.txt"

MOBILE, LANDLINE, ID, ROOM, NAMED = "手机号码", "固定电话号码", "身份证号码", "房号", "姓名和房号"


@pytest.mark.parametrize(("text", "kind"), [
    ("联系人 13912345678", MOBILE),
    ("电话 139 1234 5678", MOBILE),
    ("电话 139-1234-5678", MOBILE),
    ("电话 139.1234.5678", MOBILE),
    ("电话 1391 2345 678", MOBILE),
    ("电话 139 - 1234 - 5678", MOBILE),
    ("电话 +86 13912345678", MOBILE),
    ("电话 +86-139-1234-5678", MOBILE),
    ("电话（+86）139 1234 5678", MOBILE),
    ("电话 0086 13912345678", MOBILE),
    ("电话 86139 1234 5678", MOBILE),
    ("电话 １３９１２３４５６７８", MOBILE),
    ("电话 １３９　１２３４　５６７８", MOBILE),  # U+3000 between full-width digits
    ("电话 139—1234—5678", MOBILE),  # U+2014
    ("电话 139–1234–5678", MOBILE),  # U+2013
    ("电话 139‐1234‐5678", MOBILE),  # U+2010
    ("电话 139‑1234‑5678", MOBILE),  # U+2011
    ("电话 139−1234−5678", MOBILE),  # U+2212
    ("电话 139－1234－5678", MOBILE),  # U+FF0D
    ("电话 139．1234．5678", MOBILE),  # U+FF0E
    ("电话 139·1234·5678", MOBILE),  # U+00B7
    ("电话 139・1234・5678", MOBILE),  # U+30FB
    ("电话 139\u00a01234\u00a05678", MOBILE),  # NBSP
    ("电话 1３9 12３4－5678", MOBILE),  # ASCII and full-width mixed
    ("电话 139\u200b1234\u200b5678", MOBILE),  # zero-width spaces: invisible on the page
    ("电话 1\u00ad3\u00ad9\u00ad1234\ufeff5678", MOBILE),  # soft hyphens, a stray BOM
    ("加 wx13912345678 进群", MOBILE),
    ("座机 0571-88886666", LANDLINE),
    ("座机（020）12345678", LANDLINE),
    ("座机 (0571) 8888 6666", LANDLINE),
    ("座机 ０５７１－８８８８６６６６", LANDLINE),
    ("座机（０５７１）８８８８—６６６６", LANDLINE),
    ("座机 010 8888 6666", LANDLINE),
    ("座机 057188886666", LANDLINE),
    ("电话：8888 6666", LANDLINE),
    ("身份证 110101199003074514", ID),
    ("身份证 110101 19900307 4514", ID),
    ("身份证 １１０１０１１９９００３０７４５１４", ID),
    ("身份证 11010519491231002X", ID),
    ("身份证 11010519491231002x", ID),
    ("身份证 11010519491231002Ｘ", ID),
    ("李建国（5栋1单元601室）", NAMED),
    ("3栋1202 张先生", NAMED),
    ("王女士（6号楼1503）", NAMED),
    ("5-1-601 陈阿姨", NAMED),
    ("6幢2单元302刘女士", NAMED),
    ("李建国 5#1202", NAMED),
    ("张先生（3栋2单元501）", NAMED),
    ("3-2-501 王女士", NAMED),
    ("3栋1202 万先生", NAMED),  # 万 is also a counting word: the title decides
    ("501室李阿姨反映", NAMED),
    ("业主李建国（601室）", NAMED),
    ("601室 李建国。", NAMED),
    ("小王 601 室家里", NAMED),
    ("5-601 陈阿姨", NAMED),
    ("2单元501 王女士", NAMED),
    ("5栋1单元601室", ROOM),
    ("5 栋 1 单元 601", ROOM),
    ("５栋１单元６０１室", ROOM),
    ("5栋一单元601", ROOM),
    ("5栋1-601", ROOM),
    ("3栋1202", ROOM),
    ("6号楼1503", ROOM),
    ("5#1202", ROOM),
    ("5#楼1202", ROOM),
    ("12栋12楼1202", ROOM),
    ("A栋1202", ROOM),
    ("B2座1503", ROOM),
    ("A1#1202", ROOM),
    ("五栋1单元601", ROOM),
    ("5-1-601", ROOM),
    ("5－1－601", ROOM),
])
def test_found(text, kind):
    found = personal_data(text)
    assert kind in [k for k, _ in found], found


@pytest.mark.parametrize("text", [
    "3号楼架空层", "5栋前广场", "小区 9 栋与 10 栋之间", "三栋、五栋架空层", "每一栋 120 户", "第 3 单元门口集合", "会所二楼", "1号楼大堂", "3 栋、5 栋架空层",
    "9:30 8 栋模拟厨房起火", "8 栋 120 户", "3 栋 2026 年的活动", "8 栋 300 米", "5 栋 1200 多人",
    "会所 201 室举办讲座", "活动改在 3 楼 301 室", "一位业主 601 室", "601 室", "1-100 号",
    "2026-03-12 09:30—11:30", "2026年3月12日", "2026.03.12", "09:30", "9:30—11:30", "9:30-11:30",
    "预算 2,800 元，实际 2718.50 元", "12345678.90", "13912345678.90 元", "参加 46 户 131 人", "HSJY04-GJ-B54",
    "110101199003074515",  # 18 digits, but the check digit is wrong: not an ID number
    "13912345678901",  # too long for a phone number
    "sha256:120d1ae87b3213449f919293ea1059e3", "a13812345678b",
    "sha256:13812345678abcdef0123456789abcdef0123456789abcdef0123456789ab",
    "sha256: 0123456789abcdef13812345678fedcba9876543210fedcba98765432100aa",
])
def test_left_alone(text):
    assert personal_data(text) == []


def test_check_digit():
    assert id_checksum_ok("11010519491231002X") and not id_checksum_ok("110105194912310021")


@pytest.mark.parametrize("value", ["13912345678", "１３９　１２３４　５６７８", "+86 139 1234 5678", "0571-88886666",
                                   "110101199003074514", "11010519491231002X", "5栋1单元601室", "601室", "5-1-601",
                                   "139\u200b1234\u200b5678"])
def test_the_message_never_shows_the_whole_number(value):
    digits = re.sub(r"[^0-9０-９Xx]", "", value)
    shown = masked(value)
    assert "*" in shown and "\u200b" not in shown
    assert len(re.sub(r"[^0-9０-９Xx]", "", shown)) <= max(len(digits) // 2, 1)


def test_the_demo_project_has_no_personal_data():
    archive = build(REPO)
    assert privacy.check_documents(archive) == [] and privacy.check_attachments(archive) == []
    for activity in archive.activities():  # also value by value, without the whole-document test first
        for doc in activity.docs.values():
            assert [(k, t) for k, t in privacy._walk(doc.data) if _hits(t)] == [], doc.shown


# ----------------------------------------------------------------------------- properties

SAFE_CJK = "活动举办参加居民社区花园春风植绿亲子物业服务中心管家部组织预算实际费用主题内容树苗浇水合影结束工作清理场地的了在是有，。"
SEPARATORS = [" ", "\u3000", "\u00a0", "-", "－", "—", "–", "‐", "‑", "−", ".", "．", "·"]
FULL = str.maketrans("0123456789", "０１２３４５６７８９")
cjk = st.text(SAFE_CJK, max_size=6)


def test_the_safe_text_names_no_one():
    assert not set(SAFE_CJK) & set(SURNAMES + WORDS + "室房号单电话机")


@st.composite
def harmless(draw):
    n = st.integers
    kind = draw(st.sampled_from(["hex", "digest", "hex-phone", "date", "cn-date", "dot-date", "time", "range",
                                 "amount", "grouped", "code", "count"]))
    if kind == "hex":
        return draw(st.text("0123456789abcdef", min_size=64, max_size=64))
    if kind == "digest":
        return "sha256:" + draw(st.text("0123456789abcdef", min_size=64, max_size=64))
    if kind == "hex-phone":  # a phone number's digits between hex letters, as in a real digest
        at = draw(n(1, 52))
        hexes = draw(st.text("0123456789abcdef", min_size=64, max_size=64))
        return hexes[:at - 1] + draw(st.sampled_from("abcdef")) + "13812345678" + draw(st.sampled_from("abcdef")) \
            + hexes[at + 12:]
    if kind == "date":
        return f"{draw(n(2000, 2100))}-{draw(n(1, 12)):02d}-{draw(n(1, 31)):02d}"
    if kind == "cn-date":
        return f"{draw(n(2000, 2100))}年{draw(n(1, 12))}月{draw(n(1, 31))}日"
    if kind == "dot-date":
        return f"{draw(n(2000, 2100))}.{draw(n(1, 12)):02d}.{draw(n(1, 31)):02d}"
    if kind == "time":
        return f"{draw(n(0, 23)):02d}:{draw(n(0, 59)):02d}"
    if kind == "range":
        dash = draw(st.sampled_from(["—", "-", "–", "～", "至"]))
        return f"{draw(n(0, 23))}:{draw(n(0, 59)):02d}{dash}{draw(n(0, 23))}:{draw(n(0, 59)):02d}"
    if kind == "amount":
        return f"{draw(n(0, 99_999_999))}" + draw(st.sampled_from(["", f".{draw(n(0, 99)):02d}"]))
    if kind == "grouped":
        return f"{draw(n(0, 99_999_999)):,}" + draw(st.sampled_from(["", " 元", "元"]))
    if kind == "code":
        return f"{draw(st.text('ABCDEFGHJKLMNPQRSTUVWXYZ', min_size=2, max_size=4))}{draw(n(0, 99)):02d}-GJ-B{draw(n(0, 99)):02d}"
    return f"{draw(n(0, 9999))} {draw(st.sampled_from(['户', '人', '份', '棵', '组']))}"


@given(st.lists(st.tuples(st.text(SAFE_CJK, min_size=1, max_size=6), harmless()), max_size=6), cjk)
@settings(max_examples=400)
def test_digests_dates_times_amounts_and_codes_are_never_personal_data(parts, tail):
    text = "".join(a + b for a, b in parts) + tail
    assert hits(text) == [] and _hits(text) == []


@st.composite
def phones(draw):
    """A mobile or landline number as a butler might type it: grouped anyhow, separators of every kind,
    full-width digits here and there, a country or area code, even invisible characters between digits."""
    if draw(st.booleans()):
        digits = "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
        sizes = draw(st.sampled_from([(3, 4, 4), (3, 8), (7, 4), (4, 4, 3), (4, 7), (11,)]))
        prefix = draw(st.sampled_from(["", "+86 ", "+86-", "(+86)", "（+86）", "86", "0086 ", "＋８６　"]))
        kind = MOBILE
    else:
        area = "0" + draw(st.text("123456789", min_size=1, max_size=1)) + draw(st.text("0123456789", min_size=1, max_size=2))
        local = draw(st.text("23456789", min_size=1, max_size=1)) + draw(st.text("0123456789", min_size=6, max_size=7))
        digits = area + local
        sizes = (len(area), len(local) - 4, 4) if draw(st.booleans()) else (len(area), len(local))
        prefix, kind = "", LANDLINE
    groups, start = [], 0
    for size in sizes:
        groups.append(digits[start:start + size])
        start += size
    groups = ["".join(d.translate(FULL) if draw(st.booleans()) else d for d in g) for g in groups]
    if kind == LANDLINE and draw(st.booleans()):
        number = f"({groups[0]})" + "".join(draw(st.text(SEPARATORS, max_size=2)) + g for g in groups[1:])
    else:
        number = groups[0] + "".join(draw(st.text(SEPARATORS, min_size=kind == LANDLINE, max_size=3)) + g
                                     for g in groups[1:])
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(1, len(number) - 1))
        number = number[:at] + draw(st.sampled_from(["\u200b", "\u00ad", "\ufeff", "\u2060"])) + number[at:]
    return prefix + number, kind


@given(cjk, phones(), cjk)
@settings(max_examples=600)
def test_a_phone_number_in_any_form_is_always_found(before, phone, after):
    number, kind = phone
    text = before + number + after
    found = hits(text)
    assert [h.kind for h in found] == [kind], (text, found)
    assert found[0].end == len(before) + len(number) and found[0].start >= len(before)
    assert suspect(text)


FRAGMENTS = ["1", "3", "9", "0", "５", "8", "6", "139", "1234", "5678", "601", "1202", "0571", "86", "栋", "单元", "号楼",
             "#", "室", "房", "门", "座", "楼", "一", "-", "－", "—", " ", "\u3000", ".", "·", "(", ")", "（", "）", "+",
             "王", "李建国", "先生", "阿姨", "老张", "\n", "\n    ", "a", "f", "A", "B1", "X", "五", "十二", "年", "户",
             "\u200b", "电话", "的"]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25))
@settings(max_examples=1500)
def test_the_cheap_test_never_hides_a_finding(parts):
    text = "".join(parts)
    if _hits(text):
        assert suspect(text), text


# ----------------------------------------------------------------------------- documents

def scan(yaml: str):
    return [(f.line, f.column, f.code) for f in privacy.scan(load_bytes(yaml.encode("utf-8"), "x.yaml"))]


def test_a_number_folded_over_lines_is_found():
    assert scan("summary: 活动很成功，联系\n  1391\n  2345\n  678 报名\n") == [(1, 1 + len("summary: "), "GJ-P001")]


def test_a_number_written_with_escapes_is_found():
    yaml = 'summary: "联系 ' + "".join(f"\\u{ord(d):04x}" for d in "13912345678") + '"\n'
    assert scan(yaml) == [(1, 10, "GJ-P001")]  # at the value: the number is not written out in the file


def test_a_number_on_a_line_with_a_digest_is_found():
    digest = "0123456789abcdef" * 4
    yaml = f"attachments:\n  - {{path: attachments/a.txt, sha256: {digest}, caption: 王先生 13912345678}}\n"
    column = yaml.splitlines()[1].index("139") + 1
    assert scan(yaml) == [(2, column, "GJ-P001")]


def test_each_occurrence_is_pointed_at():
    yaml = "summary: |\n  先打 13912345678，\n  再打 13912345678 或 13912345678\n"
    assert scan(yaml) == [(2, 6, "GJ-P001"), (3, 6, "GJ-P001"), (3, 20, "GJ-P001")]


def test_signoff_digests_are_not_scanned():
    yaml = "prepared:\n  by: liu-yang\n  date: 2026-03-13\n  digest: sha256:" + "13912345678" + "a" * 53 + "\n"
    assert scan(yaml) == []


# ----------------------------------------------------------------------------- text attachments

def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


TEXT = "春风植绿\n\n获奖家庭代表李阿姨（电话 139 1234 5678）说：明年还来。\n"


@pytest.mark.parametrize(("encoding", "raw"), [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8-bom-crlf", b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode("utf-8")),
    ("utf-16-le", b"\xff\xfe" + TEXT.replace("\n", "\r\n").encode("utf-16-le")),
    ("utf-16-be", b"\xfe\xff" + TEXT.encode("utf-16-be")),
])
def test_text_attachments_are_decoded_before_the_check(tmp_path, encoding, raw):
    text = read_text(write(tmp_path / "a.txt", raw))
    assert text == TEXT
    found = privacy.scan_text(text, "a.txt")
    assert [(f.line, f.column, f.code) for f in found] == [(3, TEXT.split("\n")[2].index("139") + 1, "GJ-P001")]
    assert "139 **** **78" in found[0].message


@pytest.mark.parametrize(("raw", "line", "column", "says"), [
    (TEXT.encode("gbk"), 1, 1, "GBK/GB18030"),
    ("ok\n𠀀春风".encode("gb18030"), 2, 1, "GBK/GB18030"),
    (b"line one\nline two \x00\x01\x02", 2, 10, "NUL"),
    (b"\xff\xfe" + "第一行\n第二行".encode("utf-16-le") + b"\x00", 2, 4, "UTF-16"),
    (b"\xff\xfe" + "ab\x00c".encode("utf-16-le"), 1, 3, "NUL"),
    (bytes(range(128, 256)) * 8, 1, 1, "不是 UTF-8"),
])
def test_what_cannot_be_read_as_text_is_refused(tmp_path, raw, line, column, says):
    refused = read_text(write(tmp_path / "a.txt", raw))
    assert isinstance(refused, Refused)
    finding = privacy.refused(refused, "a.txt")
    assert (finding.code, finding.line, finding.column) == ("GJ-P002", line, column) and says in finding.message
    assert "网站不会发布" in finding.message and "UTF-8" in finding.hint


def test_a_huge_text_attachment_is_refused_without_reading_it(tmp_path):
    for size in (MAX_TEXT_BYTES + 1, 10 * 1024 ** 3):  # sparse: ten gigabytes would not fit in memory
        path = tmp_path / f"{size}.txt"
        with open(path, "wb") as file:
            file.truncate(size)
        refused = read_text(path)
        assert refused == Refused("size")
        finding = privacy.refused(refused, path.name)
        assert finding.code == "GJ-P003" and f"{MAX_TEXT_BYTES:,}" in finding.message
    with open(tmp_path / "edge.txt", "wb") as file:
        file.write(b"a" * MAX_TEXT_BYTES)
    assert read_text(tmp_path / "edge.txt") == "a" * MAX_TEXT_BYTES


def test_not_a_file_is_not_read(tmp_path):
    """A directory or a named pipe (which would block a plain open) where a text should be: nothing is read,
    nothing published, nothing hangs; the attachment rule reports them (see below)."""
    (tmp_path / "dir.txt").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing")
    names = ("dir.txt", "pipe.txt", "dangling.txt", "missing.txt")
    results = {}

    def read_all():
        for name in names:
            results[name] = read_text(tmp_path / name)

    reader = threading.Thread(target=read_all, daemon=True)
    reader.start()
    reader.join(timeout=60)  # a generous cap against a hang, not a measure of speed
    assert not reader.is_alive(), "reading hung"
    assert results == dict.fromkeys(names)


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def test_the_site_publishes_exactly_what_was_checked(tmp_path):
    """Same reader for the check and the page: a UTF-16 text is checked and shown decoded; a GBK text is
    refused by the check and not published."""
    from guanjia.site.build import _attached
    from guanjia.site.context import TEXT_FILES, Site

    assert TEXT_FILES <= TEXT_ATTACHMENTS  # every text the site shows is one the gate reads
    root = project(tmp_path)
    clean = "春风植绿，翠湖花园 46 户家庭共植 50 棵树\r\n"
    write(root / PRESS, b"\xfe\xff" + clean.encode("utf-16-be"))
    write(root / PLAN, "种植指导方案：桂花、紫薇\n".encode("gbk"))
    archive = build(root)
    assert [(f.code, f.path) for f in privacy.check_attachments(archive)] == [("GJ-P002", PLAN)]
    site = Site(archive, date(2026, 12, 1), True)
    pages = {src: content for t in site.timelines for src, content, _ in _attached(site, t)}
    press = [content for src, content in pages.items() if src.endswith("社区公众号报道.txt.md")]
    assert len(press) == 1 and "春风植绿，翠湖花园 46 户家庭共植 50 棵树" in press[0] and "\ufeff" not in press[0]
    assert not [src for src in pages if "种植指导方案" in src]


def test_validate_reports_odd_attachments_without_hanging(tmp_path):
    root = project(tmp_path)
    folder = root / ACT / "attachments"
    (folder / "社区公众号报道.txt").unlink()
    os.mkfifo(folder / "社区公众号报道.txt")
    (folder / "绿源苗木场-种植指导方案.txt").unlink()
    (folder / "绿源苗木场-种植指导方案.txt").symlink_to(REPO / "README.md")
    run = guanjia("--root", str(root), "validate", "--format", "json", timeout=120)
    assert "Traceback" not in run.err, run
    codes = sorted((f["code"], f["path"]) for f in run.json()["findings"])
    assert ("GJ-L015", f"{ACT}/record.yaml") in codes and ("GJ-A012", f"{ACT}/proposal.yaml") in codes
    assert not [c for c in codes if c[0].startswith("GJ-P")], codes
