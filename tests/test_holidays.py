"""Working days from the State Council's notice declared in guanjia.yml, and what happens when a year is
missing: every command says which year and what to do, and the exit code does not pretend all is well."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
import yaml

from conftest import REPO, invoke
from guanjia.archive import build
from guanjia.clock import CalendarError, Days
from guanjia.models import Settings
from guanjia.site.context import Site
from guanjia.site.overview import home

BASE = REPO / "tests" / "examples" / "base"
YUANDAN = "records/2027/plan.yaml"
# made-up arrangements for the tests: the real 2027 notice is not out as these tests are written
NOTICE_2027 = """
calendar:
  2027:
    holidays:
      - 2027-01-01..2027-01-03
      - 2027-02-06..2027-02-13
    workdays:
      - 2027-02-14
"""


def settings(text: str) -> Settings:
    return Settings.model_validate(yaml.safe_load(text) if text.strip() else {})


def docs_example() -> str:
    """The calendar block shown on the procedure page (the 2026 notice)."""
    from guanjia.site.handbook import render

    page = render("procedure.md", Settings())
    section = page[page.index("### 放假安排"):]
    return re.search(r"```yaml\n(calendar:.*?)```", section, re.S).group(1)


def test_the_documented_2026_notice_counts_like_the_package():
    """The page's example, declared, gives chinese-calendar's answer for every day of 2026 (and of the
    neighbouring years it does not name)."""
    days = Days.of(settings(docs_example().replace("calendar:", "policy: {day_kind: working}\ncalendar:", 1)))
    assert days.years == {2026}
    day = date(2025, 12, 1)
    while day <= date(2027 - 1, 12, 31):
        assert days.is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_declared_year_wins_over_the_package():
    """A company that (say) closes on 2026-03-12 and skips the 2026 Spring Festival make-up Saturday:
    the declaration is the year, the package's 2026 data is not consulted."""
    days = Days.of(settings("policy: {day_kind: working}\ncalendar:\n  2026:\n    holidays: [2026-03-12]\n"))
    assert not days.is_workday(date(2026, 3, 12))
    assert not days.is_workday(date(2026, 2, 14))  # a make-up Saturday in the notice, not in this declaration
    assert days.is_workday(date(2026, 2, 16))  # a Spring Festival Monday, not declared: a working day
    assert days.shift(date(2026, 3, 13), -1) == date(2026, 3, 11)


def test_a_notice_reaching_back_into_december():
    """The 2019 notice: 2018-12-30..2019-01-01 off, Saturday 2018-12-29 on. Copied under 2019 as it is."""
    days = Days.of(settings("calendar:\n  2019:\n    holidays: [2018-12-30..2019-01-01, 2019-02-04..2019-02-10]\n"
                            "    workdays: [2018-12-29, 2019-02-02, 2019-02-03]\n"))
    assert days.is_workday(date(2018, 12, 29)) and not days.is_workday(date(2018, 12, 31))
    assert days.is_workday(date(2018, 12, 28))  # named by no notice: the package's 2018 says so
    assert days.years == {2019}


def test_an_uncovered_year_names_itself_and_the_remedy():
    with pytest.raises(CalendarError) as caught:
        Days("working").shift(date(2027, 1, 8), -15)
    assert caught.value.year == 2027
    text = caught.value.format_message()
    assert "2027 年" in text and "calendar" in text and "day_kind" in text and "chinese-calendar" in text


# ---------------------------------------------------------------- a project at the year end


def project(tmp_path: Path, calendar: str = "") -> Path:
    """The base project on working days, with a 2027 plan whose 元旦 tea party (Friday 8 January) needs
    its proposal 15 working days before: in December 2026, counted across the 2027 New Year break."""
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    text = (root / "guanjia.yml").read_text(encoding="utf-8").replace("day_kind: calendar", "day_kind: working")
    (root / "guanjia.yml").write_text(text + calendar, encoding="utf-8")
    (root / "records/2027").mkdir()
    (root / YUANDAN).write_text(
        "year: 2027\nitems:\n  - id: yuandan\n    date: 2027-01-08\n    theme: 元旦茶话会\n    form: 茶话会\n"
        "    content: 新年茶话会。\n    budget: 500\n    category: 公益\n  - id: chongyang\n    month: 2027-10\n"
        "    theme: 重阳午宴\n    form: 午宴\n    content: 敬老。\n    budget: 600\n    category: 公益\n", encoding="utf-8")
    return root


