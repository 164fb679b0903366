"""The home page (what is happening, what is due, what was done) and the year plan pages."""

from __future__ import annotations

from decimal import Decimal

from ..clock import zone_name
from ..procedure import STAGE_ZH, Stage, Timeline
from ..rules.deadlines import agenda
from ..rules.year import WELFARE, halves, welfare_held
from ..tables import days_text
from .activity import stage_badge
from .context import Site
from .html import day, e, link, money, nw, nw_parts, page, table, tag


def _activity_link(site: Site, src: str, t: Timeline) -> str:
    return link(site.href(src, site.activity_src(t)), e(t.theme))


def home(site: Site) -> str:
    src, today = "index.md", site.today
    live = [t for t in site.timelines if t.stage is not Stage.CANCELLED]
    upcoming = sorted((t for t in live if t.date >= today), key=lambda t: t.date)[:6]
    done = sorted((t for t in live if t.date < today and t.stage >= Stage.HELD), key=lambda t: t.date, reverse=True)[:5]
    found = agenda(site.archive, today, site.settings.policy.due_soon_days)
    rows = [[nw(str(d.due)), days_left(d.due, d.days_left), _theme_for(site, src, d), e(d.step),
             e(f"{d.who} {d.people}".strip())] for d in found.items]  # how long is left shows on a phone too
    gaps = "".join(tag("p", e("注意：" + gap.message), "gj-late") for gap in found.gaps)
    parts = [
        tag("h1", e(f"{site.settings.project} · 客户活动")),
        as_of(site, f"{site.settings.company}物业服务中心管家部。", counts=bool(rows)),
        tag("h2", "近期活动"),
        table(["日期", "活动", "阶段"], [[nw_parts(when(t)), _activity_link(site, src, t), stage_badge(t)] for t in upcoming])
        if upcoming else tag("p", "近期没有安排活动。"),
        tag("h2", "待办与逾期"),
        gaps + (table(["期限", "剩余", "活动", "步骤", "负责"], rows) if rows else
                tag("p", f"{site.settings.policy.due_soon_days} 天内没有到期的步骤，也没有逾期。")),
        tag("h2", "最近举办"),
        table(["日期", "活动", "阶段"], [[nw_parts(when(t)), _activity_link(site, src, t), stage_badge(t)] for t in done])
        if done else tag("p", "还没有举办过的活动。"),
        tag("p", " · ".join([link(site.href(src, site.plan_src(y)), f"{y} 年度计划") for y in sorted(site.archive.years)]
                           + ([link(site.href(src, site.month_src(today.year, today.month)), "本月日历")]
                              if today.year in site.archive.years else [])
                           + [
                              link(site.href(src, "stats.md"), "统计"),
                              link(site.href(src, "calendar/index.md"), "订阅日历")]), "gj-links"),
    ]
    return page(f"{site.settings.project} · 客户活动", "\n".join(parts))


def as_of(site: Site, more: str = "", counts: bool = False) -> str:
    """The day the data is from. Where a page counts days, the browser's script recounts them on the day the
    page is read (in the estate's time zone) and says so here; without scripts the page counts from this day."""
    today = site.today
    return tag("p", e(f"数据截至 {today.year}年{today.month}月{today.day}日（{zone_name(site.settings.timezone)}）。")
               + (tag("span", "剩余天数按这一天计算。", "gj-recount") if counts else "") + e(more), "gj-asof",
               data_gj_today=today.isoformat(), data_gj_tz=site.settings.timezone)


def days_left(due, left: int) -> str:
    """“还有 N 天” as of the data's day; the page's script recounts it from ``data-gj-due`` on the reader's day."""
    return tag("span", e(days_text(left)), "gj-nw " + ("gj-late" if left < 0 else "gj-open"), data_gj_due=due.isoformat())


def _theme_for(site: Site, src: str, d) -> str:
    t = next((t for t in site.timelines if t.slug == d.activity and t.year == d.year), None)
    return _activity_link(site, src, t) if t else e(d.theme)


def actual_cost(t: Timeline) -> Decimal | None:
    """The settled cost: only once the GM has approved the evaluation (§4.7.9)."""
    a = t.activity
    return a.evaluation.actual_cost.total if a and a.evaluation and t.state("evaluation_approved").done else None


def planned_budget(t: Timeline) -> Decimal | None:
    if t.item:
        return t.item.budget
    p = t.activity.proposal if t.activity else None
    return p.budget.total if p else None


def budget_summary(site: Site, year: int) -> list[tuple[str, Decimal]]:
    """The same budget figures wherever they are shown (plan page and statistics)."""
    mine = [t for t in site.timelines if t.year == year]
    plan = site.archive.years[year].plan
    rows = [("年度计划预算合计", plan.total_budget if plan else Decimal(0))]
    cancelled = sum((t.item.budget for t in mine if t.cancelled and t.item), Decimal(0))
    if cancelled:
        rows.append(("其中已取消活动的预算", cancelled))
    unplanned = sum((planned_budget(t) or Decimal(0) for t in mine if not t.item and not t.cancelled), Decimal(0))
    if unplanned:
        rows.append(("计划外活动的预算", unplanned))
    settled = [t for t in mine if actual_cost(t) is not None]
    rows.append(("已结算活动的预算", sum((planned_budget(t) or Decimal(0) for t in settled), Decimal(0))))
    rows.append(("已结算活动的实际费用", sum((actual_cost(t) for t in settled), Decimal(0))))
    if site.settings.annual_budget is not None:
        rows.insert(0, ("年度活动经费", site.settings.annual_budget))
    return rows


def when(t: Timeline) -> str:
    return f"{t.date.year}年{t.date.month}月（日期未定）" if t.estimated else day(t.date)


def plan_page(site: Site, year: int) -> str:
    src = site.plan_src(year)
    mine = [t for t in site.timelines if t.year == year]
    plan = site.archive.years[year].plan
    rows = [[nw_parts(when(t)), _activity_link(site, src, t), e(t.category), stage_badge(t), nw(money(planned_budget(t))),
             nw(money(actual_cost(t)))] for t in mine]
    summary = "；".join(f"{name} {money(value)}" for name, value in budget_summary(site, year))
    welfare = []
    for name, start, end in halves(year):
        held = welfare_held(site.timelines, start, end)
        planned_any = any(t.category == WELFARE and start <= t.date <= end and not t.cancelled for t in mine)
        state = "已举办" if held else ("已安排，尚未举办" if planned_any else "没有安排")
        welfare.append(tag("li", e(f"{name}公益性活动：{state}"), "gj-ok" if held else "gj-open" if planned_any else "gj-late"))
    approved = plan.approved if plan else None
    status = f"项目总经理 {site.person(approved.by)} 于 {day(approved.date)} 批准" if approved else "尚未批准"
    return page(f"{year} 年度客户活动计划", "\n".join([
        tag("h1", e(f"{year} 年度客户活动计划")),
        tag("p", e(f"{status}。共 {len(mine)} 项活动。{summary}。")),
        table(["时间", "活动", "类别", "阶段", "计划预算", "实际费用"], rows),
        tag("h2", "每半年至少一次公益性活动"),
        tag("ul", "".join(welfare)),
        tag("p", "阶段说明：" + e("、".join(STAGE_ZH[s] for s in Stage)), "gj-note"),
    ]))


def plan_index(site: Site) -> str:
    src = "plan/index.md"
    items = "".join(tag("li", link(site.href(src, site.plan_src(y)), f"{y} 年度计划")) for y in sorted(site.archive.years))
    return page("年度计划", tag("h1", "年度计划") + tag("ul", items))
