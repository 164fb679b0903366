"""Time as the procedure counts it: the project's date, calendar days or China's working days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from .errors import GuanjiaError

# tz database ids (aliases included) → how a Chinese reader calls that clock
_ZONE_NAMES = {"北京时间": ("Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC"),
               "乌鲁木齐时间": ("Asia/Urumqi", "Asia/Kashgar"), "香港时间": ("Asia/Hong_Kong", "Hongkong"),
               "澳门时间": ("Asia/Macau", "Asia/Macao"), "台北时间": ("Asia/Taipei", "ROC")}
ZONE_NAMES = {zone: name for name, zones in _ZONE_NAMES.items() for zone in zones}


def zone_name(zone: str) -> str:
    """The zone as a label says it: Asia/Shanghai → 北京时间, Asia/Hong_Kong → 香港时间; any other zone by its id."""
    return ZONE_NAMES.get(zone, zone)


def today_in(zone: str, now: datetime | None = None) -> date:
    """Today's date in ``zone`` (Asia/Shanghai by default), never the machine's UTC date.

    A CI runner at 2026-03-01T17:00Z is already on 2 March in China.
    """
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.astimezone()  # a naive time is the machine's local time
    return now.astimezone(ZoneInfo(zone)).date()


class CalendarError(GuanjiaError):
    """The working-day calendar does not know a year we need."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(uncovered(year) + how_to_cover(year))


def uncovered(*years: int) -> str:
    """The sentence saying which years the working-day calendar lacks."""
    first, last = _package_years()
    return f"工作日日历没有 {_years(years)}的放假安排（chinese-calendar {_version()} 只有 {first}–{last} 年的）。"


def how_to_cover(*years: int) -> str:
    """What to do about it: declare the year in guanjia.yml, upgrade the package, or count calendar days."""
    return (f"请照国务院办公厅的放假通知，在 guanjia.yml 的 calendar 中登记 {_years(years)}：calendar: 下写年份（如 "
            f"{max(years)}:），其下 holidays: 列出放假日，workdays: 列出调休上班的周六周日；一天写 年-月-日，"
            "连续几天写 第一天..最后一天（详见工作程序“放假安排”一节）。"
            "也可以请 IT 升级 chinese-calendar，或暂时把 policy.day_kind 改为 calendar（自然日）。")


def _years(years) -> str:
    return "、".join(f"{y} 年" for y in sorted(set(years)))


class Days:
    """Counts days the way the policy says: ``calendar`` (default) or ``working``.

    Working days follow China's official calendar, public holidays and 调休 make-up working
    days included. The project may declare years in guanjia.yml as the State Council's notice
    has them: ``named`` (day → working or not) and ``years`` (the declared years, where a day the
    notice does not name is a working day from Monday to Friday). Those win; any other day comes
    from the chinese-calendar package.
    """

    def __init__(self, kind: str = "calendar", named: dict[date, bool] | None = None, years: Iterable[int] = ()):
        self.kind = kind
        self.named = dict(named or {})
        self.years = frozenset(years)

    @classmethod
    def of(cls, settings) -> Days:
        """The days of a project's settings (guanjia.yml): the one way to count them from settings."""
        from .models.holidays import named_days

        return cls(settings.policy.day_kind, named_days(settings.calendar), settings.calendar)

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

    def is_workday(self, day: date) -> bool:
        """China's working day: as the declared notices say (they win), else as chinese-calendar says."""
        if day in self.named:
            return self.named[day]
        if day.year in self.years:
            return day.weekday() < 5
        import chinese_calendar

        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise CalendarError(day.year) from None


def _package_years() -> tuple[int, int]:
    from chinese_calendar.constants import holidays

    return min(holidays).year, max(holidays).year


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chinese-calendar")
    except PackageNotFoundError:  # pragma: no cover
        return "?"
