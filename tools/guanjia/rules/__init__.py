"""Rules: pure functions of the archive (and later policy and today) → findings."""

from __future__ import annotations

from ..archive import Archive
from ..findings import Finding
from . import links


def run(archive: Archive) -> list[Finding]:
    """Every rule over the whole archive."""
    return links.check(archive)
