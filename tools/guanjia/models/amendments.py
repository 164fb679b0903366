"""更正记录 amendments.yaml: the only way to change an archived activity (append-only)."""

from __future__ import annotations

from pydantic import Field

from .common import Date, Model, Signoff, Text


class Amendment(Model):
    """一次更正：改了哪些文件、为什么，由管家部经理签字认可。"""

    date: Date = Field(title="更正日期")
    reason: Text = Field(title="原因", description="为什么要改已归档的档案，例如 更正参加人数笔误")
    files: list[Text] = Field(min_length=1, title="更正的文件", description="相对于活动目录的路径，例如 record.yaml")
    approved: Signoff | None = Field(None, title="管家部经理签字",
                                     description="由 guanjia approve amendments.yaml --as manager 写入，绑定更正后的文件内容；"
                                                 "没有签字的更正不生效")


class Amendments(Model):
    """已归档活动的更正记录：只能在末尾追加，已有的条目不能改动或删除。"""

    amendments: list[Amendment] = Field(min_length=1, title="更正")
