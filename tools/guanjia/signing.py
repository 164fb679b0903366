"""Signoffs bound to content: the digest of what a signer approved.

Two files that say the same thing have the same digest, whatever their comments, quoting,
key order or line ends; change one value and every signoff on it is stale. Each value has one
spelling in the models' JSON form (amounts normalised, 2800 = 2800.00; times as HH:MM; dates
ISO; an attachment's kind in English, 照片 = photo), and that form is what is hashed.

Every kind of signoff is bound to what its signer approved:
- a step of a document (编制, 上报, 复核, 批准): the document without its signoffs and late notes;
- a late-step exception (逾期说明): the document, the late step and the reason;
- a change decision (改期与取消): the decision without its signoff;
- an amendment (更正): the entry without its signoff, and the bytes of every file it corrects as
  they are after the correction.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel

from .files import sha256_of
from .models.common import STEP_TITLES
from .procedure import SIGNERS

STEPS = tuple(STEP_TITLES)  # every signoff block of a document, in procedure order
STEP_ZH = STEP_TITLES
ORDER = {step: i for i, step in enumerate(STEPS)}


def _hash(content) -> str:
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest(document: BaseModel) -> str:
    """``sha256:…`` of the document's content without its signoffs and late-step exceptions.

    Fields left empty are left out, so a later guanjia that adds an optional field keeps the
    archive's signoffs valid.
    """
    return _hash(document.model_dump(mode="json", exclude_none=True, exclude={*STEPS, "late"}))


def late_digest(document: BaseModel, step: str, reason: str) -> str:
    """What the GM approves in a late note: this content, this step late, for this reason."""
    return _hash({"document": digest(document), "late": step, "reason": reason})


def change_digest(change: BaseModel) -> str:
    """What the GM decides: the change entry as written, without the signoff."""
    return _hash(change.model_dump(mode="json", exclude_none=True, exclude={"decided"}))


def amendment_digest(amendment: BaseModel, folder: Path) -> str:
    """What the manager approves in an amendment: the entry, and each corrected file as it is now."""
    contents = {}
    for name in amendment.files:
        path = folder / name
        try:
            contents[name] = sha256_of(path) if path.is_file() and not path.is_symlink() \
                else "（已删除）"
        except OSError:
            contents[name] = "（无法读取）"
    return _hash({"amendment": amendment.model_dump(mode="json", exclude_none=True, exclude={"approved"}),
                  "files": contents})


def steps_of(kind: str) -> dict[str, tuple[str, ...]]:
    """Signoff block → roles allowed to sign it, for a document kind (in procedure order)."""
    blocks = SIGNERS.get(kind, {})
    return {step: blocks[step] for step in STEPS if step in blocks}


def steps_for(kind: str, role: str) -> list[str]:
    """The blocks ``role`` signs in a ``kind`` document, in procedure order."""
    return [step for step, roles in steps_of(kind).items() if role in roles]
