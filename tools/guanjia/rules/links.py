"""Cross-file facts of the archive: plan ↔ folders ↔ documents, budgets, departments.

Pure: (archive) → findings. Attached files are judged in ``attached``.
"""

from __future__ import annotations

from datetime import date

from .. import signoffs
from ..archive import Activity, Archive, Year
from ..findings import Finding, Severity
from ..load import Document
from ..models.common import ROLES
from ..models.proposal import goal_key


def at(doc: Document, key: tuple, code: str, message: str, hint: str = "",
       severity: Severity = Severity.ERROR, on_key: bool = False) -> Finding:
    """A finding placed on ``key`` of ``doc`` (its value, or its key with ``on_key``)."""
    pos = doc.pos(key)
    line, col = (pos.key_line, pos.key_column) if on_key and pos.key_line else (pos.line, pos.column)
    return Finding(doc.shown, line, col, code, message, hint, severity)


def check(archive: Archive) -> list[Finding]:
    found: list[Finding] = []
    for year in archive.years.values():
        found += _check_year(archive, year)
    for s in signoffs.every(archive):
        found += signer(archive.roster, s.doc, s.key, s.signoff, s.roles)
    return found


def _check_year(archive: Archive, year: Year) -> list[Finding]:
    found = []
    if year.plan and year.plan.year != year.year:
        found.append(at(year.plan_doc, ("year",), "GJ-A020",
                        f"计划写的年度是 {year.plan.year}，但它放在 {year.year}/ 目录里。"))
    known = {a.slug: a for a in year.activities}
    planned = {i.id: i for i in year.plan.items} if year.plan else {}
    for i, change in enumerate(year.changes.changes):
        if change.activity not in known and change.activity not in planned:
            found.append(at(year.changes_doc, ("changes", i, "activity"), "GJ-A027",
                            f"{year.year} 年没有编号为“{change.activity}”的活动。",
                            "可用的编号：" + "、".join(sorted({*planned, *known})) + "。"))
            continue
        earlier = [c for c in year.changes.changes[:i] if c.activity == change.activity and c.decided]
        if any(c.action == "cancelled" for c in earlier):
            found.append(at(year.changes_doc, ("changes", i, "action"), "GJ-A026",
                            f"“{change.activity}”已经取消，不能再改期或取消。"))
        elif change.action == "postponed" and change.decided:
            moved = [c.new_date for c in earlier if c.action == "postponed"]
            activity, item = known.get(change.activity), planned.get(change.activity)
            before = moved[-1] if moved else (activity.folder_date if activity else item.date if item else None)
            if before and change.new_date <= before:
                found.append(at(year.changes_doc, ("changes", i, "new_date"), "GJ-A026",
                                f"改期后的日期 {change.new_date} 不晚于原定日期 {before}：改期只能往后推。",
                                "提前举办请取消原活动，另写新的策划表。"))
    claimed: dict[str, Activity] = {}
    for activity in year.activities:
        found += _check_activity(archive, year, activity)
        proposal = activity.proposal
        if proposal and proposal.plan_item:
            other = claimed.get(proposal.plan_item)
            if other:
                found.append(at(activity.docs["proposal"], ("plan_item",), "GJ-A004",
                                f"计划活动“{proposal.plan_item}”已经由 {other.id} 办理，不能再对应第二个活动目录。",
                                "一项计划只对应一个活动目录；另办的活动写 unplanned。"))
            claimed[proposal.plan_item] = activity
    return found