def run(root: Path, *args: str):
    return invoke("--root", str(root), *args)


def test_declared_2027_counts_across_the_new_year(tmp_path):
    """15 working days before 8 January 2027, with 1–3 January off: Thursday 17 December 2026."""
    root = project(tmp_path, NOTICE_2027)
    on_day = run(root, "deadlines", "--today", "2026-12-17", "--within", "0", "--format", "json")
    assert on_day.code == 1, on_day  # the base project's 2026 has overdue steps of its own
    assert [(d["activity"], d["due"]) for d in on_day.json()["due_soon"]] == [("yuandan", "2026-12-17")]
    assert "yuandan" not in [d["activity"] for d in on_day.json()["overdue"]]
    assert on_day.json()["calendar_gaps"] == []
    late = run(root, "deadlines", "--today", "2026-12-18", "--within", "0", "--format", "json")
    assert late.code == 1 and ("yuandan", "2026-12-17") in [(d["activity"], d["due"]) for d in late.json()["overdue"]]
    assert not [f for f in run(root, "validate", "--format", "json").json()["findings"]
                if f["path"] == "guanjia.yml" or f["code"] == "GJ-D040"]


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_deadlines_is_loud_about_an_uncovered_year(tmp_path, fmt):
    root = project(tmp_path)
    result = run(root, "deadlines", "--today", "2026-12-17", "--within", "14", "--warn-only", "--format", fmt)
    assert result.code == 2, result
    if fmt == "json":
        [gap] = result.json()["calendar_gaps"]
        assert gap["year"] == 2027 and gap["activities"] == ["元旦茶话会", "重阳午宴"]
        text = gap["message"]
    else:
        text = result.out
    text = text.replace("\\", "")  # Markdown escapes
    assert "2027 年的放假安排" in text and "guanjia.yml 的 calendar" in text and "day_kind" in text, result
    assert "元旦茶话会" in text
    if fmt != "text":  # read from a file by a program or a workflow: the log says it too
        assert "警告：" in result.err and "2027 年" in result.err
    if fmt == "markdown":
        assert "> **注意**：" in result.out and "policy.day\\_kind" in result.out
    if fmt == "text":
        assert "注意：" in result.out and "没有到期的步骤，也没有逾期。" not in result.out


def test_status_is_loud_about_an_uncovered_year(tmp_path):
    root = project(tmp_path)
    text = run(root, "status", "--today", "2026-12-17", "--year", "2027")
    assert text.code == 2, text
    assert "日历未覆盖" in text.out and "注意：" in text.out and "2027 年的放假安排" in text.out
    as_json = run(root, "status", "--today", "2026-12-17", "--year", "2027", "--format", "json")
    assert as_json.code == 2 and [g["year"] for g in as_json.json()["calendar_gaps"]] == [2027]
    row = {a["activity"]: a for a in as_json.json()["activities"]}["yuandan"]
    assert (row["next_step"], row["due"]) == ("填写策划表", None)
    # a year the package covers: nothing to say
    assert run(root, "status", "--today", "2026-03-01", "--year", "2026").code == 0


def test_validate_warns_and_the_site_says_so(tmp_path):
    root = project(tmp_path)
    found = run(root, "validate", "--format", "json").json()["findings"]
    gaps = [f for f in found if f["code"] == "GJ-D040"]
    assert [(f["path"], f["line"]) for f in gaps] == [(YUANDAN, 3), (YUANDAN, 10)], gaps
    assert "2027 年" in gaps[0]["message"] and "calendar" in gaps[0]["hint"]
    page = home(Site(build(root), date(2026, 12, 17), False))
    assert "注意：" in page and "2027 年的放假安排" in page


