"""``guanjia schema``: write or check the JSON Schema files in schemas/."""

from __future__ import annotations

import click


@click.command()
@click.option("--check", is_flag=True, help="只检查 schemas/ 是否与模型一致，不写文件；过期时退出码为 1。")
@click.pass_context
def schema(ctx: click.Context, check: bool) -> None:
    """从数据模型生成 schemas/*.schema.json（编辑器据此提示字段）。

    \b
    例子：
      guanjia schema           重新生成
      guanjia schema --check   CI 中检查是否过期
    """
    from .. import schema as schema_mod
    from .options import project_root

    root = project_root(ctx)
    if check:
        names = schema_mod.stale(root)
        if names:
            click.echo("schemas/ 已过期，请运行 guanjia schema 重新生成并提交：" + "、".join(names), err=True)
            ctx.exit(1)
        click.echo("schemas/ 与模型一致。")
        return
    written = schema_mod.write(root)
    click.echo(("已更新：" + "、".join(written)) if written else "schemas/ 已是最新，无需更新。")
