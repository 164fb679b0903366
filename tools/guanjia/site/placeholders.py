"""The small template language of the pages guanjia ships: ``{{ name }}`` and ``{{#flag}}…{{/flag}}``.

- ``{{ name }}`` is replaced by the value of ``name`` from a fixed table of strings;
- ``{{#flag}}…{{/flag}}`` keeps its text only when ``flag`` is true, ``{{^flag}}…{{/flag}}`` only when it
  is false; a tag alone on its line takes its line with it.

Nothing is evaluated, looked up on an object or called: a name is a key of the table, or an error naming
the page and line. Values are inserted as they are and never read again as a template; only the pages
inside the package are templates, never a record, a setting or a page an estate writes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_NAME = r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?"
_TAG = re.compile(r"(?P<alone>^[ \t]*\{\{[ \t]*(?P<s1>[#^/])[ \t]*(?P<n1>" + _NAME + r")[ \t]*\}\}[ \t]*(?:\n|\Z))"
                  r"|\{\{[ \t]*(?P<s2>[#^/]?)[ \t]*(?P<n2>" + _NAME + r")[ \t]*\}\}", re.M)


class TemplateError(ValueError):
    """A shipped page that cannot be filled in: a mistake in the package, named by page and line."""

    def __init__(self, page: str, line: int, message: str):
        self.page, self.line = page, line
        super().__init__(f"{page}:{line}: {message}")


def fill(text: str, values: Mapping[str, str], flags: Mapping[str, bool], page: str = "<page>") -> str:
    """The page with every tag replaced; a tag that is not known, not closed or not well formed is an error."""
    _check_braces(text, page)
    out: list[str] = []
    open_sections: list[tuple[str, bool, int]] = []  # (flag, keeps its text, line)
    pos = 0
    for m in _TAG.finditer(text):
        keep = all(kept for _, kept, _ in open_sections)
        if keep:
            out.append(text[pos:m.start()])
        pos = m.end()
        sign, name = (m["s1"], m["n1"]) if m["alone"] else (m["s2"], m["n2"])
        line = text.count("\n", 0, m.start()) + 1
        if sign in ("#", "^"):
            if name not in flags:
                raise TemplateError(page, line, f"unknown flag {{{{{sign}{name}}}}}")
            open_sections.append((name, flags[name] == (sign == "#"), line))
        elif sign == "/":
            if not open_sections or open_sections[-1][0] != name:
                raise TemplateError(page, line, f"{{{{/{name}}}}} closes no open section")
            open_sections.pop()
        elif name not in values:
            raise TemplateError(page, line, f"unknown name {{{{ {name} }}}}")
        elif keep:
            out.append(values[name])
    if open_sections:
        name, _, line = open_sections[-1]
        raise TemplateError(page, line, f"section {name} is not closed")
    out.append(text[pos:])
    return "".join(out)


def _check_braces(text: str, page: str) -> None:
    """Every ``{{`` starts a well-formed tag: a misspelt one is an error, not text shown to readers."""
    starts = {m.start() + (m.group().index("{{") if m["alone"] else 0) for m in _TAG.finditer(text)}
    for m in re.finditer(r"\{\{", text):
        if m.start() not in starts:
            raise TemplateError(page, text.count("\n", 0, m.start()) + 1, "malformed tag: " + text[m.start():][:30])
