"""The order of the procedure across documents: nothing happens before the proposal is approved.

§4.5: the owners are notified after the proposal is approved; §4.6: the readiness check
follows the approved proposal; §4.7: the activity (and so its record) needs the approval.
A step that can only happen before the day and was never done is missed for good.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from ..models.readiness import POINTS
from ..procedure import Timeline
from .links import at

AFTER_APPROVAL = ("notice", "readiness", "record")


def check(timelines: list[Timeline]) -> list[Finding]:
    found = []
    for t in timelines:
        unreadable = t.activity is not None and "proposal" in t.activity.docs and t.activity.proposal is None
        if t.activity is not None and not t.cancelled and not unreadable:
            found += _order(t) + _missed(t)
    return found


def _order(t: Timeline) -> list[Finding]:
    found = []
    approved = t.state("proposal_approved")
    for key in AFTER_APPROVAL:
        state = t.state(key)
        document = getattr(t.activity, state.step.doc)
        signoff = getattr(document, "prepared", None) if document else None
        if signoff is None:
            continue
        doc = t.activity.docs[state.step.doc]
        day = document.sent if key == "notice" else signoff.date
        where = ("sent",) if key == "notice" else ("prepared", "date")
        if approved.done is None:
            found.append(at(doc, where, "GJ-D003", f"策划表还没有批准，就有了“{state.step.name}”。",
                            "按程序，策划表经项目总经理批准后，才能通知业主、做准备和举办活动（§4.4–4.7）。"))
        elif day < approved.done:
            found.append(at(doc, where, "GJ-D003",
                            f"“{state.step.name}”的日期 {day} 早于策划表批准的日期 {approved.done}。",
                            "按程序，这一步要在策划表批准之后。"))
    return found


def _missed(t: Timeline) -> list[Finding]:
    """Held (a record exists), but a step that belongs before the day never happened."""
    record = t.activity.record
    if record is None:
        return []
    doc = t.activity.docs["record"]
    found = []
    for key in ("notice", "readiness"):
        state = t.state(key)
        if state.done is None and getattr(t.activity, state.step.doc) is None:
            found.append(at(doc, ("held",), "GJ-D004", f"活动已经举办，但活动前没有“{state.step.name}”（{state.step.clause}）。",
                            f"如果实际做过，请补上 {state.step.doc}.yaml 并如实填写日期；没做过的，在记录表中说明原因。",
                            on_key=True))
    readiness = t.activity.readiness
    if readiness is not None and readiness.open_points():
        points = "；".join(POINTS[p] for p in readiness.open_points())
        found.append(at(t.activity.docs["readiness"], (readiness.open_points()[0], "ok"), "GJ-D005",
                        f"活动举办时，准备情况检查仍有未落实的项：{points}。", "在记录表中说明这些事项最终如何处理。",
                        Severity.WARNING))
    return found
