"""Festivals, and where next year's activity for one falls: the lunar ones move (元宵 2026-03-03 →
2027-02-20), the fixed ones do not. Used by ``guanjia new plan`` to suggest next year's dates."""

from __future__ import annotations

from datetime import date, timedelta

LUNAR = {(1, 1): "春节", (1, 15): "元宵节", (2, 2): "龙抬头", (5, 5): "端午节", (7, 7): "七夕", (8, 15): "中秋节",
         (9, 9): "重阳节", (12, 8): "腊八节"}
SOLAR = {(1, 1): "元旦", (3, 5): "学雷锋纪念日", (3, 8): "妇女节", (3, 12): "植树节", (5, 1): "劳动节",
         (6, 1): "儿童节", (10, 1): "国庆节", (11, 9): "全国消防日", (12, 24): "平安夜", (12, 25): "圣诞节",
         (12, 31): "跨年夜"}
NEAR = 3  # an activity held up to this many days before or after a lunar festival keeps its distance to it
MONTHS = "正二三四五六七八九十冬腊"


def lunar_name(month: int, day: int) -> str:
    tens = {1: "初", 2: "十", 3: "廿"}
    number = "初十" if day == 10 else "二十" if day == 20 else "三十" if day == 30 else \
        tens[(day - 1) // 10 + 1] + "一二三四五六七八九十"[(day - 1) % 10]
    return f"农历{MONTHS[month - 1]}月{number}"


def next_year(day: date) -> tuple[date | None, str]:
    """(the date one year later, why) for an activity held on ``day``; (None, "") when nothing ties it to a festival
    or the festival leaves the calendar year (腊八 can fall in December one year and January the next)."""
    from lunardate import LunarDate

    for offset in sorted(range(-NEAR, NEAR + 1), key=abs):
        lunar = LunarDate.from_solar_date(*(day - timedelta(days=offset)).timetuple()[:3])
        name = LUNAR.get((lunar.month, lunar.day)) if not lunar.is_leap_month else None
        if name:
            festival = LunarDate(lunar.year + 1, lunar.month, lunar.day).to_solar_date()
            where = "当天" if offset == 0 else f"{'后' if offset > 0 else '前'} {abs(offset)} 天"
            moved = festival + timedelta(days=offset)
            return (moved, f"{name}（{lunar_name(lunar.month, lunar.day)}）{where}") if moved.year == day.year + 1 \
                else (None, "")
    name = SOLAR.get((day.month, day.day))
    if name:
        try:
            return day.replace(year=day.year + 1), f"{name}当天"
        except ValueError:  # pragma: no cover - 29 February is no festival
            return None, ""
    return None, ""
