"""What every generated page needs: the archive, its timelines as of the build day, and URLs."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date

from ..archive import Archive
from ..models.common import ROLES
from ..procedure import Timeline
from ..rules.deadlines import all_timelines

PUBLISHED_MEDIA = {".jpg", ".jpeg", ".png", ".gif", ".webp"}  # images shown in galleries
TEXT_FILES = {".txt"}  # shown as pages, decoded by textfile.read_text (what the privacy gate checked)
PUBLISHED_FILES = PUBLISHED_MEDIA | {".pdf", ".mp3", ".m4a", ".wav", ".mp4", ".mov", ".webm"}


@dataclass
class Site:
    archive: Archive
    today: date
    directory_urls: bool
    timelines: list[Timeline] = field(default_factory=list)
    # a published photo's src → (its thumbnail's src, the original's size in bytes); see build._thumbnail
    thumbnails: dict[str, tuple[str, int]] = field(default_factory=dict)

    def __post_init__(self):
        self.timelines = all_timelines(self.archive, self.today)

    # ------------------------------------------------------------ names
    def person(self, person_id: str | None) -> str:
        roster = self.archive.roster
        person = roster.get(person_id) if roster and person_id else None
        return person.name if person else (person_id or "")

    @staticmethod
    def role(role: str) -> str:
        return ROLES.get(role, role)

    @property
    def settings(self):
        return self.archive.settings

    # ------------------------------------------------------------ where pages live (src paths)
    @staticmethod
    def activity_src(t: Timeline) -> str:
        return f"activities/{t.activity.id if t.activity else f'{t.year}-{t.slug}'}.md"

    @staticmethod
    def month_src(year: int, month: int) -> str:
        return f"calendar/{year}-{month:02d}.md"

    @staticmethod
    def plan_src(year: int) -> str:
        return f"plan/{year}.md"

    def dest(self, src: str) -> str:
        if not src.endswith(".md"):
            return src
        stem = src[:-3]
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def href(self, from_src: str, to_src: str) -> str:
        """A relative URL from one generated page to another file of the site."""
        here = self.dest(from_src)
        base = here if here.endswith("/") or here == "" else posixpath.dirname(here)
        target = self.dest(to_src)
        rel = posixpath.relpath(target or ".", base or ".")
        if target.endswith("/") and not rel.endswith("/"):
            rel += "/"
        return rel
