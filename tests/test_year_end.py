"""The clock at the turn of the year: next year's plan is reminded in December, as of --today, in the
project's own time zone; `guanjia deadlines`, `status`, the site and the ICS feed agree."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import REPO, copy_demo, invoke
from guanjia.archive import build
from guanjia.clock import zone_name
from guanjia.site import ics
from guanjia.site.context import Site
from guanjia.site.overview import home

PLAN_2027 = "2027 年度客户活动计划"


def deadlines(root: Path, today: str, within: int, *extra: str):
    return invoke("--root", str(root), "deadlines", "--today", today, "--within", str(within), *extra)


def plan_steps(run, year: int = 2027) -> list[tuple[str, str, int]]:
    payload = run.json()
    return [(d["step"], d["due"], d["days_left"]) for d in payload["overdue"] + payload["due_soon"]
            if d["activity"] == "plan" and d["year"] == year]


def write_plan_2027(root: Path, signoffs: str = "") -> None:
    """A 2027 plan whose activities are far from January: only the plan's own steps are near."""
    (root / "records/2027").mkdir(exist_ok=True)
    (root / "records/2027/plan.yaml").write_text(
        "year: 2027\nitems:\n  - id: yizhen\n    month: 2027-06\n    theme: 夏季健康义诊\n    form: 义诊\n"
        "    content: 量血压。\n    budget: 2000\n    category: 公益\n  - id: chongyang\n    month: 2027-10\n"
        "    theme: 重阳午宴\n    form: 午宴\n    content: 敬老。\n    budget: 6000\n    category: 公益\n" + signoffs,
        encoding="utf-8")


def test_december_28_lists_next_years_plan(demo):
    """The brief's case: on 28 December, two weeks ahead reach the 5 and 10 January limits of the 2027 plan."""
    run = deadlines(demo, "2026-12-28", 14, "--format", "json")
    assert run.code == 1, run  # the demo has overdue December steps
    assert plan_steps(run) == [("编制年度计划", "2027-01-05", 8), ("上报年度计划", "2027-01-10", 13)]
    text = deadlines(demo, "2026-12-28", 14)
    assert f"2027-01-05  {PLAN_2027}  编制年度计划  管家部经理 王丽" in text.out, text
    assert "今天是 2026-12-28（北京时间）" in text.out


@pytest.mark.parametrize(("today", "within", "expected"), [
    ("2026-12-20", 14, []),  # 5 January is 16 days away
    ("2026-12-22", 14, [("编制年度计划", "2027-01-05", 14)]),  # the window's last day counts
    ("2026-12-27", 14, [("编制年度计划", "2027-01-05", 9), ("上报年度计划", "2027-01-10", 14)]),
    ("2026-12-31", 7, [("编制年度计划", "2027-01-05", 5)]),
    ("2027-01-01", 14, [("编制年度计划", "2027-01-05", 4), ("上报年度计划", "2027-01-10", 9),
                        ("批准年度计划", "2027-01-15", 14)]),
    ("2027-01-06", 7, [("编制年度计划", "2027-01-05", -1), ("上报年度计划", "2027-01-10", 4)]),
    ("2027-01-08", 7, [("编制年度计划", "2027-01-05", -3), ("上报年度计划", "2027-01-10", 2),
                       ("批准年度计划", "2027-01-15", 7)]),
    ("2027-01-15", 0, [("编制年度计划", "2027-01-05", -10), ("上报年度计划", "2027-01-10", -5),
                       ("批准年度计划", "2027-01-15", 0)]),
])
def test_plan_limits_day_by_day_around_new_year(demo, today, within, expected):
    assert plan_steps(deadlines(demo, today, within, "--format", "json")) == expected


def test_the_plan_honours_today(demo):
    """Signed on 30 December and 8 January: as of the day before each signature, that step is still open."""
    write_plan_2027(demo, "prepared:\n  by: wang-li\n  date: 2026-12-30\nsubmitted:\n  by: wang-li\n  date: 2027-01-08\n")
    assert [s for s, _, _ in plan_steps(deadlines(demo, "2026-12-29", 14, "--format", "json"))] == [
        "编制年度计划", "上报年度计划"]
    assert [s for s, _, _ in plan_steps(deadlines(demo, "2026-12-30", 14, "--format", "json"))] == ["上报年度计划"]
    assert [s for s, _, _ in plan_steps(deadlines(demo, "2027-01-07", 14, "--format", "json"))] == [
        "上报年度计划", "批准年度计划"]
    assert [s for s, _, _ in plan_steps(deadlines(demo, "2027-01-08", 14, "--format", "json"))] == ["批准年度计划"]


