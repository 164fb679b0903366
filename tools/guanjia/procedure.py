"""The procedure's clock: its steps, their deadlines, and each activity's stage.

Pure functions of (archive, policy, today). The deadline of every step cites the clause of
the source procedure (物业服务中心管家部组织客户活动的工作程序) that sets it, or says that
the clause gives no number and the company policy (guanjia.yml) does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from typing import NamedTuple

from .archive import Activity, Year
from .clock import CalendarError, Days
from .models.changes import Change
from .models.plan import Plan, PlanItem
from .models.settings import Policy


class Stage(IntEnum):
    PLANNED = 0
    DRAFTED = 1
    RECHECKED = 2
    APPROVED = 3
    NOTIFIED = 4
    READY = 5
    HELD = 6
    RECORDED = 7
    EVALUATED = 8
    ARCHIVED = 9
    CANCELLED = 10


STAGE_ZH = {Stage.PLANNED: "已列入计划", Stage.DRAFTED: "策划表已填写", Stage.RECHECKED: "策划表已复核",
            Stage.APPROVED: "策划表已批准", Stage.NOTIFIED: "已通知业主", Stage.READY: "准备就绪",
            Stage.HELD: "活动举办", Stage.RECORDED: "已填记录表", Stage.EVALUATED: "评估表已填写",
            Stage.ARCHIVED: "已归档", Stage.CANCELLED: "已取消"}


@dataclass(frozen=True)
class Step:
    """One step of the procedure: who does it, in which document, by when."""

    key: str
    name: str
    doc: str  # the document that records it
    signoff: str  # its signoff block: prepared / reviewed / approved
    roles: tuple[str, ...]
    clause: str
    policy: str  # the Policy field holding its number of days
    after: bool  # counted after the activity (else before it)
    reaches: Stage
    team: str = ""  # shown instead of role and names when a whole department is responsible

    def due(self, day: date, policy: Policy, days: Days) -> date:
        n = getattr(policy, self.policy)
        return days.shift(day, n if self.after else -n)


STEPS = (
    # §4.3 客户活动开始前15天，管家主任负责填写《客户活动策划表》
    Step("proposal_prepared", "填写策划表", "proposal", "prepared", ("director",), "§4.3",
         "proposal_drafted_days", False, Stage.DRAFTED),
    # §4.4 经管家部经理复核后于客户活动开始前10天上报项目总经理审批
    Step("proposal_reviewed", "复核并上报策划表", "proposal", "reviewed", ("manager",), "§4.4",
         "proposal_reviewed_days", False, Stage.RECHECKED),
    # §4.4 完成审批时间应在客户活动开始前一周
    Step("proposal_approved", "批准策划表", "proposal", "approved", ("gm",), "§4.4",
         "proposal_approved_days", False, Stage.APPROVED),
    # §4.5 活动策划方案通过后，管家部提前向区域内业主发出通知或邀请函（原文无天数：公司规定）
    Step("notice", "通知业主", "notice", "prepared", ("butler", "director", "manager"), "§4.5（公司规定）",
         "notice_days", False, Stage.NOTIFIED, "管家部"),
    # §4.6 检查落实五项准备情况（原文无天数：公司规定）
    Step("readiness", "准备情况检查", "readiness", "prepared", ("manager", "director"), "§4.6（公司规定）",
         "readiness_days", False, Stage.READY),
    # §4.7.8 活动结束后，管家填写《客户活动记录表》（原文无天数：公司规定）
    Step("record", "填写记录表", "record", "prepared", ("butler",), "§4.7.8（公司规定）",
         "record_days", True, Stage.RECORDED),
    # §4.7.9 管家填写《客户活动评估表》（原文无天数：公司规定）
    Step("evaluation_prepared", "填写评估表", "evaluation", "prepared", ("butler",), "§4.7.9（公司规定）",
         "evaluation_days", True, Stage.EVALUATED),
    # §4.7.9 管家部经理审核（原文无天数：公司规定）
    Step("evaluation_reviewed", "审核评估表", "evaluation", "reviewed", ("manager",), "§4.7.9（公司规定）",
         "evaluation_approved_days", True, Stage.EVALUATED),
    # §4.7.9 项目总经理批准后，评估表作为客户活动档案的附件存档
    Step("evaluation_approved", "批准评估表", "evaluation", "approved", ("gm",), "§4.7.9（公司规定）",
         "evaluation_approved_days", True, Stage.ARCHIVED),
)


class PlanStep(NamedTuple):
    """One step of the year plan: a fixed day of the plan's own year (month-day in the policy)."""

    signoff: str
    name: str
    roles: tuple[str, ...]
    clause: str
    policy: str  # the Policy field holding its month-day


