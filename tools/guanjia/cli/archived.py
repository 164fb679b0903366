"""``guanjia archive-check``: archived activities are not changed or deleted, except by amendment."""

from __future__ import annotations

import click

from .options import format_option


@click.command(name="archive-check")
@click.option("--base", required=True, metavar="REF", help="与哪个提交比较（拉取请求里用目标分支，例如 origin/main）。")
@format_option("text", "json", "github")
@click.pass_context
def archive_check(ctx: click.Context, base: str, fmt: str) -> None:
    """检查已归档的活动（评估表已批准）：文件不能改动或删除，更正要写更正记录并由管家部经理签字。

    \b
    例子：
      guanjia archive-check --base origin/main
    """
    from .. import immutable
    from ..findings import Result
    from ..reporters import report
    from .options import load_archive

    archive = load_archive(ctx)
    result = Result(files_checked=archive.files)
    result.extend(immutable.check(archive, base))
    report(result, fmt)
    ctx.exit(result.exit_code)
