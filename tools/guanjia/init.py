"""A new project repository: settings, roster, site, workflows, CODEOWNERS, pull-request template.

The workflow files are rendered from one set of templates, for a new project (guanjia
installed from requirements.txt) and for this repository itself (installed from source).
"""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files

from . import __version__
from .models.common import ROLES
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
    """Every file of a new project. The names go into YAML as double-quoted text, so any name stays text."""

    def fill(text: str, quoted: bool) -> str:
        for key, value in (("__PROJECT__", project), ("__COMPANY__", company)):
            text = text.replace(key, json.dumps(value, ensure_ascii=False)[1:-1] if quoted else value)
        return text.replace("__TODAY__", today.isoformat()).replace("__VERSION__", __version__)

    out = {"guanjia.yml": "guanjia.yml", "records/roster.yaml": "roster.yaml", "mkdocs.yml": "mkdocs.yml",
           "docs/.gitkeep": "docs/gitkeep", ".gitignore": "gitignore", "requirements.txt": "requirements.txt",
           "README.md": "README.md"}
    rendered = {target: fill(_text("project", *source.split("/")), target.endswith((".yml", ".yaml")))
                for target, source in out.items()}
    rendered.update({f"schemas/{name}": text for name, text in render_schemas().items()})
    from .load import load_bytes
    from .validate import parse

    roster, _ = parse(load_bytes(rendered["records/roster.yaml"].encode("utf-8"), "roster.yaml"), Roster)
    rendered.update(github_files(PROJECT_INSTALL, roster, today))
    return rendered


def plan_year(today: date) -> int:
    """The year whose plan a new project writes first: this year's, or in December next year's."""
    return today.year + 1 if today.month == 12 else today.year


# CODEOWNERS, one source for the file and for the IT page (site/pages/roles/it.md fills in owners_table). The last
# matching pattern wins. Where two roles are listed, either one's approval satisfies the git host;
# guanjia approvals then requires each signer's own approving review (GJ-C021). Who may sign, and by
# which rules (the roster, the settings, the workflows), only the GM approves (GJ-C024 checks it too).
OWNERS = [
    (("gm", "manager"), "档案中其他的文件", ["/records/"]),
    (("gm", "manager"), "年度计划、策划表、评估表、改期与取消（项目总经理批准或决定）",
     ["/records/*/plan.yaml", "/records/*/changes.yaml", "/records/**/proposal.yaml", "/records/**/evaluation.yaml"]),
    (("manager", "gm"), "业主通知、五项检查、记录表、附件、更正记录（管家部经理审阅）",
     ["/records/**/notice.yaml", "/records/**/readiness.yaml", "/records/**/record.yaml", "/records/**/attachments/",
      "/records/**/amendments.yaml"]),
    (("gm",), "花名册、设置、检查流程和所装的 guanjia 版本（只有项目总经理：谁能签字、按什么规则签字）",
     ["/records/roster.yaml", "/guanjia.yml", "/.github/", "/requirements.txt"]),
]


def codeowners(roster: Roster | None, today: date) -> str:
    lines = ["# 由 guanjia codeowners 根据 records/roster.yaml 生成，请勿手改；花名册变动后重新生成。",
             "# 分支保护中开启“Require review from Code Owners”，这些文件的改动就必须经下列人员批准。", ""]
    for roles, what, patterns in OWNERS:
        people = [p for r in roles for p in (roster.people if roster else []) if p.holds(r, today)]
        logins = " ".join(dict.fromkeys(f"@{p.login}" for p in people if p.login))
        lines.append(f"# {what}")
        if not logins:
            lines.append("# （花名册中今天没有在岗且登记了 login 的" + "或".join(ROLES[r] for r in roles) + "）")
            continue
        lines += [f"{pattern} {logins}" for pattern in patterns]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def owners_table() -> str:
    """The CODEOWNERS rules as the Markdown table the IT page shows."""
    rows = ["| 文件 | 谁的批准才能合并（Code Owner） |", "|---|---|"]
    for roles, what, patterns in OWNERS:
        rows.append(f"| {what}：{'、'.join(f'`{p}`' for p in patterns)} | {'或'.join(ROLES[r] for r in roles)} |")
    return "\n".join(rows)
