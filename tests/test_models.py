"""Model types: what a butler types, and the Chinese answer when it is wrong."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from pydantic import BaseModel, ValidationError

from guanjia.models import Settings
from guanjia.models.common import ClockTime, Count, Date, Money, Month


class Probe(BaseModel):
    d: Date | None = None
    t: ClockTime | None = None
    m: Money | None = None
    n: Count | None = None
    mo: Month | None = None


def error(**kw) -> tuple[str, str]:
    with pytest.raises(ValidationError) as exc:
        Probe(**kw)
    err = exc.value.errors()[0]
    return err["type"], err["msg"]


@pytest.mark.parametrize(("kw", "value"), [
    ({"d": "2026-03-01"}, date(2026, 3, 1)),
    ({"t": "9:30"}, time(9, 30)),
    ({"t": "14:05"}, time(14, 5)),
    ({"m": "1200"}, Decimal("1200")),
    ({"m": "35.50"}, Decimal("35.50")),
    ({"n": "85"}, 85),
    ({"mo": "2026-08"}, "2026-08"),
])
def test_accepted(kw, value):
    assert getattr(Probe(**kw), next(iter(kw))) == value


def test_money_is_decimal_never_float():
    assert isinstance(Probe(m="0.1").m, Decimal)
    assert Probe(m="0.1").m + Probe(m="0.2").m == Decimal("0.3")


@pytest.mark.parametrize(("kw", "kind", "says"), [
    ({"d": "2026年3月1日"}, "gj_date", "2026-03-01"),
    ({"d": "2026/3/1"}, "gj_date", "2026-03-01"),
    ({"d": "2026-02-30"}, "gj_date", "没有这一天"),
    ({"d": "三月一日"}, "gj_date", "不是日期"),
    ({"t": "9：30"}, "gj_time", "09:30"),
    ({"t": "9点30"}, "gj_time", "09:30"),
    ({"t": "25:00"}, "gj_time", "不是时间"),
    ({"m": "¥1,200"}, "gj_money", "1200"),
    ({"m": "1200元"}, "gj_money", "1200"),
    ({"m": "１２００"}, "gj_money", "1200"),
    ({"m": "12.345"}, "gj_money", "分"),
    ({"m": "-5"}, "gj_money", "不是金额"),
    ({"n": "85人"}, "gj_count", "85"),
    ({"n": "８５"}, "gj_count", "85"),
    ({"mo": "2026年8月"}, "gj_month", "2026-08"),
])
def test_refused_with_the_fix(kw, kind, says):
    got_kind, msg = error(**kw)
    assert got_kind == kind
    assert says in msg


def test_settings_defaults_are_the_procedure():
    s = Settings()
    p = s.policy
    assert (p.plan_drafted_by, p.plan_submitted_by) == ("01-05", "01-10")  # §4.1, §4.2
    assert p.plan_approved_by == "01-15"  # the source gives no date: the company's default
    assert (p.proposal_drafted_days, p.proposal_reviewed_days, p.proposal_approved_days) == (15, 10, 7)
    assert s.timezone == "Asia/Shanghai"
    assert s.form_codes.proposal == "HSJY04-GJ-B54"
    assert s.department("消防保卫部") == "安环部"
    assert s.department("办公室") == "行政部"
    assert s.department("保洁部") is None


def test_settings_refuses_unknown_zone():
    with pytest.raises(ValidationError) as exc:
        Settings(timezone="Beijing")
    assert "Asia/Shanghai" in str(exc.value)


def test_every_field_has_a_chinese_title():
    from guanjia.models import ALL
    from guanjia.validate import _inner_model

    seen = set()
    todo = list(ALL.values())
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            title = field.title or ""
            assert any("\u4e00" <= ch <= "\u9fff" for ch in title), f"{model.__name__}.{name} 没有中文标题"
            inner = _inner_model(field.annotation)
            if inner is not None:
                todo.append(inner)


def test_digest_ignores_empty_optional_fields():
    """A later version adding an optional field must not invalidate every signoff in the archive."""
    from guanjia.models import Plan
    from guanjia.signing import digest

    data = {"year": 2026, "items": [{"id": "a", "date": "2026-03-01", "theme": "t", "form": "f", "content": "c",
                                     "budget": "10", "category": "节日"}]}
    plain = Plan.model_validate(data)
    assert digest(plain) == digest(Plan.model_validate({**data, "prepared": None}))
    changed = Plan.model_validate({**data, "items": [{**data["items"][0], "budget": "11"}]})
    assert digest(changed) != digest(plain)
