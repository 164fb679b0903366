"""What the company's IT person does for a new estate, as the IT page says it: from a built wheel to the site.

One test, the whole path; it takes a minute or two (a fresh virtual environment, pip installing from the wheel
and, for the dependencies, from the package index through pip's download cache).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, invoke
from guanjia import __version__
from guanjia.clock import today_in
from guanjia.models import Settings
from guanjia.site.handbook import render

CAP = 900  # seconds: a cap against a hang, never a measure of speed


def run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=CAP, env=env)
    assert done.returncode == 0, f"{args}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    return done


def build_wheel(tmp_path: Path) -> Path:
    """``pip wheel`` from a clean copy of the source, as the release workflow builds it from a checkout."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source)
    shutil.copytree(REPO / "tools", source / "tools", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", tmp_path / "dist", source, cwd=tmp_path)
    [wheel] = (tmp_path / "dist").glob("guanjia-*.whl")
    assert wheel.name == f"guanjia-{__version__}-py3-none-any.whl"
    return wheel


def edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, (path, old)
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_the_it_persons_path_from_a_built_wheel(tmp_path):
    wheel = build_wheel(tmp_path)
    project = tmp_path / "songtao"
    made = invoke("init", str(project), "--project", "松涛苑", "--company", "青松物业服务有限公司")
    assert made.code == 0, made

    # the wheel-file route, as requirements.txt and the IT page tell it
    (project / "wheels").mkdir()
    shutil.copy(wheel, project / "wheels")
    edit(project / "requirements.txt", ("# --find-links wheels\n", "--find-links wheels\n"))
    env = {k: v for k, v in os.environ.items() if k not in ("PIP_NO_CACHE_DIR", "VIRTUAL_ENV", "PYTHONPATH")}
    run(sys.executable, "-m", "venv", ".venv", cwd=project, env=env)
    venv = project / ".venv" / "bin"
    env = {**env, "PATH": f"{venv}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}", "NO_MKDOCS_2_WARNING": "1"}
    run(venv / "pip", "install", "-r", "requirements.txt", cwd=project, env=env)  # pip's cache: not disabled
    where = run(venv / "python", "-c", "import guanjia; print(guanjia.__file__, guanjia.__version__)", cwd=project, env=env)
    assert where.stdout.startswith(str(project / ".venv")) and where.stdout.split()[-1] == __version__
    assert run(venv / "guanjia", "validate", cwd=project, env=env).stdout.strip() == "检查了 2 个文件，没有发现问题。"

    # the estate's own rule: proposals 18 days ahead, not the procedure's 15
    edit(project / "guanjia.yml", ("  proposal_drafted_days: 15\n", "  proposal_drafted_days: 18\n"))

    # a plan, with the items of the documented example, in a year whose limits are all still ahead
    year = today_in("Asia/Shanghai").year + 2
    run(venv / "guanjia", "new", "plan", "--year", year, cwd=project, env=env)
    howto = render("plan-howto.md", Settings())
    example = re.search(r"```yaml\n(# yaml-language-server.*?)```", howto, re.S)[1].replace("2027", str(year))
    plan = project / "records" / str(year) / "plan.yaml"
    scaffold = plan.read_text(encoding="utf-8")
    items = example[example.index("items:"):]
    plan.write_text(scaffold[:scaffold.index("items:")] + items, encoding="utf-8")
    assert len(yaml.safe_load(plan.read_text(encoding="utf-8"))["items"]) == 3

    # an activity: the proposal scaffold, filled in as a director would
    run(venv / "guanjia", "new", "proposal", "yuanxiao", "--year", year, cwd=project, env=env)
    proposal = project / "records" / str(year) / f"{year}-02-20-yuanxiao" / "proposal.yaml"
    edit(proposal, ('start: ""', 'start: "19:00"'), ('end: ""', 'end: "21:00"'), ('place: ""', "place: 会所大堂"),
         ('  - date:\n    task: ""', f"  - date: {year}-02-10\n    task: 采购灯谜和汤圆材料"),
         ('tasks: [""]', "tasks: [布置会场, 主持活动]"), ('risk: ""', "risk: 人员拥挤"),
         ('response: ""', "response: 分批入场"), ('owner: ""', "owner: 管家部"),
         ('goal: ""', "goal: 参与业主不少于 80 户"), ('measure: ""', "measure: 签到表统计"),
         ('item: ""\n      amount:', "item: 灯谜和汤圆材料\n      amount: 4800"), ("total:\n", "total: 4800\n"))
    assert run(venv / "guanjia", "validate", cwd=project, env=env).stdout.strip() == "检查了 4 个文件，没有发现问题。"

    # the check workflow, step by step, in a git repository (all but the step that asks the git host's API)
    git_env = {**env, "GIT_AUTHOR_NAME": "IT", "GIT_AUTHOR_EMAIL": "it@example.com", "GIT_COMMITTER_NAME": "IT",
               "GIT_COMMITTER_EMAIL": "it@example.com"}
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "新建客户活动档案仓库"],
                 ["update-ref", "refs/remotes/origin/main", "HEAD"]):
        run("git", *args, cwd=project, env=git_env)
    workflow = yaml.safe_load((project / ".github/workflows/guanjia-check.yml").read_text(encoding="utf-8"))
    steps = [s for s in workflow["jobs"]["check"]["steps"] if "run" in s and "GITHUB_TOKEN" not in s.get("env", {})]
    assert [s["name"] for s in steps][-1] == "构建网站（严格模式）" and len(steps) == 7
    for step in steps:
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=project, capture_output=True, text=True,
                              timeout=CAP, env={**git_env, "BASE_REF": "main"})
        assert done.returncode == 0, (step["name"], done.stdout, done.stderr)

    site = project / "site"
    for page in ("index.html", "plan/index.html", f"plan/{year}.html", "calendar/index.html",
                 f"calendar/{year}-02.html", f"activities/{year}-02-20-yuanxiao.html", "procedure.html", "roles/it.html"):
        assert (site / page).is_file(), page
    procedure = (site / "procedure.html").read_text(encoding="utf-8")
    assert "活动开始前 <strong>18 天</strong>" in procedure and "程序原文 §4.3 是 15 天" in procedure
    assert "元宵喜乐会" in (site / f"activities/{year}-02-20-yuanxiao.html").read_text(encoding="utf-8")
    assert "松涛苑" in (site / "index.html").read_text(encoding="utf-8")
