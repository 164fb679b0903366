"""The archive view: walks ``records/`` once and links plan items → activity folders → documents.

Everything after this (rules, site, commands) reads the ``Archive``; nothing else walks files.
"""

from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .files import DIRECTORY, entry_kind, refused
from .findings import Finding, Severity, rel
from .load import Document, load_file
from .models import Amendments, Changes, Evaluation, Notice, Plan, Proposal, Readiness, Record, Roster, Settings
from .names import listing_findings, visible
from .readahead import read_ahead
from .validate import parse

SETTINGS_FILE = "guanjia.yml"
RECORDS = "records"
ACTIVITY_DOCS = {"proposal": Proposal, "notice": Notice, "readiness": Readiness, "record": Record,
                 "evaluation": Evaluation, "amendments": Amendments}
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
    amendments: Amendments | None = None
    files: dict[str, str | None] = field(default_factory=dict)  # what lies under attachments/: see _attached_files


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
    _ahead: dict[str, Document] = field(default_factory=dict, repr=False)  # read ahead, taken while building

    def activities(self):
        for year in sorted(self.years):
            yield from self.years[year].activities


def load_settings(root: Path) -> tuple[Settings, Document | None, list[Finding]]:
    """``guanjia.yml`` or, when there is none, the shipped defaults."""
    path = root / SETTINGS_FILE
    if not os.path.lexists(path):
        return Settings(), None, []
    doc = load_file(path, rel(path, root))
    if not doc.ok:
        return Settings(), doc, doc.findings
    if doc.data is None:
        return Settings(), doc, []
    settings, problems = parse(doc, Settings)
    return settings or Settings(), doc, problems


