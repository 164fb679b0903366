"""Planning next year in December: the plan's dates follow the lunar calendar, proposals go to next year's plan."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from conftest import REPO, invoke
from guanjia.festivals import next_year


@pytest.fixture
def demo(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "guanjia.yml", root)
    shutil.copytree(REPO / "records", root / "records")
    return root


def run(root, *args, ok=True):
    result = invoke("--root", str(root), *args)
    assert (result.code == 0) == ok, result
    return result


@pytest.mark.parametrize(("held", "expected", "why"), [
    ("2026-03-03", "2027-02-20", "元宵节"),  # 正月十五 moves three weeks earlier
    ("2026-06-19", "2027-06-09", "端午节"),
    ("2026-09-25", "2027-09-15", "中秋节"),
    ("2026-10-18", "2027-10-08", "重阳节"),
    ("2026-09-23", "2027-09-13", "中秋节"),  # two days before the festival stays two days before
    ("2026-03-12", "2027-03-12", "植树节"),  # a fixed festival stays
    ("2027-01-15", "2028-01-04", "腊八节"),  # 腊八 of lunar 2026 → of lunar 2027
])
def test_festivals_move_with_the_calendar(held, expected, why):
    moved, text = next_year(date.fromisoformat(held))
    assert moved == date.fromisoformat(expected) and why in text


def test_a_day_of_the_organisers_choice_keeps_only_its_month():
    assert next_year(date(2026, 4, 18)) == (None, "")


def test_new_plan_in_december_suggests_next_years_dates(demo):
    run(demo, "new", "plan", "--today", "2026-12-02")
    text = (demo / "records/2027/plan.yaml").read_text(encoding="utf-8")
    assert "date: 2027-02-20      # 元宵节（农历正月十五）当天；去年 2026-03-03" in text
    assert "date: 2027-09-15" in text and "month: 2027-04" in text
    result = invoke("--root", str(demo), "validate", str(demo / "records/2027"), "--format", "json")
    assert [f["code"] for f in result.json()["findings"] if f["severity"] == "error"] == []


def test_new_proposal_in_december_goes_to_next_years_plan(demo):
    refused = run(demo, "new", "proposal", "yuanxiao", "--today", "2026-12-02", ok=False)
    assert "--year 2027" in refused.err and "unplanned" not in refused.err and "删除" not in refused.err
    run(demo, "new", "plan", "--today", "2026-12-02")
    made = run(demo, "new", "proposal", "yuanxiao", "--today", "2026-12-02")
    assert (demo / "records/2027/2027-02-20-yuanxiao/proposal.yaml").is_file(), made
    assert "注意" not in made.out  # 15 days before 20 February is far away
    status = invoke("--root", str(demo), "status", "--today", "2026-12-20", "--format", "json").json()
    assert 2027 in [p["year"] for p in status["plans"]]
    assert ("yuanxiao", 2027) in [(a["activity"], a["year"]) for a in status["activities"]]


def test_new_proposal_warns_when_already_late(demo):
    run(demo, "new", "plan", "--today", "2026-12-02")
    made = run(demo, "new", "proposal", "zhishujie", "--today", "2027-03-01")
    assert "填写策划表" in made.out and "晚了 4 天" in made.out and "GJ-D001" in made.out
    soon = run(demo, "new", "proposal", "yuanxiao", "--today", "2027-02-01")
    assert "还有 4 天" in soon.out


def test_an_unplanned_activity_is_only_suggested_for_what_no_plan_has(demo):
    refused = run(demo, "new", "proposal", "nosuch", "--today", "2026-12-02", ok=False)
    assert "--year 2027" in refused.err and "--unplanned" in refused.err


def test_scaffolds_speak_the_estates_numbers(demo):
    settings = demo / "guanjia.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("proposal: HSJY04-GJ-B54", "proposal: XY-CH-01")
                        .replace("proposal_drafted_days: 15", "proposal_drafted_days: 20"), encoding="utf-8")
    run(demo, "new", "plan", "--today", "2026-12-02")
    run(demo, "new", "proposal", "yuanxiao", "--today", "2026-12-02")
    text = (demo / "records/2027/2027-02-20-yuanxiao/proposal.yaml").read_text(encoding="utf-8")
    assert "客户活动策划表（XY-CH-01）：管家部主任在活动前 20 天填写" in text
