"""Deadline rules. ``late``: steps done after their limit (data only, for ``validate``).
``agenda``: steps overdue or due soon on a given day (for ``deadlines``, ``status`` and the site).

"By day X" includes day X: a step done on its limit day is on time (the source's "前").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..archive import Archive, Year
from ..clock import Days, how_to_cover, uncovered
from ..findings import Finding, Severity
from ..models.common import ROLES
from ..procedure import StepState, Timeline, plan_timeline, timelines
from .links import at
from .year import halves, welfare_held


def all_timelines(archive: Archive, today: date | None = None) -> list[Timeline]:
    days = Days.of(archive.settings)
    return [t for y in sorted(archive.years) for t in timelines(archive.years[y], archive.settings.policy, days, today)]


def plans(archive: Archive, today: date, last: int) -> dict[int, list[StepState]]:
    """The plan steps, as of ``today``, of every year from the archive's first (or today's) up to ``last``
    and of any later year the archive already has: written or not."""
    first = min(archive.years, default=today.year)
    return {n: plan_timeline(n, archive.years[n].plan if n in archive.years else None, archive.settings.policy, today)
            for n in sorted({*archive.years, *range(first, last + 1)})}


def late(archive: Archive, timelines: list[Timeline]) -> list[Finding]:
    """Every step done after its deadline: an error, or a warning when the GM signed an exception."""
    found = []
    for number in sorted(archive.years):
        found += _late_plan(archive, archive.years[number])
    for t in timelines:
        if t.gaps and not t.cancelled:
            found.append(_gap(archive, t))
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
    for state in plan_timeline(year.year, year.plan, archive.settings.policy):
        signoff, name = state.step.signoff, state.step.name
        if state.late_days:
            found.append(_late_finding(archive, year.plan_doc, (signoff, "date"), year.plan, signoff, name,
                                       state.done, state.due, state.step.clause))
        elif state.done and year.plan.exception_for(signoff):
            found.append(_needless(year.plan_doc, year.plan, signoff, name))
    return found


def _gap(archive: Archive, t: Timeline) -> Finding:
    """GJ-D040: limits of this activity the working-day calendar cannot count, on its folder or plan item."""
    text, hint = f"“{t.theme}”的部分时限无法按工作日计算：{uncovered(*t.gaps)}", how_to_cover(*t.gaps)
    plan = archive.years[t.year]
    if t.activity is None and t.item is not None and plan.plan_doc is not None:
        return at(plan.plan_doc, ("items", plan.plan.items.index(t.item)), "GJ-D040", text, hint, Severity.WARNING)
    return Finding(t.activity.shown if t.activity else f"records/{t.year}", 0, 0, "GJ-D040", text, hint,
                   Severity.WARNING)


def _late_finding(archive, doc, key, document, signoff: str, name: str, done: date, due: date, why: str) -> Finding:
    excuse = document.exception_for(signoff)
    text = f"“{name}”在 {done} 完成，时限是 {due}（{why}），晚了 {(done - due).days} 天。"
    block = getattr(document, signoff, None)
    if block is not None and block.paper is not None:  # history brought in from paper: recorded, not judged anew
        return at(doc, key, "GJ-D007", text + "这是开始使用 guanjia 之前的纸质档案，只作记录。", "", Severity.WARNING)
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


@dataclass(frozen=True)
class Gap:
    """A year the working-day calendar lacks, and the activities whose next limit it leaves unknown:
    nobody can say whether those steps are due."""

    year: int
    themes: tuple[str, ...]

    @property
    def message(self) -> str:
        shown = "、".join(self.themes[:5]) + ("等" if len(self.themes) > 5 else "")
        return f"{len(self.themes)} 项活动的下一步期限无法计算（{shown}）：{uncovered(self.year)}{how_to_cover(self.year)}"

    def as_dict(self) -> dict:
        return {"year": self.year, "activities": list(self.themes), "message": self.message}


def gaps(unknown: Iterable[tuple[Timeline, StepState]]) -> list[Gap]:
    """The calendar gaps behind these (activity, next step) pairs whose limit is unknown, by year."""
    years: dict[int, list[str]] = {}
    for t, state in unknown:
        years.setdefault(state.gap, []).append(t.theme)
    return [Gap(year, tuple(themes)) for year, themes in sorted(years.items())]


@dataclass
class Agenda:
    items: list[Due] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)  # steps that may be due, but their limit cannot be counted


def agenda(archive: Archive, today: date, within: int) -> Agenda:
    """Steps not yet done whose limit has passed or falls within ``within`` days of ``today``.

    Next year's plan is among them as soon as its limits come within reach (in December).
    """
    out = _plan_agenda(archive, today, within)
    lines = all_timelines(archive, today)
    for number in sorted(archive.years):
        for name, start, end in halves(number):
            if start <= today and (end - today).days <= within and not welfare_held(lines, start, end):
                out.append(_due(archive, today, number, "welfare", f"{number} 年{name}公益性活动", "至少举办一次公益活动",
                                end, ("manager",), "每半年至少开展一次公益性活动"))
    unknown = []
    for t in lines:
        state = t.next_step(today)
        if state is not None and state.due is None:
            unknown.append((t, state))
        if state is None or state.due is None or (state.due - today).days > within:
            continue
        out.append(_due(archive, today, t.year, t.slug, t.theme, state.step.name, state.due, state.step.roles,
                        state.step.clause + ("（按计划月份首日估算）" if t.estimated else ""), state.step.team))
    return Agenda(sorted(out, key=lambda d: (d.due, d.activity)), gaps(unknown))


def _plan_agenda(archive: Archive, today: date, within: int) -> list[Due]:
    """The year plans' steps not done by ``today`` whose limit has passed or falls within ``within`` days."""
    out = []
    for number, states in plans(archive, today, (today + timedelta(days=within)).year).items():
        for state in states:
            if state.done is None and (state.due - today).days <= within:
                out.append(_due(archive, today, number, "plan", f"{number} 年度客户活动计划", state.step.name,
                                state.due, state.step.roles, state.step.clause))
    return out


def _due(archive: Archive, today: date, year: int, slug: str, theme: str, step: str, due: date,
         roles: tuple[str, ...], clause: str, team: str = "") -> Due:
    return Due(year, slug, theme, step, due, (due - today).days, team or "/".join(ROLES[r] for r in roles),
               "" if team else holders(archive, roles, today), clause)


def holders(archive: Archive, roles: tuple[str, ...], day: date) -> str:
    """Names of the roster people who hold one of ``roles`` on ``day``."""
    people = archive.roster.people if archive.roster else []
    return "、".join(p.name for p in people if any(p.holds(r, day) for r in roles))
