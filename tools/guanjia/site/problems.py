"""What ``guanjia serve`` shows while the records have errors: the findings, where the butler is looking.

``mkdocs build`` stops at them: a site with them must never be published. A preview server that stopped
the same way would leave the browser on the last good build (or on nothing), with the reason only in a
terminal the butler may not be watching. So while serving, the site is built without the archive's pages
and every page (the home page, each page of the nav, and the "not found" page that an activity page
becomes) begins with the findings: file, line, column, code, message and hint. The server reloads the
page by itself when a watched file changes; once the records are fixed, the real site is back.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from mkdocs.structure.files import File, Files

from ..findings import Finding
from .html import e, page, table, tag

MARK = "gj-problems"
_OPENING = (re.compile(r"<article\b[^>]*>"), re.compile(r"<body\b[^>]*>"))
# The preview server adds its reload script to the pages it serves, but not to its "not found" page: this one
# asks the server which build it shows (an epoch of 0 is answered at once), then waits for the next and reloads.
RELOAD = """<script>(function () {
  var shown = 0;
  function poll() {
    var req = new XMLHttpRequest();
    req.onloadend = function () {
      var now = parseFloat(this.responseText) || 0;
      if (shown && now > shown) { location.reload(); return; }
      shown = shown || now;
      setTimeout(poll, this.status === 200 ? 0 : 3000);
    };
    req.open("GET", "/livereload/" + shown + "/" + Date.now());
    req.send();
  }
  poll();
})();</script>"""


def box(findings: list[Finding]) -> str:
    """The findings as one HTML block."""
    rows = [[e(f.path) + (f"<br>第 {f.line} 行第 {f.column} 列" if f.line else ""), e(f.code), e(f.message), e(f.hint)]
            for f in findings]
    return tag("div", tag("p", f"记录有 {len(findings)} 个错误，网站暂时没有生成", "admonition-title")
               + tag("p", "按下面的提示改正文件并保存，这一页会自动刷新；全部改好后，网站就会出现。"
                          "在命令行运行 <code>guanjia validate</code> 也能看到同样的结果。")
               + table(["文件和位置", "代码", "问题", "怎么改"], rows), f"{MARK} admonition failure")


def shown_instead(files: Files, config, findings: list[Finding]) -> Files:
    """The site while the records have errors: the hand-written pages, and the findings at every page of the nav
    that the archive would have made. Links to the archive's pages lead nowhere meanwhile: not a warning."""
    from .build import ASSETS

    content = page("记录有错误", box(findings))
    if files.get_file_from_path("assets/guanjia.css") is None:
        files.append(File.generated(config, "assets/guanjia.css", abs_src_path=str(ASSETS / "guanjia.css")))
    for src in _nav_files(config.nav or []):
        if files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=content))
    if files.get_file_from_path("index.md") is None:
        files.append(File.generated(config, "index.md", content=content))
    for validation in (config.validation.nav, config.validation.links):
        for key in ("not_found", "anchors", "omitted_files"):
            if key in validation:
                validation[key] = logging.INFO
    return files


def inject(output: str, findings: list[Finding], reload: bool = False) -> str:
    """``output`` (a whole HTML page) with the findings at the top of its content (and, for the server's
    "not found" page, the script that reloads it once the files change)."""
    if MARK in output:
        return output
    shown = box(findings) + (RELOAD if reload else "")
    for opening in _OPENING:
        found = opening.search(output)
        if found:
            return output[: found.end()] + shown + output[found.end():]
    return shown + output


def _nav_files(nav: Iterable) -> Iterable[str]:
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from _nav_files(value)
        elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
            yield value
