"""Time as the procedure counts it: China's date, calendar days or China's working days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from .errors import GuanjiaError


class CalendarError(GuanjiaError):
    """The working-day calendar does not know a year we need."""


def today_in(zone: str, now: datetime | None = None) -> date:
    """Today's date in ``zone`` (Asia/Shanghai by default), never the machine's UTC date.

    A CI runner at 2026-03-01T17:00Z is already on 2 March in China.
    """
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.astimezone()  # a naive time is the machine's local time
    return now.astimezone(ZoneInfo(zone)).date()


class Days:
    """Counts days the way the policy says: ``calendar`` (default) or ``working``.

    Working days follow China's official calendar, public holidays and 调休 make-up
    working days included (the chinese-calendar package).
    """

    def __init__(self, kind: str = "calendar"):
        self.kind = kind

    def shift(self, day: date, n: int) -> date:
        """The day ``n`` days after ``day`` (before it when ``n`` < 0).

        In working days the result is itself a working day: "3 working days before Monday"
        is the previous Wednesday, and a limit never falls on a holiday.
        """
        if self.kind == "calendar" or n == 0:
            return day + timedelta(days=n)
        step = timedelta(days=1 if n > 0 else -1)
        count = 0
        while count < abs(n):
            day += step
            if self.is_workday(day):
                count += 1
        return day

    @staticmethod
    def is_workday(day: date) -> bool:
        import chinese_calendar

        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise CalendarError(
                f"工作日日历（chinese-calendar {_version()}）还没有 {day.year} 年的放假安排，无法按工作日计算时限。"
                "请让 IT 升级 chinese-calendar（国务院公布次年安排后通常会更新），"
                "或暂时把 guanjia.yml 中 policy.day_kind 改为 calendar（自然日）。") from None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chinese-calendar")
    except PackageNotFoundError:  # pragma: no cover
        return "?"
