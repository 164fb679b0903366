"""Deadline rules. ``late``: steps done after their limit (data only, for ``validate``).
``agenda``: steps overdue or due soon on a given day (for ``deadlines`` and ``status``).

"By day X" includes day X: a step done on its limit day is on time (the source's "前").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..archive import Archive, Year
from ..clock import Days
from ..findings import Finding, Severity
from ..models.common import ROLES
from ..procedure import PLAN_STEPS, Timeline, plan_due, timelines
from .links import at
from .year import halves, welfare_held


def days_for(archive: Archive) -> Days:
    return Days(archive.settings.policy.day_kind)


def all_timelines(archive: Archive, today: date | None = None) -> list[Timeline]:
    days = days_for(archive)
    return [t for y in sorted(archive.years) for t in timelines(archive.years[y], archive.settings.policy, days, today)]


def late(archive: Archive, timelines: list[Timeline]) -> list[Finding]:
    """Every step done after its deadline: an error, or a warning when the GM signed an exception."""
    found = []
    for number in sorted(archive.years):
        found += _late_plan(archive, archive.years[number])
    for t in timelines:
        if t.uncovered:
            found.append(Finding(t.activity.shown if t.activity else f"records/{t.year}", 0, 0, "GJ-D040",
                                 f"“{t.theme}”的部分时限无法按工作日计算：{t.uncovered}", "", Severity.WARNING))
        if t.cancelled or t.activity is None:
            continue
        for state in t.steps:
            document = getattr(t.activity, state.step.doc)
            if document is None or not state.done:
                continue
            doc = t.activity.docs[state.step.doc]
            key = ("sent",) if state.step.doc == "notice" else (state.step.signoff, "date")
            if state.late_days:
                found.append(_late_finding(archive, doc, key, document, state.step.signoff, state.step.name,
                                           state.done, state.due, f"{state.step.clause}：活动日期 {t.date}"))
            elif document.exception_for(state.step.signoff):
                found.append(_needless(doc, document, state.step.signoff, state.step.name))
    return found


def _late_plan(archive: Archive, year: Year) -> list[Finding]:
    found = []
    if not year.plan:
        return found
    for signoff, name, _, clause, field in PLAN_STEPS:
        block = getattr(year.plan, signoff)
        due = plan_due(year.year, archive.settings.policy, field)
        if block and block.date > due:
            found.append(_late_finding(archive, year.plan_doc, (signoff, "date"), year.plan, signoff, name,
                                       block.date, due, clause))
        elif block and year.plan.exception_for(signoff):
            found.append(_needless(year.plan_doc, year.plan, signoff, name))
    return found


def _late_finding(archive, doc, key, document, signoff: str, name: str, done: date, due: date, why: str) -> Finding:
    excuse = document.exception_for(signoff)
    text = f"“{name}”在 {done} 完成，时限是 {due}（{why}），晚了 {(done - due).days} 天。"
    approved = excuse.approved if excuse else None
    person = archive.roster.get(approved.by) if approved and archive.roster else None
    if person and person.holds("gm", approved.date):
        return at(doc, key, "GJ-D002", text + f"已有项目总经理签字的逾期说明：{excuse.reason}", "", Severity.WARNING)
    sign = f"guanjia approve {doc.shown} --as gm --late {signoff}"
    hint = (f"如确有原因，由项目总经理本人签一条逾期说明：{sign} --reason \"原因\" --commit。" if excuse is None
            else f"逾期说明还要项目总经理本人签字才有效：{sign} --commit。" if approved is None
            else "逾期说明必须由项目总经理签字才有效。")
    return at(doc, key, "GJ-D001", text, hint)


def _needless(doc, document, signoff: str, name: str) -> Finding:
    i = next(i for i, e in enumerate(document.late) if e.step == signoff)
    return at(doc, ("late", i), "GJ-D006", f"“{name}”并没有逾期，这条逾期说明是多余的。", "删掉这条 late 说明。",
              Severity.WARNING)


@dataclass
class Due:
    """One step that is overdue or due soon, for a person to act on."""

    year: int
    activity: str  # slug
    theme: str
    step: str
    due: date
    days_left: int  # negative: overdue by that many days
    who: str  # role names
    people: str  # names of who holds those roles today
    clause: str

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def agenda(archive: Archive, today: date, within: int) -> list[Due]:
    """Steps not yet done whose limit has passed or falls within ``within`` days of ``today``."""
    out = []
    first = min(archive.years, default=today.year)
    for number in sorted({*archive.years, *range(first, today.year + 1)}):
        year = archive.years.get(number)
        for signoff, name, roles, clause, field in PLAN_STEPS:
            due = plan_due(number, archive.settings.policy, field)
            if (year is None or year.plan is None or getattr(year.plan, signoff) is None) and (
                    due - today).days <= within:
                out.append(_due(archive, today, number, "plan", f"{number} 年度客户活动计划", name, due, roles, clause))
    lines = all_timelines(archive, today)
    for number in sorted(archive.years):
        for name, start, end in halves(number):
            if start <= today and (end - today).days <= within and not welfare_held(lines, start, end):
                out.append(_due(archive, today, number, "welfare", f"{number} 年{name}公益性活动", "至少举办一次公益活动",
                                end, ("manager",), "每半年至少开展一次公益性活动"))
    for t in lines:
        state = t.next_step(today)
        if state is None or state.due is None or (state.due - today).days > within:
            continue
        out.append(_due(archive, today, t.year, t.slug, t.theme, state.step.name, state.due, state.step.roles,
                        state.step.clause + ("（按计划月份首日估算）" if t.estimated else ""), state.step.team))
    return sorted(out, key=lambda d: (d.due, d.activity))


def _due(archive: Archive, today: date, year: int, slug: str, theme: str, step: str, due: date,
         roles: tuple[str, ...], clause: str, team: str = "") -> Due:
    return Due(year, slug, theme, step, due, (due - today).days, team or "/".join(ROLES[r] for r in roles),
               "" if team else holders(archive, roles, today), clause)


def holders(archive: Archive, roles: tuple[str, ...], day: date) -> str:
    """Names of the roster people who hold one of ``roles`` on ``day``."""
    people = archive.roster.people if archive.roster else []
    return "、".join(p.name for p in people if any(p.holds(r, day) for r in roles))
