"""Tables for people: a rich table in a terminal, aligned plain text when piped, or JSON.

Like ``reporters``, the only place that prints what ``status`` and ``deadlines`` computed.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from typing import TextIO


def width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def plain(headers: list[str], rows: list[list[str]], stream: TextIO) -> None:
    widths = [max(width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        cells = [str(c) + " " * (w - width(str(c))) for c, w in zip(row, widths, strict=True)]
        stream.write("  ".join(cells).rstrip() + "\n")


def table(title: str, headers: list[str], rows: list[list[str]], stream: TextIO | None = None,
          styles: list[str] | None = None, keep: tuple[int, ...] = ()) -> None:
    """Print ``rows`` under ``headers``: rich in a terminal, plain text otherwise.

    Columns in ``keep`` (dates, days left) are never wrapped or cut; the others fold when narrow.
    """
    stream = stream or sys.stdout
    if not stream.isatty():
        if title:
            stream.write(title + "\n")
        plain(headers, rows, stream)
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title, title_justify="left", header_style="bold")
    for i, h in enumerate(headers):
        t.add_column(h, no_wrap=i in keep, overflow="fold")
    for i, row in enumerate(rows):
        t.add_row(*[str(c) for c in row], style=(styles[i] if styles else None) or None)
    Console(file=stream, highlight=False).print(t)


def md_text(value) -> str:
    """Text for a Markdown page: on one line, every character Markdown or HTML would act on escaped."""
    text = " ".join(str(value).split())
    for ch in "\\|<>*_`[]#":
        text = text.replace(ch, "\\" + ch)
    return text


def markdown(title: str, headers: list[str], rows: list[list[str]], stream: TextIO | None = None) -> None:
    """A Markdown table (job summaries, issues): cell text escaped so it stays text."""
    stream = stream or sys.stdout
    stream.write(f"### {md_text(title)}\n\n| " + " | ".join(headers) + " |\n|" + "---|" * len(headers) + "\n")
    for row in rows:
        stream.write("| " + " | ".join(md_text(c) for c in row) + " |\n")
    stream.write("\n")


def dump_json(payload, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    json.dump(payload, stream, ensure_ascii=False, indent=2, default=str)
    stream.write("\n")


def days_text(days_left: int) -> str:
    if days_left < 0:
        return f"逾期 {-days_left} 天"
    return "今天到期" if days_left == 0 else f"还有 {days_left} 天"
