"""A year's official holidays and 调休 make-up working days, copied from the State Council's notice.

guanjia.yml's ``calendar`` declares them per year, so a company need not wait for a new
chinese-calendar release; a declared year wins over the package's data.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema

from .common import Model, _parse_date, fail

LONGEST = 31  # days: the notice's longest break is 8 or 9 days; a longer range is a typo (a wrong month)
_WEEKDAYS = "一二三四五六日"
# what a Chinese keyboard gives instead of "..": IME full stops and ellipses, a tilde, "至"/"到", dashes
_RANGE_WORDS = r"。。|．．|…+|[~～〜至到—–]"
_SLIPS = rf"\s*(?:{_RANGE_WORDS}|－|--?|\s)\s*"
_DAY = r"[0-9０-９]{4}\s*[-－年/.．]\s*[0-9０-９]{1,2}\s*[-－月/.．]\s*[0-9０-９]{1,2}\s*日?"


def _parse_year(value) -> int:
    text = str(value).strip()
    if re.fullmatch(r"[0-9]{4}", text) and 2000 <= int(text) <= 2100:
        return int(text)
    digits = re.fullmatch(r"([0-9]{4})\s*年?", text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if digits:
        raise fail("calendar", "年份“{value}”请只写四位数字：{year}", value=text, year=digits.group(1))
    raise fail("calendar", "“{value}”不是年份；calendar 下每一段以年份开头，例如 2027:", value=text)


def _parse_span(value) -> tuple[date, date]:
    """``2027-02-06`` (one day) or ``2027-02-06..2027-02-13`` (first and last day, both included)."""
    if isinstance(value, tuple):
        return value
    text = str(value).strip()
    if ".." not in text:
        slip = re.fullmatch(f"({_DAY}){_SLIPS}({_DAY})", text)
        if slip or re.search(_RANGE_WORDS, text):
            example = f"{_spelled(slip.group(1))}..{_spelled(slip.group(2))}" if slip else "2027-02-06..2027-02-13"
            raise fail("calendar", "“{value}”：一段日期请写成 第一天..最后一天（两个英文句点），例如 {example}",
                       value=text, example=example)
        day = _parse_date(text)
        return day, day
    first, _, last = text.partition("..")
    if not last.strip() or not first.strip():
        raise fail("calendar", "“{value}”：“..”前后都要写完整的日期，例如 2027-02-06..2027-02-13", value=text)
    if re.fullmatch(r"\s*[0-9]{1,2}\s*", last):
        raise fail("calendar", "“{value}”：最后一天也要写完整的 年-月-日，例如 2027-02-06..2027-02-13", value=text)
    start, end = _parse_date(first.strip().strip(".")), _parse_date(last.strip().strip("."))
    if end < start:
        raise fail("calendar", "“{value}”前后颠倒了：第一天写在“..”前面，最后一天写在后面", value=text)
    if (end - start).days >= LONGEST:
        raise fail("calendar", "“{value}”一共 {n} 天，放假通知里没有这么长的假期；请核对月份", value=text,
                   n=(end - start).days + 1)
    return start, end


def _spelled(text: str) -> str:
    """A date as typed (2027年2月6日, 2027-2-6), spelled the way guanjia reads it; as typed if it is no date."""
    digits = [int(d) for d in re.findall(r"[0-9]+", text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))]
    try:
        return date(*digits).isoformat()
    except (TypeError, ValueError):
        return text.strip()


def _span_text(span: tuple[date, date]) -> str:
    return span[0].isoformat() if span[0] == span[1] else f"{span[0].isoformat()}..{span[1].isoformat()}"


CalendarYear = Annotated[int, BeforeValidator(_parse_year), WithJsonSchema({"type": "string", "pattern": r"^(20\d\d|2100)$"})]
DaySpan = Annotated[tuple[date, date], BeforeValidator(_parse_span), PlainSerializer(_span_text),
                    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?$"})]


def days_in(spans: list[tuple[date, date]]) -> list[date]:
    """Every day of ``spans``, first and last day included."""
    return [start + timedelta(days=i) for start, end in spans for i in range((end - start).days + 1)]


class YearCalendar(Model):
    """一年的放假安排：照国务院办公厅的放假通知登记（通常在前一年 11–12 月公布）。"""

    holidays: list[DaySpan] = Field(min_length=1, title="放假日",
                                    description="通知中放假的日子（含其中的周末）：一天写 2027-04-05，"
                                                "连续几天写 第一天..最后一天，例如 2027-02-06..2027-02-13")
    workdays: list[DaySpan] = Field(default_factory=list, title="调休上班日",
                                    description="通知中调休上班的周六、周日，例如 2027-02-14；没有就不写")

    def check(self, year: int) -> None:
        """Raise on the first slip: a day outside ``year``, or a make-up working day that is no weekend day.

        The notice for a year may start its 元旦 break, or a make-up day before it, in the last week of
        December before (the 2019 notice: 2018-12-29 on, 2018-12-30..2019-01-01 off): those days belong here too.
        """
        first, last = date(year - 1, 12, 25), date(year, 12, 31)
        for key in ("holidays", "workdays"):
            for i, (start, end) in enumerate(getattr(self, key)):
                if start < first or end > last:
                    raise fail("calendar", "{span} 不在 {year} 年内；每一年的放假安排写在自己的年份下"
                               "（只有元旦前后的几天可以是上一年 12 月的最后一周）",
                               span=_span_text((start, end)), year=year, at=f"calendar.{year}.{key}.{i}")
        for i, span in enumerate(self.workdays):
            weekday = next((d for d in days_in([span]) if d.weekday() < 5), None)
            if weekday:
                raise fail("calendar", "{day} 是星期{w}，本来就上班；调休上班日是通知里要上班的周六或周日，请核对日期",
                           day=weekday.isoformat(), w=_WEEKDAYS[weekday.weekday()], at=f"calendar.{year}.workdays.{i}")


def named_days(calendar: dict[int, YearCalendar]) -> dict[date, bool]:
    """Every day the notices name: True a (make-up) working day, False a holiday. A day named both ways,
    in one year or in two (a notice reaching back into December), is an error."""
    named: dict[date, bool] = {}
    for year, notice in sorted(calendar.items()):
        for key, working in (("holidays", False), ("workdays", True)):
            for i, span in enumerate(getattr(notice, key)):
                for day in days_in([span]):
                    if named.setdefault(day, working) != working:
                        raise fail("calendar", "{day} 既写成放假日（holidays），又写成调休上班日（workdays）；请照通知改正",
                                   day=day.isoformat(), at=f"calendar.{year}.{key}.{i}")
    return named
