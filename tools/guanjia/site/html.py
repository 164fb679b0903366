"""HTML for generated pages. Every value from a record goes through ``e`` (escaped text), never raw.

Generated pages are one raw HTML block inside a Markdown file, so record text is never
parsed as Markdown either: ``[x](javascript:…)``, ``{: onclick=…}``, ``|`` or ``{{ … }}``
stay the characters they are.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

WEEKDAYS = "一二三四五六日"


def e(value) -> str:
    """Escaped text, with line breaks kept."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True).replace("\n", "<br>")


def attr(value) -> str:
    return html.escape(str(value), quote=True)


def day(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日（周{WEEKDAYS[d.weekday()]}）" if d else ""


def short(d: date | None) -> str:
    return f"{d.month}月{d.day}日" if d else ""


def money(amount: Decimal | None) -> str:
    if amount is None:
        return "—"
    text = f"{amount:,.2f}"
    return f"{text[:-3] if text.endswith('.00') else text} 元"


def nw(text) -> str:
    """Escaped text that never breaks across lines (amounts, dates)."""
    return f'<span class="gj-nw">{e(text)}</span>'


def nw_parts(text: str) -> str:
    """Escaped text that may break only before its bracket: a date and its weekday in a narrow column."""
    head, sep, tail = str(text).partition("（")
    return nw(head) + (nw(sep + tail) if sep else "")


def plain(value) -> str:
    """Escaped single-line text, for SVG text, titles and attributes."""
    return html.escape(" ".join(str(value).split()), quote=True)


def url(path: str) -> str:
    """A relative URL with each part percent-encoded (file names may hold #, ?, spaces or Chinese)."""
    from urllib.parse import quote

    return "/".join(part if part in ("..", ".") else quote(part) for part in path.split("/"))


def tag(name: str, body: str = "", cls: str = "", **attrs) -> str:
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{attr(v)}"' for k, v in attrs.items() if v is not None)
    klass = f' class="{cls}"' if cls else ""
    return f"<{name}{klass}{extra}>{body}</{name}>"


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], cls: str = "gj-table") -> str:
    """A table whose cells are already HTML (escape them with ``e``)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<div class="gj-scroll"><table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def dl(pairs: Iterable[tuple[str, str]]) -> str:
    return '<dl class="gj-dl">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in pairs) + "</dl>"


def link(href: str, text: str) -> str:
    return f'<a href="{attr(url(href))}">{text}</a>'


def page(title: str, body: str, search: dict | None = None) -> str:
    """A generated Markdown file: the title in front matter, then one raw HTML block.

    Themes print ``page.meta.title`` unescaped in places, so it is stored escaped; as a JSON
    string it is a valid YAML double-quoted scalar whatever it contains. ``search`` is Material's
    per-page search setting (``{"boost": 5}``, ``{"exclude": True}``), written as JSON too.
    """
    import json

    meta = f"title: {json.dumps(html.escape(title), ensure_ascii=False)}\n"
    if search:
        meta += f"search: {json.dumps(search)}\n"
    return f"---\n{meta}---\n\n<div class=\"gj\" markdown=\"0\">\n{_no_blank(body)}\n</div>\n"


def _no_blank(text: str) -> str:
    # a blank line would end the raw HTML block and hand the rest to Markdown
    return "\n".join(line for line in text.splitlines() if line.strip())
