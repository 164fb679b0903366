"""The published site, built for real with ``mkdocs build --strict`` and the guanjia plugin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import REPO, copy_demo

TODAY = "2026-12-01"


def site_config(project: Path, out: Path, today: str = TODAY) -> Path:
    """A copy of the repository's mkdocs.yml pointed at ``project``, built as of ``today``."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - guanjia\n", f"  - guanjia:\n      project: {project}\n      today: '{today}'\n")
    text = text.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}").replace("site_dir: site", f"site_dir: {out}")
    config = out.parent / f"mkdocs-{out.name}.yml"
    config.write_text(text, encoding="utf-8")
    return config


def build(project: Path, out: Path, today: str = TODAY, **env: str) -> subprocess.CompletedProcess:
    config = site_config(project, out, today)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "site"
    run = build(REPO, out)
    assert run.returncode == 0, run.stderr
    return out


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_home_answers_what_is_happening(demo_site):
    home = read(demo_site, "index.html")
    assert "数据截至 2026年12月1日（北京时间）" in home
    assert "暖冬行动·旧衣捐赠" in home and "平安夜暖冬市集" in home  # upcoming
    assert "批准评估表" in home and "还有 6 天" in home  # due soon: the GM's approval of the fire drill evaluation
    assert 'data-gj-due="2026-12-07">还有 6 天<' in home and "剩余天数按这一天计算。" in home  # the browser recounts
    assert "消防演练开放日" in home  # recently held


def test_year_plan_shows_stage_and_money(demo_site):
    plan = read(demo_site, "plan/2026.html")
    assert "已取消" in plan and "已归档" in plan
    assert "6,308 元" in plan and "6,000 元" in plan  # 重阳: actual over planned
    assert "上半年公益性活动：已举办" in plan


def test_month_calendar_links_activities(demo_site):
    month = read(demo_site, "calendar/2026-03.html")
    assert 'class="gj-month"' in month and 'class="gj-month-list"' in month
    assert 'href="../activities/2026-03-12-zhishujie.html"' in month
    assert (demo_site / "activities/2026-03-12-zhishujie.html").is_file()


def test_finished_activity_page(demo_site):
    page = read(demo_site, "activities/2026-05-31-liuyi.html")
    for text in ("客户活动策划表", "HSJY04-GJ-B54", "办理过程与审批", "逾期（已说明）", "业主通知", "准备情况检查",
                 "客户活动记录表", "客户活动评估表", "部分达成", "照片"):
        assert text in page, text
    assert re.search(r'<img src="2026-05-31-liuyi/attachments/[^"]+\.png"', page)
    assert (demo_site / "activities/2026-05-31-liuyi/attachments/泡泡秀.png").is_file()


def test_cancelled_and_postponed_are_shown(demo_site):
    assert "取消" in read(demo_site, "activities/2026-dianying.html")
    juanyi = read(demo_site, "activities/2026-12-12-juanyi.html")
    assert "改期到 2026年12月19日" in juanyi and "原批准继续有效" in juanyi


def test_print_forms_carry_their_codes(demo_site):
    for code in ("b54", "b55", "b56"):
        form = read(demo_site, f"print/2026-03-12-zhishujie-{code}.html")
        assert f"HSJY04-GJ-{code.upper()}" in form and "gj-form-table" in form
    assert "关于举办" in read(demo_site, "print/2026-12-12-juanyi-notice.html")


def test_statistics_are_inline_svg(demo_site):
    stats = read(demo_site, "stats.html")
    assert stats.count("<svg") >= 4 and "每半年至少一次公益性活动" in stats


def test_search_from_files_and_what_it_lists(demo_site):
    """Material loads search/search_index.js on file://; forms are left out, activities are ranked up."""
    import json

    index = read(demo_site, "search/search_index.json")
    assert read(demo_site, "search/search_index.js") == f"var __index = {index};\n"
    docs = json.loads(index)["docs"]
    assert not [d for d in docs if d["location"].startswith("print/")]
    assert {d.get("boost") for d in docs if d["location"].startswith("activities/2026-10-18-chongyang.html")} == {5}
    assert "\u200b重阳\u200b" in next(d["title"] for d in docs if d["location"] == "activities/2026-10-18-chongyang.html")
    head = read(demo_site, "stats.html")
    assert head.index('src="assets/guanjia.js"') < head.index('src="assets/javascripts/bundle.')
    missing = read(demo_site, "404.html")
    assert "找不到这个页面" in missing and "Not found" not in missing and "<title>找不到页面" in missing


