"""Signoffs bound to content: the digest of a document's meaning, signoffs left out.

Two files that say the same thing have the same digest, whatever their comments,
quoting, key order or line ends; change one value and every signoff on it is stale.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, time
from decimal import Decimal

from pydantic import BaseModel

from .procedure import SIGNERS

SIGNOFF_FIELDS = ("prepared", "reviewed", "approved")
ORDER = {"prepared": 0, "reviewed": 1, "approved": 2}
STEP_ZH = {"prepared": "编制", "reviewed": "复核", "approved": "批准"}


def _canonical(value):
    if isinstance(value, BaseModel):
        # fields left empty are left out: a later guanjia that adds an optional field keeps old signoffs valid
        return {k: _canonical(getattr(value, k)) for k in sorted(type(value).model_fields)
                if getattr(value, k) is not None}
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def digest(document: BaseModel) -> str:
    """``sha256:…`` of the document's content without its signoffs and late-step exceptions."""
    content = {k: _canonical(getattr(document, k)) for k in sorted(type(document).model_fields)
               if k not in (*SIGNOFF_FIELDS, "late") and getattr(document, k) is not None}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def steps_of(kind: str) -> dict[str, tuple[str, ...]]:
    """Signoff block → roles allowed to sign it, for a document kind (in procedure order)."""
    return dict(sorted(SIGNERS.get(kind, {}).items(), key=lambda kv: ORDER[kv[0]]))


def step_for(kind: str, role: str) -> str | None:
    """Which block ``role`` signs in a ``kind`` document (the first one it may sign)."""
    return next((step for step, roles in steps_of(kind).items() if role in roles), None)
