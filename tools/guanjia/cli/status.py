"""``guanjia status``: every activity's stage, next step, who, due date and days left."""

from __future__ import annotations

import click

from .options import format_option, today_option


@click.command()
@click.option("--year", type=int, default=None, help="只看这一年（默认：今天所在的年份）。")
@today_option
@format_option("text", "json")
@click.pass_context
def status(ctx: click.Context, year: int | None, today, fmt: str) -> None:
    """各活动的阶段、下一步、负责人、期限和剩余天数。

    \b
    例子：
      guanjia status
      guanjia status --year 2026 --today 2026-06-01
      guanjia status --format json
    """
    from ..models.common import ROLES
    from ..procedure import STAGE_ZH
    from ..rules.deadlines import all_timelines, holders
    from ..tables import days_text, dump_json, table
    from .options import load_archive, resolve_today, usable

    archive = load_archive(ctx)
    usable(archive)
    today = resolve_today(archive, today)
    chosen = year
    year = year or today.year
    rows, items = [], []
    for t in all_timelines(archive, today):
        state = t.next_step(today)
        # without --year: this year, and earlier years' activities that still have a step open
        if t.year != year and (chosen or t.year > year or state is None):
            continue
        due = state.due if state else None
        left = (due - today).days if due else None
        who = (state.step.team or "/".join(ROLES[r] for r in state.step.roles)) if state else ""
        people = holders(archive, state.step.roles, today) if state and not state.step.team else ""
        stage = STAGE_ZH[t.stage] + (f"（改期至 {t.date:%m-%d}）" if t.postponements and not t.cancelled else "")
        items.append({"year": t.year, "activity": t.slug, "theme": t.theme, "date": t.date.isoformat(),
                      "date_estimated": t.estimated, "category": t.category, "stage": t.stage.name.lower(),
                      "stage_name": STAGE_ZH[t.stage], "postponed": bool(t.postponements),
                      "next_step": state.step.name if state else None, "who": who or None, "people": people or None,
                      "due": due.isoformat() if due else None, "days_left": left})
        shown_date = f"{t.date:%m-%d}" if t.year == year else f"{t.date:%Y-%m-%d}"
        rows.append([shown_date + ("（估）" if t.estimated else ""), t.theme, stage,
                     state.step.name if state else "—", f"{who} {people}".strip() or "—",
                     f"{due:%m-%d}" if due else ("日历未覆盖" if state else "—"),
                     days_text(left) if left is not None else "—"])
    if fmt == "json":
        dump_json({"today": today.isoformat(), "year": year, "activities": items})
        return
    if not rows:
        click.echo(f"{year} 年没有活动（records/{year}/plan.yaml 不存在或为空）。")
        return
    styles = ["red" if i["days_left"] is not None and i["days_left"] < 0 else "" for i in items]
    table(f"{archive.settings.project} {year} 年客户活动（今天：{today}，北京时间）",
          ["日期", "活动", "阶段", "下一步", "负责", "期限", "剩余"], rows, styles=styles, keep=(0, 5, 6))
