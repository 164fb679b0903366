"""花名册 roster.yaml: who works here, in which role, since when, and their git identities."""

from __future__ import annotations

import re
from datetime import date as _date
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from .common import ROLES, Checked, Date, Model, PersonId, Text, check, check_unique, fail

Role = Literal["manager", "gm", "director", "butler"]


def _parse_email(value):
    text = str(value).strip()
    if not re.fullmatch(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", text):
        raise fail("email", "“{value}”不是有效的邮箱地址（注意用半角的“@”和“.”）", value=text)
    return text


Email = Annotated[str, BeforeValidator(_parse_email), WithJsonSchema({"type": "string", "format": "email"})]


class RoleSpell(Checked):
    """一段任职：岗位和起止日期。"""

    role: Role = Field(title="岗位", description="manager 管家部经理 / gm 项目总经理 / director 管家部主任 / butler 管家")
    start: Date = Field(title="起始日期", description="从哪天起担任这个岗位")
    end: Date | None = Field(None, title="结束日期", description="最后一天担任这个岗位；仍在岗则不写")

    @check
    def _check_order(self):
        if self.end is not None and self.end < self.start:
            yield fail("date_order", "结束日期 {end} 早于起始日期 {start}", end=str(self.end),
                       start=str(self.start), at="end")

    def covers(self, day: _date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Person(Model):
    """一名员工。联系方式只供内部使用，永远不会发布到网站。"""

    id: PersonId
    name: Text = Field(title="姓名")
    roles: list[RoleSpell] = Field(min_length=1, title="岗位", description="任职经历，至少一段")
    emails: list[Email] = Field(default_factory=list, title="git 邮箱",
                               description="提交时使用的 git 邮箱（git config user.email）")
    login: Text | None = Field(None, title="代码托管平台账号", description="GitHub 等平台上的登录名，用于核对审批")
    signing_key: Text | None = Field(None, title="SSH 签名公钥", description="ssh-ed25519 AAAA…，用于核对签名提交")
    phone: Text | None = Field(None, title="内部联系电话", description="只供内部使用，不发布")

    def holds(self, role: str, day: _date) -> bool:
        return any(spell.role == role and spell.covers(day) for spell in self.roles)

    def role_names(self) -> str:
        return "、".join(ROLES[s.role] for s in self.roles)


class Roster(Checked):
    """花名册：参与客户活动流程的人员。"""

    people: list[Person] = Field(min_length=1, title="人员")

    @check
    def _check_ids(self):
        yield from check_unique((person.id for person in self.people), "人员编号", "people")

    @check
    def _check_accounts(self):
        for attr, what in (("emails", "git 邮箱"), ("login", "平台账号")):
            owner: dict[str, str] = {}
            for i, person in enumerate(self.people):
                values = getattr(person, attr)
                for j, value in enumerate(values if isinstance(values, list) else [values] if values else []):
                    key = value.lower()
                    if key in owner and owner[key] != person.id:
                        at = f"people.{i}.{attr}" + (f".{j}" if isinstance(values, list) else "")
                        yield fail("duplicate_id", "{what}“{value}”已经属于 {other}，一个账号只能属于一个人",
                                   what=what, value=value, other=owner[key], at=at)
                    owner.setdefault(key, person.id)

    def get(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)
