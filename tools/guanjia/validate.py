"""Loaded data → model instance, with pydantic's errors mapped back to file, line and column."""

from __future__ import annotations

import difflib
import types
import typing

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .findings import Finding
from .imehints import find_slip_for_key, ime_hints
from .load import Document
from .models.common import STEP_TITLES, Signoffs

# custom error kinds (raised with models.common.fail) → stable finding codes
CUSTOM_CODES = {
    "date": "GJ-S010", "month": "GJ-S011", "time": "GJ-S012", "money": "GJ-S013", "count": "GJ-S014",
    "budget_line": "GJ-S020", "budget_total": "GJ-S021", "plan_link": "GJ-S022", "plan_when": "GJ-S023",
    "time_order": "GJ-S024", "date_order": "GJ-S025", "duplicate_id": "GJ-S026", "plan_year": "GJ-S027",
    "survey_counts": "GJ-S028", "timezone": "GJ-S029", "flag": "GJ-S030", "change": "GJ-S031", "month_day": "GJ-S032", "email": "GJ-S033", "attachment": "GJ-S034",
    "calendar": "GJ-S035", "kind": "GJ-S004",
    "late_step": "GJ-C005",
}
_SHAPES = {"string_type": "一段文字", "list_type": "列表（每项以“- ”开头）", "dict_type": "一组“键: 值”",
           "model_type": "一组“键: 值”", "model_attributes_type": "一组“键: 值”", "int_type": "整数",
           "bool_type": "true 或 false", "bool_parsing": "true 或 false", "int_parsing": "整数"}