def test_declaring_the_year_ends_the_warning(tmp_path):
    root = project(tmp_path)
    assert run(root, "deadlines", "--today", "2026-12-10", "--warn-only").code == 2
    (root / "guanjia.yml").write_text((root / "guanjia.yml").read_text(encoding="utf-8") + NOTICE_2027,
                                      encoding="utf-8")
    assert run(root, "deadlines", "--today", "2026-12-10", "--warn-only").code == 0
    assert [f for f in run(root, "validate", "--format", "json").json()["findings"] if f["code"] == "GJ-D040"] == []


def test_a_mistake_in_the_declaration_stops_deadlines(tmp_path):
    """Counting from a half-read calendar would be a guess: deadlines stops and points to validate."""
    root = project(tmp_path, "\ncalendar:\n  2027:\n    holidays: [2027-02-06至2027-02-13]\n")
    result = run(root, "deadlines", "--today", "2026-12-10")
    assert result.code == 2 and "guanjia.yml" in result.err and "guanjia validate" in result.err


# ---------------------------------------------------------------- how a butler types it


def settings_findings(tmp_path: Path, calendar: str) -> list[dict]:
    root = project(tmp_path, "\ncalendar:\n" + calendar)
    result = run(root, "validate", "--format", "json")
    assert "Traceback" not in result.out + result.err, result
    found = [f for f in result.json()["findings"] if f["path"] == "guanjia.yml"]
    assert all(re.search(r"[\u4e00-\u9fff]", f["message"]) for f in found), found
    return found


def finding(tmp_path: Path, calendar: str, code: str) -> dict:
    """The finding with ``code``: the one a user must get (a typo'd key may bring a "missing" too)."""
    found = settings_findings(tmp_path, calendar)
    assert [f["code"] for f in found if f["code"] == code] == [code], found
    return next(f for f in found if f["code"] == code)


@pytest.mark.parametrize(("item", "code", "says"), [
    ("2027年2月6日", "GJ-S010", "2027-02-06"),
    ("2027-2-6", "GJ-S010", "2027-02-06"),
    ("2027-02-30", "GJ-S010", "没有这一天"),
    ("2027-02-06至2027-02-13", "GJ-S035", "2027-02-06..2027-02-13"),
    ("2027-02-06到2027-02-13", "GJ-S035", "2027-02-06..2027-02-13"),
    ("2027-02-06～2027-02-13", "GJ-S035", "2027-02-06..2027-02-13"),
    ("2027-02-06~2027-02-13", "GJ-S035", "2027-02-06..2027-02-13"),
    ("2027-02-06。。2027-02-13", "GJ-S035", "2027-02-06..2027-02-13"),
    ("2027-02-06……2027-02-13", "GJ-S035", "2027-02-06..2027-02-13"),
    ("2027-02-06—2027-02-13", "GJ-S035", "2027-02-06..2027-02-13"),
    ("2027-02-06-2027-02-13", "GJ-S035", "2027-02-06..2027-02-13"),
    ("2027-02-06 2027-02-13", "GJ-S035", "2027-02-06..2027-02-13"),
    ("2027年2月6日至2月13日", "GJ-S035", ".."),
    ("2027年2月6日至2027年2月13日", "GJ-S035", "2027-02-06..2027-02-13"),
    ("2027-02-06..13", "GJ-S035", "完整"),
    ("2027-02-06..", "GJ-S035", "完整"),
    ("2027-02-13..2027-02-06", "GJ-S035", "颠倒"),
    ("2027-02-06..2027-12-13", "GJ-S035", "月份"),
    ("2027-02-06..2027年2月13日", "GJ-S010", "2027-02-13"),
    ("2026-10-01", "GJ-S035", "不在 2027 年内"),
    ("2026-12-20", "GJ-S035", "不在 2027 年内"),
    ("2027-12-31..2028-01-01", "GJ-S035", "不在 2027 年内"),
])
def test_slips_in_a_holiday(tmp_path, item, code, says):
    found = finding(tmp_path, f"  2027:\n    holidays:\n      - {item}\n", code)
    assert (found["code"], found["line"], found["column"]) == (code, 40, 9), found
    assert says in found["message"], found


