"""One activity's archive page: B54, the approval trail, notice, readiness, B55 with its media, B56."""

from __future__ import annotations

import posixpath

from ..models.proposal import goal_key
from ..models.readiness import POINTS
from ..models.record import KIND_ZH
from ..procedure import STAGE_ZH, Stage, Timeline
from .context import PUBLISHED_FILES, PUBLISHED_MEDIA, TEXT_FILES, Site
from .html import attr, day, dl, e, link, money, nw, nw_parts, page, plain, short, table, tag, url

SEARCH_BOOST = {"boost": 5}  # search lists an activity's own page above pages that merely mention its words
STATUS_CLASS = {"按时": "gj-ok", "逾期": "gj-late", "逾期（已说明）": "gj-excused", "未完成": "gj-open", "作废": "gj-void"}


def activity_page(site: Site, t: Timeline) -> str:
    src = site.activity_src(t)
    a = t.activity
    parts = [_header(site, t, src), _changes(site, t), _trail(site, t)]
    if a and a.proposal:
        parts.append(_proposal(site, t))
    if a and a.notice:
        parts.append(_notice(site, t))
    if a and a.readiness:
        parts.append(_readiness(site, t))
    if a and a.record:
        parts.append(_record(site, t, src))
    if a and a.evaluation:
        parts.append(_evaluation(site, t))
    return page(t.theme, "\n".join(p for p in parts if p), search=SEARCH_BOOST)


def stage_badge(t: Timeline) -> str:
    cls = "gj-cancelled" if t.stage is Stage.CANCELLED else "gj-done" if t.stage is Stage.ARCHIVED else "gj-stage"
    return tag("span", e(STAGE_ZH[t.stage]), f"gj-badge {cls}")


def _header(site: Site, t: Timeline, src: str) -> str:
    p = t.activity.proposal if t.activity else None
    when = f"{t.date.year}年{t.date.month}月（日期未定）" if t.estimated else day(t.date)
    if p:
        when += f" {p.when.start:%H:%M}—{p.when.end:%H:%M}"
    links = [link(site.href(src, site.plan_src(t.year)), f"{t.year} 年度计划"),
             link(site.href(src, site.month_src(t.date.year, t.date.month)), f"{t.date.month} 月日历")]
    if p:
        for code, kind in (("B54", "proposal"), ("B55", "record"), ("B56", "evaluation")):
            if getattr(t.activity, kind):
                links.append(link(site.href(src, f"print/{t.activity.id}-{code.lower()}.md"), f"打印 {code}"))
        if t.state("proposal_approved").done:
            links.append(link(site.href(src, f"print/{t.activity.id}-notice.md"), "打印业主通知"))
    return (tag("h1", e(t.theme)) + "<p>" + stage_badge(t) + " " + tag("span", e(t.category), "gj-badge gj-cat") + "</p>"
            + dl([("时间", e(when)), ("地点", e(p.place) if p else "（策划表尚未填写）")])
            + tag("p", " · ".join(links), "gj-links"))


def _changes(site: Site, t: Timeline) -> str:
    if not t.changes:
        return ""
    rows = []
    for c in t.changes:
        what = "取消" if c.action == "cancelled" else f"改期到 {day(c.new_date)}" + (
            "（原批准继续有效）" if c.approval_carries_over else "（需重新复核、批准）")
        rows.append([nw_parts(day(c.decided.date)), e(what), e(c.reason), e(site.person(c.decided.by))])
    return tag("h2", "改期与取消") + table(["决定日期", "决定", "原因", "决定人"], rows)


def step_status(state) -> str:
    if state.void:
        return "作废"
    if state.done is None:
        return "未完成"
    if not state.late_days:
        return "按时"
    return "逾期"


def _trail(site: Site, t: Timeline) -> str:
    rows = []
    for state in t.steps:
        if t.cancelled and state.done is None:
            continue
        document = getattr(t.activity, state.step.doc, None) if t.activity else None
        status = step_status(state)
        if status == "逾期" and document is not None and document.exception_for(state.step.signoff):
            status = "逾期（已说明）"
        text = status + (f" {state.late_days} 天" if state.late_days else "") + ("（需重新签）" if state.void else "")
        block = getattr(document, state.step.signoff, None) if document is not None and state.done else None
        if block is not None and block.paper is not None:
            text += "（纸质签字）"  # brought in from before the estate adopted guanjia
        who = state.step.team or "、".join(site.role(r) for r in state.step.roles)
        rows.append([e(state.step.name), tag("span", e(text), STATUS_CLASS[status]), nw(short(state.done)),
                     nw(short(state.due) if state.due else "（日历未覆盖）"), e(who) + "<br>" + e(site.person(state.by))])
    note = tag("p", "活动已取消，以下是取消前已完成的步骤。", "gj-note") if t.cancelled else ""
    # how each step went comes right after it, so a phone shows it without scrolling the table sideways
    return tag("h2", "办理过程与审批") + note + (table(["步骤", "情况", "完成", "时限", "岗位与经办人"], rows) if rows else "")