@contextmanager
def _no_cycle_collection():
    """Reading builds a large tree without reference cycles; the cycle collector would rescan it
    over and over as it grows (a third of the time for 10,000 files). So it is off while reading.
    Then what was read goes straight to the oldest generation (``freeze`` then ``unfreeze``), so the
    next young collection does not scan it all once more; nothing stays frozen, so a long-running
    ``mkdocs serve`` still collects old builds. Reference counting frees the tree as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def build(root: Path) -> Archive:
    """Read every file under ``records/`` once; bad files become findings, never exceptions."""
    with _no_cycle_collection():
        return _build(root)


def _build(root: Path) -> Archive:
    settings, settings_doc, problems = load_settings(root)
    archive = Archive(root=root, settings=settings, settings_doc=settings_doc, findings=list(problems))
    archive.files += settings_doc is not None
    if settings_doc is None:
        for wrong in ("guanjia.yaml", "guanjia.yml.txt", "Guanjia.yml", "guanjia.YML"):
            if (root / wrong).exists():
                _stray(archive, root / wrong, f"设置文件应命名为 {SETTINGS_FILE}；现在使用的是默认设置", "guanjia.yml")
    records = root / RECORDS
    if records.is_symlink():  # the archive must be this repository's own files, as everywhere below
        archive.findings.append(Finding(RECORDS, 0, 0, "GJ-A025", "records/ 是符号链接；档案里只能放真实的文件和目录。",
                                        "把链接指向的内容复制进来，再删除链接。"))
        return archive
    archive._ahead = read_ahead(records, rel(records, root))
    archive.roster_doc, archive.roster = _load(archive, records / "roster.yaml", Roster)
    for entry, listed in _entries(archive, records, {"roster.yaml"}):
        if listed.is_dir() and re.fullmatch(r"\d{4}", entry.name):
            archive.years[int(entry.name)] = _load_year(archive, entry)
        else:
            year = re.search(r"(20\d\d)", entry.name)
            _stray(archive, entry, "records/ 下只放 roster.yaml 和年度目录（例如 2026/）",
                   year.group(1) if listed.is_dir() and year else "roster.yaml" if entry.name.lower().startswith("roster")
                   else None)
    archive._ahead.clear()
    return archive


def _entries(archive: Archive, folder: Path, known: set[str]):
    """(path, directory entry) for the entries of ``folder`` worth looking at, in name order.

    Symbolic links are refused (the archive must be real files). ``scandir`` knows each entry's
    type from the directory listing, so this costs no extra system call per file.
    """
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    archive.findings += listing_findings(rel(folder, archive.root), [e.name for e in entries])
    for entry in entries:
        if entry.name.startswith(".") or entry.name in known:
            continue
        path = folder / entry.name
        if entry.is_symlink():
            archive.findings.append(Finding(rel(path, archive.root), 0, 0, "GJ-A025",
                                            f"“{visible(entry.name)}”是符号链接；档案里只能放真实的文件和目录。",
                                            "把链接指向的内容复制进来，再删除链接。"))
            continue
        kind = entry_kind(entry)
        if kind not in (None, DIRECTORY):  # a named pipe, socket or device: never opened
            archive.findings.append(refused(rel(path, archive.root), kind))
            continue
        yield path, entry


def _load(archive: Archive, path: Path, model, shown: str | None = None):
    """Read and type one document; ``shown`` is given when a directory listing has just found it."""
    listed = shown is not None
    shown = shown or rel(path, archive.root)
    if not listed and not os.path.lexists(path):
        archive.findings.append(Finding(shown, 0, 0, "GJ-A000", f"缺少文件 {shown}。",
                                        "运行 guanjia new 生成模板，或从示例项目复制。"))
        return None, None
    if not listed and path.is_symlink():
        archive.findings.append(Finding(shown, 0, 0, "GJ-A025", f"“{path.name}”是符号链接；档案里只能放真实的文件。",
                                        "把链接指向的文件复制进来，再删除链接。"))
        return None, None
    doc = archive._ahead.pop(shown, None)
    if doc is None or doc.path != path:
        doc = load_file(path, shown)
    archive.files += 1
    archive.findings.extend(doc.notes)
    if not doc.ok:
        archive.findings.extend(doc.findings)
        return doc, None
    instance, problems = parse(doc, model)
    archive.findings.extend(problems)
    return doc, instance


def _load_year(archive: Archive, folder: Path) -> Year:
    year = Year(int(folder.name))
    year.plan_doc, year.plan = _load(archive, folder / "plan.yaml", Plan)
    if os.path.lexists(folder / "changes.yaml"):
        year.changes_doc, changes = _load(archive, folder / "changes.yaml", Changes)
        year.changes = changes or Changes()
    for entry, listed in _entries(archive, folder, {"plan.yaml", "changes.yaml"}):
        if entry.name == "attachments" and listed.is_dir():
            continue  # scans of the plan's and the decisions' paper signatures (see Signoff.paper)
        if listed.is_dir():
            year.activities.append(_load_activity(archive, entry))
            continue
        lower = entry.name.lower()
        guess = "plan.yaml" if lower.startswith("plan") else "changes.yaml" if lower.startswith("change") else None
        _stray(archive, entry, f"{folder.name}/ 下只放 plan.yaml、changes.yaml 和活动目录（例如 {folder.name}-03-12-zhishujie/）",
               guess)
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
    slug = m.group(2) if m else re.sub(r"^[\d年月日._ -]*", "", folder.name) or folder.name
    activity = Activity(id=folder.name, folder=folder, shown=shown, folder_date=folder_date, slug=slug)
    for entry, listed in _entries(archive, folder, set()):
        if entry.name == "attachments" and listed.is_dir():
            activity.files = _attached_files(entry)
            continue
        stem = entry.name.split(".", 1)[0]
        if entry.name == f"{stem}.yaml" and stem in ACTIVITY_DOCS and listed.is_file():  # exactly: proposal.v2.yaml is not it
            doc, instance = _load(archive, entry, ACTIVITY_DOCS[stem], f"{shown}/{entry.name}")
            activity.docs[stem] = doc
            setattr(activity, stem, instance)
        else:
            guess = next((k for k in ACTIVITY_DOCS if stem.lower() == k or stem in DOC_NAMES_ZH.get(k, ())), None)
            _stray(archive, entry, "活动目录里只放 " + "、".join(f"{k}.yaml" for k in ACTIVITY_DOCS) + " 和 attachments/",
                   f"{guess}.yaml" if guess else None)
    if not m:
        day = activity.proposal.when.date if activity.proposal else "活动日期"
        archive.findings.append(Finding(shown, 0, 0, "GJ-A017", f"活动目录名“{folder.name}”格式不对。",
                                        f"目录名应是“活动日期-计划编号”：请改名为 {day}-{slug}（例如 2026-03-12-zhishujie）。"))
    return activity


def _attached_files(folder: Path) -> dict[str, str | None]:
    """Everything under an activity's attachments/, by its path from the activity folder ("attachments/合影.png"):
    None for a regular file, otherwise what it is ("目录", "符号链接", "命名管道（FIFO）"…). Links are not followed."""
    found: dict[str, str | None] = {}
    stack = [(folder.name, folder)]
    while stack:
        prefix, here = stack.pop()
        try:
            with os.scandir(here) as listing:
                entries = list(listing)
        except OSError:  # unreadable: what it holds cannot be judged here (git would not see it either)
            continue
        for entry in entries:
            path = f"{prefix}/{entry.name}"
            found[path] = entry_kind(entry)
            if found[path] == DIRECTORY:
                stack.append((path, Path(entry.path)))
    return dict(sorted(found.items()))


DOC_NAMES_ZH = {"proposal": ("策划表", "客户活动策划表"), "record": ("记录表", "客户活动记录表"),
                "evaluation": ("评估表", "客户活动评估表"), "notice": ("通知", "业主通知", "邀请函"),
                "readiness": ("准备情况", "准备情况检查")}
YAMLISH = (".yaml", ".yml", ".yaml.txt", ".yml.txt", ".json")


def _stray(archive: Archive, entry: Path, hint: str, rename: str | None = None) -> None:
    """An entry guanjia does not read. A document under the wrong name is an error: it is not checked."""
    shown = rel(entry, archive.root)
    document = rename or entry.is_dir() or entry.name.lower().endswith(YAMLISH)
    if document:
        what = "目录" if entry.is_dir() else "文件"
        archive.findings.append(Finding(shown, 0, 0, "GJ-A015", f"{what}“{entry.name}”的名字不对，guanjia 没有检查它。",
                                        f"请改名为 {rename}。" if rename else hint))
    else:
        archive.findings.append(Finding(shown, 0, 0, "GJ-A023", f"不认识的文件“{entry.name}”，guanjia 不会读取它。",
                                        hint + "（照片等附件请放在活动目录的 attachments/ 下）", Severity.WARNING))
