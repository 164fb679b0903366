"""The approval chain inside each document: signoffs sealed, current, in order, by different people.

Who may sign which step is checked in ``links`` (roster and role on the date); whether the
commit that added a signoff came from its signer is checked against git in ``history``.
"""

from __future__ import annotations

from ..archive import Archive
from ..findings import Finding
from ..load import Document
from ..signing import STEP_ZH, digest, steps_of
from .links import at


def check(archive: Archive) -> list[Finding]:
    found = []
    for year in archive.years.values():
        if year.plan:
            found += check_document(archive, "plan", year.plan_doc, year.plan)
        for activity in year.activities:
            for kind, doc in activity.docs.items():
                found += check_document(archive, kind, doc, getattr(activity, kind))
    return found


def check_document(archive: Archive, kind: str, doc: Document, instance) -> list[Finding]:
    if instance is None:
        return []
    found = []
    current = digest(instance)
    signed = []  # (step, signoff) in procedure order
    steps = list(steps_of(kind))
    for i, step in enumerate(steps):
        signoff = getattr(instance, step, None)
        if signoff is None:
            continue
        name = STEP_ZH[step]
        if signoff.digest is None:
            found.append(at(doc, (step,), "GJ-C001", f"“{name}”签字没有内容摘要（digest），无法证明签的是哪一版内容。",
                            f"请用 guanjia approve {doc.shown} --as 岗位 签字，它会写入摘要（现在这一版是 {current}）。",
                            on_key=True))
        elif signoff.digest != current:
            found.append(at(doc, (step, "digest"), "GJ-C002",
                            f"“{name}”签字之后，文件内容改动过：{signoff.by} 在 {signoff.date} 签的不是现在这一版。",
                            f"内容改动后要重新签字：从这一步起依次用 guanjia approve 重签（现在这一版的摘要是 {current}）。"))
        missing = [s for s in steps[:i] if getattr(instance, s, None) is None]
        if missing:
            found.append(at(doc, (step,), "GJ-C003", f"还没有“{STEP_ZH[missing[0]]}”就有了“{name}”：签字顺序不对。",
                            "程序的顺序是 编制 → 复核 → 批准。", on_key=True))
        elif signed and signoff.date < signed[-1][1].date:
            prev_step, prev = signed[-1]
            found.append(at(doc, (step, "date"), "GJ-C003",
                            f"“{name}”日期 {signoff.date} 早于“{STEP_ZH[prev_step]}”日期 {prev.date}：签字顺序不对。"))
        if not archive.settings.policy.same_person_may_sign_twice:
            twice = next((s for s, o in signed if o.by == signoff.by), None)
            if twice:
                found.append(at(doc, (step, "by"), "GJ-C004",
                                f"{signoff.by} 已经签过“{STEP_ZH[twice]}”，同一个人不能再签“{name}”。",
                                "复核和批准要由另一个人完成；小项目如确需一人兼签，由公司在 guanjia.yml 中设 "
                                "policy.same_person_may_sign_twice: true。"))
        signed.append((step, signoff))
    return found
