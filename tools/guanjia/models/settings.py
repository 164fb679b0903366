"""guanjia.yml: the project's names and the company's policy. A missing file means these defaults."""

from __future__ import annotations

from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from .base import raised
from .common import Checked, Date, Model, Money, MonthDay, Text, check, fail
from .holidays import CalendarYear, YearCalendar, named_days


class Department(Model):
    """一个部门及其别名（同一部门在程序原文中有两种叫法）。"""

    name: Text = Field(title="部门名称")
    aliases: list[Text] = Field(default_factory=list, title="别名")


class FormCodes(Model):
    """表单编号（各公司自定）。"""

    proposal: Text = Field("HSJY04-GJ-B54", title="客户活动策划表编号")
    record: Text = Field("HSJY04-GJ-B55", title="客户活动记录表编号")
    evaluation: Text = Field("HSJY04-GJ-B56", title="客户活动评估表编号")


class Policy(Model):
    """时限。程序原文给出的数字是默认值；原文未给数字的步骤，由公司在此规定。"""

    plan_drafted_by: MonthDay = Field("01-05",
                                 title="年度计划编制完成日（月-日）", description="程序 §4.1：本年度 1 月 5 日前")
    plan_submitted_by: MonthDay = Field("01-10", title="年度计划上报日（月-日）",
                                        description="程序 §4.2：本年度 1 月 10 日前上报项目总经理")
    plan_approved_by: MonthDay = Field("01-15", title="年度计划批准日（月-日）",
                                       description="程序 §4.2 未给日期：公司规定，项目总经理最晚哪天批准年度计划")
    proposal_drafted_days: int = Field(15, ge=0, le=365, title="策划表填写提前天数", description="程序 §4.3：活动开始前 15 天")
    proposal_reviewed_days: int = Field(10, ge=0, le=365, title="策划表复核上报提前天数", description="程序 §4.4：活动开始前 10 天")
    proposal_approved_days: int = Field(7, ge=0, le=365, title="策划表批准提前天数", description="程序 §4.4：活动开始前一周")
    notice_days: int = Field(5, ge=0, le=365, title="业主通知提前天数",
                             description="程序 §4.5 未给数字：公司规定，活动前至少几天发出通知或邀请函")
    readiness_days: int = Field(1, ge=0, le=365, title="准备情况检查提前天数",
                                description="程序 §4.6 未给数字：公司规定，活动前至少几天完成五项检查")
    record_days: int = Field(3, ge=0, le=365, title="记录表填写期限（活动后天数）",
                             description="程序 §4.7.8 未给数字：公司规定，活动结束后几天内填写记录表")
    evaluation_days: int = Field(7, ge=0, le=365, title="评估表填写期限（活动后天数）",
                                 description="程序 §4.7.9 未给数字：公司规定，活动结束后几天内填写评估表")
    evaluation_approved_days: int = Field(15, ge=0, le=365, title="评估表批准期限（活动后天数）",
                                          description="程序 §4.7.9 未给数字：公司规定，活动结束后几天内完成审核和批准")
    day_kind: Literal["calendar", "working"] = Field("calendar", title="天数计法",
                                                     description="calendar 自然日（默认）/ working 工作日（含调休，"
                                                                 "按 calendar 中登记的或 chinese-calendar 的放假安排）")
    due_soon_days: int = Field(7, ge=0, le=90, title="临近提醒天数", description="到期前几天开始提醒")
    same_person_may_sign_twice: bool = Field(False, title="允许一人签两步",
                                             description="小项目人手少时，允许同一人签同一文件的两个步骤")


def _default_departments() -> list[Department]:
    return [Department(name="管家部"), Department(name="行政部", aliases=["办公室"]),
            Department(name="工程部"), Department(name="安环部", aliases=["消防保卫部"])]


class Settings(Checked):
    """本项目的设置：名称、时区、部门、表单编号、时限和年度活动预算。"""

    project: Text = Field("物业项目", title="物业项目名称")
    company: Text = Field("物业管理有限公司", title="物业公司名称")
    timezone: Text = Field("Asia/Shanghai", title="时区", description="“今天”按这个时区计算，默认中国时间")
    adopted: Date | None = Field(None, title="开始使用 guanjia 的日期",
                                 description="从这天起签字都用 guanjia；这天以前的活动可以导入纸质签字（签字带 paper 扫描件）")
    departments: list[Department] = Field(default_factory=_default_departments, title="部门")
    form_codes: FormCodes = Field(default_factory=FormCodes, title="表单编号")
    policy: Policy = Field(default_factory=Policy, title="时限")
    annual_budget: Money | None = Field(None, title="年度客户活动预算经费（元）",
                                        description="物业公司给本项目的全年活动经费；年度计划合计不应超过")
    calendar: dict[CalendarYear, YearCalendar] = Field(
        default_factory=dict, title="放假安排", json_schema_extra={"additionalProperties": False},
        description="按工作日计算时限（policy.day_kind: working）时用：每年照国务院办公厅的放假通知登记放假日和调休上班日；"
                    "登记了的年份以这里为准，没登记的年份用 chinese-calendar 的数据")

    @field_validator("timezone")
    @classmethod
    def _check_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise fail("timezone", "不认识的时区“{value}”；中国请写 Asia/Shanghai", value=value) from None
        return value

    @check
    def _check_calendar(self):
        for year, notice in self.calendar.items():
            yield from raised(notice.check, year)  # the first slip of each year
        yield from raised(named_days, self.calendar)

    @check
    def _check_departments(self):
        seen: dict[str, str] = {}
        for i, dept in enumerate(self.departments):
            for name in [dept.name, *dept.aliases]:
                if name in seen:
                    yield fail("duplicate_id", "部门名称“{name}”出现了两次", name=name, at=f"departments.{i}")
                seen.setdefault(name, dept.name)

    def department(self, name: str) -> str | None:
        """The canonical name of a department given by name or alias, or None."""
        for dept in self.departments:
            if name == dept.name or name in dept.aliases:
                return dept.name
        return None
