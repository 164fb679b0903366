"""Hints for slips a Chinese input method makes in YAML, and YAML errors in Chinese.

A butler typing with a Chinese IME easily types ``：`` for ``:``, a full-width space
as indent, ``－`` as a list dash or full-width digits. YAML then fails somewhere
nearby; these hints point at the exact character that caused it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (pattern, what it is, what to do); the match's group 1 is the culprit, "{ch}" in the text is it.
# Structural slips break the YAML itself: a syntax error is blamed on them.
STRUCTURAL = [
    (re.compile(r"^[ \u3000]*(?:- )?[^\s:：#\"'\[{][^:：#]*?:(\u3000)"), "冒号后面的全角空格",
     "改成英文半角空格（切换到英文输入法再打空格）"),
    (re.compile(r"^ *-(\u3000)"), "“-”后面的全角空格", "改成英文半角空格（切换到英文输入法再打空格）"),
    (re.compile(r"^[ \u3000]*(?:- )?[^\s:：#\"'][^:：#]*?(：)"), "中文全角冒号“：”", "改成英文冒号“:”，冒号后再加一个空格"),
    (re.compile(r"^ *(\u3000)"), "全角空格", "改成英文半角空格缩进"),
    (re.compile(r"^[ \u3000]*(\u00a0)"), "不间断空格（从网页或 Word 复制来的）", "改成普通的英文空格"),
    (re.compile(r"^ *([－—–])"), "中文横线“{ch}”", "改成英文减号“-”，后面加一个空格"),
    (re.compile(r"^ *(\t)"), "Tab 制表符缩进", "改成空格缩进（YAML 不认 Tab）"),
    (re.compile(r"^ *(-)[^\s\-\d]"), "列表的“-”后面缺空格", "在“-”后面加一个空格"),
    (re.compile(r"^ *(?:- )?[A-Za-z_][\w-]*(:)[^\s\d]"), "紧贴着值的冒号", "在冒号后面加一个空格"),
    (re.compile(r"^[^:#]*?(\u3000)[ \u3000]*:"), "全角空格", "删掉它（键和冒号之间不要有空格）"),
    (re.compile(r"([\u200b\u200c\u200d\u2060\ufeff])"), "看不见的零宽字符（从网页或微信复制来的）", "删掉它：把这一行重新手打一遍"),
    (re.compile(r"^ *(?:- )?([Ａ-Ｚａ-ｚ＿])"), "全角字母", "改成半角英文字母"),
    (re.compile(r":\s+(?:\"[^\"]*?|'[^']*?)([”’])\s*(?:#.*)?$"), "中文引号 {ch}（值以英文引号开头，却以中文引号结尾）",
     "改成英文引号，前后一致"),
    (re.compile(r":\s+(\"[^\"]*\"|'[^']*')[^\s#,\]}]"), "只括住了值的一部分的引号", "把整个值都放进引号里，或者去掉引号"),
    (re.compile(r":\s+([@`%*&!?\]]|[|>](?![-+0-9]*\s*(?:#.*)?$))"), "以 YAML 特殊字符“{ch}”开头的值",
     "用英文引号把整个值括起来"),
]
# Value slips are legal YAML but wrong for the field: a value error is blamed on them.
VALUE = [
    (re.compile(r"([０-９])"), "全角数字", "改成半角数字 0-9"),
    (re.compile(r":\s*([【［｛（])"), "全角括号", "改成半角括号或直接写内容"),
    (re.compile(r"\[[^\]]*?(，)"), "中文逗号“，”", "改成英文逗号“,”"),
    (re.compile(r":\s+(#)"), "“#”：它后面的内容是注释，不算值", "值以 # 开头时用英文引号括起来"),
    (re.compile(r"(?::|^ *-)\s+([“”‘’「『＂＇])"), "中文引号 {ch}", "去掉它；需要引号时用英文引号“\"”"),
]


@dataclass(frozen=True)
class Slip:
    """One suspicious character: 1-based line and column, and what to type instead."""

    line: int
    column: int
    what: str
    instead: str

    @property
    def text(self) -> str:
        return f"第 {self.line} 行第 {self.column} 列是{self.what}，请{self.instead}"


def slips(lines: list[str], index: int, kinds=(STRUCTURAL, VALUE)) -> list[Slip]:
    """Slips on line ``index`` (0-based) of ``lines``; empty when nothing is suspicious."""
    if not 0 <= index < len(lines):
        return []
    line = lines[index]
    found = []
    for table in kinds:
        for pattern, what, instead in table:
            m = pattern.search(line)
            if m:
                found.append(Slip(index + 1, m.start(1) + 1, what.replace("{ch}", m.group(1)[:1]), instead))
    return found


def structural_slips(lines: list[str], index: int, back: int = 2) -> list[Slip]:
    """Structural slips on line ``index`` or on the ``back`` non-blank lines before it."""
    found = slips(lines, index, (STRUCTURAL,))
    i = index - 1
    while not found and back and i >= 0:
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            found = slips(lines, i, (STRUCTURAL,))
            back -= 1
        i -= 1
    return found


def ime_hints(lines: list[str], index: int) -> list[str]:
    """The slips on line ``index`` (0-based) as hint sentences."""
    return [slip.text for slip in slips(lines, index)]


def find_slip_for_key(lines: list[str], name: str) -> str:
    """A hint when a required key ``name`` seems to be there but typed with ``：``."""
    pattern = re.compile(rf"^[ \u3000]*(?:- )?{re.escape(name)}[ \u3000]*(：)")
    for i, line in enumerate(lines):
        m = pattern.match(line)
        if m:
            return f"第 {i + 1} 行第 {m.start(1) + 1} 列是中文全角冒号“：”，请改成英文冒号“:”加一个空格"
    return ""


_PROBLEMS = [
    ("mapping values are not allowed", "这里不能出现“: ”（冒号加空格）。",
     "值里含有“: ”时，请把整个值用英文引号括起来；也可能是上一行缩进不对。"),
    ("could not find expected ':'", "缺少英文冒号“:”：YAML 每一行应是“键: 值”。",
     "检查这一行或上一行是否用了中文冒号“：”，或缺少冒号。"),
    ("did not find expected key", "这里应是一个“键: 值”，但格式不对（常见原因是缩进没对齐）。",
     "同一层的键必须左对齐，用空格缩进。"),
    ("did not find expected '-' indicator", "列表项应以“- ”开头，且与上一项对齐。", "检查缩进和“-”后面的空格。"),
    ("found character '\\t' that cannot start any token", "这里有 Tab 制表符，YAML 只认空格缩进。",
     "把 Tab 换成空格（VS Code 右下角可切换“空格”缩进）。"),
    ("found unexpected end of stream", "从这里开始的引号或括号一直没有闭合（文件已经结束）。", "检查引号“\"”和括号“[ ]”“{ }”是否成对。"),
    ("found unknown escape character", "双引号里的反斜杠“\\”后面跟了不认识的字符。",
     "路径请用“/”，或改用单引号。"),
    ("found undefined tag handle", "不允许使用以“!”开头的标签。", "删掉标签，只写值本身。"),
    ("found unexpected ':'", "这里的冒号位置不对。", "值里有冒号时请用英文引号括起来。"),
    ("block sequence entries are not allowed", "这里不能开始列表（“- ”）。", "列表应写在一个键的下一行，并多缩进两格。"),
    ("found character that cannot start any token", "这里的值以 YAML 特殊字符开头。", "值以 @ ` % 等字符开头时，用英文引号把整个值括起来。"),
    ("did not find expected alphabetic or numeric character", "这里的值以 YAML 特殊字符“*”或“&”开头。",
     "用英文引号把整个值括起来，例如 \"*重要* 活动\"。"),
    ("did not find expected whitespace or line break", "这里的值以“!”开头，YAML 会把它当作标签。", "用英文引号把整个值括起来。"),
    ("did not find expected comment or line break", "这一行的值后面多出了内容（“|”或“>”开头、引号之后还有文字等）。",
     "用英文引号把整个值括起来。"),
    ("mapping keys are not allowed in this context", "这里的值以“?”开头，YAML 会把它当作特殊的键。", "用英文引号把整个值括起来。"),
    ("did not find expected node content", "这里缺少内容，或值以“]”“}”“,”开头。", "用英文引号把整个值括起来，或补上缺少的内容。"),
    ("control characters are not allowed", "文件里有不可见的控制字符。", "删掉这些字符，或从原文重新粘贴为纯文本。"),
    ("expected <document start>", "这里多出了内容，文件的结构不对。", "检查缩进，或是否多写了一个顶层值。"),
    ("exceeded maximum nesting depth", "嵌套层次太深。", "检查括号“[”“{”是否成对。"),
    ("found a tab character", "这里有 Tab 制表符，YAML 只认空格缩进。", "把 Tab 换成空格。"),
    ("while parsing a flow", "方括号或花括号没有写完整。", "检查“[ ]”“{ }”是否成对，逗号是否用了英文“,”。"),
]


def syntax_message(problem: str, context: str) -> tuple[str, str]:
    """Translate a libyaml problem into a Chinese message and a default hint."""
    for needle, message, hint in _PROBLEMS:
        if needle in problem or needle in context:
            return message, hint
    return "这一行的 YAML 格式不对。", f"检查这一行及上一行的缩进、冒号和引号。（技术信息：{problem or context}）"
