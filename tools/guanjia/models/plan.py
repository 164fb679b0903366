"""年度客户活动计划 plan.yaml (procedure §4.1–4.2)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import (
    Checked,
    Date,
    Money,
    Month,
    Signoff,
    Signoffs,
    Slug,
    Text,
    check,
    check_unique,
    fail,
    money_sum,
    signoff_field,
)

Category = Literal["节日", "公益", "社区文化", "安全", "体育健康", "亲子", "其他"]


class PlanItem(Checked):
    """计划中的一项活动（§4.1.1–4.1.5：时间、主题、形式、主要内容、预算费用）。"""

    id: Slug = Field(title="活动编号", description="本年度内唯一的英文短名，例如 zhishujie；活动目录名以它结尾")
    date: Date | None = Field(None, title="计划日期", description="已定日期时写 年-月-日")
    month: Month | None = Field(None, title="计划月份", description="只定到月份时写 年-月")
    theme: Text = Field(title="主题", description="客户活动主题")
    form: Text = Field(title="形式", description="客户活动形式，例如 户外亲子活动、游园会")
    content: Text = Field(title="主要内容", description="客户活动的主要内容")
    budget: Money = Field(title="预算费用", description="预算费用，单位元")
    category: Category = Field(title="类别", description="节日 / 公益 / 社区文化 / 安全 / 体育健康 / 亲子 / 其他")

    @check
    def _check_when(self):
        if (self.date is None) == (self.month is None):
            yield fail("plan_when", "计划时间请写 date（具体日期）或 month（月份）二者之一", at="date")

    @property
    def in_month(self) -> str:
        """``YYYY-MM`` of the planned date, or the planned month."""
        return f"{self.date:%Y-%m}" if self.date else self.month


class Plan(Signoffs):
    """年度客户活动计划：管家部经理编制（1 月 5 日前），项目总经理批准（1 月 10 日前上报）。"""

    year: int = Field(ge=2000, le=2100, title="年度")
    items: list[PlanItem] = Field(min_length=1, title="活动", description="全年计划的客户活动")
    prepared: Signoff | None = signoff_field("prepared", "管家部经理编制完成（§4.1：1 月 5 日前）")
    submitted: Signoff | None = signoff_field("submitted", "管家部经理上报项目总经理（§4.2：1 月 10 日前）")
    approved: Signoff | None = signoff_field("approved", "项目总经理审核批准")

    @check
    def _check_ids(self):
        yield from check_unique((item.id for item in self.items), "活动编号", "items")

    @check
    def _check_items(self):
        for i, item in enumerate(self.items):
            if not item.in_month.startswith(f"{self.year}-"):
                yield fail("plan_year", "活动“{id}”的时间 {month} 不在 {year} 年度内", id=item.id,
                           month=item.in_month, year=self.year, at=f"items.{i}.{'date' if item.date else 'month'}")

    @property
    def total_budget(self):
        return money_sum(i.budget for i in self.items)

    def item(self, item_id: str) -> PlanItem | None:
        return next((i for i in self.items if i.id == item_id), None)
