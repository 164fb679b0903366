"""Printable forms: B54, B55 and B56 laid out as the paper forms (A4), and the owners' notice poster."""

from __future__ import annotations

from ..procedure import Timeline
from .context import Site
from .html import day, e, money, page, tag


def _rows(pairs) -> str:
    return '<table class="gj-form-table">' + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in pairs) + "</table>"


def _head(site: Site, title: str, code: str) -> str:
    s = site.settings
    return (tag("div", tag("strong", e(f"{s.company} · {s.project}物业服务中心管家部")) + tag("span", e(f"编号：{code}")),
                "gj-form-head") + tag("h1", e(title), "gj-form-title"))


def _signs(site: Site, document, labels: dict[str, str], void: set[str] = frozenset()) -> str:
    cells = []
    for step, label in labels.items():
        signoff = getattr(document, step, None)
        who = f"{site.person(signoff.by)}　{day(signoff.date)}" if signoff and step not in void else \
            "________________　____年__月__日"
        if signoff and step not in void and signoff.paper is not None:
            who += f"（纸质签字，原件扫描件 {signoff.paper}）"
        cells.append(tag("div", e(f"{label}：{who}")))
    return tag("div", "".join(cells), "gj-sign")


def _sheet(title: str, body: str, cls: str = "gj-form") -> str:
    """A printable page. Search leaves it out: it repeats the activity page, which search finds and links it."""
    return page(title, tag("div", body, cls), search={"exclude": True})


def _list(items) -> str:
    return "<br>".join(e(i) for i in items)


def b54(site: Site, t: Timeline) -> str:
    p = t.activity.proposal
    budget = "<br>".join(e(f"{b.item}：{money(b.amount)}") for b in p.budget.items) + f"<br><strong>合计：{e(money(p.budget.total))}</strong>"
    moved = f"（原定{day(p.when.date)}，已改期）" if t.date != p.when.date else ""
    void = {s.step.signoff for s in t.steps if s.void and s.step.doc == "proposal"}
    rows = [("主题", e(p.theme)), ("形式", e(p.form)),
            ("具体时间", e(f"{day(t.date)} {p.when.start:%H:%M}—{p.when.end:%H:%M}{moved}")), ("具体地点", e(p.place)),
            ("主要内容", e(p.content)),
            ("工作进度", _list(f"{m.date.month}月{m.date.day}日 {m.task}（{m.department}）" for m in p.schedule)),
            ("责任部门的任务分工", _list(f"{d.department}：{'、'.join(d.tasks)}" for d in p.divisions)),
            ("外部相关方提交的策划方案", _list(f"{x.party}：{x.title}" for x in p.external_proposals) or "无"),
            ("现场紧急预案", _list(f"{c.risk}：{c.response}（{c.owner}）" for c in p.emergency_plan)),
            ("评估方式", _list(f"{c.goal}（{c.measure}）" for c in p.evaluation_method)),
            ("预算费用明细", budget)]
    body = (_head(site, "客户活动策划表", site.settings.form_codes.proposal) + _rows(rows)
            + _signs(site, p, {"prepared": "填写（管家部主任）", "reviewed": "复核（管家部经理）", "approved": "批准（项目总经理）"},
                     void))
    return _sheet(f"{p.theme} · 客户活动策划表", body)


def b55(site: Site, t: Timeline) -> str:
    r = t.activity.record
    s = r.survey
    rows = [("活动主题", e(t.theme)), ("实际时间", e(f"{day(r.held.date)} {r.held.start:%H:%M}—{r.held.end:%H:%M}")),
            ("实际地点", e(r.place)),
            ("参加情况", e(f"{r.attendance.households} 户，{r.attendance.people} 人；工作人员 {r.attendance.staff} 人")),
            ("活动经过", e(r.summary)),
            ("突发情况", _list(f"{i.time:%H:%M} {i.description}；处理：{i.handling}" for i in r.incidents) or "无"),
            ("宾客意见调查", e(f"发放 {s.distributed} 份，回收 {s.returned} 份，满意 {s.satisfied} 份") + "<br>" + _list(s.opinions)),
            ("附件", _list(f"{a.caption or a.path}（{a.path}）" for a in r.attachments) or "无")]
    body = (_head(site, "客户活动记录表", site.settings.form_codes.record) + _rows(rows)
            + _signs(site, r, {"prepared": "填写（管家）"}))
    return _sheet(f"{t.theme} · 客户活动记录表", body)


def b56(site: Site, t: Timeline) -> str:
    v, p = t.activity.evaluation, t.activity.proposal
    rows = [("活动主题", e(t.theme)), ("活动日期", e(day(t.date))),
            ("目标达成情况", _list(f"{g.goal}：{g.result}（{g.verdict}）" for g in v.goals)),
            ("实际费用", _list(f"{c.item}：{money(c.amount)}" for c in v.actual_cost.items)
             + "<br>" + e(f"合计 {money(v.actual_cost.total)}（预算 {money(p.budget.total)}）")),
            ("总体评价", e(v.conclusion)), ("改进建议", _list(v.improvements) or "无")]
    body = (_head(site, "客户活动评估表", site.settings.form_codes.evaluation) + _rows(rows)
            + _signs(site, v, {"prepared": "填写（管家）", "reviewed": "审核（管家部经理）", "approved": "批准（项目总经理）"}))
    return _sheet(f"{t.theme} · 客户活动评估表", body)


def poster(site: Site, t: Timeline) -> str:
    """The owners' notice for the notice board: from the notice if written, else from the approved proposal."""
    p, n = t.activity.proposal, t.activity.notice
    title = n.title if n else f"关于举办“{p.theme}”活动的通知"
    text = n.text if n else (f"尊敬的业主：\n物业服务中心定于{day(t.date)} {p.when.start:%H:%M}—{p.when.end:%H:%M}"
                             f"在{p.place}举办“{p.theme}”活动。\n{p.content}\n欢迎踊跃参加！")
    sent = n.sent if n else None
    body = (tag("h1", e(title)) + tag("div", e(text), "gj-poster-text")
            + tag("p", e(f"{site.settings.project}物业服务中心　{day(sent) if sent else ''}")))
    return _sheet(title, body, "gj-poster")

