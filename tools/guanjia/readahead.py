"""Reading the archive's documents ahead of the walk that links them, on two cores where there are two.

Only an optimisation: ``archive.build`` takes a document from here when it is here, and reads it
itself otherwise, so what is read ahead never changes what is found. Symbolic links and anything
that is not a regular file are left to the walk, which refuses them.
"""

from __future__ import annotations

import os
from pathlib import Path

from .load import Document, load_file
from .parallel import available, side_by_side

ENOUGH_TO_SHARE = 400  # below this many files, starting a second process costs more than it saves


def _documents(records: Path, shown: str) -> list[tuple[Path, str]]:
    """(path, shown) of each YAML file in a year folder or an activity folder."""
    found = []
    for year in _listing(records):
        if not (year.is_dir(follow_symlinks=False) and year.name.isdigit()):
            continue
        for entry in _listing(Path(year.path)):
            if entry.is_dir(follow_symlinks=False):
                found += [(Path(doc.path), f"{shown}/{year.name}/{entry.name}/{doc.name}")
                          for doc in _listing(Path(entry.path))
                          if doc.name.endswith(".yaml") and doc.is_file(follow_symlinks=False)]
            elif entry.name.endswith(".yaml") and entry.is_file(follow_symlinks=False):
                found.append((Path(entry.path), f"{shown}/{year.name}/{entry.name}"))
    return found


def _listing(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _load_all(jobs: list[tuple[Path, str]]) -> list[Document]:
    return [load_file(path, shown) for path, shown in jobs]


def read_ahead(records: Path, shown: str) -> dict[str, Document]:
    """Documents under ``records`` by their shown path; ``shown`` is how ``records`` itself is shown."""
    if not available():
        return {}  # one process: the walk reads each file as it goes
    jobs = _documents(records, shown)
    if len(jobs) < ENOUGH_TO_SHARE:
        return {}
    half = len(jobs) // 2
    mine, theirs = side_by_side(lambda: _load_all(jobs[:half]), lambda: _load_all(jobs[half:]))
    return {doc.shown: doc for doc in mine + theirs}
