"""``guanjia verify`` never reports success for what it skipped.

Each attachment is checked, matched, failed, or could not be checked, and the last line says how many
of each. A record or proposal that cannot be read, or an entry written wrong (a malformed SHA-256), is
an error with its file, line and column, never a silent skip. Real files in a copy of tests/examples/base.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO, invoke

BASE = REPO / "tests" / "examples" / "base"
ACT = "records/2026/2026-03-12-zhishujie"
RECORD, PROPOSAL = f"{ACT}/record.yaml", f"{ACT}/proposal.yaml"
PHOTO_SHA = "120d1ae87b3213449f919293ea1059e3ea38ac0dacf5f208574ceab0efbad47e"
EXTERNAL_SHA = "5e8ad192bd725282fb35038f3d650a495617d3910ffd33a4f3ce97843c8af7cc"


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def rewrite(root, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def verify(root, *args: str):
    run = invoke("--root", str(root), "verify", *args, "--format", "json")
    assert run.code in (0, 1), run
    payload = run.json()
    return run.code, [(f["code"], f["path"], f["line"], f["column"]) for f in payload["findings"]], \
        payload["summary"]["attachments"]


def summary_line(root) -> str:
    return invoke("--root", str(root), "verify").out.strip().splitlines()[-1]


def test_all_attachments_match(root):
    assert verify(root) == (0, [], {"checked": 3, "matched": 3, "failed": 0, "unchecked": 0, "unread_documents": 0,
                                    "outside": 0})
    assert summary_line(root) == "附件：核对了 3 个，3 个一致，0 个不一致或缺失，0 个无法核对。"


def test_a_changed_file(root):
    (root / ACT / "attachments/合影.png").write_bytes(b"\x89PNG replaced")
    code, found, tally = verify(root)
    assert (code, found) == (1, [("GJ-V002", RECORD, 31, 13)])
    assert (tally["matched"], tally["failed"]) == (2, 1)


def test_a_missing_file(root):
    (root / ACT / "attachments/社区公众号报道.txt").unlink()
    code, found, tally = verify(root)
    assert (code, found, tally["failed"]) == (1, [("GJ-V003", RECORD, 34, 11)], 1)


@pytest.mark.parametrize("bad", [PHOTO_SHA[:63], PHOTO_SHA + "0", PHOTO_SHA.upper(), PHOTO_SHA[:63] + "g",
                                 "sha256:" + PHOTO_SHA, '""', "~待填~"],
                         ids=["63-digits", "65-digits", "upper-case", "not-hex", "prefixed", "empty", "text"])
def test_a_malformed_hash_is_an_error_where_it_is_written(root, bad):
    rewrite(root, RECORD, f"sha256: {PHOTO_SHA}", f"sha256: {bad}")
    code, found, tally = verify(root)
    assert code == 1
    assert found == [("GJ-V004", RECORD, 31, 13)]
    assert (tally["checked"], tally["matched"], tally["unchecked"]) == (2, 2, 1)  # the others are still checked
    assert summary_line(root) == "附件：核对了 2 个，2 个一致，0 个不一致或缺失，1 个无法核对。"
    validate = invoke("--root", str(root), "validate", "--format", "json").json()["findings"]
    assert ("GJ-S036", 31, 13) in [(f["code"], f["line"], f["column"]) for f in validate if f["path"] == RECORD]


def test_a_malformed_hash_in_the_proposal(root):
    rewrite(root, PROPOSAL, f"sha256: {EXTERNAL_SHA}", f"sha256: {EXTERNAL_SHA[1:]}")
    code, found, _ = verify(root)
    assert (code, found) == (1, [("GJ-V004", PROPOSAL, 45, 13)])
    assert "64 位小写十六进制数字（0-9、a-f），这里有 63 个字符" in invoke("--root", str(root), "verify").out


def test_a_record_that_cannot_be_read(root):
    rewrite(root, RECORD, "place:", "place：")  # a full-width colon: the YAML cannot be read at all
    code, found, tally = verify(root)
    assert code == 1 and [f[0] for f in found] == ["GJ-V004"] and found[0][1] == RECORD and found[0][2] > 0, found
    assert (tally["checked"], tally["unread_documents"]) == (1, 1)  # the proposal's file is still checked
    assert "另有 1 份记录表或策划表读不出来，其中的附件没有核对" in summary_line(root)


def test_a_record_with_other_mistakes_still_has_its_attachments_checked(root):
    rewrite(root, RECORD, "summary:", "summery:")  # the record fails its model, its attachments are fine
    assert verify(root) == (0, [], {"checked": 3, "matched": 3, "failed": 0, "unchecked": 0, "unread_documents": 0,
                                    "outside": 0})


def test_attachments_that_are_not_a_list(root):
    text = (root / RECORD).read_text(encoding="utf-8")
    head = text[: text.index("attachments:\n")]
    (root / RECORD).write_text(head + "attachments: attachments/合影.png\n" + text[text.index("prepared:"):],
                               encoding="utf-8")
    code, found, tally = verify(root)
    assert code == 1 and found == [("GJ-V004", RECORD, head.count("\n") + 1, 14)], found
    assert tally["unread_documents"] == 1


def test_a_record_under_the_wrong_name(root):
    (root / RECORD).rename(root / ACT / "record.yml")
    code, found, tally = verify(root)
    assert code == 1 and ("GJ-V004", f"{ACT}/record.yml", 0, 0) in found, found
    assert tally["unread_documents"] == 1


def test_a_record_that_is_a_symbolic_link(root, tmp_path):
    shutil.move(root / RECORD, tmp_path / "record.yaml")
    (root / RECORD).symlink_to(tmp_path / "record.yaml")
    code, found, _ = verify(root)
    assert code == 1 and ("GJ-V004", RECORD, 0, 0) in found, found


def test_no_hash_recorded_is_not_counted_as_matching(root):
    rewrite(root, RECORD, f"    sha256: {PHOTO_SHA}\n", "")
    code, found, tally = verify(root)
    assert (code, found, tally["unchecked"], tally["matched"]) == (1, [("GJ-V001", RECORD, 29, 5)], 1, 2)
    fill = invoke("--root", str(root), "verify", "--fill")
    assert fill.code == 0 and "已写入 SHA-256" in fill.err, fill
    assert verify(root)[2]["matched"] == 3
    assert PHOTO_SHA in (root / RECORD).read_text(encoding="utf-8")


def test_files_outside_the_repository_are_counted_apart(root):
    rewrite(root, RECORD, "path: attachments/合影.png", "url: https://pan.example.com/合影.png")
    code, found, tally = verify(root)
    assert (code, found, tally["outside"], tally["checked"]) == (0, [], 1, 2)
    assert summary_line(root).endswith("；1 个仓库外的文件只记录了摘要，未核对。")