def test_a_late_plan_signature_is_late_only_once_it_happened(demo):
    """validate judges the data (no today); deadlines, before the late signature, calls the step overdue."""
    write_plan_2027(demo, "prepared:\n  by: wang-li\n  date: 2027-01-07\n")
    run = deadlines(demo, "2027-01-06", 7, "--format", "json")
    assert ("编制年度计划", "2027-01-05", -1) in plan_steps(run)
    late = invoke("--root", str(demo), "validate", "--format", "json").json()["findings"]
    assert [(f["path"], f["code"]) for f in late if f["code"] == "GJ-D001" and "年度计划" in f["message"]] == [
        ("records/2027/plan.yaml", "GJ-D001")]


def test_status_shows_next_years_plan_once_due_soon(demo):
    def plans(*args):
        run = invoke("--root", str(demo), "status", "--format", "json", *args)
        assert run.code == 0, run
        return [(p["year"], p["stage_name"], p["next_step"], p["due"], p["days_left"]) for p in run.json()["plans"]]

    assert plans("--today", "2026-12-28") == [(2026, "已批准", None, None, None)]  # 8 days: beyond the 7-day window
    assert plans("--today", "2026-12-29") == [(2026, "已批准", None, None, None),
                                              (2027, "未编制", "编制年度计划", "2027-01-05", 7)]
    assert plans("--today", "2026-12-02", "--year", "2027") == [(2027, "未编制", "编制年度计划", "2027-01-05", 34)]
    write_plan_2027(demo, "prepared:\n  by: wang-li\n  date: 2027-01-04\n")
    assert plans("--today", "2027-01-04")[0] == (2027, "已编制", "上报年度计划", "2027-01-10", 6)
    text = invoke("--root", str(demo), "status", "--today", "2026-12-30")
    assert f"{PLAN_2027}  未编制" in text.out and "2027-01-05" in text.out and "还有 6 天" in text.out


def test_site_and_feed_carry_next_years_plan(demo):
    """In-process: the home page's to-do list and the deadlines feed (parsed back) have the 2027 plan."""
    site = Site(build(demo), date(2026, 12, 30), False)
    assert PLAN_2027 in home(site) and "编制年度计划" in home(site)
    feed = Calendar.from_ical(ics.deadlines(site))
    plan = {str(e["uid"]): e for e in feed.walk("VEVENT") if "-plan-" in str(e["uid"])}
    assert sorted(plan) == ["2027-plan-approved@guanjia", "2027-plan-prepared@guanjia", "2027-plan-submitted@guanjia"]
    prepared = plan["2027-plan-prepared@guanjia"]
    assert prepared.decoded("dtstart") == date(2027, 1, 5) and "编制年度计划" in str(prepared["summary"])
    assert ics.deadlines(site) == ics.deadlines(Site(build(demo), date(2026, 12, 30), False))  # byte-stable


# ---------------------------------------------------------------- the real process, at a real instant


def at_instant(instant: str, root: Path, *args: str, zone: str = "UTC") -> subprocess.CompletedProcess:
    """``python -m guanjia ARGS`` under libfaketime at ``instant`` (UTC), on a machine whose clock says ``zone``."""
    return subprocess.run(["faketime", instant, sys.executable, "-m", "guanjia", "--root", str(root), *args],
                          capture_output=True, text=True, encoding="utf-8",
                          env={"TZ": zone, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO / "tools")})


def test_half_past_four_utc_on_new_years_eve_is_already_2027_in_china(demo):
    """2026-12-31T16:30Z is 00:30 on 1 January in China: today is 2027-01-01, the status year is 2027, and the
    5 January limit is 4 days away; half an hour before midnight China time it is still 5 days away."""
    after = at_instant("2026-12-31 16:30:00Z", demo, "deadlines", "--within", "4", "--format", "json")
    assert after.returncode == 1, after.stderr  # the demo's December steps are overdue
    assert '"today": "2027-01-01"' in after.stdout
    assert '"activity": "plan"' in after.stdout and '"days_left": 4' in after.stdout
    before = at_instant("2026-12-31 15:30:00Z", demo, "deadlines", "--within", "4", "--format", "json")
    assert '"today": "2026-12-31"' in before.stdout and '"activity": "plan"' not in before.stdout
    status = at_instant("2026-12-31 16:30:00Z", demo, "status", "--format", "json", zone="America/Los_Angeles")
    assert status.returncode == 0, status.stderr
    assert '"today": "2027-01-01"' in status.stdout and '"year": 2027' in status.stdout


