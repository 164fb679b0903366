"""Rules: pure functions of the archive (and policy, and today where time matters) → findings."""

from __future__ import annotations

from datetime import date

from ..archive import Archive
from ..findings import Finding
from ..parallel import side_by_side
from . import attached, chain, deadlines, links, paper, privacy, sequence, year


def run(archive: Archive, today: date) -> list[Finding]:
    """Every data-only rule over the whole archive (what ``validate`` reports), as of ``today`` (China's date).

    On a large archive the per-document rules (digests, personal data in documents) take about as
    long as the rest (links across files, deadlines, attachments), so the two halves run side by
    side where there are two cores.
    """

    def across():
        lines = deadlines.all_timelines(archive)  # the procedure's view, computed once for every rule
        return (links.check(archive) + attached.check(archive) + deadlines.late(archive, lines) + sequence.check(lines)
                + year.check(archive, lines) + privacy.check_attachments(archive))

    def each():
        return chain.check(archive, today) + paper.check(archive) + privacy.check_documents(archive)

    second, first = side_by_side(each, across)
    return first + second
