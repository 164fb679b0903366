"""客户活动记录表 HSJY04-GJ-B55 (procedure §4.7.8)."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from .common import (
    SHA256_FIELD,
    Checked,
    ClockTime,
    Count,
    Model,
    Sha256,
    Signoff,
    Signoffs,
    Text,
    check,
    fail,
    signoff_field,
)
from .proposal import When

KIND_ZH = {"press": "媒体报道", "audio": "录音", "photo": "照片", "video": "录像"}
# the words people type for each kind: a butler writes 照片 as readily as photo
KIND_WORDS = {"photo": ("照片", "相片", "图片", "图像", "摄影"), "audio": ("录音", "音频"),
              "video": ("录像", "视频", "影像", "录影"),
              "press": ("媒体报道", "报道", "报导", "媒体报导", "新闻", "新闻报道", "新闻稿")}
_KINDS = {word: kind for kind, words in KIND_WORDS.items() for word in (kind, f"{kind}s", *words)}


def _parse_kind(value):
    """The kind a word names: photo, 照片, 相片, Photo and ｐｈｏｔｏ are all ``photo``.

    The document keeps what was typed; the model, and so the digest a signoff binds (signing.digest hashes
    the model's JSON form), holds the English value: 照片 and photo say the same thing and have one digest,
    and every archived file, written in English, keeps its digest.
    """
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    if text in _KINDS:
        return _KINDS[text]
    choices = "；".join(f"{kind}（{'、'.join(words)}）" for kind, words in KIND_WORDS.items())
    raise fail("kind", "“{value}”不是附件类别；可写 {choices}", value=str(value), choices=choices)


Kind = Annotated[Literal["press", "audio", "photo", "video"], BeforeValidator(_parse_kind),
                 WithJsonSchema({"type": "string", "enum": [w for kind, words in KIND_WORDS.items() for w in (kind, *words)]})]


class Attendance(Model):
    """参加人数。只记人数，不记业主姓名、房号、电话。"""

    households: Count = Field(title="参加户数")
    people: Count = Field(title="参加人数")
    staff: Count = Field(title="工作人员人数")


class Incident(Model):
    """现场突发情况及处理。"""

    time: ClockTime = Field(title="时间")
    description: Text = Field(title="情况")
    handling: Text = Field(title="处理")


class Survey(Checked):
    """宾客意见调查结果。"""

    distributed: Count = Field(title="发放份数")
    returned: Count = Field(title="回收份数")
    satisfied: Count = Field(title="满意份数", description="选“满意”或“非常满意”的份数")
    opinions: list[Text] = Field(default_factory=list, title="主要意见", description="归纳后的意见，不写业主个人信息")

    @check
    def _check_counts(self):
        if self.returned > self.distributed:
            yield fail("survey_counts", "回收份数 {r} 多于发放份数 {d}", r=self.returned, d=self.distributed, at="returned")

    @check
    def _check_satisfied(self):
        if self.satisfied > self.returned:
            yield fail("survey_counts", "满意份数 {s} 多于回收份数 {r}", s=self.satisfied, r=self.returned, at="satisfied")


class Attachment(Checked):
    """归档附件：媒体报道文字、现场录音、照片、录像。"""

    kind: Kind = Field(title="类别", description="photo 照片 / audio 录音 / video 录像 / press 媒体报道（中文也可以写：照片、"
                                              "相片、录音、音频、视频、录像、报道、媒体报道等）")
    path: Text | None = Field(None, title="文件路径", description="相对于活动目录的路径，例如 attachments/001.jpg")
    url: Text | None = Field(None, title="外部地址", description="放在仓库之外的大文件（例如录像）的 https 地址")
    sha256: Sha256 | None = Field(None, **SHA256_FIELD)
    caption: Text | None = Field(None, title="说明")

    @check
    def _check_where(self):
        if (self.path is None) == (self.url is None):
            yield fail("attachment", "附件请写 path（仓库里的文件）或 url（仓库外的大文件）二者之一", at="path")

    @check
    def _check_url(self):
        if self.url is not None and not self.url.startswith("https://"):
            yield fail("attachment", "外部地址必须以 https:// 开头", at="url")


class Record(Signoffs):
    """客户活动记录表（B55）：活动结束后由管家填写。"""

    held: When = Field(title="实际时间")
    place: Text = Field(title="实际地点")
    attendance: Attendance = Field(title="参加情况")
    summary: Text = Field(title="活动经过")
    incidents: list[Incident] = Field(title="突发情况", description="没有时写 []")
    survey: Survey = Field(title="宾客意见调查")
    attachments: list[Attachment] = Field(default_factory=list, title="附件")
    prepared: Signoff | None = signoff_field("prepared", "管家填写（§4.7.8）")
