"""``guanjia build`` and ``guanjia serve``: the site, thin wrappers over MkDocs with the guanjia plugin."""

from __future__ import annotations

import os
import subprocess
import sys

import click


def _mkdocs(ctx: click.Context, *args: str, replace: bool = False) -> None:
    """Run MkDocs on the project's mkdocs.yml. With ``replace`` (serve, which runs until stopped) this process
    becomes MkDocs where the system allows it, so stopping it (Ctrl+C, a signal to its group or to it) stops the
    server and frees the port: no MkDocs is left running behind."""
    from .options import project_root

    root = project_root(ctx)
    if not (root / "mkdocs.yml").is_file():
        from ..errors import GuanjiaError

        raise GuanjiaError(f"{root} 下没有 mkdocs.yml（guanjia init 会生成它）。")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", *args, "-f", str(root / "mkdocs.yml")]
    if replace and os.name == "posix":
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, command, env)
    ctx.exit(subprocess.call(command, env=env))


@click.command()
@click.pass_context
def build(ctx: click.Context) -> None:
    """生成网站到 site/（严格模式：有错误就停止，不发布残缺的网站）。

    \b
    例子：
      guanjia build
    """
    _mkdocs(ctx, "build", "--strict")


@click.command()
@click.option("--port", default=8000, show_default=True, help="本地端口。")
@click.pass_context
def serve(ctx: click.Context, port: int) -> None:
    """本地预览网站；records/ 或 guanjia.yml 有改动时自动重新生成。

    记录有错误时不停止：浏览器里每一页的开头列出错误和改法，改好保存后自动刷新。

    \b
    例子：
      guanjia serve
      guanjia serve --port 8080
    """
    _mkdocs(ctx, "serve", "--dev-addr", f"127.0.0.1:{port}", replace=True)