@pytest.mark.parametrize(("calendar", "code", "line", "says"), [
    ("  2027年:\n    holidays: [2027-02-06]\n", "GJ-S035", 38, "2027"),
    ("  27:\n    holidays: [2027-02-06]\n", "GJ-S035", 38, "年份"),
    ("  2027:\n    holidays: []\n", "GJ-S006", 39, "不能为空"),
    ("  2027: {}\n", "GJ-S001", 38, "holidays"),
    ("  2027:\n    holidays: 2027-02-06..2027-02-13\n", "GJ-S005", 39, "列表"),
    ("  2027:\n    holiday: [2027-02-06]\n", "GJ-S002", 39, "holidays"),
    ("  2027:\n    holidays: [2027-02-06..2027-02-13]\n    workdays: [2027-02-03]\n", "GJ-S035", 40, "星期三"),
    ("  2027:\n    holidays: [2027-02-06..2027-02-13]\n    workdays: [2027-02-07]\n", "GJ-S035", 40, "既写成放假日"),
    ("  2027:\n    holidays: [2027-01-01]\n  2028:\n    holidays: [2027-12-31]\n    workdays: [2027-12-19]\n",
     "GJ-S035", 42, "不在 2028 年内"),
    ("  2027:\n    holidays: [2027-12-26]\n  2028:\n    holidays: [2028-01-01]\n    workdays: [2027-12-26]\n",
     "GJ-S035", 42, "既写成放假日"),
])
def test_slips_in_the_declaration(tmp_path, calendar, code, line, says):
    found = finding(tmp_path, calendar, code)
    assert found["line"] == line, found
    assert says in found["message"] + found["hint"], found


@pytest.mark.parametrize("item", ["2027-02-06..2027-02-13", "2027-02-06 .. 2027-02-13", "'2027-02-06..2027-02-13'",
                                  "2027-02-06...2027-02-13", "2027-02-06..2027-02-06"])
def test_spellings_that_are_fine(tmp_path, item):
    assert settings_findings(tmp_path, f"  2027:\n    holidays:\n      - {item}\n") == []


# ---------------------------------------------------------------- the daily reminder workflow, its shell run for real


def step(name: str) -> str:
    workflow = yaml.safe_load((REPO / ".github/workflows/guanjia-reminder.yml").read_text(encoding="utf-8"))
    return next(s["run"] for s in workflow["jobs"]["remind"]["steps"] if s.get("name") == name)


def shell(script: str, cwd: Path, summary: Path) -> subprocess.CompletedProcess:
    """A step's script as the runner runs it (bash -e), with the installed guanjia on PATH."""
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "GITHUB_STEP_SUMMARY": str(summary)}
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, capture_output=True, text=True, env=env)


def test_the_reminder_posts_the_warning_then_fails(tmp_path):
    """Exit 2 from deadlines: the reminder is still written (summary, issue body), and the job ends red."""
    root = project(tmp_path)
    summary = tmp_path / "summary.md"
    listed = shell(step("列出到期和逾期的步骤"), root, summary)
    assert listed.returncode == 0, listed.stderr
    assert "2027 年的放假安排" in (root / "reminder.md").read_text(encoding="utf-8")
    assert "> **注意**" in summary.read_text(encoding="utf-8") and "2027 年" in listed.stderr
    assert shell(step("提醒不完整时报错"), root, summary).returncode == 2
    (root / "guanjia.yml").write_text((root / "guanjia.yml").read_text(encoding="utf-8") + NOTICE_2027,
                                      encoding="utf-8")
    assert shell(step("列出到期和逾期的步骤"), root, summary).returncode == 0
    assert shell(step("提醒不完整时报错"), root, summary).returncode == 0


def test_an_empty_reminder_leaves_the_issue_alone(tmp_path):
    """guanjia.yml unreadable: nothing was written, so the issue is not emptied (gh is never called)."""
    root = project(tmp_path, "\ncalendar:\n  2027:\n    holidays: [2027-02-06至2027-02-13]\n")
    listed = shell(step("列出到期和逾期的步骤"), root, tmp_path / "summary.md")
    assert listed.returncode == 0 and (root / "reminder.md").read_text(encoding="utf-8") == ""
    assert "guanjia validate" in listed.stderr
    posted = shell(step("更新提醒议题"), root, tmp_path / "summary.md")
    assert posted.returncode == 0 and "议题保持不变" in posted.stdout, posted
    assert shell(step("提醒不完整时报错"), root, tmp_path / "summary.md").returncode == 2
