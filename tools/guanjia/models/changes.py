"""改期与取消 records/<year>/changes.yaml: decisions that move or stop an activity."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Checked, Date, Flag, Model, Signoff, Slug, Text, check, fail


class Change(Checked):
    """一项决定：取消或改期。由项目总经理决定。"""

    activity: Slug = Field(title="活动编号", description="年度计划中的活动编号（计划外活动：活动目录名日期之后的部分）")
    action: Literal["cancelled", "postponed"] = Field(title="决定", description="cancelled 取消 / postponed 改期")
    reason: Text = Field(title="原因")
    decided: Signoff | None = Field(None, title="项目总经理签字",
                                    description="项目总经理的决定：由 guanjia approve changes.yaml --as gm 写入；没有签字的条目不生效")
    new_date: Date | None = Field(None, title="新日期", description="改期时必填：活动改到哪一天")
    approval_carries_over: Flag | None = Field(
        None, title="原批准是否继续有效",
        description="改期时必填：true 原策划表批准继续有效；false 需按新日期重新复核、批准")

    @check
    def _check_kind(self):
        if self.action == "postponed":
            if self.new_date is None:
                yield fail("change", "改期必须写新日期 new_date", at="new_date")
            if self.approval_carries_over is None:
                yield fail("change", "改期必须写明原批准是否继续有效 approval_carries_over（true 或 false）",
                           at="approval_carries_over")
        elif self.new_date is not None or self.approval_carries_over is not None:
            yield fail("change", "取消活动不需要 new_date 和 approval_carries_over", at="new_date")


class Changes(Model):
    """本年度活动的改期与取消记录（只增不改）。"""

    changes: list[Change] = Field(default_factory=list, title="改期与取消")

    def for_activity(self, slug: str) -> list[Change]:
        """The decisions about one activity, in date order; entries the GM has not signed have no effect."""
        return sorted((c for c in self.changes if c.activity == slug and c.decided), key=lambda c: c.decided.date)
