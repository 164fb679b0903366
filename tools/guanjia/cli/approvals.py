"""``guanjia approvals``: check signoffs against git history and pull-request reviews."""

from __future__ import annotations

import os

import click

from .options import format_option, today_option


@click.command()
@click.option("--base", default=None, metavar="REF",
              help="只核对相对于这个提交新增的签字，并按它上面的花名册核对（拉取请求里用目标分支，例如 origin/main）。")
@click.option("--github-pr", "pull", type=int, default=None, metavar="编号",
              help="同时核对 GitHub 拉取请求的批准审核（需要 GITHUB_TOKEN 和 GITHUB_REPOSITORY）。")
@format_option("text", "json", "github")
@today_option
@click.pass_context
def approvals(ctx: click.Context, base: str | None, pull: int | None, fmt: str, today) -> None:
    """核对签字：由本人提交、（如登记了公钥）本人签名、日期与提交日期一致、拉取请求上有本人的批准。

    \b
    各种签字都一样核对：编制、上报、复核、批准，逾期说明，改期与取消，更正记录。
    有 --base 时，按基线上的花名册核对：拉取请求不能用它自己新加的授权签字；
    花名册或 guanjia.yml 的改动需要项目总经理批准。
    \b
    例子：
      guanjia approvals
      guanjia approvals --base origin/main --github-pr 12 --format github
    """
    from .. import github, history
    from ..clock import today_in
    from ..errors import GuanjiaError
    from ..findings import Result
    from ..reporters import report
    from .options import load_archive, usable

    archive = load_archive(ctx)
    usable(archive)
    result = Result(files_checked=archive.files)
    if base is not None and not base.strip():
        raise GuanjiaError("--base 是空的：请写目标分支，例如 origin/main（CI 里检查变量是否设置）。")
    if pull is not None and base is None:
        raise click.UsageError("核对拉取请求（--github-pr）时要同时给出 --base（目标分支，例如 origin/main）。")
    found, checked, roster = history.check(archive, today, base)
    day = today or today_in(archive.settings.timezone)
    result.extend(found)
    if pull is not None:
        repo = os.environ.get("GITHUB_REPOSITORY")
        if not repo:
            raise GuanjiaError("核对拉取请求需要环境变量 GITHUB_REPOSITORY（例如 huasheng/cuihu-huodong）。")
        pr, reviews = github.fetch(repo, pull)
        result.extend(github.check_reviews(checked, roster, pr, reviews, archive.settings.timezone))
        result.extend(github.check_authority(history.authority_changes(archive, base), roster, reviews, day))
    report(result, fmt)
    ctx.exit(result.exit_code)
