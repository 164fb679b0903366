"""Signing: which block a person signs next in a file, and the file's new bytes with it written.

Every kind of signoff is signed here: a document's steps, the GM's late notes and change
decisions, the manager's amendments. The policy is the chain rules' own: the signed result is read
back and checked by the same rules as ``validate`` (order, same person, digest, role on the date,
no date after today), and a signature that would break them is refused with their message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .archive import Activity, Archive
from .edit import add_late, set_entry_signoff, set_signoff, signoff_values
from .errors import GuanjiaError
from .findings import Severity
from .load import Document, load_bytes
from .models.common import ROLES
from .procedure import AMENDMENT_SIGNERS, CHANGE_SIGNERS, LATE_SIGNERS
from .rules.chain import archived
from .signing import STEP_ZH, amendment_digest, change_digest, digest, late_digest, steps_for, steps_of
from .signoffs import DOC_ZH, documents, of_document
from .validate import parse


@dataclass
class Target:
    kind: str
    doc: Document
    instance: object
    folder: Path | None
    activity: Activity | None


def locate(archive: Archive, shown: str) -> Target:
    folders = {a.folder: a for a in archive.activities()}
    for kind, doc, instance, folder in documents(archive):
        if doc.shown == shown:
            return Target(kind, doc, instance, folder, folders.get(folder))
    for doc in _all_docs(archive):
        if doc.shown == shown:
            raise GuanjiaError(f"{shown} 有错误，先运行 guanjia validate {shown} 改正后再签字。")
    raise GuanjiaError(f"{shown} 不是需要签字的文件（年度计划、改期与取消、策划表、业主通知、准备情况检查、记录表、"
                       "评估表或更正记录）。")


def _all_docs(archive: Archive):
    for year in archive.years.values():
        yield from (d for d in (year.plan_doc, year.changes_doc) if d is not None)
        for activity in year.activities:
            yield from activity.docs.values()


def sign(archive: Archive, target: Target, role: str, person, day: date, today: date,
         late: str | None = None, reason: str | None = None, paper: str | None = None) -> tuple[bytes | None, str]:
    """The file with ``person``'s signoff as ``role`` written, and what was signed; ``None`` when there is
    nothing left for them to sign. With ``paper`` (the scan of a paper form), a signature given on paper
    before the estate adopted guanjia is brought in (see ``rules.paper``)."""
    raw = target.doc.path.read_bytes()
    values = signoff_values(person.id, day, "", paper)
    kind, instance, shown = target.kind, target.instance, target.doc.shown
    if kind == "changes":
        _may(role, CHANGE_SIGNERS, "改期与取消由项目总经理决定并签字")
        pending = [i for i, c in enumerate(instance.changes) if not c.decided or c.decided.digest != change_digest(c)]
        for i in pending:
            values["digest"] = change_digest(instance.changes[i])
            raw = set_entry_signoff(raw, ("changes", i), "decided", dict(values), shown)
        keys = [("changes", i, "decided") for i in pending]
        what = "改期与取消决定（" + "、".join(
            f"第 {i + 1} 项 {instance.changes[i].activity}"
            + ("：签字之后改动过，按现在的内容重签" if instance.changes[i].decided else "") for i in pending) + "）"
    elif kind == "amendments":
        _may(role, AMENDMENT_SIGNERS, "更正记录由管家部经理签字")
        if not archived(target.activity):
            raise GuanjiaError("这个活动还没有归档（评估表还没有批准），不需要更正记录：直接修改文件，再按程序重新签字。")
        i = len(instance.amendments) - 1
        entry = instance.amendments[i]
        values["digest"] = amendment_digest(entry, target.folder)
        pending = [i] if not entry.approved or entry.approved.digest != values["digest"] else []
        if pending:
            raw = set_entry_signoff(raw, ("amendments", i), "approved", values, shown)
        keys, what = [("amendments", i, "approved")], f"更正（第 {i + 1} 条）"
    elif late:
        _may(role, LATE_SIGNERS, "逾期说明由项目总经理签字")
        if late not in steps_of(kind):
            raise GuanjiaError(f"{DOC_ZH[kind]}没有“{STEP_ZH.get(late, late)}”这一步；它的步骤是："
                               + "、".join(f"{s}（{STEP_ZH[s]}）" for s in steps_of(kind)) + "。")
        i = next((n for n, e in enumerate(instance.late) if e.step == late), None)
        if i is None and not reason:
            raise GuanjiaError("这一步还没有逾期说明：请用 --reason \"原因\" 写明为什么逾期。")
        if i is not None and reason and reason != instance.late[i].reason:
            raise GuanjiaError(f"已有“{STEP_ZH[late]}”的逾期说明（原因：{instance.late[i].reason}）；"
                               "要改原因，请先改文件里的 reason，再签字。")
        text = reason if i is None else instance.late[i].reason
        values["digest"] = late_digest(instance, late, text)
        existing = instance.late[i].approved if i is not None else None
        pending = [late] if not existing or existing.digest != values["digest"] else []
        if pending:
            raw = (add_late(raw, late, text, values, shown) if i is None
                   else set_entry_signoff(raw, ("late", i), "approved", values, shown))
        keys, what = [("late", len(instance.late) if i is None else i, "approved")], f"逾期说明（{STEP_ZH[late]}）"
    else:
        steps = steps_for(kind, role)
        if not steps:
            raise GuanjiaError(f"{ROLES[role]}不在{DOC_ZH[kind]}上签字。")
        current = digest(instance)
        pending = [s for s in steps if not getattr(instance, s) or getattr(instance, s).digest != current][:1]
        if pending:
            values["digest"] = current
            raw = set_signoff(raw, pending[0], person.id, day, current, shown, paper)
        order = list(steps_of(kind))
        keys = [(s,) for s in order[: order.index(pending[0]) + 1]] if pending else []
        what = STEP_ZH[pending[0]] if pending else ""
    if not pending:
        return None, f"{DOC_ZH[kind]} {shown} 上{ROLES[role]}要签的已经签过了，内容没有改动，不需要再签。"
    _vet(archive, target, raw, keys, today)
    return raw, what


def _held(target: Target) -> date | None:
    activity = target.activity
    if activity is not None:
        return activity.folder_date or (activity.proposal.when.date if activity.proposal else None)
    return date(target.instance.year, 1, 1) if target.kind == "plan" else None


def _may(role: str, roles: tuple[str, ...], why: str) -> None:
    if role not in roles:
        raise GuanjiaError(f"{why}，不能以{ROLES[role]}的身份签。")


def _vet(archive: Archive, target: Target, raw: bytes, keys: list[tuple], today: date) -> None:
    """Refuse what ``validate`` would call an error in the signed blocks (and the steps before them)."""
    from .rules import chain, links, paper

    doc = load_bytes(raw, target.doc.shown, target.doc.path)
    instance, problems = parse(doc, type(target.instance))
    if instance is None:  # pragma: no cover - the edit is read back before this
        raise GuanjiaError(f"{target.doc.shown}：签字后文件无法通过检查：{problems[0].message}")
    every = list(of_document(target.kind, doc, instance, target.folder))
    found = chain.order(archive, [s for s in every if s.is_step])
    for s in (s for s in every if s.key in keys):
        found += chain.bound(s, target.activity) + links.signer(archive.roster, doc, s.key, s.signoff, s.roles)
        if s.signoff.paper is not None:
            found += paper.judge(archive.settings.adopted, s, _held(target), target.folder or target.doc.path.parent)
        if s.signoff.date > today:
            raise GuanjiaError(f"签字日期 {s.signoff.date} 晚于今天（{today}）：不能预先签字。")
    spans = [(doc.pos(k).key_line or doc.pos(k).line,
              max(doc.pos(k + (f,)).line for f in ("by", "date", "digest", "paper")))
             for k in keys]
    bad = [f for f in found if f.severity is Severity.ERROR and any(a <= f.line <= b for a, b in spans)]
    if bad:
        raise GuanjiaError(bad[0].message + (f"\n{bad[0].hint}" if bad[0].hint else ""))