def _proposal(site: Site, t: Timeline) -> str:
    p = t.activity.proposal
    code = site.settings.form_codes.proposal
    schedule = table(["完成日期", "工作内容", "责任部门"],
                     [[nw_parts(day(m.date)), e(m.task), e(m.department)] for m in p.schedule])
    divisions = table(["责任部门", "任务"], [[e(d.department), e("、".join(d.tasks))] for d in p.divisions])
    src = site.activity_src(t)
    files = [(link(h, e(posixpath.basename(x.file))) if (h := file_href(site, src, t, x.file)) else e(x.file))
             if x.file else "" for x in p.external_proposals]
    external = table(["外部相关方", "方案", "文件"], [[e(x.party), e(x.title), f] for x, f in
                                                   zip(p.external_proposals, files, strict=True)]) \
        if p.external_proposals else tag("p", "无外部相关方提交的方案。")
    emergency = table(["可能情况", "应对措施", "负责"], [[e(c.risk), e(c.response), e(c.owner)] for c in p.emergency_plan])
    method = table(["目标", "衡量方法"], [[e(c.goal), e(c.measure)] for c in p.evaluation_method])
    budget = table(["项目", "数量", "单价", "金额"],
                   [[e(b.item), e(f"{b.quantity}{b.unit or ''}" if b.quantity is not None else ""),
                     e(money(b.unit_price) if b.unit_price is not None else ""), e(money(b.amount))] for b in p.budget.items]
                   + [["<strong>合计</strong>", "", "", f"<strong>{e(money(p.budget.total))}</strong>"]])
    elements = [("1 主题", e(p.theme)), ("2 形式", e(p.form)),
                ("3 具体时间", e(f"{day(p.when.date)} {p.when.start:%H:%M}—{p.when.end:%H:%M}")),
                ("4 具体地点", e(p.place)), ("5 主要内容", e(p.content))]
    if p.unplanned:
        elements.insert(0, ("计划外活动", e(p.unplanned.reason)))
    return (tag("h2", f"客户活动策划表 <small>{e(code)}</small>") + dl(elements)
            + tag("h3", "6 工作进度") + schedule + tag("h3", "7 责任部门的任务分工") + divisions
            + tag("h3", "8 外部相关方提交的策划方案") + external + tag("h3", "9 现场紧急预案") + emergency
            + tag("h3", "10 评估方式") + method + tag("h3", "11 预算费用明细") + budget)


def _notice(site: Site, t: Timeline) -> str:
    n = t.activity.notice
    return (tag("h2", "业主通知") + dl([("发出日期", e(day(n.sent))), ("渠道", e("、".join(n.channels))),
                                       ("标题", e(n.title))]) + tag("blockquote", e(n.text), "gj-notice"))


def _readiness(site: Site, t: Timeline) -> str:
    r = t.activity.readiness
    rows = [[e(text), tag("span", "已落实" if getattr(r, key).ok else "未落实",
                          "gj-ok" if getattr(r, key).ok else "gj-late"), e(getattr(r, key).note or "")]
            for key, text in POINTS.items()]
    by = f"检查人：{site.person(r.prepared.by)}，{day(r.prepared.date)}" if r.prepared else ""
    return tag("h2", "活动前准备情况检查（§4.6）") + table(["检查项", "结果", "说明"], rows) + tag("p", e(by))


def _record(site: Site, t: Timeline, src: str) -> str:
    r = t.activity.record
    code = site.settings.form_codes.record
    s = r.survey
    rate = f"{s.satisfied / s.returned:.1%}" if s.returned else "—"
    facts = dl([("实际时间", e(f"{day(r.held.date)} {r.held.start:%H:%M}—{r.held.end:%H:%M}")), ("实际地点", e(r.place)),
                ("参加", e(f"{r.attendance.households} 户，{r.attendance.people} 人；工作人员 {r.attendance.staff} 人")),
                ("宾客意见调查", e(f"发放 {s.distributed} 份，回收 {s.returned} 份，满意 {s.satisfied} 份（满意率 {rate}）"))])
    incidents = table(["时间", "情况", "处理"], [[e(f"{i.time:%H:%M}"), e(i.description), e(i.handling)]
                                              for i in r.incidents]) if r.incidents else tag("p", "无突发情况。")
    opinions = tag("ul", "".join(tag("li", e(o)) for o in s.opinions)) if s.opinions else ""
    return (tag("h2", f"客户活动记录表 <small>{e(code)}</small>") + facts + tag("h3", "活动经过") + tag("p", e(r.summary))
            + tag("h3", "突发情况") + incidents + (tag("h3", "宾客主要意见") + opinions if opinions else "")
            + _media(site, t, src))


