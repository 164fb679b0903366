"""Scaffolds: documents pre-filled from what exists, with Chinese comments and the schema line.

Every value that comes from another document is quoted as a JSON string (a valid YAML
double-quoted scalar), so no text from a record can change the structure of the scaffold.
What the user still has to fill in is left empty: ``guanjia validate`` names it until it is.
"""

from __future__ import annotations

import json
from datetime import date

from .festivals import next_year
from .models.common import ROLES
from .models.plan import Plan, PlanItem
from .models.proposal import Proposal
from .models.settings import Policy, Settings
from .procedure import PLAN_STEPS
from .schema import schema_line


def q(value) -> str:
    return json.dumps(str(value), ensure_ascii=False)


def one_line(text) -> str:
    """Text for a comment or one line of a block: line breaks folded into spaces."""
    return " ".join(str(text).split())


def block(text: str, indent: int = 2) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in str(text).splitlines()) + "\n"


def _days(settings: Settings, field: str) -> str:
    """A policy's number of days as the estate counts them: "15 天" or "15 个工作日"."""
    n = getattr(settings.policy, field)
    return f"{n} 个工作日" if settings.policy.day_kind == "working" else f"{n} 天"


def _sign_hint(role: str) -> str:
    return (f"# 签字：填好、检查通过后由{role}本人运行 guanjia approve 本文件 --as 岗位 --commit，\n"
            "# 它会在文件末尾写入签字（人员编号、日期、内容摘要）。签字栏不要手写。\n")


def plan(year: int, previous: Plan | None, policy: Policy) -> str:
    limits = "；".join(f"{s.name} {year}-{getattr(policy, s.policy)} 前（{ROLES[s.roles[0]]}）" for s in PLAN_STEPS)
    out = [schema_line("plan", 2), f"# {year} 年度客户活动计划。{limits}。",
           f"# 管家部经理签两次：guanjia approve records/{year}/plan.yaml --as manager（第一次编制，第二次上报）；"
           "项目总经理批准：--as gm。", f"year: {year}", "items:"]
    items = previous.items if previous else []
    if not items:
        out += ["  - id: \"\"            # 英文短名，例如 zhishujie；活动目录名以它结尾",
                "    date:              # 具体日期 年-月-日；只定到月份时删掉这行，改写 month: 年-月",
                "    theme: \"\"         # 主题", "    form: \"\"          # 形式", "    content: \"\"       # 主要内容",
                "    budget:            # 预算费用（元）", "    category: \"\"      # 节日 / 公益 / 社区文化 / 安全 / 体育健康 / 亲子 / 其他"]
    for item in items:
        last = item.date.isoformat() if item.date else item.in_month
        moved, why = next_year(item.date) if item.date and item.date.year == year - 1 else (None, "")
        when = (f"    date: {moved}      # {why}；去年 {last}" if moved else
                f"    month: {year}-{item.in_month[5:]}     # 去年：{last}；定下日期后改写 date: 年-月-日")
        out += [f"  - id: {item.id}", when,
                f"    theme: {q(item.theme)}", f"    form: {q(item.form)}", f"    content: {q(item.content)}",
                f"    budget: {item.budget}", f"    category: {item.category}"]
    return "\n".join(out) + "\n" + _sign_hint("管家部经理")


def proposal(item: PlanItem | None, slug: str, day: date, reason: str | None, settings: Settings) -> str:
    budget = f"  # 年度计划预算：{item.budget} 元" if item else ""
    link = f"plan_item: {item.id}" if item else (
        f"unplanned:                     # 计划外活动\n  reason: {q(reason or '')}\n  category: \"\"    # 节日 / 公益 / 社区文化 / 安全 / 体育健康 / 亲子 / 其他")
    return f"""{schema_line("proposal", 3)}
# 客户活动策划表（{one_line(settings.form_codes.proposal)}）：管家部主任在活动前 {_days(settings, "proposal_drafted_days")}填写；管家部经理复核后于活动前 {_days(settings, "proposal_reviewed_days")}上报；
# 项目总经理在活动前 {_days(settings, "proposal_approved_days")}批准。十一项要素都必须填写。
{link}

theme: {q(item.theme if item else "")}        # 1 主题
form: {q(item.form if item else "")}          # 2 形式
when:                          # 3 具体时间
  date: {day.isoformat()}
  start: ""                    # 开始时间，例如 "09:00"（请带引号）
  end: ""                      # 结束时间，例如 "11:30"
place: ""                      # 4 具体地点
content: {block(item.content) if item else '""' + chr(10)}\
schedule:                      # 6 工作进度：每项准备工作及完成日期
  - date:
    task: ""
    department: 管家部          # 管家部 / 行政部（办公室）/ 工程部 / 安环部（消防保卫部）
divisions:                     # 7 责任部门的任务分工
  - department: 管家部
    tasks: [""]
external_proposals: []         # 8 外部相关方提交的策划方案；没有就保留 []，有则写 party、title、file
emergency_plan:                # 9 现场紧急预案
  - risk: ""                   # 可能情况，例如 下雨、人员受伤、停电
    response: ""
    owner: ""
evaluation_method:             # 10 评估方式：目标和衡量方法（评估表将逐项对照）
  - goal: ""
    measure: ""
budget:                        # 11 预算费用明细（元）{budget}
  items:
    - item: ""
      amount:
  total:

{_sign_hint("管家部主任")}"""