# §4.1 于本年度1月5日前编制完成年度活动计划；§4.2 于本年度1月10前上报项目总经理审核和批准
# (the source sets no date for the GM's approval: the company's policy does)
PLAN_STEPS = (PlanStep("prepared", "编制年度计划", ("manager",), "§4.1", "plan_drafted_by"),
              PlanStep("submitted", "上报年度计划", ("manager",), "§4.2", "plan_submitted_by"),
              PlanStep("approved", "批准年度计划", ("gm",), "§4.2（公司规定）", "plan_approved_by"))
PLAN_STAGE_ZH = ("未编制", "已编制", "已上报", "已批准")  # by how many of the plan's steps are done

# which roles may sign which block of which document; derived from the steps above
SIGNERS: dict[str, dict[str, tuple[str, ...]]] = {"plan": {s.signoff: s.roles for s in PLAN_STEPS}}
for _step in STEPS:
    SIGNERS.setdefault(_step.doc, {})[_step.signoff] = _step.roles
# the other signed entries: the GM's late notes and decisions, the manager's amendments
LATE_SIGNERS = ("gm",)
CHANGE_SIGNERS = ("gm",)
AMENDMENT_SIGNERS = ("manager",)


def _plan_due(year: int, policy: Policy, field_name: str) -> date:
    month, day = (int(p) for p in getattr(policy, field_name).split("-"))
    return date(year, month, day)


@dataclass
class StepState:
    """Where one step stands: its limit, and when and by whom it was done (an activity's or the year plan's)."""

    step: Step | PlanStep
    due: date | None  # None: the working-day calendar lacks the year ``gap`` that counting it needs
    done: date | None = None
    by: str | None = None
    void: bool = False  # done, but undone by a postponement that did not carry approval over
    gap: int | None = None

    @property
    def late_days(self) -> int:
        return (self.done - self.due).days if self.done and self.due and self.done > self.due else 0


def plan_timeline(number: int, plan: Plan | None, policy: Policy, today: date | None = None) -> list[StepState]:
    """The year plan's three steps for year ``number`` (``plan`` None: not written yet).

    With ``today``, as of that day: a signoff dated later has not happened yet.
    """
    out = []
    for step in PLAN_STEPS:
        state = StepState(step, _plan_due(number, policy, step.policy))
        block = getattr(plan, step.signoff) if plan else None
        if block and (today is None or block.date <= today):
            state.done, state.by = block.date, block.by
        out.append(state)
    return out


@dataclass
class Timeline:
    """One activity as the procedure sees it: planned or not, with or without a folder."""

    slug: str
    year: int
    theme: str
    date: date
    estimated: bool  # the plan gives only a month: deadlines count from its first day
    item: PlanItem | None = None
    activity: Activity | None = None
    steps: list[StepState] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    stage: Stage = Stage.PLANNED

    @property
    def gaps(self) -> list[int]:
        """Years the working-day calendar lacks, so that some of this activity's limits are unknown."""
        return sorted({s.gap for s in self.steps if s.gap})

    @property
    def cancelled(self) -> Change | None:
        return next((c for c in self.changes if c.action == "cancelled"), None)

    @property
    def postponements(self) -> list[Change]:
        return [c for c in self.changes if c.action == "postponed"]

    @property
    def category(self) -> str:
        if self.item:
            return self.item.category
        unplanned = self.activity.proposal.unplanned if self.activity and self.activity.proposal else None
        return unplanned.category if unplanned else "其他"

    def next_step(self, today: date | None = None) -> StepState | None:
        """The first step still to do. Once the day has passed, the notice and readiness check
        can no longer be done (a missed one is a finding of its own); the approval still can be."""
        if self.cancelled:
            return None
        passed = today is not None and today > self.date
        return next((s for s in self.steps if s.done is None and not (passed and s.step.key in ("notice", "readiness"))),
                    None)

    def state(self, key: str) -> StepState:
        return next(s for s in self.steps if s.step.key == key)


