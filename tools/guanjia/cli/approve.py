"""``guanjia approve``: sign one step of a document, bound to its current content."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import GuanjiaError
from .options import today_option

ROLE_NAMES = ["director", "manager", "gm", "butler"]


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as", "role", required=True, type=click.Choice(ROLE_NAMES),
              help="以哪个岗位签字：director 管家部主任 / manager 管家部经理 / gm 项目总经理 / butler 管家。")
@click.option("--by", "person_id", default=None, metavar="人员编号",
              help="签字人（默认：按当前 git 用户的邮箱在花名册中查找）。")
@today_option
@click.option("--commit", is_flag=True, help="签字后以当前 git 用户提交这个文件。")
@click.pass_context
def approve(ctx: click.Context, path: Path, role: str, person_id: str | None, today, commit: bool) -> None:
    """签字：把编制、复核或批准写进文件，并记下这一版内容的摘要。

    \b
    签字只改文件末尾（或原有签字块）的几行，其余内容一字不动。
    内容以后再改动，签字就会失效，需要重新签。
    \b
    例子：
      guanjia approve records/2026/2026-12-24-shengdan/proposal.yaml --as manager
      guanjia approve records/2026/plan.yaml --as gm --commit
    """
    from ..edit import set_signoff
    from ..findings import rel
    from ..signing import STEP_ZH, digest, step_for
    from .options import load_archive, resolve_today

    archive = load_archive(ctx)
    day = resolve_today(archive, today)
    shown = rel(path, archive.root)
    kind, doc, instance = _locate(archive, shown)
    if instance is None:
        raise GuanjiaError(f"{shown} 有错误，先运行 guanjia validate {shown} 改正后再签字。")
    step = step_for(kind, role)
    if step is None:
        raise GuanjiaError(f"{ROLE_ZH[role]}不在{KIND_ZH.get(kind, kind)}上签字。")
    person = _signer(archive, person_id)
    if not person.holds(role, day):
        raise GuanjiaError(f"{person.name}（{person.id}）在 {day} 不是{ROLE_ZH[role]}，不能以这个岗位签字。")
    earlier = [s for s in ("prepared", "reviewed", "approved") if s != step and
               ("prepared", "reviewed", "approved").index(s) < ("prepared", "reviewed", "approved").index(step)]
    current = digest(instance)
    for before in earlier:
        prior = getattr(instance, before, None)
        if before in _steps(kind) and prior is None:
            raise GuanjiaError(f"还没有“{STEP_ZH[before]}”，不能先“{STEP_ZH[step]}”。")
        if prior is not None and prior.digest != current:
            raise GuanjiaError(f"“{STEP_ZH[before]}”签的不是现在这一版内容（之后改动过），请先让 {prior.by} 重新签。")
        if prior is not None and prior.by == person.id and not archive.settings.policy.same_person_may_sign_twice:
            raise GuanjiaError(f"{person.name} 已经签过“{STEP_ZH[before]}”，同一个人不能再签“{STEP_ZH[step]}”。")
    raw = path.read_bytes()
    path.write_bytes(set_signoff(raw, step, person.id, day, current, shown))
    click.echo(f"已签字：{person.name}（{ROLE_ZH[role]}）{STEP_ZH[step]} {shown}，{day}。")
    if commit:
        _commit(archive.root, path, f"{STEP_ZH[step]}：{shown}（{person.name}）")


ROLE_ZH = {"manager": "管家部经理", "gm": "项目总经理", "director": "管家部主任", "butler": "管家"}
KIND_ZH = {"plan": "年度计划", "proposal": "策划表", "notice": "业主通知", "readiness": "准备情况检查",
           "record": "记录表", "evaluation": "评估表"}


def _steps(kind: str):
    from ..signing import steps_of

    return steps_of(kind)


def _locate(archive, shown: str):
    for year in archive.years.values():
        if year.plan_doc and year.plan_doc.shown == shown:
            return "plan", year.plan_doc, year.plan
        for activity in year.activities:
            for kind, doc in activity.docs.items():
                if doc.shown == shown:
                    return kind, doc, getattr(activity, kind)
    raise GuanjiaError(f"{shown} 不是需要签字的文件（年度计划、策划表、业主通知、准备情况检查、记录表或评估表）。")


def _signer(archive, person_id: str | None):
    roster = archive.roster
    if roster is None:
        raise GuanjiaError("花名册 records/roster.yaml 有错误或不存在。")
    if person_id:
        person = roster.get(person_id)
        if person is None:
            raise GuanjiaError(f"花名册里没有人员“{person_id}”。")
        return person
    email = _git(archive.root, "config", "user.email").strip().lower()
    person = next((p for p in roster.people if email and email in (e.lower() for e in p.emails)), None)
    if person is None:
        raise GuanjiaError(f"当前 git 用户的邮箱“{email or '（未设置）'}”不在花名册中；请用 --by 指定，"
                           "或让 IT 把这个邮箱加入 records/roster.yaml。")
    return person


def _run_git(root: Path, *args: str):
    import subprocess  # only when git is needed: keeps ``guanjia --help`` quick

    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    except FileNotFoundError:
        raise GuanjiaError("找不到 git 命令，请先安装 git。") from None


def _git(root: Path, *args: str) -> str:
    proc = _run_git(root, *args)
    return proc.stdout if proc.returncode == 0 else ""


def _commit(root: Path, path: Path, message: str) -> None:
    for args in (["add", "--", str(path)], ["commit", "-m", message, "--", str(path)]):
        proc = _run_git(root, *args)
        if proc.returncode != 0:
            raise GuanjiaError(f"git {args[0]} 失败：{proc.stderr.strip() or proc.stdout.strip()}")
    click.echo(f"已提交：{message}")
