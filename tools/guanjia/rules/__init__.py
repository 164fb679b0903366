"""Rules: pure functions of the archive (and policy, and today where time matters) → findings."""

from __future__ import annotations

from ..archive import Archive
from ..findings import Finding
from . import chain, deadlines, links, privacy, sequence, year


def run(archive: Archive) -> list[Finding]:
    """Every data-only rule over the whole archive (what ``validate`` reports)."""
    lines = deadlines.all_timelines(archive)  # the procedure's view, computed once for every rule
    return (links.check(archive) + chain.check(archive) + privacy.check(archive) + deadlines.late(archive, lines)
            + sequence.check(lines) + year.check(archive, lines))
