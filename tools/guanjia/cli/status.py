"""``guanjia status``: every activity's stage, next step, who, due date and days left; the year plans too."""

from __future__ import annotations

import click

from .options import format_option, today_option


@click.command()
@click.option("--year", type=int, default=None, help="只看这一年（默认：今天所在的年份）。")
@today_option
@format_option("text", "json")
@click.pass_context
def status(ctx: click.Context, year: int | None, today, fmt: str) -> None:
    """各活动的阶段、下一步、负责人、期限和剩余天数，以及年度计划。
    按工作日计算而日历缺某一年的放假安排、有期限算不出来时，以退出码 2 结束。

    \b
    例子：
      guanjia status
      guanjia status --year 2026 --today 2026-06-01
      guanjia status --format json
    """
    from ..models.common import ROLES
    from ..procedure import PLAN_STAGE_ZH, STAGE_ZH
    from ..rules.deadlines import all_timelines, gaps, holders, plans
    from ..tables import days_text, dump_json, table
    from .options import dated, load_archive, resolve_today, usable, warn_gaps

    archive = load_archive(ctx)
    usable(archive)
    today = resolve_today(archive, today)
    chosen = year
    year = year or today.year
    soon = archive.settings.policy.due_soon_days

    def row(when: str, theme: str, stage: str, state, due, estimated: bool = False) -> tuple[dict, list[str]]:
        left = (due - today).days if due else None
        team = getattr(state.step, "team", "") if state else ""
        who = (team or "/".join(ROLES[r] for r in state.step.roles)) if state else ""
        people = holders(archive, state.step.roles, today) if state and not team else ""
        shown_due = (f"{due:%m-%d}" if due.year == year else f"{due}") if due else ("日历未覆盖" if state else "—")
        return ({"next_step": state.step.name if state else None, "who": who or None, "people": people or None,
                 "due": due.isoformat() if due else None, "days_left": left},
                [when + ("（估）" if estimated else ""), theme, stage, state.step.name if state else "—",
                 f"{who} {people}".strip() or "—", shown_due, days_text(left) if left is not None else "—"])

    rows, plan_items, items, unknown = [], [], [], []
    for number, states in plans(archive, today, year + 1).items():
        state = next((s for s in states if s.done is None), None)
        # the year's own plan; without --year also an earlier plan still open, and next year's once it exists
        # or is due soon
        written = number in archive.years and archive.years[number].plan_doc is not None
        if number != year and (chosen or number > year + 1 or (state is None and number < year)
                               or (number == year + 1 and not written and (state.due - today).days > soon)):
            continue
        stage = PLAN_STAGE_ZH[states.index(state) if state else len(states)]
        fields, cells = row("—", f"{number} 年度客户活动计划", stage, state, state.due if state else None)
        plan_items.append({"year": number, "stage_name": stage, **fields})
        rows.append(cells)
    for t in all_timelines(archive, today):
        state = t.next_step(today)
        # without --year: this year; earlier years' activities that still have a step open; next year's once
        # its folder exists or its next step is due soon (planning next year in December)
        upcoming = t.year == year + 1 and (t.activity is not None or (
            state is not None and state.due is not None and (state.due - today).days <= soon))
        if t.year != year and (chosen or (t.year > year and not upcoming) or (t.year < year and state is None)):
            continue
        if state and state.due is None:
            unknown.append((t, state))
        stage = STAGE_ZH[t.stage] + (f"（改期至 {t.date:%m-%d}）" if t.postponements and not t.cancelled else "")
        fields, cells = row(f"{t.date:%m-%d}" if t.year == year else f"{t.date:%Y-%m-%d}", t.theme, stage, state,
                            state.due if state else None, t.estimated)
        items.append({"year": t.year, "activity": t.slug, "theme": t.theme, "date": t.date.isoformat(),
                      "date_estimated": t.estimated, "category": t.category, "stage": t.stage.name.lower(),
                      "stage_name": STAGE_ZH[t.stage], "postponed": bool(t.postponements), **fields})
        rows.append(cells)
    missing = gaps(unknown)
    if fmt == "json":
        dump_json({"today": today.isoformat(), "year": year, "plans": plan_items, "activities": items,
                   "calendar_gaps": [g.as_dict() for g in missing]})
    else:
        if rows:
            styles = ["red" if i["days_left"] is not None and i["days_left"] < 0 else "" for i in plan_items + items]
            table(f"{archive.settings.project} {year} 年客户活动 · 今天 {dated(archive, today)}",
                  ["日期", "活动", "阶段", "下一步", "负责", "期限", "剩余"], rows, styles=styles, keep=(0, 5, 6))
        if not items:
            click.echo(f"{year} 年没有活动（records/{year}/plan.yaml 不存在或为空）。")
    warn_gaps(missing, fmt)
    ctx.exit(2 if missing else 0)
