"""``guanjia approve``: sign a document, a late note, a change decision or an amendment, bound to its content."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import GuanjiaError
from .options import today_option

ROLE_NAMES = ["director", "manager", "gm", "butler"]
STEP_NAMES = ["prepared", "submitted", "reviewed", "approved"]


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as", "role", required=True, type=click.Choice(ROLE_NAMES),
              help="以哪个岗位签字：director 管家部主任 / manager 管家部经理 / gm 项目总经理 / butler 管家。")
@click.option("--by", "person_id", default=None, metavar="人员编号",
              help="签字人（默认：按当前 git 用户的邮箱在花名册中查找）。")
@click.option("--late", type=click.Choice(STEP_NAMES), default=None,
              help="项目总经理签逾期说明：哪一步逾期了（prepared 编制 / submitted 上报 / reviewed 复核 / approved 批准）。")
@click.option("--reason", default=None, metavar="原因", help="与 --late 一起用：逾期的原因（文件里还没有这条说明时必填）。")
@click.option("--paper", default=None, metavar="扫描件",
              help="导入开始使用 guanjia 之前签在纸上的签字：签字表单扫描件的路径（相对于活动目录，例如 attachments/B54.pdf）；"
                   "要同时用 --by 写签字人、--today 写纸上的签字日期。")
@today_option
@click.option("--commit", is_flag=True, help="签字后以当前 git 用户提交这个文件。")
@click.pass_context
def approve(ctx: click.Context, path: Path, role: str, person_id: str | None, late: str | None, reason: str | None,
            paper: str | None, today, commit: bool) -> None:
    """签字：把编制、上报、复核或批准写进文件，并记下这一版内容的摘要。

    \b
    也用来签：项目总经理的逾期说明（--late）和改期与取消（changes.yaml），
    管家部经理的更正记录（amendments.yaml，签最后一条）。
    签字只改签字那几行，其余内容一字不动；内容以后再改动，签字就会失效，需要重新签。
    \b
    例子：
      guanjia approve records/2026/2026-12-24-shengdan/proposal.yaml --as manager
      guanjia approve records/2027/plan.yaml --as gm --commit
      guanjia approve records/2026/2026-05-31-liuyi/proposal.yaml --as gm --late approved --reason "外出开会"
      guanjia approve records/2026/changes.yaml --as gm --commit
      guanjia approve records/2025/2025-09-17-zhongqiu/proposal.yaml --as gm --by zhao-guoqiang \\
          --today 2025-09-05 --paper attachments/B54-签字页.pdf
    """
    from ..atomic import write_atomic
    from ..clock import today_in
    from ..findings import rel
    from ..models.common import ROLES
    from ..sign import locate, sign
    from .options import load_archive, resolve_today

    if reason and not late:
        raise click.UsageError("--reason 只和 --late 一起用。")
    if paper and not (person_id and today):
        raise click.UsageError("导入纸质签字（--paper）时，要用 --by 写签字人、--today 写纸上的签字日期。")
    archive = load_archive(ctx)
    day = resolve_today(archive, today)
    if not path.resolve().is_relative_to(archive.root.resolve()):
        raise GuanjiaError(f"{path} 不在项目 {archive.root} 中。")
    shown = rel(path.resolve(), archive.root.resolve())
    target = locate(archive, shown)
    path = target.doc.path
    person = _signer(archive, person_id)
    if not person.holds(role, day):
        raise GuanjiaError(f"{person.name}（{person.id}）在 {day} 不是{ROLES[role]}，不能以这个岗位签字。")
    raw, what = sign(archive, target, role, person, day, today_in(archive.settings.timezone), late, reason, paper)
    if raw is None:
        click.echo(what)
    else:
        write_atomic(path, raw)
        click.echo(f"已签字：{person.name}（{ROLES[role]}）{what} {shown}，{day}。")
    if commit:
        _commit(archive.root, path, f"{what}：{shown}（{person.name}）" if raw else f"签字：{shown}（{person.name}）")


def _signer(archive, person_id: str | None):
    roster = archive.roster
    if roster is None:
        raise GuanjiaError("花名册 records/roster.yaml 有错误或不存在。")
    if person_id:
        person = roster.get(person_id)
        if person is None:
            raise GuanjiaError(f"花名册里没有人员“{person_id}”。")
        return person
    proc = _git(archive.root, "config", "user.email")
    email = proc.stdout.strip().lower() if proc.returncode == 0 else ""
    person = next((p for p in roster.people if email and email in (e.lower() for e in p.emails)), None)
    if person is None:
        raise GuanjiaError(f"当前 git 用户的邮箱“{email or '（未设置）'}”不在花名册中；请用 --by 指定，"
                           "或让 IT 把这个邮箱加入 records/roster.yaml。")
    return person


def _git(root: Path, *args: str):
    import subprocess  # only when git is needed: keeps ``guanjia --help`` quick

    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8",
                              errors="replace")
    except FileNotFoundError:
        raise GuanjiaError("找不到 git 命令，请先安装 git。") from None


def _commit(root: Path, path: Path, message: str) -> None:
    """Commit ``path`` alone; a file already committed as it is is no error (signing twice)."""
    if _git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode == 0:
        tracked = _git(root, "ls-files", "--error-unmatch", "--", str(path)).returncode == 0
        if tracked and _git(root, "diff", "--quiet", "HEAD", "--", str(path)).returncode == 0:
            click.echo("这个文件已经提交过，没有新的改动需要提交。")
            return
    for args, what in ((["add", "--", str(path)], "把文件加入提交"), (["commit", "-m", message, "--", str(path)], "提交")):
        proc = _git(root, *args)
        if proc.returncode != 0:
            detail = (proc.stderr or proc.stdout).strip().splitlines()
            raise GuanjiaError(f"git 无法{what}，签字已写入文件但没有提交。请检查 git 设置（用户名、邮箱、签名密钥）后运行："
                               f"git commit -- {path}" + (f"\n（技术信息：{detail[-1]}）" if detail else ""))
    click.echo(f"已提交：{message}")
