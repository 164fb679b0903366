"""A butler's file with several mistakes gets all of them in one run of ``guanjia validate``, each where it is,
and the slips a Chinese input method makes are named as such (real files, the real CLI)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import invoke
from guanjia.archive import build
from guanjia.site.activity import activity_page
from guanjia.site.context import Site

BASE = Path(__file__).parent / "examples" / "base"
ACT = "records/2026/2026-03-12-zhishujie"
PROPOSAL, RECORD, PLAN = f"{ACT}/proposal.yaml", f"{ACT}/record.yaml", "records/2026/plan.yaml"


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(BASE, tmp_path / "p")
    return tmp_path / "p"


def edit(root: Path, rel: str, *pairs: tuple[str, str]) -> str:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def at(root: Path, rel: str, needle: str, offset: int = 0, nth: int = 1) -> tuple[int, int]:
    """Line and column (1-based) of the ``nth`` line holding ``needle`` in the file, plus ``offset`` characters."""
    lines = [(n, line) for n, line in enumerate((root / rel).read_text(encoding="utf-8").split("\n"), 1) if needle in line]
    number, line = lines[nth - 1]
    return number, line.index(needle) + 1 + offset


def validate(root: Path) -> list[dict]:
    run = invoke("--root", str(root), "validate", "--format", "json")
    assert run.code == 1 and "Traceback" not in run.out + run.err, run
    return run.json()["findings"]


def where(findings: list[dict]) -> set[tuple]:
    return {(f["code"], f["path"], f["line"], f["column"]) for f in findings}


def test_a_proposal_with_four_mistakes_gets_four_findings(root):
    text = edit(root, PROPOSAL, ("  date: 2026-03-12", "  date: 2026年3月12日"), ("      amount: 350", "      amount: 350元"),
                ("  total: 2800", "  total: 2900"))
    start = text.index("emergency_plan:")
    (root / PROPOSAL).write_text(text[:start] + text[text.index("evaluation_method:"):], encoding="utf-8")
    found = validate(root)
    assert where(found) == {
        ("GJ-S010", PROPOSAL, *at(root, PROPOSAL, "2026年3月12日")),
        ("GJ-S013", PROPOSAL, *at(root, PROPOSAL, "350元")),
        ("GJ-S001", PROPOSAL, 3, 1),
        ("GJ-S021", PROPOSAL, *at(root, PROPOSAL, "2900")),
    }, found
    total = next(f for f in found if f["code"] == "GJ-S021")
    assert "明细合计为 2800 元" in total["message"]  # 350元 read as the 350 its own message asks for
    assert "emergency_plan" in next(f for f in found if f["code"] == "GJ-S001")["message"]


def test_a_rule_with_an_unreadable_part_is_not_guessed(root):
    """An amount nobody can read: the total cannot be judged, so nothing is said about it."""
    edit(root, PROPOSAL, ("      amount: 350", "      amount: 三百五"), ("  total: 2800", "  total: 2900"),
         ("plan_item: zhishujie", "plan_item: 植树节"))
    assert where(validate(root)) == {("GJ-S013", PROPOSAL, *at(root, PROPOSAL, "三百五")),
                                     ("GJ-S008", PROPOSAL, *at(root, PROPOSAL, "植树节"))}  # no GJ-S021, no GJ-S022


def test_a_nested_part_with_a_bad_field_still_has_its_rule_checked(root):
    edit(root, PROPOSAL, ("  date: 2026-03-12", "  date: 2026-3-12"), ('  end: "11:30"', '  end: "08:30"'))
    assert where(validate(root)) == {("GJ-S010", PROPOSAL, *at(root, PROPOSAL, "2026-3-12")),
                                     ("GJ-S024", PROPOSAL, *at(root, PROPOSAL, '"08:30"'))}


def test_each_rule_reports_every_problem(root):
    edit(root, RECORD, ("  returned: 44", "  returned: 50"), ("  satisfied: 42", "  satisfied: 51"),
         ("  households: 46", "  households: 46户"))
    edit(root, PLAN, ("  - id: tiaozao\n    date: 2026-04-18", "  - id: yuanxiao\n    date: 2027-04-18"),
         ("    date: 2026-10-18", "    date: 2025-10-18"))
    assert where(validate(root)) == {
        ("GJ-S014", RECORD, *at(root, RECORD, "46户")),
        ("GJ-S028", RECORD, *at(root, RECORD, "returned: 50", 10)),
        ("GJ-S028", RECORD, *at(root, RECORD, "satisfied: 51", 11)),
        ("GJ-S026", PLAN, *at(root, PLAN, "yuanxiao", nth=2)),
        ("GJ-S027", PLAN, *at(root, PLAN, "2027-04-18")),
        ("GJ-S027", PLAN, *at(root, PLAN, "2025-10-18")),
    }


@pytest.mark.parametrize(("old", "new", "code"), [
    ('  start: "09:00"', "  start: “09:00”", "GJ-S012"),
    ("  date: 2026-03-12", "  date: “2026-03-12”", "GJ-S010"),
    ("  total: 2800", "  total: 「2800」", "GJ-S013"),
    ("      quantity: 50", "      quantity: ‘50’", "GJ-S014"),
])
def test_chinese_quotation_marks_around_a_value(root, old, new, code):
    edit(root, PROPOSAL, (old, new))
    [finding] = validate(root)
    value = new.split(": ", 1)[1]
    assert (finding["code"], finding["line"], finding["column"]) == (code, *at(root, PROPOSAL, value)), finding
    assert "两边是中文引号" in finding["message"] and f'"{value[1:-1]}"' in finding["message"], finding
    assert "中文引号" in finding["hint"], finding


@pytest.mark.parametrize(("old", "new", "needle"), [
    ("place: 小区北侧绿地", "place:\u3000小区北侧绿地", "\u3000"),  # followed by more keys
    ('  start: "09:00"', '  start:\u3000"09:00"', "\u3000"),  # inside a mapping
    ("  - date: 2026-02-26", "  - date:\u30002026-02-26", "\u3000"),  # in a list item
    ("  total: 2800", "  total:\u30002800", "\u3000"),  # the last key of a part
    ("place: 小区北侧绿地（9 栋与 10 栋之间）", "place:\u3000", "\u3000"),  # nothing after it
])
def test_a_full_width_space_after_a_colon_is_named_where_it_is(root, old, new, needle):
    edit(root, PROPOSAL, (old, new))
    [finding] = validate(root)
    assert (finding["code"], finding["line"], finding["column"]) == ("GJ-L012", *at(root, PROPOSAL, needle)), finding
    assert "冒号后面的全角空格" in finding["message"], finding


def test_a_full_width_space_after_a_dash(root):
    edit(root, PROPOSAL, ("    tasks: [报名登记, 现场签到和分组, 主持和讲解, 意见调查]", "    tasks:\n      -\u3000报名登记"))
    [finding] = validate(root)
    line, column = at(root, PROPOSAL, "\u3000")
    assert finding["code"] == "GJ-S005" and f"第 {line} 行第 {column} 列是“-”后面的全角空格" in finding["hint"], finding


@pytest.mark.parametrize(("key", "says"), [
    ("budget", ["items（明细，每项写 item、amount）", "total（合计（元））", "缩进两格"]),
    ("when", ["date（日期）", "start（开始时间）", "end（结束时间）"]),
    ("schedule", ["每项以“- ”开头", "date（完成日期）", "至少写一项"]),
    ("external_proposals", ["每项以“- ”开头", "party（外部相关方）", "确实没有内容时写 []"]),
])
def test_an_empty_key_says_what_belongs_under_it(root, key, says):
    text = (root / PROPOSAL).read_text(encoding="utf-8")
    start = text.index(f"\n{key}:") + 1
    end = next(i for i in range(text.index("\n", start) + 1, len(text)) if text[i - 1] == "\n" and text[i] not in " \n#")
    (root / PROPOSAL).write_text(text[:start] + f"{key}:\n\n" + text[end:], encoding="utf-8")
    [finding] = validate(root)
    assert (finding["code"], finding["line"]) == ("GJ-S007", at(root, PROPOSAL, f"{key}:")[0]), finding
    for text in says:
        assert text in finding["hint"], finding


def codes(found: list[dict], *wanted: str) -> set[tuple]:
    return {w for w in where(found) if w[0] in wanted}


@pytest.mark.parametrize("goal", ["参与家庭不少于40户", "参与家庭不少于　４０　户", "参与家庭 不少于 40户\u200b"])
def test_a_goal_differing_only_in_spacing_or_width_is_the_same_goal(root, goal):
    edit(root, f"{ACT}/evaluation.yaml", ("  - goal: 参与家庭不少于 40 户", f"  - goal: {goal}"))
    assert not codes(validate(root), "GJ-A010")  # (its signoffs are stale now: GJ-C002, as for any change)
    site = Site(build(root), date(2026, 12, 1), True)
    [t] = [t for t in site.timelines if t.activity and t.activity.evaluation]
    assert "签到表统计户数" in activity_page(site, t).split("目标达成情况")[1]  # the measure found for it


def test_a_goal_with_other_words_is_another_goal(root):
    edit(root, f"{ACT}/evaluation.yaml", ("  - goal: 参与家庭不少于 40 户", "  - goal: 参与家庭不少于 50 户"))
    assert codes(validate(root), "GJ-A010") == {("GJ-A010", f"{ACT}/evaluation.yaml", 4, 11),
                                               ("GJ-A010", f"{ACT}/evaluation.yaml", 4, 3)}  # and the one missing


def test_a_schedule_task_after_the_activity(root):
    edit(root, PROPOSAL, ("  - date: 2026-03-11", "  - date: 2026-03-13"), ("  - date: 2026-03-09", "  - date: 2026-03-12"))
    [finding] = [f for f in validate(root) if f["code"] == "GJ-A030"]
    assert (finding["line"], finding["column"]) == at(root, PROPOSAL, "2026-03-13"), finding
    assert "场地翻土" in finding["message"] and "晚于活动日期 2026-03-12" in finding["message"], finding


def postpone(root: Path, new_date: str) -> None:
    (root / "records/2026/changes.yaml").write_text(
        f"changes:\n  - activity: zhishujie\n    action: postponed\n    reason: 下雨\n    new_date: {new_date}\n"
        "    approval_carries_over: true\n", encoding="utf-8")
    run = invoke("--root", str(root), "approve", str(root / "records/2026/changes.yaml"), "--as", "gm", "--by", "zhao-guoqiang",
                 "--today", "2026-03-10")
    assert run.code == 0, run


def test_a_postponed_activity_is_held_on_its_new_date(root):
    postpone(root, "2026-03-19")
    edit(root, PROPOSAL, ("  - date: 2026-03-11", "  - date: 2026-03-18"), ("  date: 2026-03-12", "  date: 2026-03-19"))
    found = validate(root)  # the proposal changed after it was signed: GJ-C002 and nothing about its dates
    assert not codes(found, "GJ-A002", "GJ-A030", "GJ-A031"), found


def test_a_proposal_off_its_folder_date_is_one_finding(root):
    edit(root, PROPOSAL, ("  date: 2026-03-12", "  date: 2026-03-21"))
    assert codes(validate(root), "GJ-A002", "GJ-A031") == {("GJ-A002", PROPOSAL, 8, 9)}


def test_a_proposal_off_its_plan_date(root):
    (root / ACT).rename(root / "records/2026/2026-03-14-zhishujie")
    moved = PROPOSAL.replace("03-12", "03-14")
    edit(root, moved, ("  date: 2026-03-12", "  date: 2026-03-14"))
    found = validate(root)
    assert codes(found, "GJ-A002", "GJ-A031") == {("GJ-A031", moved, 8, 9)}
    [finding] = [f for f in found if f["code"] == "GJ-A031"]
    assert "年度计划中“zhishujie”的日期 2026-03-12" in finding["message"] and "changes.yaml" in finding["hint"]


def test_a_proposal_off_its_plan_month(root):
    edit(root, PLAN, ("    date: 2026-03-12\n    theme: 春风植绿", "    month: 2026-04\n    theme: 春风植绿"))
    [finding] = [f for f in validate(root) if f["code"] == "GJ-A031"]
    assert (finding["path"], finding["line"], finding["column"]) == (PROPOSAL, 8, 9)
    assert "月份 2026-04" in finding["message"], finding
    edit(root, PLAN, ("    month: 2026-04\n", "    month: 2026-03\n"))
    assert not codes(validate(root), "GJ-A031")


@pytest.mark.parametrize("value", ['"09:00”', "'09:00’"])
def test_an_english_quote_closed_by_a_chinese_one(root, value):
    """The quoted value runs on to the next lines, where YAML gives up: the closing Chinese quote is named."""
    edit(root, PROPOSAL, ('  start: "09:00"', f"  start: {value}"))
    [finding] = validate(root)
    assert (finding["code"], finding["line"], finding["column"]) == ("GJ-L012", *at(root, PROPOSAL, value[-1])), finding
    assert "以英文引号开头，却以中文引号结尾" in finding["message"], finding


def test_a_one_line_file_read_as_text_names_the_full_width_space(root):
    (root / "records/2026/changes.yaml").write_text("changes:\u3000[]\n", encoding="utf-8")
    [finding] = [f for f in validate(root) if f["path"] == "records/2026/changes.yaml"]
    assert finding["code"] == "GJ-L009" and "第 1 行第 9 列是冒号后面的全角空格" in finding["hint"], finding
