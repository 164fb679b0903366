"""The ``guanjia`` command. Click only gathers options and calls the layers below."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import zh
from .approvals import approvals
from .approve import approve
from .archived import archive_check
from .deadlines import deadlines
from .new import new
from .schema import schema
from .setup import codeowners, init
from .site import build, serve
from .status import status
from .validate import validate
from .verify import verify

zh.install()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="项目目录（默认：从当前目录向上查找 guanjia.yml 或 records/）。")
@click.version_option(package_name="guanjia", message="guanjia %(version)s", help="显示版本并退出。")
@click.pass_context
def main(ctx: click.Context, root: Path | None) -> None:
    """guanjia（管家）：客户活动的年度计划、策划表、记录表和评估表。

    \b
    例子：
      guanjia validate              检查全部记录
      guanjia status                各活动的阶段、下一步和期限
      guanjia deadlines --within 14 两周内到期和已逾期的步骤
      guanjia new proposal juanyi   按年度计划生成策划表模板
      guanjia schema --check        检查 schemas/ 是否最新
    """
    ctx.obj = root
    for stream in (sys.stdout, sys.stderr):  # a Windows pipe is GBK: never die on an emoji
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


for _command in (validate, status, deadlines, new, approve, approvals, archive_check, verify, build, serve, schema, init,
                 codeowners):
    main.add_command(_command)