def _check_activity(archive: Archive, year: Year, activity: Activity) -> list[Finding]:
    found = []
    proposal, docs = activity.proposal, activity.docs
    if activity.folder_date and activity.folder_date.year != year.year:
        found.append(Finding(activity.shown, 0, 0, "GJ-A020",
                             f"活动日期 {activity.folder_date} 不在 {year.year} 年度目录的年份里。"))
    for later in ("record", "evaluation"):
        if later in docs and "proposal" not in docs:
            found.append(Finding(docs[later].shown, 0, 0, "GJ-A009", "这个活动还没有策划表（proposal.yaml），不能先有记录表或评估表。",
                                 "按程序先填写并批准策划表。"))
    if "evaluation" in docs and "record" not in docs:
        found.append(Finding(docs["evaluation"].shown, 0, 0, "GJ-A019", "还没有记录表（record.yaml）就有了评估表。"))
    if proposal:
        found += _check_proposal(archive, year, activity)
    if activity.record:
        planned_day = held_on(year, activity)
        if planned_day and activity.record.held.date != planned_day:
            found.append(at(docs["record"], ("held", "date"), "GJ-A018",
                            f"实际日期 {activity.record.held.date} 与策划日期 {planned_day} 不同。",
                            "活动改期要由项目总经理决定，记在 changes.yaml 中。", Severity.WARNING))
    if activity.evaluation and proposal:
        found += _check_goals(activity)
        spent, budget = activity.evaluation.actual_cost.total, proposal.budget.total
        if spent > budget:
            found.append(at(docs["evaluation"], ("actual_cost", "total"), "GJ-A021",
                            f"实际费用 {spent} 元超出策划表预算 {budget} 元（超出 {spent - budget} 元）。",
                            "在总体评价 conclusion 中说明超支原因。", Severity.WARNING))
    held = activity.record.held.date if activity.record else proposal.when.date if proposal else None
    for kind in ("record", "evaluation"):
        signoff = getattr(getattr(activity, kind), "prepared", None)
        if held and signoff and signoff.date < held:
            found.append(at(docs[kind], ("prepared", "date"), "GJ-A022",
                            f"填写日期 {signoff.date} 早于活动日期 {held}：活动结束后才能填写。"))
    return found


def postponed_to(year: Year, activity: Activity) -> list[date]:
    """The new dates of the activity's postponements the GM decided (changes.yaml), in the order decided."""
    return [c.new_date for c in year.changes.for_activity(activity.slug) if c.action == "postponed"]


def held_on(year: Year, activity: Activity) -> date | None:
    """The day the activity is held: the new date of its last postponement, or its proposal's date."""
    moved = postponed_to(year, activity)
    return moved[-1] if moved else activity.proposal.when.date if activity.proposal else None


def _check_proposal(archive: Archive, year: Year, activity: Activity) -> list[Finding]:
    proposal, doc = activity.proposal, activity.docs["proposal"]
    found = []
    moved = set(postponed_to(year, activity))
    day, folder_day = proposal.when.date, activity.folder_date
    if folder_day and day != folder_day and day not in moved:
        found.append(at(doc, ("when", "date"), "GJ-A002",
                        f"策划表的活动日期 {day} 与目录名中的日期 {folder_day} 不一致。",
                        f"两者必须相同：改正日期，或把目录改名为 {day}-{activity.slug}。"))
    if proposal.plan_item:
        item = year.plan.item(proposal.plan_item) if year.plan else None
        if year.plan and item is None:
            found.append(at(doc, ("plan_item",), "GJ-A001", f"年度计划里没有编号为“{proposal.plan_item}”的活动。",
                            "计划中的编号有：" + "、".join(i.id for i in year.plan.items) + "；计划外活动请改写 unplanned 并说明原因。"))
        if item and activity.folder_date and activity.slug != item.id:
            found.append(Finding(activity.shown, 0, 0, "GJ-A003", f"活动目录名应以计划编号“{item.id}”结尾。",
                                 f"把目录改名为 {proposal.when.date}-{item.id}。", Severity.WARNING))
        typo = folder_day and day != folder_day and item and _on_plan(item, folder_day)  # GJ-A002 says it already
        if item and day not in moved and not _on_plan(item, day) and not typo:
            what, planned = ("日期", item.date) if item.date else ("月份", item.month)
            found.append(at(doc, ("when", "date"), "GJ-A031",
                            f"策划表的活动日期 {day} 与年度计划中“{item.id}”的{what} {planned} 不一致，"
                            "changes.yaml 里也没有改期记录。",
                            f"按年度计划的{what}办；确需改期，由项目总经理在 records/{year.year}/changes.yaml "
                            "记下改期（新日期 new_date，只能往后推）并签字；提前举办请取消原计划，另写计划外活动的策划表。"))
        if item and proposal.budget.total > item.budget:
            found.append(at(doc, ("budget", "total"), "GJ-A016",
                            f"策划表预算 {proposal.budget.total} 元超出年度计划中的 {item.budget} 元。",
                            "超出部分需在审批时说明。", Severity.WARNING))
    held = held_on(year, activity)
    for i, step in enumerate(proposal.schedule):
        if step.date > held:
            found.append(at(doc, ("schedule", i, "date"), "GJ-A030",
                            f"工作进度“{step.task}”的日期 {step.date} 晚于活动日期 {held}。",
                            "工作进度写活动前（最晚当天）要完成的准备工作：改正日期。"
                            "活动后的记录表和评估表按程序另外填写，不写进工作进度。"))
    for i, division in enumerate(proposal.divisions):
        found += _department(archive, doc, ("divisions", i, "department"), division.department)
    for i, step in enumerate(proposal.schedule):
        found += _department(archive, doc, ("schedule", i, "department"), step.department)
    return found


