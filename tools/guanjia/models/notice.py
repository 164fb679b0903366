"""业主通知或邀请函 (procedure §4.5): sent to the owners after the proposal is approved."""

from __future__ import annotations

from pydantic import Field

from .common import Date, Signoff, Signoffs, Text, signoff_field


class Notice(Signoffs):
    """业主通知（邀请函）：策划方案批准后，管家部提前向区域内业主发出。"""

    sent: Date = Field(title="发出日期", description="通知或邀请函发出（张贴、推送）的日期")
    channels: list[Text] = Field(min_length=1, title="发布渠道", description="例如 公告栏、业主微信群、电梯广告屏、邀请函入户")
    title: Text = Field(title="标题")
    text: Text = Field(title="正文", description="通知正文。会发布到网站，不要写业主个人信息")
    prepared: Signoff | None = signoff_field("prepared", "写通知的人：管家、管家部主任或经理（§4.5）")