def notice(p: Proposal, day: date, settings: Settings | None = None) -> str:
    body = (f"尊敬的业主：\n物业服务中心定于 {day.month} 月 {day.day} 日 {p.when.start:%H:%M}—{p.when.end:%H:%M} "
            f"在{one_line(p.place)}举办“{one_line(p.theme)}”活动，欢迎参加。")
    return f"""{schema_line("notice", 3)}
# 业主通知（邀请函）：策划表批准后，管家部提前向区域内业主发出。正文会发布到网站：不要写业主个人信息。
sent:                          # 发出日期 年-月-日
channels: [公告栏, 业主微信群]   # 发布渠道
title: {q("关于举办“" + one_line(p.theme) + "”活动的通知")}
text: {block(body)}
{_sign_hint("管家")}"""


def readiness() -> str:
    checks = [("information", "活动信息是否准确及时地传递给客户"), ("progress", "各项工作是否按进度完成"),
              ("agreements", "与相关合作方的协议是否确定"), ("staffing", "人力配备是否足够满足活动要求"),
              ("permits", "相关需报批的手续是否完成")]
    body = "\n".join(f"{key}:                 # {text}\n  ok: false\n  note:                  # 说明（可不写）"
                     for key, text in checks)
    return f"""{schema_line("readiness", 3)}
# 准备情况检查（§4.6）：活动前由管家部经理负责、管家部主任配合，逐项确认；全部落实后把 ok 改成 true。
{body}

{_sign_hint("管家部经理或主任")}"""


def record(p: Proposal, day: date, settings: Settings) -> str:
    return f"""{schema_line("record", 3)}
# 客户活动记录表（{one_line(settings.form_codes.record)}）：活动结束后 {_days(settings, "record_days")}内由管家填写。只记人数，不记业主姓名、房号、电话、身份证号。
held:                          # 实际时间
  date: {day.isoformat()}
  start: "{p.when.start:%H:%M}"
  end: "{p.when.end:%H:%M}"
place: {q(p.place)}
attendance:
  households:                  # 参加户数
  people:                      # 参加人数
  staff:                       # 工作人员人数
summary: ""                    # 活动经过
incidents: []                  # 突发情况；没有就保留 []，有则写 time、description、handling
survey:                        # 宾客意见调查
  distributed:
  returned:
  satisfied:
  opinions: []
attachments: []                # 附件：kind（照片 / 录音 / 视频 / 报道，也可写 photo / audio / video / press）、path、caption；放好文件后运行 guanjia verify --fill

{_sign_hint("管家")}"""


def evaluation(p: Proposal, settings: Settings) -> str:
    goals = "".join(f"  - goal: {q(c.goal)}\n    result: \"\"          # 衡量方法：{one_line(c.measure)}\n"
                    "    verdict: \"\"         # 达成 / 部分达成 / 未达成\n" for c in p.evaluation_method)
    costs = "".join(f"    - item: {q(line.item)}\n      amount:            # 预算 {line.amount} 元\n"
                    for line in p.budget.items)
    return f"""{schema_line("evaluation", 3)}
# 客户活动评估表（{one_line(settings.form_codes.evaluation)}）：管家填写，管家部经理审核，项目总经理批准。目标来自策划表的评估方式。
goals:
{goals}actual_cost:                   # 实际费用（元）；策划表预算合计 {p.budget.total} 元
  items:
{costs}  total:
conclusion: ""                 # 总体评价：是否达到预期目的
improvements: []               # 改进建议

{_sign_hint("管家")}"""
