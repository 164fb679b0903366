"""``guanjia new``: scaffold a document, pre-filled from what exists. Never overwrites."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..errors import GuanjiaError
from .options import today_option

KINDS = ["plan", "proposal", "notice", "readiness", "record", "evaluation"]


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("name", required=False)
@click.option("--year", type=int, default=None, help="年度（默认：今天所在的年份；new plan 默认明年）。")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="活动日期（计划只定到月份、或计划外活动时必填）。")
@click.option("--unplanned", "reason", default=None, metavar="原因", help="计划外活动：写明原因。")
@today_option
@click.pass_context
def new(ctx: click.Context, kind: str, name: str | None, year: int | None, day: str | None, reason: str | None,
        today) -> None:
    """生成文件模板：策划表从年度计划预填，评估表的目标从策划表的评估方式预填。

    \b
    KIND 是 plan、proposal、notice、readiness、record 或 evaluation；
    NAME 是计划中的活动编号（proposal）或活动目录名/编号（其余）；plan 不需要 NAME。
    \b
    例子：
      guanjia new plan --year 2027
      guanjia new proposal juanyi
      guanjia new proposal kuanian --date 2026-12-31
      guanjia new proposal jiangzuo --date 2026-12-05 --unplanned "街道邀请举办防诈骗讲座"
      guanjia new evaluation 2026-11-22-xiaofang
    """
    from .. import scaffold
    from .options import load_archive, resolve_today

    archive = load_archive(ctx)
    today = resolve_today(archive, today)
    records = archive.root / "records"
    if kind == "plan":
        year = year or today.year + 1
        previous = archive.years.get(year - 1)
        _write(records / str(year) / "plan.yaml", scaffold.plan(year, previous.plan if previous else None,
                                                                   archive.settings.policy))
        return
    if not name:
        raise GuanjiaError(f"请写明活动：guanjia new {kind} 活动编号。")
    if kind == "proposal":
        _new_proposal(archive, records, name, year or _proposal_year(archive, name, today, reason), day, reason, today)
        return
    activity = _find_activity(archive, name)
    if activity.proposal is None:
        raise GuanjiaError(f"{activity.shown} 还没有可用的策划表（proposal.yaml 缺失或有错误），无法预填。")
    year_view = archive.years[int(activity.folder.parent.name)]
    moved = [c.new_date for c in year_view.changes.for_activity(activity.slug) if c.action == "postponed"]
    day = moved[-1] if moved else activity.proposal.when.date
    if kind == "readiness":
        text = scaffold.readiness()
    elif kind == "evaluation":
        text = scaffold.evaluation(activity.proposal, archive.settings)
    else:
        text = getattr(scaffold, kind)(activity.proposal, day, archive.settings)
    _write(activity.folder / f"{kind}.yaml", text)


def _proposal_year(archive, slug: str, today: date, reason: str | None) -> int:
    """The plan year a new proposal belongs to: this year's plan, or next year's when only next year's plan has
    the item, or this year's is already held or under way (planning next year in December)."""
    if reason is not None:
        return today.year
    for year in (today.year, today.year + 1):
        view = archive.years.get(year)
        item = view.plan.item(slug) if view and view.plan else None
        if item is None or view.activity_for(slug) is not None:
            continue
        if (item.date or date.fromisoformat(f"{item.in_month}-28")) >= today or year > today.year:
            return year
    return today.year


def _new_proposal(archive, records: Path, slug: str, year: int, day: str | None, reason: str | None,
                  today: date) -> None:
    from .. import scaffold

    year_view = archive.years.get(year)
    item = year_view.plan.item(slug) if year_view and year_view.plan else None
    if item is None and reason is None:
        known = "、".join(i.id for i in year_view.plan.items) if year_view and year_view.plan else "（没有年度计划）"
        raise GuanjiaError(f"{year} 年度计划里没有活动“{slug}”。计划中的编号：{known}。"
                           f"别的年度请加 --year（例如 --year {year + 1}）；"
                           "确实是计划外活动，才加 --unplanned \"原因\" 和 --date。")
    if year_view and any(c.action == "cancelled" for c in year_view.changes.for_activity(slug)):
        raise GuanjiaError(f"活动“{slug}”已经取消（见 records/{year}/changes.yaml），不能再写策划表。")
    when = _parse_day(day) if day else item.date if item else None
    if when is None:
        raise GuanjiaError(f"活动“{slug}”在计划中只定到月份（{item.month}），请用 --date 年-月-日 指定具体日期。")
    if item and when.year != year:
        raise GuanjiaError(f"{when} 不在 {year} 年度内：计划活动“{slug}”属于 {year} 年度计划。"
                           "跨年举办请先调整年度计划。")
    existing = year_view.activity_for(slug) if year_view else None
    if existing is not None:
        held = (existing.folder_date or when) < today
        raise GuanjiaError(f"{year} 年的“{slug}”已经有活动目录 {existing.shown}，不会覆盖。"
                           + (f"要准备明年的这项活动，请先写好 {year + 1} 年度计划，再运行 guanjia new proposal {slug} "
                              f"--year {year + 1}。" if held else "要改动策划表，直接编辑其中的 proposal.yaml。"))
    if item and f"{when:%Y-%m}" != item.in_month:
        click.echo(f"注意：年度计划中“{slug}”定在 {item.date or item.month}，策划表写的是 {when}。")
    _write(records / str(when.year) / f"{when.isoformat()}-{slug}" / "proposal.yaml",
           scaffold.proposal(item, slug, when, reason, archive.settings))
    _warn_deadline(archive, when, today)


def _warn_deadline(archive, when: date, today: date) -> None:
    """Say at once when the proposal is already late (or nearly): its first limit counts back from the activity."""
    from ..clock import CalendarError, Days
    from ..procedure import STEPS

    step = STEPS[0]
    try:
        due = step.due(when, archive.settings.policy, Days.of(archive.settings))
    except CalendarError as exc:
        click.echo(f"注意：{exc.message}")
        return
    left = (due - today).days
    if left < 0:
        click.echo(f"注意：“{step.name}”的期限是 {due}（{step.clause}），今天已经晚了 {-left} 天；"
                   "签字时会报逾期（GJ-D001），确有原因要请项目总经理签逾期说明。")
    elif left <= archive.settings.policy.due_soon_days:
        click.echo(f"注意：“{step.name}”的期限是 {due}（{step.clause}），还有 {left} 天。")


def _find_activity(archive, name: str):
    matches = [a for a in archive.activities() if name in (a.id, a.slug)]
    if len(matches) != 1:
        hint = "有多个同名活动，请写完整的目录名" if matches else "找不到这个活动目录"
        raise GuanjiaError(f"“{name}”：{hint}。")
    return matches[0]


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise GuanjiaError(f"“{text}”不是日期，请写成 2026-12-31。") from None


def _write(path: Path, text: str) -> None:
    if path.exists():
        raise GuanjiaError(f"{path} 已经存在，不会覆盖。要改动，直接编辑这个文件。")
    from ..atomic import write_new

    write_new(path, text)
    click.echo(f"已生成 {path}。填写后运行 guanjia validate 检查。")
