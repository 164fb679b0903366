"""Shared types: dates, times, money in yuan, people, signoffs.

Every scalar reaches the models as text (see ``load``); these types parse it and
explain, in Chinese, what a butler should write instead.
"""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from .base import Checked, Model, check, fail, lenient

__all__ = ["Checked", "Model", "check", "fail"]  # the base, for the document modules

_FULLWIDTH = str.maketrans("０１２３４５６７８９：－．／", "0123456789:-./")
# the well-formed spellings, compiled once: these run for every date, amount and time in the archive
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")
_AMOUNT = re.compile(r"[0-9]+(\.[0-9]+)?")
_CN_DATE = re.compile(r"^\s*(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?\s*$")


def _parse_date(value):
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise fail("date", "日期应写成 年-月-日，例如 2026-03-12")
    text = value.strip()
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise fail("date", "没有这一天：{value}", value=text) from None
    m = _CN_DATE.match(text.translate(_FULLWIDTH))
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            reading = date(y, mo, d)
        except ValueError:
            reading = None
        raise fail("date", "日期“{value}”请写成 {iso}（年-月-日，用英文减号）", value=text,
                   iso=f"{y:04d}-{mo:02d}-{d:02d}", reading=reading)
    raise fail("date", "“{value}”不是日期；请写成 年-月-日，例如 2026-03-12", value=text)


def _parse_month(value):
    text = str(value).strip()
    if re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", text):
        return text
    m = re.fullmatch(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*月?", text.translate(_FULLWIDTH))
    if m and 1 <= int(m.group(2)) <= 12:
        iso = f"{m.group(1)}-{int(m.group(2)):02d}"
        raise fail("month", "月份“{value}”请写成 {iso}（年-月）", value=text, iso=iso, reading=iso)
    raise fail("month", "“{value}”不是月份；请写成 年-月，例如 2026-03", value=text)


def _parse_month_day(value):
    text = str(value).strip()
    m = re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])", text)
    if m:
        return text
    m = re.fullmatch(r"(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?", text.translate(_FULLWIDTH))
    if m and 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31:
        iso = f"{int(m.group(1)):02d}-{int(m.group(2)):02d}"
        raise fail("month_day", "“{value}”请写成 {iso}（月-日，并加英文引号）", value=text, iso=f"\"{iso}\"", reading=iso)
    raise fail("month_day", "“{value}”不是月-日；请写成例如 \"01-05\"", value=text)


def _parse_time(value):
    if isinstance(value, time):
        return value
    text = str(value).strip()
    m = _CLOCK.fullmatch(text)
    if m:
        return time(int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"([01]?\d|2[0-3])\s*[:：点时]\s*([0-5]\d)?\s*分?", text.translate(_FULLWIDTH))
    if m:
        iso = f"{int(m.group(1)):02d}:{m.group(2) or '00'}"
        raise fail("time", "时间“{value}”请写成 {iso}（24 小时制，英文冒号）", value=text, iso=iso,
                   reading=time(int(m.group(1)), int(m.group(2) or 0)))
    raise fail("time", "“{value}”不是时间；请写成 时:分，例如 09:30 或 14:00", value=text)


def _parse_money(value):
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int) and not isinstance(value, bool):
        amount = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if not _AMOUNT.fullmatch(text):
            plain = re.sub(r"[¥￥,，元\s]", "", text.translate(_FULLWIDTH))
            if re.fullmatch(r"\d+(\.\d+)?", plain):
                raise fail("money", "金额“{value}”请只写数字，例如 {plain}（单位是元，不写“¥”“元”和千分位逗号）",
                           value=text, plain=plain, reading=Decimal(plain))
            raise fail("money", "“{value}”不是金额；请写数字，单位是元，例如 1200 或 35.50", value=text)
        try:
            amount = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
            raise fail("money", "“{value}”不是金额", value=text) from None
    else:
        raise fail("money", "金额应是数字（元），例如 1200 或 35.50")
    if amount.as_tuple().exponent < -2:
        raise fail("money", "金额“{value}”最多精确到分（小数点后两位）", value=str(value))
    return amount


def _money_text(amount: Decimal) -> str:
    """One spelling per amount: 2800, 2800.0 and 2800.00 are all "2800"."""
    return format(amount.normalize(), "f")


