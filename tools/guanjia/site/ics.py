"""Calendar feeds: the activities (owners and staff) and the procedure's deadlines (staff).

Byte-stable: UIDs come from the year and the activity id, DTSTAMP from the data (the
latest dated act on the activity), never from the build clock; times carry
TZID=Asia/Shanghai with its VTIMEZONE; days without a time are all-day events.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..procedure import Timeline
from ..rules.deadlines import plans
from .context import Site


def _calendar(site: Site, name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//guanjia//客户活动//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{site.settings.project} · {name}")
    cal.add("x-wr-timezone", site.settings.timezone)
    return cal


def _stamp(site: Site, t: Timeline) -> datetime:
    """The last day something was decided or signed for this activity, as a UTC instant."""
    days = [s.done for s in t.steps if s.done] + [c.decided.date for c in t.changes]
    plan = site.archive.years[t.year].plan
    if plan and plan.approved:
        days.append(plan.approved.date)
    return _utc(site, max(days, default=date(t.year, 1, 1)))


def _utc(site: Site, day: date) -> datetime:
    """The start of ``day`` on the project's clock, as a UTC instant."""
    return datetime.combine(day, time(0), ZoneInfo(site.settings.timezone)).astimezone(ZoneInfo("UTC"))


def _uid(t: Timeline, suffix: str = "") -> str:
    return f"{t.year}-{t.slug}{suffix}@guanjia"


def activities(site: Site) -> bytes:
    cal = _calendar(site, "客户活动")
    zone = ZoneInfo(site.settings.timezone)
    for t in site.timelines:
        if t.estimated:
            continue  # only a month is known: nothing true to put in a calendar yet
        ev = Event()
        ev.add("uid", _uid(t))
        ev.add("dtstamp", _stamp(site, t))
        ev.add("sequence", len(t.changes))
        ev.add("summary", t.theme + ("（已取消）" if t.cancelled else ""))
        p = t.activity.proposal if t.activity else None
        if p:
            ev.add("dtstart", datetime.combine(t.date, p.when.start, zone))
            ev.add("dtend", datetime.combine(t.date, p.when.end, zone))
            ev.add("location", p.place)
        else:
            ev.add("dtstart", t.date)
            ev.add("dtend", t.date + timedelta(days=1))
        form = p.form if p else t.item.form if t.item else ""
        content = p.content if p else t.item.content if t.item else ""
        ev.add("description", f"形式：{form}\n{content}".strip())
        ev.add("status", "CANCELLED" if t.cancelled else "CONFIRMED" if t.state("proposal_approved").done else "TENTATIVE")
        ev.add("categories", [t.category])
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


def deadlines(site: Site) -> bytes:
    """Every step not done yet, on its limit day: the year plans' (next year's included) and each activity's."""
    cal = _calendar(site, "办理期限")
    for number, states in plans(site.archive, site.today, site.today.year + 1).items():
        stamp = _utc(site, max((s.done for s in states if s.done), default=date(number, 1, 1)))
        for state in states:
            if not state.done:
                who = "/".join(site.role(r) for r in state.step.roles)
                cal.add_component(_deadline(f"{number}-plan-{state.step.signoff}@guanjia", stamp,
                                            f"{state.step.name}：{number} 年度客户活动计划", state.due,
                                            f"负责：{who}\n依据：{state.step.clause}"))
    for t in site.timelines:
        if t.cancelled:
            continue
        for state in t.steps:
            if state.done or state.due is None:
                continue
            who = state.step.team or "/".join(site.role(r) for r in state.step.roles)
            cal.add_component(_deadline(_uid(t, f"-{state.step.key}"), _stamp(site, t), f"{state.step.name}：{t.theme}",
                                        state.due, f"负责：{who}\n依据：{state.step.clause}\n活动日期：{t.date.isoformat()}"))
    return cal.to_ical()


def _deadline(uid: str, stamp: datetime, what: str, due: date, description: str) -> Event:
    """One limit as an all-day event that does not block the day (TRANSP:TRANSPARENT)."""
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("summary", f"【期限】{what}")
    ev.add("dtstart", due)
    ev.add("dtend", due + timedelta(days=1))
    ev.add("description", description)
    ev.add("transp", "TRANSPARENT")
    return ev
