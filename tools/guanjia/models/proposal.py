"""客户活动策划表 HSJY04-GJ-B54 (procedure §4.3): eleven required elements."""

from __future__ import annotations

import re
import unicodedata

from pydantic import Field

from .common import (
    SHA256_FIELD,
    Checked,
    ClockTime,
    Count,
    Date,
    Model,
    Money,
    Sha256,
    Signoff,
    Signoffs,
    Slug,
    Text,
    Totalled,
    check,
    fail,
    signoff_field,
)
from .plan import Category


class When(Checked):
    """具体时间：日期和起止时刻。"""

    date: Date = Field(title="日期", description="活动日期，年-月-日")
    start: ClockTime = Field(title="开始时间", description="时:分，例如 09:30")
    end: ClockTime = Field(title="结束时间", description="时:分，例如 11:30")

    @check
    def _check_order(self):
        if self.end <= self.start:
            yield fail("time_order", "结束时间 {end} 不晚于开始时间 {start}", end=f"{self.end:%H:%M}",
                       start=f"{self.start:%H:%M}", at="end")


class Unplanned(Model):
    """计划外活动：必须说明原因。"""

    reason: Text = Field(title="原因", description="为什么要办年度计划之外的活动")
    category: Category = Field(title="类别", description="节日 / 公益 / 社区文化 / 安全 / 体育健康 / 亲子 / 其他")


class Milestone(Model):
    """工作进度中的一步。"""

    date: Date = Field(title="完成日期")
    task: Text = Field(title="工作内容")
    department: Text = Field(title="责任部门", description="例如 管家部、行政部、工程部、安环部")


class Division(Model):
    """一个责任部门的任务分工。"""

    department: Text = Field(title="责任部门")
    tasks: list[Text] = Field(min_length=1, title="任务")


class ExternalProposal(Model):
    """外部相关方提交的策划方案。"""

    party: Text = Field(title="外部相关方", description="合作单位名称")
    title: Text = Field(title="方案名称")
    file: Text | None = Field(None, title="方案文件", description="attachments/ 下的文件路径")
    sha256: Sha256 | None = Field(None, **SHA256_FIELD)


_SPACING = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


def goal_key(goal: str) -> str:
    """What makes two goals the same goal: their words, not their spacing or the width of their characters.

    ``不少于100户``, ``不少于 100 户`` and ``不少于１００户`` are one goal: the text in NFKC (full-width
    digits, letters and punctuation as half-width, the full-width space as a space) without any spaces or
    invisible characters. Every place that matches an evaluation's goals to the proposal's uses this.
    """
    return _SPACING.sub("", unicodedata.normalize("NFKC", goal))


class Contingency(Model):
    """紧急预案中的一种情况。"""

    risk: Text = Field(title="可能情况", description="例如 下雨、人员受伤、停电")
    response: Text = Field(title="应对措施")
    owner: Text = Field(title="负责部门或人")


class Criterion(Model):
    """评估方式中的一项目标及其衡量方法。"""

    goal: Text = Field(title="目标", description="例如 参与业主不少于 80 户")
    measure: Text = Field(title="衡量方法", description="例如 签到表统计、现场问卷满意度")


class BudgetLine(Checked):
    """预算明细中的一行。"""

    item: Text = Field(title="项目")
    quantity: Count | None = Field(None, title="数量")
    unit: Text | None = Field(None, title="单位")
    unit_price: Money | None = Field(None, title="单价（元）")
    amount: Money = Field(title="金额（元）")

    @check
    def _check_amount(self):
        if self.quantity is not None and self.unit_price is not None and self.quantity * self.unit_price != self.amount:
            yield fail("budget_line", "“{item}”：数量 {q} × 单价 {p} = {x} 元，与金额 {a} 元不符",
                       item=self.item, q=self.quantity, p=str(self.unit_price),
                       x=str(self.quantity * self.unit_price), a=str(self.amount), at="amount")


class Budget(Totalled):
    """预算费用明细。"""

    items: list[BudgetLine] = Field(min_length=1, title="明细")
    total: Money = Field(title="合计（元）")


class Proposal(Signoffs):
    """客户活动策划表（B54）：管家部主任填写，管家部经理复核，项目总经理批准。"""

    plan_item: Slug | None = Field(None, title="计划活动编号", description="年度计划 plan.yaml 中对应活动的 id")
    unplanned: Unplanned | None = Field(None, title="计划外活动", description="不在年度计划中的活动：写明原因")
    theme: Text = Field(title="1 主题")
    form: Text = Field(title="2 形式")
    when: When = Field(title="3 具体时间")
    place: Text = Field(title="4 具体地点")
    content: Text = Field(title="5 主要内容")
    schedule: list[Milestone] = Field(min_length=1, title="6 工作进度", description="各项准备工作及完成日期")
    divisions: list[Division] = Field(min_length=1, title="7 责任部门的任务分工")
    external_proposals: list[ExternalProposal] = Field(
        title="8 外部相关方提交的策划方案", description="没有外部相关方参与时写 []，明确表示“无”")
    emergency_plan: list[Contingency] = Field(min_length=1, title="9 现场紧急预案")
    evaluation_method: list[Criterion] = Field(min_length=1, title="10 评估方式")
    budget: Budget = Field(title="11 预算费用明细")
    prepared: Signoff | None = signoff_field("prepared", "管家部主任填写（§4.3：活动前 15 天）")
    reviewed: Signoff | None = signoff_field("reviewed", "管家部经理复核并上报（§4.4：活动前 10 天）")
    approved: Signoff | None = signoff_field("approved", "项目总经理批准（§4.4：活动前一周）")

    @check
    def _check_plan_link(self):
        if (self.plan_item is None) == (self.unplanned is None):
            yield fail("plan_link", "请写 plan_item（年度计划中的活动编号）；计划外活动改写 unplanned 并说明原因，二者只写一个",
                       at="plan_item")
