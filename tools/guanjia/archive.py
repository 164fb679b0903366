"""The archive view: walks ``records/`` once and links plan items → activity folders → documents.

Everything after this (rules, site, commands) reads the ``Archive``; nothing else walks files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .findings import Finding, Severity, rel
from .load import Document, load_file
from .models import Changes, Evaluation, Notice, Plan, Proposal, Readiness, Record, Roster, Settings
from .validate import parse

SETTINGS_FILE = "guanjia.yml"
RECORDS = "records"
ACTIVITY_DOCS = {"proposal": Proposal, "notice": Notice, "readiness": Readiness, "record": Record,
                 "evaluation": Evaluation}
FOLDER_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9][a-z0-9-]*)$")


@dataclass
class Activity:
    """One activity folder, e.g. ``records/2026/2026-03-12-zhishujie/``."""

    id: str
    folder: Path
    shown: str
    folder_date: date | None
    slug: str
    docs: dict[str, Document] = field(default_factory=dict)
    proposal: Proposal | None = None
    notice: Notice | None = None
    readiness: Readiness | None = None
    record: Record | None = None
    evaluation: Evaluation | None = None



@dataclass
class Year:
    year: int
    plan_doc: Document | None = None
    plan: Plan | None = None
    changes_doc: Document | None = None
    changes: Changes = field(default_factory=Changes)
    activities: list[Activity] = field(default_factory=list)

    def activity_for(self, item_id: str) -> Activity | None:
        return next((a for a in self.activities if a.slug == item_id), None)


@dataclass
class Archive:
    root: Path
    settings: Settings
    settings_doc: Document | None = None
    roster: Roster | None = None
    roster_doc: Document | None = None
    years: dict[int, Year] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    def activities(self):
        for year in sorted(self.years):
            yield from self.years[year].activities


def load_settings(root: Path) -> tuple[Settings, Document | None, list[Finding]]:
    """``guanjia.yml`` or, when there is none, the shipped defaults."""
    path = root / SETTINGS_FILE
    if not path.exists():
        return Settings(), None, []
    doc = load_file(path, rel(path, root))
    if not doc.ok:
        return Settings(), doc, doc.findings
    if doc.data is None:
        return Settings(), doc, []
    settings, problems = parse(doc, Settings)
    return settings or Settings(), doc, problems


def build(root: Path) -> Archive:
    """Read every file under ``records/`` once; bad files become findings, never exceptions."""
    settings, settings_doc, problems = load_settings(root)
    archive = Archive(root=root, settings=settings, settings_doc=settings_doc, findings=list(problems))
    archive.files += settings_doc is not None
    records = root / RECORDS
    if not records.is_dir():
        archive.findings.append(Finding(RECORDS, 0, 0, "GJ-A000", "找不到 records/ 目录。",
                                        "在项目根目录运行，或用 --root 指定项目目录。"))
        return archive
    archive.roster_doc, archive.roster = _load(archive, records / "roster.yaml", Roster)
    for entry in sorted(records.iterdir()):
        if entry.name.startswith(".") or entry.name == "roster.yaml":
            continue
        if entry.is_dir() and re.fullmatch(r"\d{4}", entry.name):
            archive.years[int(entry.name)] = _load_year(archive, entry)
        else:
            _stray(archive, entry, "records/ 下只放 roster.yaml 和年度目录（例如 2026/）")
    return archive


def _load(archive: Archive, path: Path, model):
    shown = rel(path, archive.root)
    if not path.exists():
        archive.findings.append(Finding(shown, 0, 0, "GJ-A000", f"缺少文件 {shown}。",
                                        "运行 guanjia new 生成模板，或从示例项目复制。"))
        return None, None
    doc = load_file(path, shown)
    archive.files += 1
    if not doc.ok:
        archive.findings.extend(doc.findings)
        return doc, None
    instance, problems = parse(doc, model)
    archive.findings.extend(problems)
    return doc, instance


def _load_year(archive: Archive, folder: Path) -> Year:
    year = Year(int(folder.name))
    year.plan_doc, year.plan = _load(archive, folder / "plan.yaml", Plan)
    if (folder / "changes.yaml").exists():
        year.changes_doc, changes = _load(archive, folder / "changes.yaml", Changes)
        year.changes = changes or Changes()
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name in ("plan.yaml", "changes.yaml"):
            continue
        if not entry.is_dir():
            _stray(archive, entry, f"{folder.name}/ 下只放 plan.yaml、changes.yaml 和活动目录（例如 {folder.name}-03-12-zhishujie/）")
            continue
        year.activities.append(_load_activity(archive, entry))
    return year


def _load_activity(archive: Archive, folder: Path) -> Activity:
    shown = rel(folder, archive.root)
    m = FOLDER_NAME.match(folder.name)
    folder_date = None
    if m:
        try:
            folder_date = date.fromisoformat(m.group(1))
        except ValueError:
            m = None
    if not m:
        archive.findings.append(Finding(shown, 0, 0, "GJ-A017", f"活动目录名“{folder.name}”格式不对。",
                                        "目录名应是“活动日期-计划编号”，例如 2026-03-12-zhishujie。"))
    activity = Activity(id=folder.name, folder=folder, shown=shown, folder_date=folder_date,
                        slug=m.group(2) if m else folder.name)
    for entry in sorted(folder.iterdir()):
        stem = entry.name.rsplit(".", 1)[0]
        if entry.name.startswith(".") or (entry.is_dir() and entry.name == "attachments"):
            continue
        if entry.is_file() and entry.name.endswith(".yaml") and stem in ACTIVITY_DOCS:
            doc, instance = _load(archive, entry, ACTIVITY_DOCS[stem])
            activity.docs[stem] = doc
            setattr(activity, stem, instance)
        elif entry.suffix in (".yml", ".YAML", ".Yaml") and stem in ACTIVITY_DOCS:
            _stray(archive, entry, f"文件名请用 {stem}.yaml（扩展名 .yaml）")
        else:
            _stray(archive, entry, "活动目录里只放 " + "、".join(f"{k}.yaml" for k in ACTIVITY_DOCS) + " 和 attachments/")
    return activity


def _stray(archive: Archive, entry: Path, hint: str) -> None:
    archive.findings.append(Finding(rel(entry, archive.root), 0, 0, "GJ-A015",
                                    f"不认识的文件或目录“{entry.name}”，guanjia 不会读取它。", hint, Severity.WARNING))
