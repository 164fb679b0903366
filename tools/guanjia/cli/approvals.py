"""``guanjia approvals``: check signoffs against git history and pull-request reviews."""

from __future__ import annotations

import os

import click

from .options import format_option


@click.command()
@click.option("--base", default=None, metavar="REF",
              help="只核对相对于这个提交新增的签字（拉取请求里用目标分支，例如 origin/main）。")
@click.option("--github-pr", "pull", type=int, default=None, metavar="编号",
              help="同时核对 GitHub 拉取请求的批准审核（需要 GITHUB_TOKEN 和 GITHUB_REPOSITORY）。")
@format_option("text", "json", "github")
@click.pass_context
def approvals(ctx: click.Context, base: str | None, pull: int | None, fmt: str) -> None:
    """核对签字：由本人提交、（如登记了公钥）本人签名、日期与提交日期一致、拉取请求上有本人的批准。

    \b
    例子：
      guanjia approvals
      guanjia approvals --base origin/main --github-pr 12 --format github
    """
    from .. import github, history
    from ..errors import GuanjiaError
    from ..findings import Result
    from ..reporters import report
    from .options import load_archive, usable

    archive = load_archive(ctx)
    usable(archive)
    result = Result(files_checked=archive.files)
    result.extend(history.check(archive, base))
    if pull is not None:
        repo = os.environ.get("GITHUB_REPOSITORY")
        if not repo:
            raise GuanjiaError("核对拉取请求需要环境变量 GITHUB_REPOSITORY（例如 huasheng/cuihu-huodong）。")
        git = history.Git(archive.root, archive.settings.timezone)
        items = [(doc, step, signoff) for _k, doc, step, signoff in history.new_signoffs(archive, git, base)]
        pr, reviews = github.fetch(repo, pull)
        result.extend(github.check_reviews(items, archive.roster, pr, reviews, archive.settings.timezone))
    report(result, fmt)
    ctx.exit(result.exit_code)