def _parse_count(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d+", text) and text.isascii():
        return int(text)
    plain = text.translate(_FULLWIDTH).rstrip("人户份个次")
    if re.fullmatch(r"\d+", plain):
        raise fail("count", "“{value}”请只写数字 {plain}", value=text, plain=plain, reading=int(plain))
    raise fail("count", "“{value}”不是整数；请写 0 或正整数", value=text)


_CN_QUOTES = "“”‘’「」『』＂＇"


def _typed(parse, kind: str) -> BeforeValidator:
    """The validator of a typed value: ``parse``, where a value wrapped in Chinese quotation marks (a
    Chinese input method types “ ” for ") is explained as such, and slips are read leniently for the rules."""

    def unquoted(value):
        try:
            return parse(value)
        except PydanticCustomError:
            text = value.strip() if isinstance(value, str) else ""
            ends = text[:1] + text[-1:]
            inner = text.strip(_CN_QUOTES + "\"'").strip()
            if not inner or not any(c in _CN_QUOTES for c in ends):
                raise
        reading = parse(inner)  # what is inside may be a slip of its own: then that is the error
        raise fail(kind, "{value} 两边是中文引号（{quotes}）：请去掉，或改用英文引号，写成 \"{inner}\"", value=text,
                   quotes="".join(dict.fromkeys(c for c in ends if c in _CN_QUOTES)), inner=inner, reading=reading)

    return BeforeValidator(lenient(unquoted))


Date = Annotated[date, _typed(_parse_date, "date"),
                 WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"})]
Month = Annotated[str, _typed(_parse_month, "month"),
                  WithJsonSchema({"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"})]
MonthDay = Annotated[str, _typed(_parse_month_day, "month_day"),
                     WithJsonSchema({"type": "string", "pattern": r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"})]
ClockTime = Annotated[time, _typed(_parse_time, "time"), PlainSerializer(lambda t: t.strftime("%H:%M"), when_used="json"),
                      WithJsonSchema({"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$"})]
Money = Annotated[Decimal, _typed(_parse_money, "money"), PlainSerializer(_money_text, when_used="json"),
                  WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0},
                                            {"type": "string", "pattern": r"^\d+(\.\d{1,2})?$"}]})]
Count = Annotated[int, _typed(_parse_count, "count"),
                  WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": r"^\d+$"}]})]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
SHA256_FIELD = {"title": "文件摘要（SHA-256）", "description": "文件内容的 SHA-256（64 位十六进制），由 guanjia verify --fill 填写，不要手改"}
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
PersonId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=60),
                     Field(title="人员编号", description="花名册 roster.yaml 里的人员编号（id），例如 wang-li")]

ROLES = {"manager": "管家部经理", "gm": "项目总经理", "director": "管家部主任", "butler": "管家"}


class Signoff(Model):
    """一个签字：谁、哪天、签的是哪一版内容。"""

    by: PersonId
    date: Date = Field(title="日期", description="签字日期，年-月-日")
    digest: Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")] | None = Field(
        None, title="内容摘要", description="签字时文件内容的 SHA-256 摘要（由 guanjia approve 写入，不要手改）；"
                                         "内容改动后摘要对不上，签字失效，需要重新签")
    paper: Text | None = Field(None, title="纸质签字的扫描件",
                               description="开始使用 guanjia 之前签在纸上的：签字表单扫描件的路径（活动目录里，例如 "
                                           "attachments/B54-签字页.pdf）；由 guanjia approve --paper 写入。"
                                           "只用于 guanjia.yml 的 adopted 日期之前的活动")


def _parse_flag(value):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "是", "对", "✓"):
        return True
    if text in ("false", "no", "否", "不"):
        return False
    raise fail("flag", "“{value}”请写 true（是）或 false（否）", value=str(value))


Flag = Annotated[bool, BeforeValidator(_parse_flag), WithJsonSchema({"type": "boolean"})]
Step = Literal["prepared", "submitted", "reviewed", "approved"]
STEP_TITLES = {"prepared": "编制", "submitted": "上报", "reviewed": "复核", "approved": "批准"}


class LateException(Model):
    """逾期说明：某一步超过时限，写明原因，并由项目总经理签字认可。"""

    step: Step = Field(title="逾期的步骤", description="prepared 编制 / submitted 上报 / reviewed 复核 / approved 批准")
    reason: Text = Field(title="原因")
    approved: Signoff | None = Field(None, title="项目总经理签字",
                                     description="项目总经理认可这次逾期：由 guanjia approve 文件 --as gm --late 步骤 写入")


def signoff_field(step: str, description: str):
    """The field of one signoff block; each document model declares the blocks its steps have (see procedure)."""
    return Field(None, title=STEP_TITLES[step], description=description)


class Signoffs(Checked):
    """A signed document: its signoff blocks (declared by each model, one per step of the procedure) and its
    late-step exceptions. A block the procedure does not have for the document is an unknown field."""

    late: list[LateException] = Field(default_factory=list, title="逾期说明",
                                      description="某一步超过时限时，写明原因并由项目总经理签字；有说明的逾期只作警告")

    @check
    def _check_late_steps(self):
        for i, exception in enumerate(self.late):
            if exception.step not in type(self).model_fields:
                steps = "、".join(f"{s} {STEP_TITLES[s]}" for s in STEP_TITLES if s in type(self).model_fields)
                yield fail("late_step", "这份文件没有“{step}”这一步；它的步骤是：{steps}",
                           step=STEP_TITLES[exception.step], steps=steps, at=f"late.{i}.step")

    @classmethod
    def steps(cls) -> tuple[str, ...]:
        """The signoff blocks of this kind of document, in procedure order."""
        return tuple(s for s in STEP_TITLES if s in cls.model_fields)

    def exception_for(self, step: str) -> LateException | None:
        return next((e for e in self.late if e.step == step), None)


def money_sum(values) -> Decimal:
    return sum(values, Decimal(0))


def check_unique(ids, what: str, field: str):
    """An error for each repeated id; ``field`` is the list's key, for the error position."""
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value in seen:
            yield fail("duplicate_id", "{what}“{id}”重复", what=what, id=value, at=f"{field}.{i}.id")
        seen.add(value)


class Totalled(Checked):
    """A list of ``items`` with amounts and the ``total`` written under them: they must agree."""

    @check
    def _check_total(self):
        total = money_sum(line.amount for line in self.items)
        if total != self.total:
            yield fail("budget_total", "明细合计为 {sum} 元，但 total 写的是 {total} 元", sum=str(total),
                       total=str(self.total), at="total")
