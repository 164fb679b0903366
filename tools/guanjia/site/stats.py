"""Statistics as static SVG drawn at build time: readable on a phone, no JavaScript, no CDN."""

from __future__ import annotations

from decimal import Decimal

from ..procedure import Stage
from ..rules.year import WELFARE, halves, welfare_held
from .context import Site
from .html import e, money, page, table, tag
from .overview import actual_cost

COLORS = {"held": "#00897b", "upcoming": "#90caf9", "cancelled": "#bdbdbd", "planned": "#90caf9", "actual": "#00897b",
          "people": "#00897b", "rate": "#ef6c00"}


def bar_chart(title: str, labels: list[str], series: list[tuple[str, str, list[float]]], unit: str = "",
              stacked: bool = False) -> str:
    """Grouped (or stacked) vertical bars with a legend; every label is escaped text."""
    width, height, left, bottom, top = 720, 300, 48, 64, 36
    plot_w, plot_h = width - left - 12, height - top - bottom
    totals = [sum(s[2][i] for s in series) for i in range(len(labels))] if stacked else \
        [max((s[2][i] for s in series), default=0) for i in range(len(labels))]
    peak = max(totals, default=0) or 1
    slot = plot_w / max(len(labels), 1)
    parts = [f'<svg class="gj-chart" viewBox="0 0 {width} {height}" role="img" aria-label="{e(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{e(title)}</title>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 12}" y2="{top + plot_h}" stroke="#9e9e9e"/>']
    for step in range(5):
        value = peak * step / 4
        y = top + plot_h - plot_h * step / 4
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#757575">'
                     f'{e(_num(value))}</text><line x1="{left}" y1="{y:.1f}" x2="{width - 12}" y2="{y:.1f}" '
                     f'stroke="#eeeeee"/>')
    inner = slot * 0.7 / (1 if stacked else max(len(series), 1))
    for i, label in enumerate(labels):
        x0 = left + slot * i + slot * 0.15
        base = top + plot_h
        for j, (name, color, values) in enumerate(series):
            h = plot_h * values[i] / peak
            x = x0 if stacked else x0 + inner * j
            y = base - h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{inner:.1f}" height="{h:.1f}" fill="{color}">'
                         f'<title>{e(label)} {e(name)}：{e(_num(values[i]))}{e(unit)}</title></rect>')
            if stacked:
                base = y
        parts.append(f'<text x="{left + slot * i + slot / 2:.1f}" y="{top + plot_h + 16}" font-size="11" '
                     f'text-anchor="end" transform="rotate(-35 {left + slot * i + slot / 2:.1f} {top + plot_h + 16})" '
                     f'fill="#424242">{e(label[:10])}</text>')
    x = left
    for name, color, _ in series:
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{color}"/>'
                     f'<text x="{x + 16}" y="18" font-size="12" fill="#424242">{e(name)}</text>')
        x += 24 + 13 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def _num(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def stats_page(site: Site) -> str:
    years = sorted(site.archive.years)
    parts = [tag("h1", "统计")]
    for year in reversed(years):
        mine = [t for t in site.timelines if t.year == year]
        held = [t for t in mine if Stage.HELD <= t.stage < Stage.CANCELLED]
        parts.append(tag("h2", f"{year} 年"))
        counts = {kind: [0.0] * 12 for kind in ("held", "upcoming", "cancelled")}
        for t in mine:
            kind = "cancelled" if t.cancelled else "held" if t.stage >= Stage.HELD else "upcoming"
            counts[kind][t.date.month - 1] += 1
        parts.append(tag("h3", "每月活动数") + bar_chart(
            f"{year} 年每月活动数", [f"{m}月" for m in range(1, 13)],
            [("已举办", COLORS["held"], counts["held"]), ("未举办", COLORS["upcoming"], counts["upcoming"]),
             ("已取消", COLORS["cancelled"], counts["cancelled"])], " 项", stacked=True))
        budgeted = [t for t in mine if t.item and not t.cancelled]
        parts.append(tag("h3", "预算执行") + bar_chart(
            f"{year} 年各活动预算与实际费用", [t.theme for t in budgeted],
            [("计划预算", COLORS["planned"], [float(t.item.budget) for t in budgeted]),
             ("实际费用", COLORS["actual"], [float(actual_cost(t) or 0) for t in budgeted])], " 元"))
        planned = sum((t.item.budget for t in budgeted), Decimal(0))
        spent = sum((actual_cost(t) or Decimal(0) for t in budgeted), Decimal(0))
        settled = sum((t.item.budget for t in budgeted if actual_cost(t) is not None), Decimal(0))
        rows = [["计划预算合计", e(money(planned))], ["已结算活动的预算", e(money(settled))],
                ["已结算活动的实际费用", e(money(spent))]]
        if site.settings.annual_budget is not None:
            rows.insert(0, ["年度活动经费", e(money(site.settings.annual_budget))])
        parts.append(table(["项目", "金额"], rows))
        recorded = [t for t in held if t.activity and t.activity.record]
        if recorded:
            parts.append(tag("h3", "参加户数") + bar_chart(
                f"{year} 年各活动参加户数", [t.theme for t in recorded],
                [("参加户数", COLORS["people"], [float(t.activity.record.attendance.households) for t in recorded])], " 户"))
            rates = [100.0 * s.satisfied / s.returned if s.returned else 0.0
                     for s in (t.activity.record.survey for t in recorded)]
            parts.append(tag("h3", "满意率") + bar_chart(
                f"{year} 年各活动满意率", [t.theme for t in recorded], [("满意率", COLORS["rate"], rates)], "%"))
        rows = []
        for name, start, end in halves(year):
            ok = welfare_held(site.timelines, start, end)
            which = [t.theme for t in mine if t.category == WELFARE and start <= t.date <= end and not t.cancelled]
            rows.append([e(name), tag("span", "已举办" if ok else "尚未举办", "gj-ok" if ok else "gj-late"),
                         e("、".join(which) or "（没有安排）")])
        parts.append(tag("h3", "每半年至少一次公益性活动") + table(["半年", "情况", "安排的公益活动"], rows))
    return page("统计", "\n".join(parts))
