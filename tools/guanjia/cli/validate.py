"""``guanjia validate``: schema and cross-file checks of the whole archive."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import GuanjiaError
from .options import format_option, today_option


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@format_option("text", "json", "github")
@today_option
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], fmt: str, today) -> None:
    """检查记录：格式、必填项、跨文件的一致性。有错误时退出码为 1。

    \b
    例子：
      guanjia validate
      guanjia validate records/2026/2026-03-12-zhishujie
      guanjia validate --format github
    """
    from .. import rules
    from ..findings import Result, rel
    from ..reporters import report
    from .options import load_archive, resolve_today

    archive = load_archive(ctx)
    root = archive.root
    result = Result(files_checked=archive.files)
    result.extend(archive.findings)
    result.extend(rules.run(archive, resolve_today(archive, today)))
    if paths:
        wanted = [rel(p, root).rstrip("/") for p in paths]
        wanted = ["" if w == "." else w for w in wanted]
        outside = [str(p) for p, w in zip(paths, wanted, strict=True)
                   if not (w in ("", "guanjia.yml") or w == "records" or w.startswith("records/"))]
        if outside:
            raise GuanjiaError(f"{'、'.join(outside)} 不是本项目档案中的文件（档案在 {root / 'records'}）。"
                               "要检查它，请先放进 records/ 下相应的目录。")
        result.findings = [f for f in result.findings
                           if any(w == "" or f.path == w or f.path.startswith(w + "/") for w in wanted)]
    report(result, fmt)
    ctx.exit(result.exit_code)
