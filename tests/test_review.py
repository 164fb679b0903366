"""Mistakes found by reviewing the foundation as a butler would make them: each gets a clear answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import guanjia

ACT = "records/2026/2026-03-12-zhishujie"




def run(root: Path):
    result = guanjia("--root", str(root), "validate", "--format", "json")
    assert "Traceback" not in result.err, result
    return result


def codes(root: Path) -> list[tuple[str, str, int, int]]:
    return [(f["code"], f["path"], f["line"], f["column"]) for f in run(root).json()["findings"]
            if f["severity"] == "error"]


@pytest.mark.parametrize(("rename", "to", "shown"), [
    (f"{ACT}/proposal.yaml", f"{ACT}/proposal.yml", f"{ACT}/proposal.yml"),
    (f"{ACT}/record.yaml", f"{ACT}/record.yaml.txt", f"{ACT}/record.yaml.txt"),
    (f"{ACT}/record.yaml", f"{ACT}/记录表.yaml", f"{ACT}/记录表.yaml"),
    ("records/2026", "records/2026年", "records/2026年"),
    ("guanjia.yml", "guanjia.yaml", "guanjia.yaml"),
])
def test_misnamed_files_fail_instead_of_passing_unchecked(demo, rename, to, shown):
    (demo / rename).rename(demo / to)
    result = run(demo)
    assert result.code == 1, result
    [finding] = [f for f in result.json()["findings"] if f["code"] == "GJ-A015"]
    assert finding["path"] == shown and "没有检查" in finding["message"]


def test_symlinked_activity_is_refused(demo, tmp_path):
    outside = tmp_path / "outside"
    shutil.move(demo / ACT, outside)
    (demo / ACT).symlink_to(outside, target_is_directory=True)
    assert ("GJ-A025", ACT, 0, 0) in codes(demo)


def test_validate_path_outside_the_archive_is_a_usage_error(demo, tmp_path):
    stray = tmp_path / "draft.yaml"
    stray.write_text("foo: [\n", encoding="utf-8")
    result = guanjia("--root", str(demo), "validate", str(stray))
    assert result.code == 2 and "不是本项目档案中的文件" in result.err, result


def test_missing_records_is_an_environment_error(tmp_path):
    result = guanjia("--root", str(tmp_path), "validate")
    assert result.code == 2 and "records/" in result.err, result


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "expected"), [
    # a full-width colon followed by a blank line: blamed where it is, not two lines later
    ("plan_item: zhishujie", "plan_item： zhishujie", ("GJ-L012", 3, 10)),
    # harmless full-width brackets in one value do not take the blame for a bare ": " in the next
    ("  - risk: 下雨\n    response: 小雨照常进行并发放雨衣；", "  - risk: （小）雨\n    response: 小雨照常进行: 并发放雨衣；",
     ("GJ-L002", 49, 21)),
    ("  - party: 绿源苗木场", "  -party: 绿源苗木场", ("GJ-L012", 42, 3)),
    ("place: 小区北侧绿地（9 栋与 10 栋之间）", "place: @小区北侧绿地", ("GJ-L012", 11, 8)),
    ("theme: 春风植绿·亲子植树 ", 'theme: "春风植绿"亲子植树 ', ("GJ-L012", 5, 8)),
    ("    tasks: [报名登记, 现场签到和分组", "    tasks: [报名登记，现场签到和分组", ("GJ-L014", 33, 17)),
])
def test_slips_are_blamed_exactly(demo, old, new, expected):
    replace(demo, f"{ACT}/proposal.yaml", old, new)
    found = [(c, line, col) for c, path, line, col in codes(demo) if path == f"{ACT}/proposal.yaml"]
    assert expected in found, found


def test_no_english_leaks_for_special_characters(demo):
    replace(demo, f"{ACT}/proposal.yaml", "place: 小区北侧绿地（9 栋与 10 栋之间）", "place: `小区`")
    [finding] = [f for f in run(demo).json()["findings"] if f["path"] == f"{ACT}/proposal.yaml"]
    assert not any(word in finding["message"] for word in ("found", "token", "expected"))


def test_roster_accounts_belong_to_one_person(demo):
    replace(demo, "records/roster.yaml", "emails: [liuyang@huasheng-wy.example]", "emails: [wangli@huasheng-wy.example]")
    assert [c for c in codes(demo) if c[0] == "GJ-S026"] == [("GJ-S026", "records/roster.yaml", 30, 14)]


def test_roster_email_must_be_half_width(demo):
    replace(demo, "records/roster.yaml", "emails: [liuyang@huasheng-wy.example]", "emails: [liuyang＠huasheng-wy。example]")
    assert ("GJ-S033", "records/roster.yaml", 30, 14) in codes(demo)


def test_none_written_as_wu_gets_the_empty_list_hint(demo):
    replace(demo, f"{ACT}/record.yaml", "incidents:\n", "incidents: 无\nold_incidents:\n")
    findings = run(demo).json()["findings"]
    assert any(f["code"] == "GJ-S005" and "[]" in f["hint"] for f in findings), findings


def test_click_speaks_chinese():
    result = guanjia("validate", "--format", "xml")
    assert result.code == 2
    assert "错误" in result.err and "Usage" not in result.err and "Error" not in result.err



def test_records_that_is_a_link_is_refused(demo, tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.move(demo / "records", outside)
    (demo / "records").symlink_to(outside, target_is_directory=True)
    assert ("GJ-A025", "records", 0, 0) in codes(demo)
