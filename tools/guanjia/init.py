"""A new project repository: settings, roster, site, workflows, CODEOWNERS, pull-request template.

The workflow files are rendered from one set of templates, for a new project (guanjia
installed from requirements.txt) and for this repository itself (installed from source).
"""

from __future__ import annotations

from datetime import date
from importlib.resources import files

from . import __version__
from .models.roster import Roster
from .schema import render as render_schemas

TEMPLATES = files("guanjia") / "templates"
PROJECT_INSTALL = "pip install -r requirements.txt"
SOURCE_INSTALL = "pip install -e ."


def _text(*parts: str) -> str:
    node = TEMPLATES
    for part in parts:
        node = node / part
    return node.read_text(encoding="utf-8")


def workflows(install: str) -> dict[str, str]:
    """``.github/workflows/<name>`` → text."""
    folder = TEMPLATES / "workflows"
    return {f".github/workflows/{entry.name}": entry.read_text(encoding="utf-8").replace("__INSTALL__", install)
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".yml")}


def github_files(install: str, roster: Roster | None, today: date) -> dict[str, str]:
    out = workflows(install)
    out[".github/pull_request_template.md"] = _text("pull_request_template.md")
    out[".github/CODEOWNERS"] = codeowners(roster, today)
    return out


def project_files(project: str, company: str, today: date) -> dict[str, str]:
    def fill(text: str) -> str:
        return (text.replace("__PROJECT__", project).replace("__COMPANY__", company)
                .replace("__TODAY__", today.isoformat()).replace("__VERSION__", __version__))

    out = {"guanjia.yml": "guanjia.yml", "records/roster.yaml": "roster.yaml", "mkdocs.yml": "mkdocs.yml",
           "docs/index.md": "docs/index.md", ".gitignore": "gitignore", "requirements.txt": "requirements.txt",
           "README.md": "README.md"}
    rendered = {target: fill(_text("project", *source.split("/"))) for target, source in out.items()}
    rendered.update({f"schemas/{name}": text for name, text in render_schemas().items()})
    from .load import load_bytes
    from .validate import parse

    roster, _ = parse(load_bytes(rendered["records/roster.yaml"].encode("utf-8"), "roster.yaml"), Roster)
    rendered.update(github_files(PROJECT_INSTALL, roster, today))
    return rendered


# CODEOWNERS: the last matching pattern wins. The GM approves what the procedure has the GM
# approve (plan, proposals, evaluations, changes) and the project's own rules; the manager
# reviews the documents of the activity itself.
OWNERS = [
    ("gm", "项目总经理批准：年度计划、策划表、评估表、改期与取消；花名册、设置和检查流程",
     ["/records/", "/guanjia.yml", "/.github/", "/records/*/plan.yaml", "/records/*/changes.yaml",
      "/records/**/proposal.yaml", "/records/**/evaluation.yaml"]),
    ("manager", "管家部经理复核：业主通知、准备情况检查、记录表和附件",
     ["/records/**/notice.yaml", "/records/**/readiness.yaml", "/records/**/record.yaml",
      "/records/**/attachments/"]),
]


def codeowners(roster: Roster | None, today: date) -> str:
    lines = ["# 由 guanjia codeowners 根据 records/roster.yaml 生成，请勿手改；花名册变动后重新生成。",
             "# 分支保护中开启“Require review from Code Owners”，这些文件的改动就必须经下列人员批准。", ""]
    for role, why, patterns in OWNERS:
        # the other signer is listed too: nobody can approve their own pull request on GitHub;
        # who must approve which signoff is checked by guanjia approvals (GJ-C021)
        second = "manager" if role == "gm" else "gm"
        people = [p for r in (role, second) for p in (roster.people if roster else []) if p.holds(r, today)]
        logins = " ".join(dict.fromkeys(f"@{p.login}" for p in people if p.login))
        lines.append(f"# {why}")
        if not logins:
            lines.append("# （花名册中今天没有在岗且登记了 login 的项目总经理或管家部经理）")
            continue
        lines += [f"{pattern} {logins}" for pattern in patterns]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
