"""The approval chain inside each document: every signoff sealed, current, in order, by different
people, and not dated after today.

All kinds of signoff are checked alike (steps, late notes, change decisions, amendments): see
``signoffs``. Who may sign is checked in ``links`` (roster and role on the date); whether the
commit that added a signoff came from its signer, in ``history``.
"""

from __future__ import annotations

from datetime import date

from ..archive import Activity, Archive
from ..findings import Finding, Severity
from ..signing import STEP_ZH, steps_of
from ..signoffs import Signed, documents, of_document
from .links import at

RESIGN = {"decided": "--as gm", "amendment": "--as manager"}


def check(archive: Archive, today: date) -> list[Finding]:
    folders = {a.folder: a for a in archive.activities()}
    found = []
    for kind, doc, instance, folder in documents(archive):
        signed = list(of_document(kind, doc, instance, folder))
        activity = folders.get(folder)
        found += order(archive, [s for s in signed if s.is_step])
        found += _pending(kind, doc, instance)
        last_amendment = max((s.key[1] for s in signed if s.slot == "amendment"), default=None)
        for s in signed:
            if s.signoff.date > today:
                found.append(at(doc, s.key + ("date",), "GJ-C015",
                                f"“{s.name}”签字的日期 {s.signoff.date} 晚于今天（{today}）：不能预先签字。",
                                "签字日期就是签字当天；到那天再签。"))
            if s.slot == "amendment" and s.key[1] != last_amendment:
                continue  # an earlier correction: the files have moved on since; archive-check keeps it unchanged
            found += bound(s, activity)
        if kind == "amendments":
            found += _archived_first(activity)
    return found


def bound(s: Signed, activity: Activity | None) -> list[Finding]:
    """The signoff carries the digest of the content as it is now (or a signed amendment vouches for it)."""
    doc = s.doc
    hint = f"guanjia approve {doc.shown} " + (RESIGN.get(s.slot) or
                                               (f"--as gm --late {s.slot[5:]}" if s.slot.startswith("late:") else "--as 岗位"))
    if s.signoff.digest is None:
        return [at(doc, s.key, "GJ-C001", f"“{s.name}”签字没有内容摘要（digest），无法证明签的是哪一版内容。",
                   f"请用 {hint} 签字，它会写入摘要（现在这一版是 {s.expected}）。", on_key=True)]
    if s.signoff.digest == s.expected or _vouched(s, activity):
        return []
    what = {"decided": "这项决定", "amendment": "这条更正或它更正的文件"}.get(s.slot, "文件内容")
    return [at(doc, s.key + ("digest",), "GJ-C002",
               f"“{s.name}”签字之后，{what}改动过：{s.signoff.by} 在 {s.signoff.date} 签的不是现在这一版。",
               f"内容改动后要重新签字：从这一步起依次用 {hint} 重签（现在这一版的摘要是 {s.expected}）。")]


def _vouched(s: Signed, activity: Activity | None) -> bool:
    """A signoff on an archived document that a signed amendment, dated after it, corrected."""
    if activity is None or s.kind == "amendments" or not archived(activity) or activity.amendments is None:
        return False
    name = s.doc.path.name
    return any(entry.approved and name in entry.files and entry.approved.date >= s.signoff.date
               for entry in activity.amendments.amendments)


def archived(activity: Activity) -> bool:
    """Archived: the evaluation is approved (§4.7.9). From then on the files change only by amendment."""
    return bool(activity.evaluation and activity.evaluation.approved)


def _archived_first(activity: Activity | None) -> list[Finding]:
    if activity is None or activity.amendments is None:
        return []
    doc = activity.docs["amendments"]
    if not archived(activity):
        return [at(doc, ("amendments",), "GJ-I004", "这个活动还没有归档（评估表还没有批准），不需要更正记录。",
                   "归档前的改动直接改文件，再按程序重新签字；删掉 amendments.yaml。", on_key=True)]
    since = activity.evaluation.approved.date
    return [at(doc, ("amendments", i, "date"), "GJ-I004", f"更正日期 {entry.date} 早于归档日期 {since}（评估表批准）。",
               "更正只用于已归档的活动；归档前的改动要按程序重新签字。")
            for i, entry in enumerate(activity.amendments.amendments) if entry.date < since]


def _pending(kind: str, doc, instance) -> list[Finding]:
    """Entries written but not yet signed: they have no effect until they are."""
    entries = {"changes": ("changes", "decided", "这项改期或取消还没有项目总经理签字，尚未生效。", "gm"),
               "amendments": ("amendments", "approved", "这条更正还没有管家部经理签字，尚未生效。", "manager")}
    if kind not in entries:
        return []
    field, block, text, role = entries[kind]
    return [at(doc, (field, i), "GJ-C006", text, f"请{'项目总经理' if role == 'gm' else '管家部经理'}本人运行 "
               f"guanjia approve {doc.shown} --as {role} --commit 签字。", Severity.WARNING)
            for i, entry in enumerate(getattr(instance, field)) if getattr(entry, block) is None]


def order(archive: Archive, steps: list[Signed]) -> list[Finding]:
    """Steps signed in procedure order, on non-decreasing dates, each by another person."""
    found = []
    if not steps:
        return found
    doc = steps[0].doc
    present = {s.slot for s in steps}
    order = list(steps_of(steps[0].kind))
    signed: list[Signed] = []
    for s in steps:
        missing = [step for step in order[: order.index(s.slot)] if step not in present]
        if missing:
            found.append(at(doc, s.key, "GJ-C003", f"还没有“{STEP_ZH[missing[0]]}”就有了“{s.name}”：签字顺序不对。",
                            "程序的顺序是 " + " → ".join(STEP_ZH[step] for step in order) + "。", on_key=True))
        elif signed and s.signoff.date < signed[-1].signoff.date:
            prev = signed[-1]
            found.append(at(doc, s.key + ("date",), "GJ-C003",
                            f"“{s.name}”日期 {s.signoff.date} 早于“{prev.name}”日期 {prev.signoff.date}：签字顺序不对。"))
        if not archive.settings.policy.same_person_may_sign_twice:
            # steps of one role (the plan's 编制 and 上报, both the manager's) are one person's by design
            twice = next((o for o in signed if o.signoff.by == s.signoff.by and o.roles != s.roles), None)
            if twice:
                found.append(at(doc, s.key + ("by",), "GJ-C004",
                                f"{s.signoff.by} 已经签过“{twice.name}”，同一个人不能再签“{s.name}”。",
                                "复核和批准要由另一个人完成；小项目如确需一人兼签，由公司在 guanjia.yml 中设 "
                                "policy.same_person_may_sign_twice: true。"))
        signed.append(s)
    return found
