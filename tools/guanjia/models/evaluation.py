"""客户活动评估表 HSJY04-GJ-B56 (procedure §4.7.9)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Model, Money, Signoff, Signoffs, Text, Totalled, signoff_field

Verdict = Literal["达成", "部分达成", "未达成"]


class GoalResult(Model):
    """策划表评估方式中一项目标的实际结果。"""

    goal: Text = Field(title="目标", description="照抄策划表 evaluation_method 中的 goal（空格、全角半角不同不算不同）")
    result: Text = Field(title="实际结果")
    verdict: Verdict = Field(title="结论", description="达成 / 部分达成 / 未达成")


class CostLine(Model):
    """实际费用中的一行。"""

    item: Text = Field(title="项目")
    amount: Money = Field(title="金额（元）")


class ActualCost(Totalled):
    """实际费用。"""

    items: list[CostLine] = Field(min_length=1, title="明细")
    total: Money = Field(title="合计（元）")


class Evaluation(Signoffs):
    """客户活动评估表（B56）：管家填写，管家部经理审核，项目总经理批准。"""

    goals: list[GoalResult] = Field(min_length=1, title="目标达成情况")
    actual_cost: ActualCost = Field(title="实际费用")
    conclusion: Text = Field(title="总体评价", description="活动是否达到预期目的")
    improvements: list[Text] = Field(default_factory=list, title="改进建议")
    prepared: Signoff | None = signoff_field("prepared", "管家填写（§4.7.9）")
    reviewed: Signoff | None = signoff_field("reviewed", "管家部经理审核（§4.7.9）")
    approved: Signoff | None = signoff_field("approved", "项目总经理批准，之后归档（§4.7.9）")
