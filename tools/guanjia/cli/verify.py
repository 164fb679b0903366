"""``guanjia verify``: every attached file against its recorded SHA-256."""

from __future__ import annotations

import click

from .options import format_option


@click.command()
@click.option("--fill", is_flag=True, help="为还没有 SHA-256 的附件计算并写入（之后需要重新签字）。")
@format_option("text", "json", "github")
@click.pass_context
def verify(ctx: click.Context, fill: bool, fmt: str) -> None:
    """核对附件是否还在、内容是否与记录的 SHA-256 一致；不一致、缺失或无法核对时退出码为 1。

    记录表读不出来、SHA-256 写法不对的附件算作“无法核对”，不会当作一致。

    \b
    例子：
      guanjia verify
      guanjia verify --fill
    """
    from .. import integrity
    from ..findings import Result
    from ..reporters import report
    from .options import load_archive

    archive = load_archive(ctx)
    if fill:
        changed = integrity.fill(archive)
        for shown in changed:
            click.echo(f"已写入 SHA-256：{shown}（内容有变化，请重新签字）", err=True)
        if changed:
            archive = load_archive(ctx)
    findings, tally = integrity.check(archive)
    result = Result(files_checked=tally.checked + tally.unchecked, details={"attachments": tally.counts()})
    result.extend(findings)
    report(result, fmt)
    if fmt == "text":
        click.echo(tally.summary())
    ctx.exit(result.exit_code)
