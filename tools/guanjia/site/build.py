"""Everything the plugin adds to the site, as (path in the site, text or source file, in the nav)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .. import attachments
from ..archive import Archive
from ..findings import Finding, Severity
from ..textfile import read_text
from . import forms, ics, thumbs
from .activity import activity_page, attachment_src, text_page, text_page_src
from .calendar import calendar_index, month_page, months
from .context import PUBLISHED_FILES, PUBLISHED_MEDIA, TEXT_FILES, Site
from .overview import home, plan_index, plan_page
from .stats import stats_page

ASSETS = Path(__file__).parent / "assets"


def stop_findings(archive: Archive) -> list[Finding]:
    """Errors that keep the site from being built: what ``guanjia validate`` calls errors (as of the real
    date in China, whatever day the pages are shown as of)."""
    from .. import rules
    from ..clock import today_in

    found = archive.findings + rules.run(archive, today_in(archive.settings.timezone))
    return sorted((f for f in found if f.severity is Severity.ERROR), key=lambda f: (f.path, f.line, f.column))


def generate(site: Site) -> Iterator[tuple[str, str | bytes | Path, bool]]:
    yield "assets/guanjia.css", ASSETS / "guanjia.css", False
    yield "assets/guanjia.js", ASSETS / "guanjia.js", False
    yield "index.md", home(site), True
    yield "plan/index.md", plan_index(site), True
    for year in sorted(site.archive.years):
        yield site.plan_src(year), plan_page(site, year), False
    yield "stats.md", stats_page(site), True
    yield "calendar/index.md", calendar_index(site), True
    yield "calendar/activities.ics", ics.activities(site), False
    yield "calendar/deadlines.ics", ics.deadlines(site), False
    for year, month in months(site):
        yield site.month_src(year, month), month_page(site, year, month), False
    for t in site.timelines:
        attached = list(_attached(site, t))  # first: the activity page shows the photos' thumbnails
        yield site.activity_src(t), activity_page(site, t), False
        a = t.activity
        if a and a.proposal:
            yield f"print/{a.id}-b54.md", forms.b54(site, t), False
            if t.state("proposal_approved").done:
                yield f"print/{a.id}-notice.md", forms.poster(site, t), False
        if a and a.record:
            yield f"print/{a.id}-b55.md", forms.b55(site, t), False
        if a and a.evaluation and a.proposal:
            yield f"print/{a.id}-b56.md", forms.b56(site, t), False
        yield from attached


def _attached(site: Site, t) -> Iterator[tuple[str, str | bytes | Path, bool]]:
    """The activity's published files: media as they are, text as pages. Each file once."""
    a = t.activity
    if a is None:
        return
    published: set[str] = set()
    for entry in attachments.of(a):
        file = attachments.locate(entry).file if entry.path and entry.path not in published else None
        if file is None:
            continue
        published.add(entry.path)
        if file.suffix.lower() in TEXT_FILES:
            text = read_text(file)  # what the privacy gate checked; a text it refused is not published
            if isinstance(text, str):
                yield text_page_src(t, entry.path), text_page(site, t, entry.path, text), False
        elif file.suffix.lower() in PUBLISHED_FILES:
            yield attachment_src(t, entry.path), file, False
            if file.suffix.lower() in PUBLISHED_MEDIA:
                yield from _thumbnail(site, attachment_src(t, entry.path), file)


def _thumbnail(site: Site, src: str, file: Path) -> Iterator[tuple[str, str | bytes | Path, bool]]:
    """A large photo's thumbnail, published once under its content's name however many records show it."""
    made = thumbs.thumbnail(file)
    if made is None:
        return
    name, content = made
    thumb = f"thumbs/{name}"
    if all(shown != thumb for shown, _ in site.thumbnails.values()):
        yield thumb, content, False
    site.thumbnails[src] = (thumb, file.stat().st_size)
