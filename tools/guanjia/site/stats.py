"""Statistics as static SVG drawn at build time: readable on a phone, no JavaScript, no CDN."""

from __future__ import annotations

import math

from ..procedure import Stage
from ..rules.year import WELFARE, halves, welfare_held
from .context import Site
from .html import e, money, nw, page, plain, table, tag
from .overview import actual_cost, budget_summary, planned_budget

COLORS = {"held": "#00897b", "upcoming": "#90caf9", "cancelled": "#bdbdbd", "planned": "#90caf9", "actual": "#00897b",
          "people": "#00897b", "rate": "#ef6c00"}


def nice_step(peak: float, whole: bool) -> float:
    """A tick step of 1, 2 or 5 × 10^k giving about four ticks; whole numbers for counts."""
    raw = max(peak, 1e-9) / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return max(step, 1.0) if whole else step


def bar_chart(title: str, labels: list[str], series: list[tuple[str, str, list[float]]], unit: str = "",
              stacked: bool = False, whole: bool = True, top_value: float | None = None) -> str:
    """Grouped (or stacked) vertical bars with a legend; every label is escaped single-line text.

    Drawn on a 640-unit canvas with 18-unit text, so it stays legible when a phone shrinks it.
    """
    width, left, bottom, top = 640, 60, 130, 44
    height = 420
    plot_w, plot_h = width - left - 10, height - top - bottom
    totals = [sum(s[2][i] for s in series) for i in range(len(labels))] if stacked else \
        [max((s[2][i] for s in series), default=0) for i in range(len(labels))]
    step = nice_step(top_value or max(totals, default=0) or 1, whole)
    peak = top_value or step * math.ceil((max(totals, default=0) or 1) / step)
    slot = plot_w / max(len(labels), 1)
    parts = [f'<svg class="gj-chart" viewBox="0 0 {width} {height}" role="img" aria-label="{plain(title)}" '
             f'xmlns="http://www.w3.org/2000/svg" font-size="18"><title>{plain(title)}</title>']
    tick = 0.0
    while tick <= peak + 1e-9:
        y = top + plot_h - plot_h * tick / peak
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#e0e0e0"/>'
                     f'<text x="{left - 6}" y="{y + 6:.1f}" text-anchor="end" fill="#616161">{plain(_num(tick))}</text>')
        tick += step
    inner = slot * 0.7 / (1 if stacked else max(len(series), 1))
    for i, label in enumerate(labels):
        x0, base = left + slot * i + slot * 0.15, top + plot_h
        for j, (name, color, values) in enumerate(series):
            h = plot_h * values[i] / peak
            x, y = (x0 if stacked else x0 + inner * j), base - h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{inner:.1f}" height="{h:.1f}" fill="{color}">'
                         f'<title>{plain(label)} {plain(name)}：{plain(_num(values[i]))}{plain(unit)}</title></rect>')
            if stacked:
                base = y
        cx, cy = left + slot * i + slot / 2, top + plot_h + 14
        short = " ".join(str(label).split())
        short = short if len(short) <= 6 else short[:5] + "…"
        parts.append(f'<text x="{cx:.1f}" y="{cy}" text-anchor="end" transform="rotate(-50 {cx:.1f} {cy})" '
                     f'fill="#424242">{plain(short)}</text>')
    x = left
    for name, color, _ in series:
        parts.append(f'<rect x="{x}" y="10" width="16" height="16" fill="{color}"/>'
                     f'<text x="{x + 22}" y="25" fill="#424242">{plain(name)}</text>')
        x += 40 + 18 * len(name)
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
        budgeted = [t for t in mine if not t.cancelled and planned_budget(t) is not None]
        parts.append(tag("h3", "预算执行") + bar_chart(
            f"{year} 年各活动预算与实际费用", [t.theme for t in budgeted],
            [("预算", COLORS["planned"], [float(planned_budget(t)) for t in budgeted]),
             ("实际费用（已结算）", COLORS["actual"], [float(actual_cost(t) or 0) for t in budgeted])], " 元",
            whole=False))
        parts.append(table(["项目", "金额"], [[e(name), nw(money(value))] for name, value in budget_summary(site, year)]))
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