def test_nothing_is_loaded_from_another_host(demo_site):
    for page in demo_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loads = re.findall(r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*?(?:src|href)="(https?:)?//([^"/]+)',
                           html)
        assert not loads, (page, loads)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_ics_feeds_parse_and_are_stable(demo_site, tmp_path):
    again = tmp_path / "again"
    assert build(REPO, again).returncode == 0
    for name in ("activities.ics", "deadlines.ics"):
        raw = (demo_site / "calendar" / name).read_bytes()
        assert raw == (again / "calendar" / name).read_bytes(), name
        cal = Calendar.from_ical(raw)
        events = list(cal.walk("VEVENT"))
        uids = [str(ev["UID"]) for ev in events]
        assert events and len(uids) == len(set(uids))
        for line in raw.split(b"\r\n"):
            assert len(line) <= 75
            line.decode("utf-8")  # folding never splits a character
    cal = Calendar.from_ical((demo_site / "calendar/activities.ics").read_bytes())
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    events = {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}
    tree = events["2026-zhishujie@guanjia"]
    assert tree.decoded("DTSTART").isoformat() == "2026-03-12T09:00:00+08:00"
    assert str(tree["SUMMARY"]) == "春风植绿·亲子植树"
    assert tree.decoded("DTSTAMP").isoformat() == "2026-03-22T16:00:00+00:00"  # the GM's approval of its evaluation
    kuanian = events["2026-kuanian@guanjia"]
    assert kuanian.decoded("DTSTART").isoformat() == "2026-12-31" and str(kuanian["STATUS"]) == "TENTATIVE"
    assert str(events["2026-dianying@guanjia"]["STATUS"]) == "CANCELLED" if "2026-dianying@guanjia" in events else True
    juanyi = events["2026-juanyi@guanjia"]
    assert juanyi.decoded("DTSTART").date().isoformat() == "2026-12-19" and int(juanyi["SEQUENCE"]) == 1


PAYLOADS = {
    "script": "<script>alert('x')</script>",
    "img": '<img src=x onerror="alert(1)">',
    "attr_list": "植树 {: onclick=\"alert(1)\" }",
    "link": "[点我](javascript:alert(1))",
    "pipe": "桂花 | 紫薇 | 红叶石楠",
    "jinja": "{{ config.site_name }} {% raw %}",
    "long": "超长" * 200 + "Supercalifragilisticexpialidocious" * 10,
    "emoji": "🌳🎉👨‍👩‍👧",
}


def test_record_text_stays_text(tmp_path):
    project = copy_demo(tmp_path)
    path = project / "records/2026/2026-03-12-zhishujie/record.yaml"
    text = path.read_text(encoding="utf-8")
    opinions = "".join(f"    - {__import__('json').dumps(v, ensure_ascii=False)}\n" for v in PAYLOADS.values())
    text = text.replace("  opinions:\n", "  opinions:\n" + opinions, 1)
    path.write_text(text, encoding="utf-8")
    # the butler re-signs the changed record, as the procedure requires
    from guanjia.archive import build as load
    from guanjia.edit import set_signoff
    from guanjia.signing import digest

    record = load(project).years[2026].activity_for("zhishujie").record
    path.write_bytes(set_signoff(path.read_bytes(), "prepared", "liu-yang", record.prepared.date, digest(record)))
    out = tmp_path / "site"
    run = build(project, out)
    assert run.returncode == 0, run.stderr
    page = read(out, "activities/2026-03-12-zhishujie.html")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page and "<img src=x" not in page
    assert "{: onclick=&quot;alert(1)&quot; }" in page and 'onclick="alert(1)"' not in page
    assert "[点我](javascript:alert(1))" in page and 'href="javascript:' not in page
    assert "桂花 | 紫薇 | 红叶石楠" in page
    assert "{{ config.site_name }} {% raw %}" in page
    assert PAYLOADS["emoji"] in page and PAYLOADS["long"] in page


def test_a_phone_number_stops_the_build(tmp_path):
    project = copy_demo(tmp_path)
    path = project / "records/2026/2026-03-12-zhishujie/record.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "8:30 开始签到" in s)
    path.write_text(text.replace("  8:30 开始签到", "  8:30 开始签到，联系人 13912345678", 1), encoding="utf-8")
    run = build(project, tmp_path / "site")
    assert run.returncode != 0
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].find("139") + 1
    assert f"records/2026/2026-03-12-zhishujie/record.yaml:{line}:{column} GJ-P001" in run.stderr
    assert "13912345678" not in run.stderr  # the message masks it too
    assert not (tmp_path / "site" / "index.html").exists()




