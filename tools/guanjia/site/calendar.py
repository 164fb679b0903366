"""Month calendars: a grid on wide screens, a list on phones (CSS chooses), and the feed page."""

from __future__ import annotations

import calendar as pycal
from datetime import date

from ..clock import zone_name
from ..procedure import Stage
from .activity import stage_badge
from .context import Site
from .html import WEEKDAYS, attr, e, link, page, tag
from .overview import when


def months(site: Site) -> list[tuple[int, int]]:
    return [(y, m) for y in sorted(site.archive.years) for m in range(1, 13)]


def month_page(site: Site, year: int, month: int) -> str:
    src = site.month_src(year, month)
    mine = sorted((t for t in site.timelines if t.date.year == year and t.date.month == month),
                  key=lambda t: (t.date, t.slug))
    by_day: dict[int, list] = {}
    for t in mine:
        if not t.estimated:  # only the month is known: listed below the grid, not on a made-up day
            by_day.setdefault(t.date.day, []).append(t)
    cells = []
    for week in pycal.Calendar(firstweekday=0).monthdayscalendar(year, month):
        row = []
        for d in week:
            if d == 0:
                row.append('<td class="gj-empty"></td>')
                continue
            items = "".join(tag("div", link(site.href(src, site.activity_src(t)), e(t.theme)),
                                "gj-event gj-cancelled" if t.stage is Stage.CANCELLED else "gj-event")
                            for t in by_day.get(d, []))
            iso = date(year, month, d).isoformat()
            today = " gj-today" if iso == site.today.isoformat() else ""  # the page's script moves it to the reader's day
            row.append(f'<td class="gj-day{today}" data-gj-date="{iso}"><span class="gj-num">{d}</span>'
                       f'{items}</td>')
        cells.append("<tr>" + "".join(row) + "</tr>")
    grid = (f'<table class="gj-month" data-gj-today="{site.today.isoformat()}" data-gj-tz="{attr(site.settings.timezone)}">'
            '<thead><tr>' + "".join(f"<th>周{w}</th>" for w in WEEKDAYS)
            + "</tr></thead><tbody>" + "".join(cells) + "</tbody></table>")
    undated = [t for t in mine if t.estimated]
    grid += tag("p", "本月（日期未定）：" + "、".join(link(site.href(src, site.activity_src(t)), e(t.theme)) + " " + stage_badge(t)
                                           for t in undated), "gj-undated") if undated else ""
    listing = tag("ul", "".join(tag("li", f"{e(when(t))} " + link(site.href(src, site.activity_src(t)), e(t.theme))
                                        + " " + stage_badge(t)) for t in mine), "gj-month-list") if mine else \
        tag("p", "本月没有活动。", "gj-month-list")
    prev_y, prev_m = (year, month - 1) if month > 1 else (year - 1, 12)
    next_y, next_m = (year, month + 1) if month < 12 else (year + 1, 1)
    nav = []
    if prev_y in site.archive.years:
        nav.append(link(site.href(src, site.month_src(prev_y, prev_m)), f"← {prev_y}年{prev_m}月"))
    nav.append(link(site.href(src, "calendar/index.md"), "全部月份"))
    if next_y in site.archive.years:
        nav.append(link(site.href(src, site.month_src(next_y, next_m)), f"{next_y}年{next_m}月 →"))
    title = f"{year}年{month}月 活动日历"
    return page(title, tag("h1", e(title)) + tag("p", " · ".join(nav), "gj-links") + grid + listing)


def calendar_index(site: Site) -> str:
    src = "calendar/index.md"
    years = "".join(tag("h2", f"{y} 年") + tag("p", " · ".join(link(site.href(src, site.month_src(y, m)), f"{m}月")
                                                              for m in range(1, 13)), "gj-links")
                    for y in sorted(site.archive.years))
    feeds = tag("ul", tag("li", link("activities.ics", "客户活动日历（activities.ics）") + "：业主和员工都可订阅")
                + tag("li", link("deadlines.ics", "办理期限日历（deadlines.ics）") + "：给员工，列出每一步的最后期限"))
    how = tag("p", "在手机日历或 Outlook 中选择“添加订阅日历 / 从网址订阅”，粘贴上面链接的完整网址即可；"
                   f"日历按{e(zone_name(site.settings.timezone))}显示，活动有变动时会自动更新。", "gj-note")
    return page("活动日历", tag("h1", "活动日历") + years + tag("h2", "订阅日历") + feeds + how)
