"""The pages guanjia ships, filled in from each estate's guanjia.yml; the plugin's menu, page overrides and
its own options, each built for real with ``mkdocs build --strict``."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from conftest import REPO, invoke
from guanjia.models import Settings
from guanjia.site import handbook
from guanjia.site.placeholders import TemplateError, fill

OTHER = Settings.model_validate({
    "project": "松涛苑", "company": "青松物业服务有限公司", "timezone": "Asia/Hong_Kong",
    "departments": [{"name": "客服部", "aliases": ["前台"]}, {"name": "工程部"}],
    "form_codes": {"proposal": "QS-KF-11", "record": "QS-KF-12", "evaluation": "QS-KF-13"},
    "policy": {"plan_drafted_by": "01-08", "proposal_drafted_days": 21, "proposal_approved_days": 9,
               "notice_days": 4, "record_days": 2, "evaluation_approved_days": 20, "day_kind": "working"},
})


def mkdocs(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture
def estate(tmp_path) -> Path:
    root = tmp_path / "songtao"
    assert invoke("init", str(root), "--project", "松涛苑", "--today", "2026-03-01").code == 0
    return root


def test_every_shipped_page_is_in_the_menu_and_fills_in():
    shipped = handbook.shipped()
    in_menu = [src for _, src in handbook._entries(handbook.NAV)]
    assert set(shipped) <= set(in_menu) and "roles/it.md" in shipped and "benchmarks.md" not in shipped
    for settings in (Settings(), OTHER):
        for src, text in handbook.pages(settings):
            assert "{{" not in text and text.startswith("# "), src


def test_the_pages_speak_the_estates_own_settings():
    """Another estate's names, codes, zone, departments and limits; none of the demo's literal values."""
    pages = dict(handbook.pages(OTHER))
    every = re.sub(r"（程序原文 §[\d.]+ 是 [^）]+）", "", "\n".join(pages.values()))  # the source's own numbers, named as such
    for demo in ("翠湖", "华晟", "HSJY", "B54", "B55", "B56", "15 天", "1 月 5 日"):
        assert demo not in every, demo
    assert "QS-KF-11" in pages["procedure.md"] and "QS-KF-12" in pages["roles/butler.md"]
    assert "客服部（前台）、工程部" in pages["procedure.md"] and "客服部（前台）" in pages["documents.md"]
    assert "活动开始前 **21 个工作日**" in pages["roles/director.md"].replace("填好", "")
    assert "**公司规定**（程序原文 §4.3 是 15 天）" in pages["procedure.md"]
    assert "**按工作日计算。**" in pages["procedure.md"] and "**按自然日计算。**" not in pages["procedure.md"]
    assert "按香港时间计算" in pages["roles/butler.md"] and "1 月 8 日" in pages["plan-howto.md"]
    assert "青松物业服务有限公司 松涛苑物业服务中心" in pages["about.md"]
    assert "--project 松涛苑 --company 青松物业服务有限公司" in pages["roles/it.md"]
    # where 北京时间 is still said, it is about Beijing time itself (the UTC example, the reminder's cron)
    assert [src for src, text in pages.items() if "北京时间" in text] == ["procedure.md", "roles/it.md"]


def test_names_from_the_settings_stay_text():
    """A name with Markdown or HTML in it shows as typed: in prose, in a table cell, in a command."""
    name = "翠湖*花园*_二期_ | <b>[x](javascript:alert(1))</b> `code` {: onclick=x} {{ project }}"
    settings = Settings.model_validate({"project": name, "company": "A&B\n公司", "form_codes": {"proposal": "B|54"}})
    pages = dict(handbook.pages(settings))
    line = next(line for line in pages["about.md"].splitlines() if line.startswith("这是"))
    rendered = markdown.markdown(line, extensions=["tables", "attr_list"])
    assert name in html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert re.findall(r"<[^>]+>", rendered) == ["<p>", "<strong>", "</strong>", "</p>"]  # 管家部 alone is bold
    assert "| 客户活动策划表 | B&#124;54 |" in pages["procedure.md"]  # one cell, not two
    assert "A&#38;B 公司" in pages["about.md"]
    command = re.search(r"guanjia init cuihu --project (.*)", pages["roles/it.md"])[1]
    assert command.startswith('"翠湖*花园*_二期_ | <b>') and "`" not in command


@pytest.mark.parametrize(("text", "message"), [
    ("{{ nobody }}", "doc.md:1: unknown name {{ nobody }}"),
    ("a\n{{#nothing}}x{{/nothing}}", "doc.md:2: unknown flag {{#nothing}}"),
    ("{{#on}}\nx\n", "doc.md:1: section on is not closed"),
    ("x{{/on}}", "doc.md:1: {{/on}} closes no open section"),
    ("\n\n{{ Name }}", "doc.md:3: malformed tag: {{ Name }}"),
    ("{{ name", "doc.md:1: malformed tag: {{ name"),
])
def test_a_broken_page_is_named_by_line(text, message):
    with pytest.raises(TemplateError) as caught:
        fill(text, {"name": "v"}, {"on": True}, "doc.md")
    assert str(caught.value) == message


def test_placeholders_fill_once_and_sections_take_their_lines():
    text = "a {{ name }} b\n{{#on}}\nshown\n{{/on}}\n{{^on}}\nhidden\n{{/on}}\nc{{#on}} inline{{/on}}\n"
    assert fill(text, {"name": "{{ name }}"}, {"on": True}) == "a {{ name }} b\nshown\nc inline\n"
    assert fill(text, {"name": "x"}, {"on": False}) == "a x b\nhidden\nc\n"


def test_a_new_estate_builds_with_the_plugins_menu(estate):
    run = mkdocs(estate / "mkdocs.yml")
    assert run.returncode == 0, run.stderr
    home = (estate / "site" / "index.html").read_text(encoding="utf-8")
    for page in ("plan/index.html", "calendar/index.html", "stats.html", "procedure.html", "roles/it.html",
                 "about.html", "codes.html"):
        assert f'href="{page}"' in home, page
    procedure = (estate / "site" / "procedure.html").read_text(encoding="utf-8")
    assert "松涛苑" in procedure and "HSJY04-GJ-B54" in procedure  # the template's guanjia.yml: default codes


def test_an_estate_page_replaces_a_shipped_one_and_its_own_pages_join_the_menu(estate):
    (estate / "docs" / "procedure.md").write_text("# 松涛苑的工作程序\n\n本项目自己写的工作程序。\n", encoding="utf-8")
    (estate / "docs" / "值班电话.md").write_text("# 管家部值班\n\n工作日 9:00–18:00。\n", encoding="utf-8")
    run = mkdocs(estate / "mkdocs.yml")
    assert run.returncode == 0, run.stderr
    assert "本项目自己写的工作程序" in (estate / "site" / "procedure.html").read_text(encoding="utf-8")
    about = (estate / "site" / "about.html").read_text(encoding="utf-8")
    assert "管家部值班" in about  # in the menu, under 关于本站
    (estate / "docs" / "stats.md").write_text("# 统计\n", encoding="utf-8")
    run = mkdocs(estate / "mkdocs.yml")
    assert run.returncode == 1 and "stats.md 由插件生成，请删除 docs/ 中的同名文件" in run.stderr


def test_an_estates_own_menu_is_kept(estate):
    config = estate / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n  - 首页: index.md\n  - 工作程序: procedure.md\n",
                      encoding="utf-8")
    run = mkdocs(config)
    assert run.returncode == 0, run.stderr
    home = (estate / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="procedure.html"' in home and 'href="roles/it.html"' not in home
    assert (estate / "site" / "roles" / "it.html").is_file()  # still published, only not in the menu


@pytest.mark.parametrize(("options", "message"), [
    ("project: nowhere", "找不到项目目录 nowhere"),
    ("project: docs", "不是 guanjia 项目目录：里面既没有 guanjia.yml，也没有 records/"),
    ("project: 5", "project 应写项目目录的路径"),
    ("today: '2026-13-01'", "today 应是一个日期，写成 年-月-日，例如 '2026-12-01'；现在是 '2026-13-01'"),
    ("today: 明天", "today 应是一个日期"),
    ("projcet: .", "guanjia 插件没有 projcet 这个选项；可用的选项：project、today"),
])
def test_a_wrong_plugin_option_is_a_chinese_configuration_error(estate, options, message):
    config = estate / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - guanjia\n", f"  - guanjia:\n      {options}\n"), encoding="utf-8")
    run = mkdocs(config)
    assert run.returncode == 1 and message in run.stderr, run.stderr
    assert "ERROR   -  Config value 'plugins': Plugin 'guanjia' option" in run.stderr and "Traceback" not in run.stderr


def test_the_plugins_options_may_be_written_out(estate, tmp_path):
    """project relative to mkdocs.yml, and today as YAML reads a bare date."""
    config = tmp_path / "elsewhere" / "mkdocs.yml"
    config.parent.mkdir()
    text = (estate / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("docs_dir: docs", f"docs_dir: {estate / 'docs'}").replace(
        "  - guanjia\n", "  - guanjia:\n      project: ../songtao\n      today: 2026-12-01\n"), encoding="utf-8")
    run = mkdocs(config)
    assert run.returncode == 0, run.stderr
    assert "2026年12月1日" in (config.parent / "site" / "index.html").read_text(encoding="utf-8")


def test_our_site_menu_lists_our_own_pages():
    """This repository's own page (benchmarks.md) joins 关于本站; the procedure and roles come from the package."""
    assert sorted(p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")) == ["benchmarks.md"]
    menu = handbook.menu(["benchmarks.md"])
    assert menu[-1] == {"关于本站": [{"关于本站": "about.md"}, "benchmarks.md"]}
