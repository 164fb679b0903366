"""活动前准备情况检查 (procedure §4.6): the five points confirmed before the day."""

from __future__ import annotations

from pydantic import Field

from .common import Flag, Model, Signoff, Signoffs, Text, signoff_field


class Check(Model):
    """一项检查：是否落实，和说明。"""

    ok: Flag = Field(title="已落实", description="true 已落实 / false 未落实")
    note: Text | None = Field(None, title="说明")


POINTS = {
    "information": "活动信息已准确及时地传递给客户（§4.6.1）",
    "progress": "各项工作按进度完成（§4.6.2）",
    "agreements": "与相关合作方的协议已确定（§4.6.3）",
    "staffing": "人力配备足够满足活动要求（§4.6.4）",
    "permits": "需报批的手续已完成（§4.6.5）",
}


class Readiness(Signoffs):
    """准备情况检查：管家部经理负责落实，管家部主任配合，活动前逐项确认五件事。"""

    information: Check = Field(title="1 活动信息已传递给客户", description=POINTS["information"])
    progress: Check = Field(title="2 各项工作按进度完成", description=POINTS["progress"])
    agreements: Check = Field(title="3 合作方协议已确定", description=POINTS["agreements"])
    staffing: Check = Field(title="4 人力配备足够", description=POINTS["staffing"])
    permits: Check = Field(title="5 报批手续已完成", description=POINTS["permits"])
    prepared: Signoff | None = signoff_field("prepared", "管家部经理或主任确认五项检查（§4.6）")

    def open_points(self) -> list[str]:
        return [key for key in POINTS if not getattr(self, key).ok]