def attachment_src(t: Timeline, path: str) -> str:
    return f"activities/{t.activity.id}/{posixpath.normpath(path)}"


def text_page_src(t: Timeline, path: str) -> str:
    """Text attachments are shown as pages (UTF-8, escaped), not served as raw files."""
    return attachment_src(t, path) + ".md"


def file_href(site: Site, src: str, t: Timeline, path: str) -> str | None:
    """Where a published attached file is, or None when its format is not published."""
    ext = posixpath.splitext(path)[1].lower()
    if ext in TEXT_FILES:
        return site.href(src, text_page_src(t, path))
    if ext in PUBLISHED_FILES:
        return site.href(src, attachment_src(t, path))
    return None


def _media(site: Site, t: Timeline, src: str) -> str:
    photos, others = [], []
    for a in t.activity.record.attachments:
        caption = e(a.caption or posixpath.basename(a.path or a.url))
        if a.url:
            others.append(tag("li", f"{e(KIND_ZH[a.kind])}：" + tag("a", caption, href=a.url, rel="noopener")
                              + "（外部文件）"))
            continue
        href = file_href(site, src, t, a.path)
        if href is None:
            others.append(tag("li", f"{e(KIND_ZH[a.kind])}：{caption}（此格式不在网站上发布，原件见档案）"))
        elif a.kind == "photo" and posixpath.splitext(a.path)[1].lower() in PUBLISHED_MEDIA:
            photos.append(_photo(site, t, src, a, href, caption))
        else:
            others.append(tag("li", f"{e(KIND_ZH[a.kind])}：" + link(href, caption)))
    out = tag("h3", "照片") + tag("div", "".join(photos), "gj-gallery") if photos else ""
    return out + (tag("h3", "其他附件") + tag("ul", "".join(others)) if others else "")


def _photo(site: Site, t: Timeline, src: str, a, href: str, caption: str) -> str:
    """A photo in the gallery: its thumbnail when the original is large, linking the original."""
    thumb = site.thumbnails.get(attachment_src(t, a.path))
    shown = site.href(src, thumb[0]) if thumb else href
    size = tag("span", f"（原图 {thumb[1] / 1_000_000:.1f} MB）", "gj-nw") if thumb else ""
    return tag("figure", f'<a href="{attr(url(href))}" title="查看原图"><img src="{attr(url(shown))}" '
                         f'alt="{plain(a.caption or posixpath.basename(a.path))}" loading="lazy"></a>'
               + tag("figcaption", caption + size))


def text_page(site: Site, t: Timeline, path: str, text: str) -> str:
    back = link(site.href(text_page_src(t, path), site.activity_src(t)), f"← {e(t.theme)}")
    return page(f"{t.theme} · {posixpath.basename(path)}", tag("p", back, "gj-links")
                + tag("h1", e(posixpath.basename(path))) + tag("div", e(text), "gj-text"))


def _evaluation(site: Site, t: Timeline) -> str:
    v, p = t.activity.evaluation, t.activity.proposal
    code = site.settings.form_codes.evaluation
    measures = {goal_key(c.goal): c.measure for c in p.evaluation_method} if p else {}
    goals = table(["目标", "衡量方法", "实际结果", "结论"],
                  [[e(g.goal), e(measures.get(goal_key(g.goal), "")), e(g.result),
                    tag("span", e(g.verdict), "gj-ok" if g.verdict == "达成" else "gj-late")] for g in v.goals])
    budget = p.budget.total if p else None
    diff = v.actual_cost.total - budget if budget is not None else None
    cost = table(["项目", "金额"], [[e(c.item), e(money(c.amount))] for c in v.actual_cost.items]
                 + [["<strong>实际合计</strong>", f"<strong>{e(money(v.actual_cost.total))}</strong>"],
                    ["预算合计", e(money(budget))],
                    ["差额", e(("超支 " if diff and diff > 0 else "节余 ") + money(abs(diff)) if diff is not None else "—")]])
    improvements = tag("ul", "".join(tag("li", e(i)) for i in v.improvements)) if v.improvements else ""
    return (tag("h2", f"客户活动评估表 <small>{e(code)}</small>") + tag("h3", "目标达成情况") + goals
            + tag("h3", "实际费用") + cost + tag("h3", "总体评价") + tag("p", e(v.conclusion))
            + (tag("h3", "改进建议") + improvements if improvements else ""))
