"""Options shared by several commands, and the project/today they resolve to."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..errors import GuanjiaError, ProjectNotFound


def format_option(*choices: str):
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True,
                        help="输出格式：text 给人看，json 给程序" + ("，github 在拉取请求上标注" if "github" in choices else "")
                        + ("，markdown 用于运行摘要和议题" if "markdown" in choices else "") + "。")


def _parse_today(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"“{value}”不是日期，请写成 2026-06-01。") from None


today_option = click.option("--today", callback=_parse_today, metavar="YYYY-MM-DD",
                            help="把这一天当作“今天”（默认：项目时区的今天，即 guanjia.yml 的 timezone，默认北京时间）。")


def find_root(start: Path) -> Path:
    """The nearest folder, from ``start`` upwards, that holds guanjia.yml or records/."""
    for folder in [start, *start.parents]:
        if (folder / "guanjia.yml").is_file() or (folder / "records").is_dir():
            return folder
    raise ProjectNotFound(f"在 {start} 及其上级目录中找不到 guanjia 项目（guanjia.yml 或 records/ 目录）。"
                          "请在项目目录中运行，或用 --root 指定。")


def project_root(ctx: click.Context) -> Path:
    root = ctx.find_root().obj
    if root is not None:
        if not root.is_dir():
            raise ProjectNotFound(f"目录 {root} 不存在。")
        return root
    return find_root(Path.cwd())


def load_archive(ctx: click.Context):
    """The archive of the current project; a project with no records/ is an environment error."""
    from ..archive import RECORDS, build

    root = project_root(ctx)
    if not (root / RECORDS).is_dir():
        raise ProjectNotFound(f"{root} 下没有 records/ 目录。")
    return build(root)


def resolve_today(archive, value: date | None) -> date:
    from ..clock import today_in

    return value or today_in(archive.settings.timezone)


def dated(archive, today: date) -> str:
    """``2026-12-28（北京时间）``: the day and the project's clock it is read on."""
    from ..clock import zone_name

    return f"{today}（{zone_name(archive.settings.timezone)}）"


def warn_gaps(gaps, fmt: str) -> None:
    """Name the years the working-day calendar lacks and what to do. Text: in the report itself; JSON and
    Markdown carry them in their own shape and, since they usually go to a file, also say so on stderr."""
    for gap in gaps:
        click.echo(("注意：" if fmt == "text" else "警告：") + gap.message, err=fmt != "text")


def usable(archive) -> None:
    """Stop (exit 2) when settings or a year plan cannot be read: deadlines would be computed from guesses."""
    wanted = {archive.settings_doc.shown} if archive.settings_doc else set()
    wanted |= {f"records/{y}/plan.yaml" for y in archive.years}
    bad = [f for f in archive.findings if f.path in wanted and f.severity.value == "error"]
    bad += [f for f in archive.findings if f.code == "GJ-A000" and f.path.endswith("plan.yaml")]
    if bad:
        raise GuanjiaError(f"{bad[0].path} 有错误（{bad[0].message}），时限无法计算；请先运行 guanjia validate 并改正。")