def test_review_cases_on_the_published_pages(tmp_path):
    """Multi-line themes stay out of SVG markup, file names are URL-encoded, month-only dates are not invented."""
    project = copy_demo(tmp_path)
    plan = project / "records/2026/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("theme: 跨年迎新音乐会", 'theme: "跨年\\n迎新音乐会"'),
                    encoding="utf-8")
    from guanjia.archive import build as load
    from guanjia.edit import set_signoff
    from guanjia.signing import digest

    archive = load(project)
    year = archive.years[2026].plan
    raw = plan.read_bytes()
    for step in ("prepared", "submitted", "approved"):
        raw = set_signoff(raw, step, getattr(year, step).by, getattr(year, step).date, digest(year))
    plan.write_bytes(raw)
    out = tmp_path / "site"
    run = build(project, out)
    assert run.returncode == 0, run.stderr
    stats = read(out, "stats.html")
    svg = stats[stats.index("<svg"):]
    assert "<br>" not in svg[: svg.index("</svg>")]
    page = read(out, "activities/2026-11-22-xiaofang.html")
    assert 'href="2026-11-22-xiaofang/attachments/%E7%81%AD' in page  # 灭火器体验.png, percent-encoded
    assert "2026年8月（日期未定）" in re.sub(r"<[^>]+>", "", read(out, "plan/2026.html"))  # may wrap before （
    assert "本月（日期未定）" in read(out, "calendar/2026-08.html")
    press = read(out, "activities/2026-03-12-zhishujie/attachments/社区公众号报道.txt.html")
    assert "春风植绿" in press and '<meta charset="utf-8">' in press


def test_text_attachments_are_scanned_for_personal_data(tmp_path):
    project = copy_demo(tmp_path)
    press = project / "records/2026/2026-11-22-xiaofang/attachments/社区公众号报道.txt"
    press.write_text(press.read_text(encoding="utf-8") + "获奖业主联系电话 0571-88886666，张先生（3栋2单元501）\n",
                     encoding="utf-8")
    from conftest import guanjia

    run = guanjia("--root", str(project), "validate", "--format", "json")
    found = [(f["code"], f["path"]) for f in run.json()["findings"] if f["code"] == "GJ-P001"]
    assert found == [("GJ-P001", "records/2026/2026-11-22-xiaofang/attachments/社区公众号报道.txt")] * 2, found


def test_staff_contact_data_is_never_published(tmp_path):
    project = copy_demo(tmp_path)
    roster = project / "records/roster.yaml"
    roster.write_text(roster.read_text(encoding="utf-8").replace(
        "    login: wangli-gj\n", "    login: wangli-gj\n    phone: 0571-86861234\n"), encoding="utf-8")
    out = tmp_path / "site"
    assert build(project, out).returncode == 0
    published = "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*")
                        if p.is_file() and p.suffix in (".html", ".ics", ".json", ".xml", ".txt"))
    assert "0571-86861234" not in published
    for line in roster.read_text(encoding="utf-8").splitlines():
        if "emails:" in line:
            for email in line.split("[", 1)[1].rstrip("]").split(","):
                assert email.strip() not in published


def test_text_attachments_are_published_as_checked(tmp_path):
    """A text attachment saved by Notepad as “Unicode” (UTF-16) is shown decoded; one saved as “ANSI” (GBK)
    could not be checked for personal data, so the site is not built at all."""
    project = copy_demo(tmp_path)
    press = project / "records/2026/2026-03-12-zhishujie/attachments/社区公众号报道.txt"
    text = press.read_text(encoding="utf-8")
    press.write_bytes(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))
    out = tmp_path / "site"
    run = build(project, out)
    assert run.returncode == 0, run.stderr
    page = read(out, "activities/2026-03-12-zhishujie/attachments/社区公众号报道.txt.html")
    assert "春风植绿" in page and "\ufeff" not in page and "\r" not in page
    press.write_bytes(text.encode("gbk"))
    out = tmp_path / "site2"
    run = build(project, out)
    assert run.returncode != 0
    assert "records/2026/2026-03-12-zhishujie/attachments/社区公众号报道.txt:1:1 GJ-P002" in run.stderr
    assert not (out / "index.html").exists()
