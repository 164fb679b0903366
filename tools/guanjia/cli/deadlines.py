"""``guanjia deadlines``: steps due soon and overdue, in China time."""

from __future__ import annotations

import click

from .options import format_option, today_option


@click.command()
@today_option
@click.option("--within", type=click.IntRange(0, 366), default=None, metavar="N",
              help="列出 N 天内到期的步骤（默认：guanjia.yml 中的 due_soon_days，7 天）。")
@click.option("--warn-only", is_flag=True, help="只提醒：有逾期也以退出码 0 结束（用于每日提醒）。")
@format_option("text", "json", "markdown")
@click.pass_context
def deadlines(ctx: click.Context, today, within: int | None, warn_only: bool, fmt: str) -> None:
    """即将到期和已经逾期的步骤。有逾期时退出码为 1（--warn-only 除外）。

    \b
    例子：
      guanjia deadlines
      guanjia deadlines --today 2026-06-01 --within 14
      guanjia deadlines --warn-only --format json
    """
    from ..rules.deadlines import agenda
    from ..tables import days_text, dump_json, markdown, table
    from .options import load_archive, resolve_today, usable

    archive = load_archive(ctx)
    usable(archive)
    today = resolve_today(archive, today)
    within = archive.settings.policy.due_soon_days if within is None else within
    items = agenda(archive, today, within)
    overdue = [d for d in items if d.overdue]
    soon = [d for d in items if not d.overdue]
    if fmt == "json":
        def as_dict(d):
            return {"year": d.year, "activity": d.activity, "theme": d.theme, "step": d.step,
                    "due": d.due.isoformat(), "days_left": d.days_left, "who": d.who, "people": d.people,
                    "clause": d.clause}
        dump_json({"today": today.isoformat(), "within": within, "overdue": [as_dict(d) for d in overdue],
                   "due_soon": [as_dict(d) for d in soon]})
    elif fmt == "markdown":
        headers = ["期限", "活动", "步骤", "负责", "剩余", "依据"]
        click.echo(f"**{archive.settings.project}** 客户活动提醒，今天是 {today}（北京时间）。\n")
        for title, group in ((f"已逾期（{len(overdue)} 项）", overdue), (f"{within} 天内到期（{len(soon)} 项）", soon)):
            if group:
                markdown(title, headers, [[f"{d.due}", d.theme, d.step, f"{d.who} {d.people}".strip(),
                                           days_text(d.days_left), d.clause] for d in group])
        if not items:
            click.echo(f"{within} 天内没有到期的步骤，也没有逾期。")
    else:
        headers = ["期限", "活动", "步骤", "负责", "剩余", "依据"]
        for title, group in ((f"已逾期（{len(overdue)} 项）", overdue), (f"{within} 天内到期（{len(soon)} 项）", soon)):
            if group:
                table(title, headers, [[f"{d.due}", d.theme, d.step, f"{d.who} {d.people}", days_text(d.days_left),
                                        d.clause] for d in group], keep=(0, 4))
                click.echo()
        if not items:
            click.echo(f"今天是 {today}（北京时间）：{within} 天内没有到期的步骤，也没有逾期。")
        else:
            click.echo(f"今天是 {today}（北京时间）。")
    ctx.exit(1 if overdue and not warn_only else 0)
