"""``guanjia deadlines``: steps due soon and overdue, on the project's clock (China time by default)."""

from __future__ import annotations

import click

from .options import format_option, today_option


@click.command()
@today_option
@click.option("--within", type=click.IntRange(0, 366), default=None, metavar="N",
              help="列出 N 天内到期的步骤（默认：guanjia.yml 中的 due_soon_days，7 天）。")
@click.option("--warn-only", is_flag=True, help="只提醒：有逾期也以退出码 0 结束（用于每日提醒）；有期限算不出来时仍以 2 结束。")
@format_option("text", "json", "markdown")
@click.pass_context
def deadlines(ctx: click.Context, today, within: int | None, warn_only: bool, fmt: str) -> None:
    """即将到期和已经逾期的步骤。有逾期时退出码为 1（--warn-only 除外）；
    按工作日计算而日历缺某一年的放假安排、有期限算不出来时，照样列出算得出的，并以退出码 2 结束。

    \b
    例子：
      guanjia deadlines
      guanjia deadlines --today 2026-12-28 --within 14
      guanjia deadlines --warn-only --format json
    """
    from ..rules.deadlines import agenda
    from ..tables import days_text, dump_json, markdown, md_text, table
    from .options import dated, load_archive, resolve_today, usable, warn_gaps

    archive = load_archive(ctx)
    usable(archive)
    today = resolve_today(archive, today)
    within = archive.settings.policy.due_soon_days if within is None else within
    found = agenda(archive, today, within)
    items, gaps = found.items, found.gaps
    overdue = [d for d in items if d.overdue]
    soon = [d for d in items if not d.overdue]
    # nothing due is only "all clear" when every limit could be counted
    quiet = f"{within} 天内没有到期的步骤，也没有逾期" + ("（不算上面那些算不出期限的）" if gaps else "") + "。"
    headers = ["期限", "活动", "步骤", "负责", "剩余", "依据"]
    if fmt == "json":
        def as_dict(d):
            return {"year": d.year, "activity": d.activity, "theme": d.theme, "step": d.step,
                    "due": d.due.isoformat(), "days_left": d.days_left, "who": d.who, "people": d.people,
                    "clause": d.clause}
        dump_json({"today": today.isoformat(), "within": within, "overdue": [as_dict(d) for d in overdue],
                   "due_soon": [as_dict(d) for d in soon], "calendar_gaps": [g.as_dict() for g in gaps]})
    elif fmt == "markdown":
        click.echo(f"**{md_text(archive.settings.project)}** 客户活动提醒，今天是 {dated(archive, today)}。\n")
        for gap in gaps:
            click.echo(f"> **注意**：{md_text(gap.message)}\n")
        for title, group in ((f"已逾期（{len(overdue)} 项）", overdue), (f"{within} 天内到期（{len(soon)} 项）", soon)):
            if group:
                markdown(title, headers, [[f"{d.due}", d.theme, d.step, f"{d.who} {d.people}".strip(),
                                           days_text(d.days_left), d.clause] for d in group])
        if not items:
            click.echo(quiet)
    else:
        for title, group in ((f"已逾期（{len(overdue)} 项）", overdue), (f"{within} 天内到期（{len(soon)} 项）", soon)):
            if group:
                table(title, headers, [[f"{d.due}", d.theme, d.step, f"{d.who} {d.people}", days_text(d.days_left),
                                        d.clause] for d in group], keep=(0, 4))
                click.echo()
    warn_gaps(gaps, fmt)
    if fmt == "text":
        click.echo(f"今天是 {dated(archive, today)}" + (f"：{quiet}" if not items else "。"))
    # a limit that cannot be counted is an environment problem (exit 2), even for the daily reminder
    ctx.exit(2 if gaps else 1 if overdue and not warn_only else 0)
