"""Signatures given on paper before the estate adopted guanjia (导入的纸质档案).

A past activity can be brought into the archive with its original dates and its paper signatures: each
signoff then names the scan of the signed paper form (``paper: attachments/…``). Such a signoff is not
looked for in git history or on the git host (the signer never used either); what stands in for that:
- guanjia.yml's ``adopted`` date (changing it needs the GM's approval, and a pull request is judged by
  the base's value): only signoffs dated before it, on activities held before it, may be on paper;
- the scan is a regular file in the activity's folder (a year's ``attachments/`` for the plan);
- a pull request that brings in paper signoffs needs the GM's approving review (``github``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..archive import Archive
from ..attachments import locate_in
from ..findings import Finding
from ..signoffs import Signed, documents, of_document
from .links import at


def check(archive: Archive) -> list[Finding]:
    activities = {a.folder: a for a in archive.activities()}
    found = []
    for kind, doc, instance, folder in documents(archive):
        activity = activities.get(folder)
        held = (activity.folder_date or (activity.proposal.when.date if activity.proposal else None)) if activity \
            else date(instance.year, 1, 1) if kind == "plan" else None
        for s in of_document(kind, doc, instance, folder):
            if s.signoff.paper is not None:
                found += judge(archive.settings.adopted, s, held, folder or doc.path.parent)
    return found


def judge(adopted: date | None, s: Signed, held: date | None, folder: Path, shown: str = "") -> list[Finding]:
    """What is wrong with ``s`` as a paper signature (nothing: it may stand without git and the host)."""
    doc, key = s.doc, s.key + ("paper",)
    name = f"“{s.name}”的纸质签字（{s.signoff.by}，{s.signoff.date}）"
    if adopted is None:
        return [at(doc, key, "GJ-C007", f"{name}：guanjia.yml 没有写开始使用 guanjia 的日期 adopted，不能导入纸质签字。",
                   "由 IT 在 guanjia.yml 中写 adopted: 年-月-日，经项目总经理批准。")]
    late = [what for what, day in (("签字日期", s.signoff.date), ("活动日期", held)) if day and day >= adopted]
    if late:
        return [at(doc, key, "GJ-C007", f"{name}：{'和'.join(late)}不早于开始使用 guanjia 的日期 {adopted}。",
                   "纸质签字只用于开始使用 guanjia 之前的档案；之后的签字都要由本人用 guanjia approve 签。")]
    where = locate_in(folder, s.signoff.paper, f"{shown or doc.shown}: {s.signoff.paper}")
    if where.file is None:
        return [at(doc, key, where.code, f"{name}的扫描件：{where.message}", where.hint)]
    return []
