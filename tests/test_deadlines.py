"""The procedure's clock, at its boundaries: on the limit day on time, one day later late."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import REPO, Run, guanjia, invoke
from guanjia.clock import CalendarError, Days, today_in
from guanjia.edit import set_signoff
from guanjia.load import load_bytes
from guanjia.models import Notice, Readiness
from guanjia.signing import digest

BASE = REPO / "tests" / "examples" / "base"
ZHISHUJIE = "records/2026/2026-03-12-zhishujie"  # the base project's activity: Thursday 12 March 2026


@pytest.mark.parametrize(("kind", "day", "n", "expected"), [
    ("calendar", "2026-03-12", -15, "2026-02-25"),
    ("calendar", "2026-03-05", -15, "2026-02-18"),  # across a month end
    ("calendar", "2026-01-05", -15, "2025-12-21"),  # across a year end
    ("calendar", "2026-12-28", 7, "2027-01-04"),
    ("calendar", "2026-03-12", 0, "2026-03-12"),
    # 2026 Spring Festival: 15–23 February off; Saturday 14 and Saturday 28 February are make-up working days
    ("working", "2026-02-25", -3, "2026-02-13"),
    ("working", "2026-02-13", 1, "2026-02-14"),
    ("working", "2026-02-14", 1, "2026-02-24"),
    ("working", "2026-02-27", 1, "2026-02-28"),
    ("working", "2026-03-12", -15, "2026-02-13"),
])
def test_day_counting(kind, day, n, expected):
    assert Days(kind).shift(date.fromisoformat(day), n) == date.fromisoformat(expected)


def test_working_days_outside_the_calendar_say_so():
    with pytest.raises(CalendarError, match="2099"):
        Days("working").shift(date(2099, 3, 12), -15)


@pytest.mark.parametrize(("utc", "china"), [
    ("2026-03-01T17:00:00", "2026-03-02"),
    ("2026-03-01T15:59:59", "2026-03-01"),
    ("2026-03-01T16:00:00", "2026-03-02"),
    ("2026-12-31T16:00:00", "2027-01-01"),
])
def test_today_is_china_date(utc, china):
    now = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert today_in("Asia/Shanghai", now) == date.fromisoformat(china)


def test_cli_at_17z_is_already_tomorrow_in_china():
    """The real CLI, at a real instant (libfaketime), on a UTC machine."""
    proc = subprocess.run(["faketime", "2026-03-01 17:00:00Z", sys.executable, "-m", "guanjia", "status",
                           "--format", "json"], cwd=REPO, capture_output=True, text=True, env={"TZ": "UTC",
                           "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO / "tools")})
    assert proc.returncode == 0, proc.stderr
    assert '"today": "2026-03-02"' in proc.stdout


# ---------------------------------------------------------------- a real project to break

yaml = YAML()
yaml.preserve_quotes = True


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    folder = root / ZHISHUJIE
    (folder / "notice.yaml").write_text(
        "sent: 2026-03-06\nchannels: [公告栏]\ntitle: 植树活动通知\ntext: 欢迎参加。\n"
        "prepared:\n  by: liu-yang\n  date: 2026-03-06\n", encoding="utf-8")
    checks = "".join(f"{k}:\n  ok: true\n" for k in ("information", "progress", "agreements", "staffing", "permits"))
    (folder / "readiness.yaml").write_text(checks + "prepared:\n  by: wang-li\n  date: 2026-03-10\n",
                                           encoding="utf-8")
    for name, model in (("notice.yaml", Notice), ("readiness.yaml", Readiness)):
        path = folder / name
        instance = model.model_validate(load_bytes(path.read_bytes(), name).data)
        path.write_bytes(set_signoff(path.read_bytes(), "prepared", instance.prepared.by, instance.prepared.date,
                                     digest(instance)))
    return root


def edit(root: Path, rel: str, keys: tuple, value) -> None:
    path = root / rel
    data = yaml.load(path.read_text(encoding="utf-8"))
    node = data
    for k in keys[:-1]:
        node = node[k]
    node[keys[-1]] = value
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)


def findings(root: Path, *codes: str) -> list[dict]:
    run = guanjia("--root", str(root), "validate", "--format", "json")
    assert "Traceback" not in run.err, run
    return [f for f in run.json()["findings"] if f["code"] in codes]


def test_base_with_every_step_is_on_time(tmp_path):
    assert findings(project(tmp_path), "GJ-D001", "GJ-D002") == []


STEPS = [  # (file, signoff key path, limit day, why)
    ("proposal.yaml", ("prepared", "date"), "2026-02-25", "§4.3 活动前 15 天"),
    ("proposal.yaml", ("reviewed", "date"), "2026-03-02", "§4.4 活动前 10 天"),
    ("proposal.yaml", ("approved", "date"), "2026-03-05", "§4.4 活动前一周"),
    ("notice.yaml", ("sent",), "2026-03-07", "§4.5 公司规定 5 天"),
    ("readiness.yaml", ("prepared", "date"), "2026-03-11", "§4.6 公司规定 1 天"),
    ("record.yaml", ("prepared", "date"), "2026-03-15", "§4.7.8 公司规定活动后 3 天"),
    ("evaluation.yaml", ("prepared", "date"), "2026-03-19", "§4.7.9 公司规定活动后 7 天"),
    ("evaluation.yaml", ("reviewed", "date"), "2026-03-27", "§4.7.9 公司规定活动后 15 天"),
    ("evaluation.yaml", ("approved", "date"), "2026-03-27", "§4.7.9 公司规定活动后 15 天"),
]


@pytest.mark.parametrize(("name", "keys", "limit", "why"), STEPS, ids=[f"{s[0]}:{s[1][0]}" for s in STEPS])
def test_activity_step_boundary(tmp_path, name, keys, limit, why):
    root = project(tmp_path)
    day = date.fromisoformat(limit)
    edit(root, f"{ZHISHUJIE}/{name}", keys, day)
    assert findings(root, "GJ-D001") == [], f"on the limit day is on time ({why})"
    edit(root, f"{ZHISHUJIE}/{name}", keys, day.replace(day=day.day + 1))
    late = findings(root, "GJ-D001")
    assert [(f["path"], f["message"].count(limit)) for f in late] == [(f"{ZHISHUJIE}/{name}", 1)], late
    assert "晚了 1 天" in late[0]["message"]


@pytest.mark.parametrize(("keys", "limit"), [(("prepared", "date"), "2026-01-05"), (("submitted", "date"), "2026-01-10"),
                                             (("approved", "date"), "2026-01-15")])
def test_plan_boundary(tmp_path, keys, limit):
    root = project(tmp_path)
    day = date.fromisoformat(limit)
    edit(root, "records/2026/plan.yaml", keys, day)
    assert findings(root, "GJ-D001") == []
    edit(root, "records/2026/plan.yaml", keys, day.replace(day=day.day + 1))
    assert [f["path"] for f in findings(root, "GJ-D001")] == ["records/2026/plan.yaml"]


def test_late_with_gm_exception_is_a_warning(tmp_path):
    root = project(tmp_path)
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("approved", "date"), date(2026, 3, 6))
    assert [f["code"] for f in findings(root, "GJ-D001")] == ["GJ-D001"]
    signed = invoke("--root", str(root), "approve", str(root / ZHISHUJIE / "proposal.yaml"), "--as", "gm", "--by",
                    "zhao-guoqiang", "--today", "2026-03-06", "--late", "approved", "--reason", "总经理出差，返回后当天批准")
    assert signed.code == 0, signed
    assert findings(root, "GJ-D001") == []
    [warning] = findings(root, "GJ-D002")
    assert warning["severity"] == "warning" and "总经理出差" in warning["message"]
    assert guanjia("--root", str(root), "validate").code == 0


def test_exception_signed_by_someone_else_is_refused(tmp_path):
    root = project(tmp_path)
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("late",), [
        {"step": "approved", "reason": "自己批准自己", "approved": {"by": "chen-jing", "date": date(2026, 3, 6)}}])
    assert [f["path"] for f in findings(root, "GJ-A006")] == [f"{ZHISHUJIE}/proposal.yaml"]


def test_working_day_policy(tmp_path):
    root = project(tmp_path)
    edit(root, "guanjia.yml", ("policy", "day_kind"), "working")
    edit(root, f"{ZHISHUJIE}/notice.yaml", ("sent",), date(2026, 3, 5))  # 5 working days before
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("prepared", "date"), date(2026, 2, 13))  # 15 working days before
    assert findings(root, "GJ-D001") == []
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("prepared", "date"), date(2026, 2, 14))  # a make-up Saturday: late
    [late] = findings(root, "GJ-D001")
    assert late["path"].endswith("proposal.yaml") and "2026-02-13" in late["message"]


def deadlines(root: Path, today: str, *extra: str) -> Run:
    return guanjia("--root", str(root), "deadlines", "--today", today, "--format", "json", *extra)


def test_deadline_across_the_year_end(tmp_path):
    """A planned-only activity on 8 January: its proposal is due 24 December of the year before."""
    root = project(tmp_path)
    plan = root / "records/2026/plan.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "items:\n", "items:\n  - id: yuandan\n    date: 2026-01-08\n    theme: 元旦茶话会\n    form: 茶话会\n"
        "    content: 新年茶话会。\n    budget: 500\n    category: 节日\n", 1)
    plan.write_text(text, encoding="utf-8")
    on_day = deadlines(root, "2025-12-24")
    assert on_day.code == 0, on_day
    due = [d for d in on_day.json()["due_soon"] if d["activity"] == "yuandan"]
    assert [(d["step"], d["due"], d["days_left"]) for d in due] == [("填写策划表", "2025-12-24", 0)]
    late = deadlines(root, "2025-12-25")
    assert late.code == 1
    assert [(d["activity"], d["days_left"]) for d in late.json()["overdue"]] == [("yuandan", -1)]
    assert deadlines(root, "2025-12-25", "--warn-only").code == 0


def _changes(root: Path, text: str) -> None:
    (root / "records/2026/changes.yaml").write_text("changes:\n" + text, encoding="utf-8")


def test_cancelled_activity_has_no_deadlines(tmp_path):
    root = project(tmp_path)
    _changes(root, "  - activity: tiaozao\n    action: cancelled\n    reason: 场地施工\n"
                   "    decided: {by: zhao-guoqiang, date: 2026-03-20}\n")
    before = deadlines(root, "2026-03-19", "--within", "30").json()
    assert "tiaozao" in [d["activity"] for d in before["due_soon"] + before["overdue"]]
    after = deadlines(root, "2026-03-21", "--within", "30").json()
    assert "tiaozao" not in [d["activity"] for d in after["due_soon"] + after["overdue"]]
    status = guanjia("--root", str(root), "status", "--today", "2026-03-21", "--format", "json").json()
    assert {a["activity"]: a["stage"] for a in status["activities"]}["tiaozao"] == "cancelled"


def test_cancellation_must_be_the_gms(tmp_path):
    root = project(tmp_path)
    _changes(root, "  - activity: tiaozao\n    action: cancelled\n    reason: 场地施工\n"
                   "    decided: {by: wang-li, date: 2026-03-20}\n")
    assert [f["path"] for f in findings(root, "GJ-A006")] == ["records/2026/changes.yaml"]


def test_postponement_moves_the_deadlines(tmp_path):
    """Postponed one week, approval carried over: the notice is now due five days before the new date."""
    root = project(tmp_path)
    (root / ZHISHUJIE / "notice.yaml").unlink()
    (root / ZHISHUJIE / "readiness.yaml").unlink()
    for name in ("record.yaml", "evaluation.yaml"):
        (root / ZHISHUJIE / name).unlink()
    _changes(root, "  - activity: zhishujie\n    action: postponed\n    reason: 天气预报有大雨\n"
                   "    decided: {by: zhao-guoqiang, date: 2026-03-08}\n    new_date: 2026-03-19\n"
                   "    approval_carries_over: true\n")
    run = deadlines(root, "2026-03-10")
    items = {d["activity"]: d for d in run.json()["due_soon"] + run.json()["overdue"]}
    assert (items["zhishujie"]["step"], items["zhishujie"]["due"]) == ("通知业主", "2026-03-14")
    status = guanjia("--root", str(root), "status", "--today", "2026-03-10", "--format", "json").json()
    row = {a["activity"]: a for a in status["activities"]}["zhishujie"]
    assert (row["date"], row["stage"], row["postponed"]) == ("2026-03-19", "approved", True)


def _postponed_for_a_new_approval(tmp_path, reason: str):
    """植树节, only its proposal written, postponed on 03-08 to 04-02 without the approval carrying over."""
    root = project(tmp_path)
    for name in ("notice.yaml", "readiness.yaml", "record.yaml", "evaluation.yaml"):
        (root / ZHISHUJIE / name).unlink()
    _changes(root, f"  - activity: zhishujie\n    action: postponed\n    reason: {reason}\n"
                   "    decided: {by: zhao-guoqiang, date: 2026-03-08}\n    new_date: 2026-04-02\n"
                   "    approval_carries_over: false\n")
    return root


def test_postponement_without_carry_over_needs_a_new_approval(tmp_path):
    root = _postponed_for_a_new_approval(tmp_path, "改为与街道联合举办，方案要调整")
    status = guanjia("--root", str(root), "status", "--today", "2026-03-10", "--format", "json").json()
    row = {a["activity"]: a for a in status["activities"]}["zhishujie"]
    assert (row["stage"], row["next_step"], row["due"]) == ("drafted", "复核并上报策划表", "2026-03-23")
    # re-signed after the decision, for the new date: approved again
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("when", "date"), date(2026, 4, 2))
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("reviewed", "date"), date(2026, 3, 12))
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("approved", "date"), date(2026, 3, 13))
    status = guanjia("--root", str(root), "status", "--today", "2026-03-14", "--format", "json").json()
    assert {a["activity"]: a["stage"] for a in status["activities"]}["zhishujie"] == "approved"
    assert findings(root, "GJ-A002", "GJ-D001") == []


def test_half_year_without_welfare_is_refused(tmp_path):
    root = project(tmp_path)
    plan = root / "records/2026/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("category: 公益\n", "category: 节日\n"), encoding="utf-8")
    found = findings(root, "GJ-D020")
    assert sorted(f["message"][:9] for f in found) == ["2026 年上半年", "2026 年下半年"]


def test_welfare_reminder_before_the_half_year_ends(tmp_path):
    """Nothing 公益 held in the second half by 24 December: the manager is reminded, then it is overdue."""
    root = project(tmp_path)
    _changes(root, "  - activity: chongyang\n    action: cancelled\n    reason: 场地施工\n"
                   "    decided: {by: zhao-guoqiang, date: 2026-09-01}\n")
    soon = deadlines(root, "2026-12-24").json()
    assert [(d["activity"], d["due"]) for d in soon["due_soon"] if d["activity"] == "welfare"] == [
        ("welfare", "2026-12-31")]
    late = deadlines(root, "2027-01-02")
    assert late.code == 1
    assert [d["due"] for d in late.json()["overdue"] if d["activity"] == "welfare"] == ["2026-12-31"]


def test_plan_over_the_annual_budget(tmp_path):
    root = project(tmp_path)
    edit(root, "guanjia.yml", ("annual_budget",), 10000)
    [over] = findings(root, "GJ-D030")
    assert "10000" in over["message"] and over["path"] == "records/2026/plan.yaml"


def test_working_days_for_an_uncovered_year_are_named_not_hidden(tmp_path):
    """The calendar package knows no 2099: those deadlines are named as uncomputable, the rest are still listed,
    and the reminder ends with exit 2 (see also test_holidays)."""
    root = project(tmp_path)
    edit(root, "guanjia.yml", ("policy", "day_kind"), "working")
    (root / "records/2099").mkdir()
    (root / "records/2099/plan.yaml").write_text(
        "year: 2099\nitems:\n  - id: zhishujie\n    date: 2099-03-12\n    theme: 植树\n    form: 户外\n"
        "    content: 植树。\n    budget: 100\n    category: 公益\n", encoding="utf-8")
    [warning] = findings(root, "GJ-D040")
    assert "2099" in warning["message"] and "day_kind" in warning["hint"] and "calendar" in warning["hint"]
    run = deadlines(root, "2026-03-01", "--within", "30")
    assert "Traceback" not in run.err and run.code == 2, run
    assert "zhishujie" in [d["activity"] for d in run.json()["due_soon"] + run.json()["overdue"]]
    assert [g["year"] for g in run.json()["calendar_gaps"]] == [2099]


def test_notice_before_approval(tmp_path):
    root = project(tmp_path)
    edit(root, f"{ZHISHUJIE}/notice.yaml", ("sent",), date(2026, 3, 1))  # approved on 2 March
    [finding] = findings(root, "GJ-D003")
    assert finding["path"] == f"{ZHISHUJIE}/notice.yaml" and "2026-03-02" in finding["message"]


def test_held_without_a_notice(tmp_path):
    root = project(tmp_path)
    (root / ZHISHUJIE / "notice.yaml").unlink()
    [finding] = findings(root, "GJ-D004")
    assert finding["path"] == f"{ZHISHUJIE}/record.yaml" and "通知业主" in finding["message"]
    run = deadlines(root, "2026-03-14")  # the reminder moves on to the record, it does not nag about the notice
    steps = [d["step"] for d in run.json()["due_soon"] + run.json()["overdue"] if d["activity"] == "zhishujie"]
    assert steps == ["填写评估表"]


def test_exception_must_be_the_gms_and_needed(tmp_path):
    root = project(tmp_path)
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("approved", "date"), date(2026, 3, 6))
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("late",), [
        {"step": "approved", "reason": "主任代签", "approved": {"by": "chen-jing", "date": date(2026, 3, 6)}}])
    assert len(findings(root, "GJ-D001")) == 1 and findings(root, "GJ-D002") == []
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("approved", "date"), date(2026, 3, 5))
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("late",), [
        {"step": "approved", "reason": "多余", "approved": {"by": "zhao-guoqiang", "date": date(2026, 3, 5)}}])
    assert [f["severity"] for f in findings(root, "GJ-D006")] == ["warning"]


@pytest.mark.parametrize(("entry", "code"), [
    ("  - activity: zhishujiee\n    action: cancelled\n    reason: 笔误\n"
     "    decided: {by: zhao-guoqiang, date: 2026-03-01}\n", "GJ-A027"),
    ("  - activity: zhishujie\n    action: postponed\n    reason: 提前\n"
     "    decided: {by: zhao-guoqiang, date: 2026-03-01}\n    new_date: 2026-03-10\n"
     "    approval_carries_over: true\n", "GJ-A026"),
])
def test_changes_that_cannot_be(tmp_path, entry, code):
    root = project(tmp_path)
    _changes(root, entry)
    assert [f["path"] for f in findings(root, code)] == ["records/2026/changes.yaml"]


def test_re_approval_on_the_decision_day_counts(tmp_path):
    root = _postponed_for_a_new_approval(tmp_path, "方案调整")
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("reviewed", "date"), date(2026, 3, 8))
    edit(root, f"{ZHISHUJIE}/proposal.yaml", ("approved", "date"), date(2026, 3, 8))
    status = guanjia("--root", str(root), "status", "--today", "2026-03-09", "--format", "json").json()
    assert {a["activity"]: a["stage"] for a in status["activities"]}["zhishujie"] == "approved"
