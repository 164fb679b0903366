"""Year-level rules: the public-welfare duty of every half year, and the annual budget."""

from __future__ import annotations

from datetime import date

from ..archive import Archive
from ..findings import Finding
from ..procedure import Stage, Timeline
from .links import at

WELFARE = "公益"


def halves(year: int) -> list[tuple[str, date, date]]:
    return [("上半年", date(year, 1, 1), date(year, 6, 30)), ("下半年", date(year, 7, 1), date(year, 12, 31))]


def welfare_held(timelines: list[Timeline], start: date, end: date) -> bool:
    return any(t.category == WELFARE and start <= t.date <= end and Stage.HELD <= t.stage < Stage.CANCELLED
               for t in timelines)


def check(archive: Archive, timelines: list[Timeline]) -> list[Finding]:
    """Data-only year rules, for ``validate``."""
    found = []
    for number, year in sorted(archive.years.items()):
        if not year.plan:
            continue
        mine = [t for t in timelines if t.year == number]
        # 每半年至少开展一次公益性活动（物业客服工作内容·业主沟通）
        for name, start, end in halves(number):
            if not any(t.category == WELFARE and start <= t.date <= end and not t.cancelled for t in mine):
                found.append(at(year.plan_doc, ("items",), "GJ-D020",
                                f"{number} 年{name}没有安排（或已取消了全部）公益性活动；每半年至少要开展一次。",
                                "在年度计划中加一项 category: 公益 的活动，事先做好可行性调研。"))
        budget = archive.settings.annual_budget
        if budget is not None and year.plan.total_budget > budget:
            found.append(at(year.plan_doc, ("items",), "GJ-D030",
                            f"年度计划的预算合计 {year.plan.total_budget} 元，超出年度客户活动经费 {budget} 元。",
                            "调整各项预算，或请公司调整 guanjia.yml 中的 annual_budget。"))
    return found