def parse(doc: Document, model: type[BaseModel]) -> tuple[BaseModel | None, list[Finding]]:
    """Validate ``doc.data`` against ``model``. Returns the instance or findings, never raises."""
    if doc.data is None or not isinstance(doc.data, dict):
        what = "空的" if doc.data is None else "一个列表" if isinstance(doc.data, list) else "一段文字"
        pos = doc.pos(())
        slips = ime_hints(doc.lines, pos.line - 1) if isinstance(doc.data, str) else []  # ``key:　value`` is text
        return None, [Finding(doc.shown, pos.line if doc.data is not None else 1, pos.column if doc.data is not None else 1,
                              "GJ-L009", f"文件内容是{what}；这里应是一组“键: 值”（{_title(model)}）。",
                              "；".join(slips) + "。" if slips else "可以用 guanjia new 生成一份带说明的模板再填写。")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [_finding(doc, model, err) for err in exc.errors(include_url=False)]


def _finding(doc: Document, model: type[BaseModel], err: dict) -> Finding:
    loc = tuple(p for p in err["loc"] if p != "[key]")  # a bad mapping key: blamed where the key is
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind.startswith("gj_") and ctx.get("at"):
        loc = _extend(doc.data, loc, str(ctx["at"]))
    name = _describe(model, loc)
    value = err.get("input")
    pos = doc.pos(loc)
    line, col = (pos.key_line, pos.key_column) if "[key]" in err["loc"] and pos.key_line else (pos.line, pos.column)
    hint = ""
    if kind == "missing":
        code, message = "GJ-S001", f"缺少必填项 {name}。"
        hint = find_slip_for_key(doc.lines, str(loc[-1])) or _missing_hint(loc)
    elif kind == "extra_forbidden" and _is_step_block(model, loc):
        code = "GJ-C005"
        steps = "、".join(f"{s}（{STEP_TITLES[s]}）" for s in model.steps())
        message = f"{_title(model)}没有“{STEP_TITLES[loc[0]]}”（{loc[0]}）这一步，这个签字块不算数。"
        line, col = pos.key_line or line, pos.key_column or col
        hint = f"按工作程序，这份文件的签字是：{steps}；删掉 {loc[0]}: 这一段。"
    elif kind == "extra_forbidden":
        code, message = "GJ-S002", f"不认识的字段“{loc[-1]}”。"
        line, col = pos.key_line or line, pos.key_column or col
        hint = _suggest(model, loc)
    elif value is None:  # whatever the field's type: nothing was written after the colon
        code, message = "GJ-S007", f"{name} 没有填写。"
        if loc and isinstance(loc[-1], int):
            message, hint = f"{name} 是空的一项。", "删掉这一行的“-”，或在“-”后面写上内容。"
        else:
            hint = _empty_hint(model, loc, kind)
    elif kind.startswith("gj_"):
        code, message = CUSTOM_CODES.get(kind[3:], "GJ-S003"), f"{name}：{err['msg']}。"
    elif kind == "literal_error":
        code = "GJ-S004"
        choices = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ").replace(", ", "、")
        message = f"{name}：“{value}”不是可选的值；可选：{choices}。"
    elif kind in _SHAPES:
        code, message = "GJ-S005", f"{name} 应是{_SHAPES[kind]}，这里写的是{_shape_of(value)}。"
        if kind == "list_type" and isinstance(value, str) and value.strip() in ("无", "没有", "暂无", "none", "None", "-"):
            hint = "没有内容时请写 []（空列表）。"
    elif kind in ("string_too_long", "too_long"):
        code, message = "GJ-S009", f"{name} 太长了（最多 {ctx.get('max_length', '?')} {'个字' if kind == 'string_too_long' else '项'}）。"
    elif kind in ("too_short", "string_too_short"):
        code, message = "GJ-S006", f"{name} 不能为空。"
        hint = "至少写一项。" if kind == "too_short" else ""
    elif kind == "string_pattern_mismatch" and "{64}" in str(ctx.get("pattern", "")):
        code, message = "GJ-S036", f"{name}：“{value}”不是 SHA-256 摘要：{digest_shape(str(ctx['pattern']), str(value))}。"
        hint = "摘要由 guanjia 写入（附件的由 guanjia verify --fill，签字的由 guanjia approve），不要手改；改坏了请从 git 历史找回原来的值。"
    elif kind == "string_pattern_mismatch":
        code, message = "GJ-S008", f"{name}：“{value}”格式不对，只能用小写英文字母、数字和“-”。"
        hint = "例如 zhishujie、wang-li（拼音，用“-”连接）。"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        code, message = "GJ-S009", f"{name}：“{value}”超出允许范围。"
    else:
        code, message = "GJ-S003", f"{name}：值“{value}”不符合要求。"
        hint = f"（技术信息：{kind}）"
    if not hint or code in ("GJ-S002", "GJ-S003", "GJ-S005", "GJ-S007", "GJ-S010", "GJ-S012", "GJ-S013", "GJ-S014"):
        slips = ime_hints(doc.lines, line - 1)
        if slips:
            hint = "；".join(slips) + "。" + ("" if code == "GJ-S007" else hint)
    return Finding(doc.shown, line, col, code, message, hint)


def _extend(data, loc: tuple, at: str) -> tuple:
    """``loc`` and then the dotted path ``at``: a number is a list index, except as a mapping's key (a year)."""
    node = data
    for part in loc:
        node = _child(node, part)
    out = list(loc)
    for part in at.split("."):
        key = int(part) if part.isdigit() and not isinstance(node, dict) else part
        out.append(key)
        node = _child(node, key)
    return tuple(out)


def _child(node, key):
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None


def digest_shape(pattern: str, value: str) -> str:
    """What is wrong with ``value`` as a SHA-256 digest (``pattern``: the model's, with or without "sha256:")."""
    prefix = "sha256:" if pattern.startswith("^sha256:") else ""
    digits = value.removeprefix(prefix)
    if prefix and not value.startswith(prefix):
        why = "开头缺少“sha256:”"
    elif len(digits) != 64:
        why = f"这里有 {len(digits)} 个字符"
    elif digits != digits.lower():
        why = "这里有大写字母"
    else:
        why = "这里有 0-9、a-f 以外的字符"
    return f"应是{'“sha256:”加上' if prefix else ''} 64 位小写十六进制数字（0-9、a-f），{why}"


def _is_step_block(model: type[BaseModel], loc: tuple) -> bool:
    """A signoff block at the top of a signed document whose procedure has no such step."""
    return len(loc) == 1 and loc[0] in STEP_TITLES and issubclass(model, Signoffs)


def _shape_of(value) -> str:
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "一组“键: 值”"
    return f"“{value}”"


def _missing_hint(loc: tuple) -> str:
    if loc and loc[-1] == "external_proposals":
        return "没有外部相关方提交的方案时，请明确写 external_proposals: []。"
    if loc and loc[-1] == "incidents":
        return "没有突发情况时，请明确写 incidents: []。"
    return "请补上这一项（可参考 guanjia new 生成的模板）。"


def _empty_hint(model: type[BaseModel], loc: tuple, kind: str) -> str:
    """What belongs under a key left empty: the fields of the part it opens, or the items of its list."""
    field = _field(model, loc)
    inner = _inner_model(field.annotation) if field else None
    if kind == "list_type":
        each = f"，写 {_fields(inner)}" if inner else ""
        empty = "至少写一项" if field and any(getattr(m, "min_length", 0) for m in field.metadata) else "确实没有内容时写 []"
        return f"这里应是一个列表：在下一行多缩进两格，每项以“- ”开头{each}；{empty}。"
    if inner is not None and kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"这里应是一组“键: 值”：在下一行多缩进两格，逐行写 {_fields(inner)}（可参考 guanjia new 生成的模板）。"
    return "在冒号后面写上内容（冒号后留一个空格）。"


def _fields(model: type[BaseModel], depth: int = 1) -> str:
    """``items（明细，每项写 item、amount）、total（合计（元））``: the required fields of ``model``."""
    parts = []
    for name, field in model.model_fields.items():
        if not field.is_required():
            continue
        inner = _inner_model(field.annotation) if depth else None
        listed = typing.get_origin(field.annotation) is list
        more = f"{'，每项写' if listed else '：'} {_fields(inner, depth - 1)}" if inner else ""
        parts.append(f"{name}（{field.title}{more}）" if depth else name)
    return "、".join(parts)


def _field(model: type[BaseModel], loc: tuple) -> FieldInfo | None:
    parent = _model_at(model, loc[:-1]) if loc else None
    return parent.model_fields.get(loc[-1]) if parent is not None and isinstance(loc[-1], str) else None


def _suggest(model: type[BaseModel], loc: tuple) -> str:
    parent = _model_at(model, loc[:-1])
    if parent is None:
        return ""
    allowed = list(parent.model_fields)
    close = difflib.get_close_matches(str(loc[-1]).lower(), allowed, n=1, cutoff=0.6)
    if close:
        return f"是不是要写“{close[0]}”（{parent.model_fields[close[0]].title}）？"
    return "这里可以写的字段：" + "、".join(allowed) + "。"


def _describe(model: type[BaseModel], loc: tuple) -> str:
    """``budget.items[2].amount（金额（元））`` — the path a user sees, with the field's title."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    parent = _model_at(model, tuple(p for p in loc[:-1])) if loc else None
    last = loc[-1] if loc else None
    if parent is not None and isinstance(last, str) and last in parent.model_fields:
        title = parent.model_fields[last].title
        if title:
            return f"“{text}”（{title}）"
    return f"“{text}”" if text else _title(model)


def _title(model: type[BaseModel]) -> str:
    return (model.__doc__ or model.__name__).strip().split("：")[0].split("\n")[0]


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    keyed = False  # the next part is a mapping's key (calendar's year), not a field
    for part in loc:
        if isinstance(part, int) or current is None or keyed:
            keyed = False
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
        keyed = typing.get_origin(field.annotation) is dict
    return current


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, dict, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation)[1:] if origin is dict else typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