def timelines(year: Year, policy: Policy, days: Days, today: date | None = None) -> list[Timeline]:
    """Every activity of ``year``: each plan item (with its folder, if any), then unplanned folders.

    With ``today``, the view is as of that day: what is dated later has not happened yet.
    """
    out = []
    planned = set()
    for item in year.plan.items if year.plan else []:
        planned.add(item.id)
        out.append(_timeline(year, item.id, item, year.activity_for(item.id), policy, days, today))
    for activity in year.activities:
        if activity.slug not in planned:
            out.append(_timeline(year, activity.slug, None, activity, policy, days, today))
    return sorted(out, key=lambda t: (t.date, t.slug))


def _timeline(year: Year, slug: str, item: PlanItem | None, activity: Activity | None, policy: Policy,
              days: Days, today: date | None) -> Timeline:
    # as of ``today``: decisions and signoffs dated later have not happened yet
    changes = [c for c in year.changes.for_activity(slug) if today is None or c.decided.date <= today]
    proposal = activity.proposal if activity else None
    day, estimated = _original_date(year.year, item, activity)
    postponed = [c for c in changes if c.action == "postponed"]
    if postponed:
        day = postponed[-1].new_date
    theme = proposal.theme if proposal else item.theme if item else slug
    t = Timeline(slug, year.year, theme, day, estimated and not postponed, item, activity, changes=changes)
    # signed before the decision to postpone: void when approval does not carry over;
    # the owners' notice and the readiness check always have to be done again for the new date
    voided_until = max((c.decided.date for c in postponed if not c.approval_carries_over), default=None)
    notice_until = max((c.decided.date for c in postponed), default=None)
    for step in STEPS:
        try:
            state = StepState(step, step.due(day, policy, days))
        except CalendarError as exc:
            state = StepState(step, None, gap=exc.year)
        document = getattr(activity, step.doc, None) if activity else None
        signoff = getattr(document, step.signoff, None) if document else None
        if signoff and not (step.doc == "readiness" and document.open_points()):
            state.done, state.by = (document.sent if step.doc == "notice" else signoff.date), signoff.by
            until = notice_until if step.doc in ("notice", "readiness") else (
                voided_until if step.key in ("proposal_reviewed", "proposal_approved") else None)
            if until and state.done < until:
                state.void, state.done = True, None
            elif today and state.done > today:
                state.done = state.by = None
        t.steps.append(state)
    t.stage = _stage(t, today)
    return t


def _original_date(year: int, item: PlanItem | None, activity: Activity | None) -> tuple[date, bool]:
    if activity and activity.proposal:
        return activity.proposal.when.date, False
    if activity and activity.folder_date:
        return activity.folder_date, False
    if item and item.date:
        return item.date, False
    if item:
        y, m = (int(p) for p in item.month.split("-"))
        return date(y, m, 1), True
    return date(year, 1, 1), True  # pragma: no cover - an unplanned activity always has a folder


def _stage(t: Timeline, today: date | None) -> Stage:
    if t.cancelled:
        return Stage.CANCELLED
    reached = max((s.step.reaches for s in t.steps if s.done), default=Stage.PLANNED)
    if not t.state("proposal_approved").done:  # nothing after approval counts without it (§4.4)
        return min(reached, Stage.RECHECKED)
    if reached < Stage.HELD and today and today >= t.date:
        reached = Stage.HELD
    record = t.activity.record if t.activity else None
    if record and (today is None or record.prepared is None or record.prepared.date <= today):
        reached = max(reached, Stage.RECORDED)
    return reached
