"""Signoffs bound to content: the digest of a document's meaning, signoffs left out.

Two files that say the same thing have the same digest, whatever their comments,
quoting, key order or line ends; change one value and every signoff on it is stale.
Each value has one spelling in the models' JSON form (amounts normalised, 2800 = 2800.00;
times as HH:MM; dates ISO), and that form is what is hashed.
"""

from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel

from .procedure import SIGNERS

SIGNOFF_FIELDS = ("prepared", "reviewed", "approved")
ORDER = {"prepared": 0, "reviewed": 1, "approved": 2}
STEP_ZH = {"prepared": "编制", "reviewed": "复核", "approved": "批准"}


def digest(document: BaseModel) -> str:
    """``sha256:…`` of the document's content without its signoffs and late-step exceptions.

    Fields left empty are left out, so a later guanjia that adds an optional field keeps the
    archive's signoffs valid.
    """
    content = document.model_dump(mode="json", exclude_none=True, exclude={*SIGNOFF_FIELDS, "late"})
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


_STEPS = {kind: dict(sorted(blocks.items(), key=lambda kv: ORDER[kv[0]])) for kind, blocks in SIGNERS.items()}


def steps_of(kind: str) -> dict[str, tuple[str, ...]]:
    """Signoff block → roles allowed to sign it, for a document kind (in procedure order)."""
    return dict(_STEPS.get(kind, {}))


def step_for(kind: str, role: str) -> str | None:
    """Which block ``role`` signs in a ``kind`` document (the first one it may sign)."""
    return next((step for step, roles in steps_of(kind).items() if role in roles), None)
