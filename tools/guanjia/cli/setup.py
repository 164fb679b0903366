"""``guanjia init`` and ``guanjia codeowners``: the repository around the records."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import GuanjiaError
from .options import today_option


def _name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A name goes into settings, YAML and pages: one line of visible text."""
    value = value.strip()
    if not value or any(not ch.isprintable() for ch in value):
        raise click.BadParameter("要写一行文字，不能为空，不能有换行、制表符或其他控制字符。")
    return value


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--project", default="物业项目", show_default=True, callback=_name, help="物业项目名称，例如 翠湖花园。")
@click.option("--company", default="物业管理有限公司", show_default=True, callback=_name, help="物业公司名称。")
@today_option
def init(directory: Path, project: str, company: str, today) -> None:
    """新建一个项目仓库：设置、花名册、网站、GitHub 检查流程、CODEOWNERS、拉取请求模板。

    \b
    例子：
      guanjia init cuihu --project 翠湖花园 --company 华晟物业管理有限公司
      cd cuihu && guanjia validate
    """
    from ..atomic import write_tree
    from ..clock import today_in
    from ..init import plan_year, project_files

    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise GuanjiaError(f"{directory} 已存在且不是空目录；为避免覆盖，请换一个新目录。")
    day = today or today_in("Asia/Shanghai")
    write_tree(directory, project_files(project, company, day))
    click.echo(f"已在 {directory} 建立项目“{project}”。下一步：\n"
               "  1. 在项目目录里安装 guanjia：python3 -m venv .venv，再 .venv/bin/pip install -r requirements.txt"
               "（内部镜像或 wheel 文件：按 requirements.txt 中的说明）；\n"
               "  2. 编辑 guanjia.yml（时限、部门、表单编号）和 records/roster.yaml（本项目的真实人员、邮箱和平台账号）；\n"
               "  3. 运行 guanjia codeowners 重新生成 .github/CODEOWNERS；\n"
               f"  4. 运行 guanjia new plan --year {plan_year(day)} 编写年度计划；\n"
               "  5. 运行 guanjia validate 和 mkdocs build --strict，用浏览器打开 site/index.html 看看网站；\n"
               "  6. 推送到代码托管平台，按网站上“给 IT 同事”一页设置分支保护和网站发布。")


@click.command()
@click.option("--check", is_flag=True, help="只检查 .github/CODEOWNERS 是否与花名册一致；不一致时退出码为 1。")
@today_option
@click.pass_context
def codeowners(ctx: click.Context, check: bool, today) -> None:
    """根据花名册生成 .github/CODEOWNERS（谁必须批准哪些文件的改动）。

    \b
    例子：
      guanjia codeowners
      guanjia codeowners --check
    """
    from ..init import codeowners as render
    from .options import load_archive, resolve_today

    archive = load_archive(ctx)
    if archive.roster is None:
        raise GuanjiaError("花名册 records/roster.yaml 有错误，先运行 guanjia validate 改正。")
    text = render(archive.roster, resolve_today(archive, today))
    path = archive.root / ".github" / "CODEOWNERS"
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if check:
        if current != text:
            click.echo(".github/CODEOWNERS 与花名册不一致，请运行 guanjia codeowners 重新生成并提交。", err=True)
            ctx.exit(1)
        click.echo(".github/CODEOWNERS 与花名册一致。")
        return
    from ..atomic import write_new

    write_new(path, text)
    click.echo("已更新 .github/CODEOWNERS。" if current != text else ".github/CODEOWNERS 已是最新。")