def _on_plan(item, day: date) -> bool:
    """The plan item is for ``day``: its date, or (planned only to the month) a day of its month."""
    return day == item.date if item.date else f"{day:%Y-%m}" == item.month


def _department(archive: Archive, doc: Document, key: tuple, name: str) -> list[Finding]:
    if archive.settings.department(name):
        return []
    known = "、".join(d.name for d in archive.settings.departments)
    return [at(doc, key, "GJ-A014", f"不认识的部门“{name}”。", f"guanjia.yml 中的部门有：{known}；别名也可以用。")]


def _check_goals(activity: Activity) -> list[Finding]:
    doc = activity.docs["evaluation"]
    declared = [c.goal for c in activity.proposal.evaluation_method]
    judged = [g.goal for g in activity.evaluation.goals]
    declared_keys, judged_keys = {goal_key(g) for g in declared}, {goal_key(g) for g in judged}
    found = []
    for i, goal in enumerate(judged):
        if goal_key(goal) not in declared_keys:
            found.append(at(doc, ("goals", i, "goal"), "GJ-A010", f"目标“{goal}”不在策划表的评估方式里。",
                            "评估表的目标要照抄策划表 evaluation_method 中的 goal（空格、全角半角不同不算不同）："
                            + "；".join(declared)))
    for goal in declared:
        if goal_key(goal) not in judged_keys:
            found.append(at(doc, ("goals",), "GJ-A010", f"策划表的评估目标“{goal}”没有评估结果。",
                            "按策划表声明的评估方式，逐项写出结果。"))
    return found


def signer(roster, doc: Document, key: tuple, signoff, roles: tuple[str, ...]) -> list[Finding]:
    """The signoff names a person of ``roster`` who held one of ``roles`` on its date."""
    if roster is None:
        return []
    person = roster.get(signoff.by)
    names = "或".join(ROLES[r] for r in roles)
    if person is None:
        return [at(doc, key + ("by",), "GJ-A005", f"花名册里没有人员“{signoff.by}”。",
                   "人员编号见 records/roster.yaml；新同事请先加入花名册。")]
    if not any(spell.covers(signoff.date) for spell in person.roles):
        spells = "；".join(f"{ROLES[s.role]} {s.start}—{s.end or '至今'}" for s in person.roles)
        return [at(doc, key + ("by",), "GJ-A028", f"{person.name}（{signoff.by}）在 {signoff.date} 不在岗，不能签字。",
                   f"花名册记录的任职期：{spells}。签字日期必须在任职期内。")]
    if not any(person.holds(role, signoff.date) for role in roles):
        return [at(doc, key + ("by",), "GJ-A006", f"{person.name}（{signoff.by}）在 {signoff.date} 不是{names}，不能签这一步。",
                   f"这一步应由{names}签字；花名册记录的岗位：{person.role_names()}。")]
    return []