def test_the_projects_own_zone_names_the_day(demo):
    """A project in Urumqi (UTC+6): at 17:30Z it is still 31 December there though already 1 January in
    Beijing; every label says 乌鲁木齐时间, none says 北京时间."""
    settings = demo / "guanjia.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("timezone: Asia/Shanghai", "timezone: Asia/Urumqi"),
                        encoding="utf-8")
    run = at_instant("2026-12-31 17:30:00Z", demo, "deadlines", "--within", "5")
    assert "今天是 2026-12-31（乌鲁木齐时间）" in run.stdout and "北京时间" not in run.stdout, run.stdout
    assert PLAN_2027 in run.stdout
    later = at_instant("2026-12-31 18:30:00Z", demo, "deadlines", "--within", "5", "--format", "markdown")
    assert "今天是 2027-01-01（乌鲁木齐时间）" in later.stdout and "北京时间" not in later.stdout
    status = invoke("--root", str(demo), "status", "--today", "2026-12-30")
    assert "（乌鲁木齐时间）" in status.out and "北京时间" not in status.out
    page = home(Site(build(demo), date(2026, 12, 30), False))
    assert "数据截至 2026年12月30日（乌鲁木齐时间）" in page and "北京时间" not in page


@pytest.mark.parametrize(("zone", "name"), [
    ("Asia/Shanghai", "北京时间"), ("Asia/Chongqing", "北京时间"), ("PRC", "北京时间"), ("Asia/Hong_Kong", "香港时间"),
    ("Asia/Macau", "澳门时间"), ("Asia/Taipei", "台北时间"), ("Asia/Urumqi", "乌鲁木齐时间"), ("Asia/Kashgar", "乌鲁木齐时间"),
    ("Europe/Berlin", "Europe/Berlin"), ("UTC", "UTC"),
])
def test_zone_names(zone, name):
    assert zone_name(zone) == name


def test_help_does_not_promise_beijing_time():
    for command in ("deadlines", "status", "approve"):
        run = invoke(command, "--help")
        assert "项目时区" in run.out and "即北京时间" not in run.out, run


def test_hong_kong_project_site_build(tmp_path):
    """A real mkdocs build for a Hong Kong project on 30 December: labels and the feed."""
    from test_site import build as build_site

    root = copy_demo(tmp_path)
    settings = root / "guanjia.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("timezone: Asia/Shanghai",
                                                                     "timezone: Asia/Hong_Kong"), encoding="utf-8")
    out = tmp_path / "site"
    run = build_site(root, out, "2026-12-30")
    assert run.returncode == 0, run.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "（香港时间）" in page and "北京时间" not in page and PLAN_2027 in page
    assert "日历按香港时间显示" in (out / "calendar/index.html").read_text(encoding="utf-8")
    feed = Calendar.from_ical((out / "calendar/deadlines.ics").read_bytes())
    assert "2027-plan-prepared@guanjia" in {str(e["uid"]) for e in feed.walk("VEVENT")}


def test_new_plan_states_the_projects_plan_limits(demo):
    """The scaffold's header says what the tool checks: three steps, the policy's days, two manager signatures."""
    settings = demo / "guanjia.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('plan_approved_by: "01-15"',
                                                                     'plan_approved_by: "01-20"'), encoding="utf-8")
    assert invoke("--root", str(demo), "new", "plan", "--year", "2027", "--today", "2026-12-02").code == 0
    head = (demo / "records/2027/plan.yaml").read_text(encoding="utf-8").splitlines()[1:3]
    assert "编制年度计划 2027-01-05 前（管家部经理）；上报年度计划 2027-01-10 前（管家部经理）；" \
           "批准年度计划 2027-01-20 前（项目总经理）" in head[0]
    assert "guanjia approve records/2027/plan.yaml --as manager（第一次编制，第二次上报）" in head[1]
    run = invoke("--root", str(demo), "deadlines", "--today", "2027-01-10", "--within", "10", "--format", "json")
    assert ("批准年度计划", "2027-01-20", 10) in plan_steps(run)
