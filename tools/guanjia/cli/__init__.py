"""The ``guanjia`` command. Click only gathers options and calls the layers below."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ProjectNotFound
from .schema import schema
from .validate import validate


def find_root(start: Path) -> Path:
    """The nearest folder, from ``start`` upwards, that holds guanjia.yml or records/."""
    for folder in [start, *start.parents]:
        if (folder / "guanjia.yml").is_file() or (folder / "records").is_dir():
            return folder
    raise ProjectNotFound(f"在 {start} 及其上级目录中找不到 guanjia 项目（guanjia.yml 或 records/ 目录）。"
                          "请在项目目录中运行，或用 --root 指定。")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="项目目录（默认：从当前目录向上查找 guanjia.yml 或 records/）。")
@click.version_option(package_name="guanjia", message="guanjia %(version)s")
@click.pass_context
def main(ctx: click.Context, root: Path | None) -> None:
    """guanjia（管家）：客户活动的年度计划、策划表、记录表和评估表。

    \b
    例子：
      guanjia validate              检查全部记录
      guanjia validate --format json
      guanjia schema --check        检查 schemas/ 是否最新
    """
    ctx.obj = root
    for stream in (sys.stdout, sys.stderr):  # a Windows pipe is GBK: never die on an emoji
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def project_root(ctx: click.Context) -> Path:
    root = ctx.find_root().obj
    if root is not None:
        if not root.is_dir():
            raise ProjectNotFound(f"目录 {root} 不存在。")
        return root
    return find_root(Path.cwd())


main.add_command(validate)
main.add_command(schema)
