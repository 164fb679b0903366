"""Every signoff in the archive, of every kind, with the content it must be bound to.

One walk, used by every check of signoffs (digest and order in ``rules.chain``, role on the date
in ``rules.links``, the committing signer in ``history``, the reviewer on the host in ``github``),
so that a late note, a change decision or an amendment is verified exactly like a proposal's
approval. ``raw_idents`` reads the same signoffs from any version of any file in git.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .archive import Archive
from .load import Document
from .models.common import ROLES, Signoff
from .procedure import AMENDMENT_SIGNERS, CHANGE_SIGNERS, LATE_SIGNERS
from .signing import STEP_ZH, amendment_digest, change_digest, digest, late_digest, steps_of

DOC_ZH = {"plan": "年度计划", "proposal": "策划表", "notice": "业主通知", "readiness": "准备情况检查",
           "record": "记录表", "evaluation": "评估表", "changes": "改期与取消", "amendments": "更正记录"}


@dataclass(frozen=True)
class Signed:
    """One signoff block: who signed what, where it stands, and what it must be bound to."""

    kind: str  # plan, proposal, notice, readiness, record, evaluation, changes, amendments
    doc: Document
    key: tuple  # the block in the file: ("approved",), ("late", 0, "approved"), ("changes", 1, "decided") …
    slot: str  # what is signed: a step ("approved"), "late:<step>", "decided" or "amendment"
    roles: tuple[str, ...]
    signoff: Signoff
    expected: str  # the digest of the content as it is now
    folder: Path | None = None  # the activity folder (amendments: the files they correct are there)

    @property
    def name(self) -> str:
        """The signoff as a person reads it: “批准”, “逾期说明（批准）”, “改期与取消决定”, “更正”."""
        if self.slot.startswith("late:"):
            return f"逾期说明（{STEP_ZH[self.slot[5:]]}）"
        return {"decided": "改期与取消决定", "amendment": "更正"}.get(self.slot) or STEP_ZH[self.slot]

    @property
    def who(self) -> str:
        return "或".join(ROLES[r] for r in self.roles)

    @property
    def ident(self) -> tuple:
        """What identifies this signoff in any version of any file (see ``raw_idents``)."""
        return _ident(self.kind, self.slot, self.signoff.by, self.signoff.date.isoformat(), self.signoff.digest)

    @property
    def is_step(self) -> bool:
        return self.slot in STEP_ZH


def _ident(kind, slot, by, day, digest_) -> tuple:
    """The same values the models read: text with surrounding white space (any kind) removed."""
    return (kind, slot, str(by).strip(), str(day).strip(), str(digest_).strip() if digest_ is not None else None)


def documents(archive: Archive) -> Iterator[tuple[str, Document, object, Path | None]]:
    """(kind, document, model instance, activity folder) of every readable signed document."""
    for year in archive.years.values():
        if year.plan:
            yield "plan", year.plan_doc, year.plan, None
        if year.changes_doc is not None and year.changes_doc.ok:
            yield "changes", year.changes_doc, year.changes, None
        for activity in year.activities:
            for kind, doc in activity.docs.items():
                instance = getattr(activity, kind)
                if instance is not None:
                    yield kind, doc, instance, activity.folder


def of_document(kind: str, doc: Document, instance, folder: Path | None = None) -> Iterator[Signed]:
    """The signoffs in one document, steps first (in procedure order), then its signed entries."""
    if kind == "changes":
        for i, change in enumerate(instance.changes):
            if change.decided:
                yield Signed(kind, doc, ("changes", i, "decided"), "decided", CHANGE_SIGNERS, change.decided,
                             change_digest(change))
        return
    if kind == "amendments":
        for i, entry in enumerate(instance.amendments):
            if entry.approved:
                yield Signed(kind, doc, ("amendments", i, "approved"), "amendment", AMENDMENT_SIGNERS, entry.approved,
                             amendment_digest(entry, folder), folder)
        return
    current = digest(instance)
    for step, roles in steps_of(kind).items():
        signoff = getattr(instance, step, None)
        if signoff is not None:
            yield Signed(kind, doc, (step,), step, roles, signoff, current, folder)
    for i, late in enumerate(instance.late):
        if late.approved:
            yield Signed(kind, doc, ("late", i, "approved"), f"late:{late.step}", LATE_SIGNERS, late.approved,
                         late_digest(instance, late.step, late.reason), folder)


def every(archive: Archive) -> Iterator[Signed]:
    """Every signoff in the archive."""
    for kind, doc, instance, folder in documents(archive):
        yield from of_document(kind, doc, instance, folder)


def raw_idents(kind: str, data) -> list[tuple]:
    """The idents of the signoffs in plain data read from a file of ``kind`` (any version, any path)."""
    if not isinstance(data, dict):
        return []
    found = []

    def add(slot, block):
        if isinstance(block, dict) and "by" in block and "date" in block:
            found.append(_ident(kind, slot, block["by"], block["date"], block.get("digest")))

    lists = {"changes": ("changes", "decided", "decided"), "amendments": ("amendments", "approved", "amendment")}
    if kind in lists:
        field, block, slot = lists[kind]
        entries = data.get(field)
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict):
                add(slot, entry.get(block))
        return found
    for step in steps_of(kind):
        add(step, data.get(step))
    late = data.get("late")
    for entry in late if isinstance(late, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("step"), str):
            add(f"late:{entry['step']}", entry.get("approved"))
    return found


def kind_of(path: str) -> str | None:
    """The kind of a file from its path inside ``records/``: ``2026/plan.yaml`` → plan."""
    parts = path.split("/")
    if len(parts) == 2 and parts[1] in ("plan.yaml", "changes.yaml"):
        return parts[1][:-5]
    if len(parts) == 3 and parts[2].endswith(".yaml") and parts[2][:-5] in ACTIVITY_KINDS:
        return parts[2][:-5]
    return None


ACTIVITY_KINDS = ("proposal", "notice", "readiness", "record", "evaluation", "amendments")
