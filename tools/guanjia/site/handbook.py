"""The pages guanjia ships (the procedure, how to fill in and submit, one page per role), filled in from
each estate's guanjia.yml: its deadlines and how days are counted, departments, form codes, names and time
zone. They live in the package (``site/pages/``), so an upgrade updates every estate's site; an estate may
replace one by writing its own file at the same path in its ``docs/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from importlib.resources import files

from .. import __version__
from ..clock import CalendarError, Days, zone_name
from ..models.settings import Policy, Settings
from ..procedure import PLAN_STEPS, STEPS
from .html import WEEKDAYS
from .placeholders import fill

PAGES = files("guanjia") / "site" / "pages"

# The site's menu when mkdocs.yml has no ``nav``: the archive's pages (made by the plugin from records/),
# then the shipped pages. An estate's own pages in docs/ follow 关于本站, titled by their first heading.
NAV: list[tuple[str, str | list[tuple[str, str]]]] = [
    ("首页", "index.md"),
    ("年度计划", "plan/index.md"),
    ("活动日历", "calendar/index.md"),
    ("统计", "stats.md"),
    ("工作程序", "procedure.md"),
    ("填写与提交", [("如何提交年度计划", "plan-howto.md"), ("表单与字段", "documents.md"),
                ("业主个人信息", "privacy.md"), ("检查代码一览", "codes.md")]),
    ("审批与提交", [("管家部主任：填写策划表", "roles/director.md"), ("管家部经理：计划、复核与审核", "roles/manager.md"),
                ("项目总经理：批准与决定", "roles/gm.md"), ("管家：记录表和评估表", "roles/butler.md"),
                ("给 IT 同事：安装、仓库与平台设置", "roles/it.md")]),
    ("关于本站", [("关于本站", "about.md")]),
]
EXAMPLE_DAY = date(2026, 5, 31)  # the procedure page's worked example: a Sunday
_MARKDOWN = set("\\`*_{}[]<>&|~^")  # characters that could start Markdown or HTML inside a line


def shipped() -> list[str]:
    """Every shipped page, as its path in the site (``procedure.md``, ``roles/it.md``)."""
    out = []
    stack = [(PAGES, "")]
    while stack:
        node, prefix = stack.pop()
        for entry in node.iterdir():
            if entry.is_dir():
                stack.append((entry, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(".md"):
                out.append(prefix + entry.name)
    return sorted(out)


def render(src: str, settings: Settings, known: tuple[dict[str, str], dict[str, bool]] | None = None) -> str:
    """The shipped page ``src`` for a project with these settings (``known``: their fields, if already made)."""
    node = PAGES
    for part in src.split("/"):
        node = node / part
    values, flags = known or fields(settings)
    return fill(node.read_text(encoding="utf-8"), values, flags, f"guanjia/site/pages/{src}")


def pages(settings: Settings) -> Iterator[tuple[str, str]]:
    known = fields(settings)
    for src in shipped():
        yield src, render(src, settings, known)


def text(value: str) -> str:
    """Free text from the settings as Markdown shows it: one line, every character as it is."""
    return "".join(f"&#{ord(ch)};" if ch in _MARKDOWN else ch for ch in " ".join(str(value).split()))


def code(value: str) -> str:
    """Free text inside a command shown in a code block: one line, quoted when it holds a space or a quote."""
    value = " ".join(str(value).replace("`", "").replace('"', "").split())
    return f'"{value}"' if any(ch in value for ch in " '$;&|<>()") else value


def fields(settings: Settings) -> tuple[dict[str, str], dict[str, bool]]:
    """The names a shipped page may use, and its flags. Values are Markdown, ready to insert."""
    from ..init import owners_table

    policy, working = settings.policy, settings.policy.day_kind == "working"
    values = {"version": __version__, "project": text(settings.project), "company": text(settings.company),
              "code.project": code(settings.project), "code.company": code(settings.company),
              "zone": text(zone_name(settings.timezone)), "timezone": settings.timezone,
              "form.proposal": text(settings.form_codes.proposal), "form.record": text(settings.form_codes.record),
              "form.evaluation": text(settings.form_codes.evaluation),
              "departments": text("、".join(d.name + (f"（{'、'.join(d.aliases)}）" if d.aliases else "")
                                           for d in settings.departments)),
              "calendar_years": ("已登记 " + "、".join(f"{y} 年" for y in sorted(settings.calendar)) + "；其他年份用 chinese-calendar 的数据"
                                 if settings.calendar else "未登记：用 chinese-calendar 的数据"),
              "owners_table": owners_table(), "table.example": example_table(settings)}
    for name in Policy.model_fields:
        value = getattr(policy, name)
        values[f"policy.{name}"] = str(value).lower() if isinstance(value, bool) else str(value)
        if name.endswith(("_days", "_by")):
            values[f"due.{name}"] = _due(name, value, working)
    values.update(_bases(policy))
    return values, {"working": working}


def _due(name: str, value, working: bool) -> str:
    """A limit as the pages say it: 1 月 5 日, 15 天, 15 个工作日."""
    if name.endswith("_by"):
        month, day = (int(p) for p in value.split("-"))
        return f"{month} 月 {day} 日"
    return f"{value} 个工作日" if working else f"{value} 天"


def _bases(policy: Policy) -> dict[str, str]:
    """Where each limit comes from: the source procedure's number, or the company's own rule."""
    default = Policy()
    out = {}
    for step in [*PLAN_STEPS, *STEPS]:
        clause, name = step.clause.removesuffix("（公司规定）"), step.policy
        if "公司规定" in step.clause:
            out[f"basis.{name}"] = f"**公司规定**（{clause} 未给{'日期' if name.endswith('_by') else '天数'}）"
        elif getattr(policy, name) == getattr(default, name) and policy.day_kind == default.day_kind:
            out[f"basis.{name}"] = f"程序原文 {clause}"
        else:
            out[f"basis.{name}"] = f"**公司规定**（程序原文 {clause} 是 {_due(name, getattr(default, name), False)}）"
    return out


def example_table(settings: Settings) -> str:
    """Each step's last day for an activity on EXAMPLE_DAY, counted as this project counts days."""
    policy = settings.policy
    days = Days.of(settings)
    unit = "个工作日" if policy.day_kind == "working" else "天"
    rows = ["| 步骤 | 最晚日期 |", "|---|---|"]
    for step in STEPS:
        n = getattr(policy, step.policy)
        when = f"后 {n} {unit}内" if step.after else f"前 {n} {unit}"
        rule = "，公司规定" if "公司规定" in step.clause else ""
        try:
            due = step.due(EXAMPLE_DAY, policy, days)
            shown = f"{due.month} 月 {due.day} 日（周{WEEKDAYS[due.weekday()]}）"
        except CalendarError:
            shown = f"（工作日日历没有 {EXAMPLE_DAY.year} 年的放假安排，算不出）"
        rows.append(f"| {step.name}（{when}{rule}） | {shown} |")
    return "\n".join(rows)


def menu(own: list[str]) -> list:
    """The site's menu (MkDocs ``nav``): NAV, and the estate's own pages in docs/ at the end of 关于本站."""
    extra = sorted(set(own) - {src for _, src in _entries(NAV)})
    out: list = []
    for title, entry in NAV:
        if isinstance(entry, str):
            out.append({title: entry})
        else:
            out.append({title: [{t: s} for t, s in entry] + (extra if title == "关于本站" else [])})
    return out


def listed(nav) -> set[str]:
    """Every page a hand-written ``nav`` names."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(listed(v) for v in nav.values())) if nav else set()
    if isinstance(nav, list):
        return set().union(*(listed(v) for v in nav)) if nav else set()
    return set()


def _entries(nav) -> list[tuple[str, str]]:
    return [pair for title, entry in nav for pair in ([(title, entry)] if isinstance(entry, str) else entry)]
