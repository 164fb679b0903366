"""Everything the plugin adds to the site, as (path in the site, text or source file, in the nav)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..archive import Archive
from ..findings import Finding, Severity
from .activity import activity_page, attachment_src
from .calendar import calendar_index, month_page, months
from .context import PUBLISHED_FILES, Site
from .overview import home, plan_index, plan_page

ASSETS = Path(__file__).parent / "assets"


def stop_findings(archive: Archive) -> list[Finding]:
    """Errors that keep the site from being built: what ``guanjia validate`` calls errors."""
    from .. import rules

    found = archive.findings + rules.run(archive)
    return sorted((f for f in found if f.severity is Severity.ERROR), key=lambda f: (f.path, f.line, f.column))


def generate(site: Site) -> Iterator[tuple[str, str | Path, bool]]:
    yield "assets/guanjia.css", ASSETS / "guanjia.css", False
    yield "index.md", home(site), True
    yield "plan/index.md", plan_index(site), True
    for year in sorted(site.archive.years):
        yield site.plan_src(year), plan_page(site, year), False
    yield "calendar/index.md", calendar_index(site), True
    for year, month in months(site):
        yield site.month_src(year, month), month_page(site, year, month), False
    for t in site.timelines:
        yield site.activity_src(t), activity_page(site, t), False
        if t.activity and t.activity.record:
            for a in t.activity.record.attachments:
                path = t.activity.folder / a.path
                if path.suffix.lower() in PUBLISHED_FILES and path.is_file():
                    yield attachment_src(t, a.path), path, False
